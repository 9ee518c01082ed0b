package dev.trainbench.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The sweeps of a workspace: folders under {@code <workspace>/sweeps/}. */
public final class Sweeps {
    private static final Pattern ID = Pattern.compile("s-[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path workspace;
    private final Path dir;

    public Sweeps(Path workspace) {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.dir = this.workspace.resolve("sweeps");
    }

    public Path workspace() {
        return workspace;
    }

    public Path dir() {
        return dir;
    }

    /** Writes the folder of a planned sweep (specs, sweep.json); nothing is submitted yet. */
    public SweepFolder create(SweepPlan plan, ExecutorSettings executor, Path baseDir, Path specFile, String createdBy) {
        return SweepFolder.create(folder(plan.id()), plan, executor, workspace, baseDir, specFile, createdBy);
    }

    public Path folder(String id) {
        if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
            throw new SweepException("'" + id + "' is not a sweep id (they look like s-20260101-120000-name-1a2b)");
        }
        return dir.resolve(id);
    }

    /** Every readable sweep, newest first; unreadable ones are left out (see {@link #find} for the reason). */
    public List<SweepFolder> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<SweepFolder> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                if (Files.exists(d.resolve(SweepFolder.FILE))) {
                    try {
                        out.add(SweepFolder.read(d));
                    } catch (SweepException e) {
                        // unreadable: find() names it
                    }
                }
            }
        } catch (IOException e) {
            throw new SweepException("cannot list sweeps in " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing((SweepFolder f) -> f.record().createdAt(), Comparator.nullsLast(Comparator.naturalOrder()))
                .reversed());
        return out;
    }

    /** A sweep by its id or a unique prefix of it ({@code s-2026...}), or by its name when that is unique. */
    public SweepFolder find(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new SweepException("no sweep given; 'trainbench sweep list' shows the sweeps");
        }
        if (ID.matcher(ref).matches() && Files.exists(dir.resolve(ref).resolve(SweepFolder.FILE))) {
            return SweepFolder.read(dir.resolve(ref));
        }
        List<SweepFolder> all = list();
        List<SweepFolder> matches = all.stream().filter(f -> f.id().startsWith(ref)).toList();
        if (matches.isEmpty()) {
            matches = all.stream().filter(f -> ref.equals(f.record().name())).toList();
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new SweepException("no sweep matches '" + ref + "' in " + dir + "; 'trainbench sweep list' shows the sweeps");
        }
        throw new SweepException("'" + ref + "' matches " + matches.size() + " sweeps (" + String.join(", ",
                matches.stream().limit(5).map(SweepFolder::id).toList()) + "); give more of the id");
    }
}
