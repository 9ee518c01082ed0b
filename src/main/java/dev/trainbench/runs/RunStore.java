package dev.trainbench.runs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The workspace: a folder of run folders under {@code runs/}. Never writes outside it: run ids are
 * checked against a strict pattern before they become paths.
 */
public final class RunStore {
    public static final String RECORD_FILE = "run.json";
    public static final String METRICS_FILE = "metrics.csv";
    public static final String EPOCHS_FILE = "epochs.csv";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    /** Lenient on read (runs from a newer TrainBench stay readable); the same output as SpecJson. */
    private static final ObjectMapper READER = SpecJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private final Path workspace;
    private final Path runsDir;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    public RunStore(Path workspace) {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.runsDir = this.workspace.resolve("runs");
    }

    /**
     * {@code -Dtrainbench.workspace}, else {@code $TRAINBENCH_WORKSPACE}, else
     * {@code ~/TrainBench}.
     */
    public static Path defaultWorkspace() {
        String prop = System.getProperty("trainbench.workspace");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("TRAINBENCH_WORKSPACE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), "TrainBench");
    }

    public Path workspace() {
        return workspace;
    }

    /** Creates the folder of a new run and holds it open for writing. */
    public RunFolder create(ExperimentSpec spec, String parentId, RunRecord initial) {
        String id = newId(spec.name());
        Path dir = runsDir.resolve(id);
        try {
            Files.createDirectories(dir);
            RunRecord record = initial.toBuilder().id(id).parentId(parentId).build();
            return new RunFolder(this, dir, record);
        } catch (IOException e) {
            throw new RunStoreException("cannot create run folder " + dir + ": " + e.getMessage()
                    + "; check that the workspace is writable or choose another with --workspace", e);
        }
    }

    /**
     * Every readable run, newest first; runs whose process died are marked interrupted. Finished
     * runs come from the workspace's index where their run.json has not changed since it was
     * indexed ({@link RunIndex}); the rest are read and the index brought up to date.
     */
    public List<RunRecord> list() {
        problems.clear();
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        Map<String, RunIndex.Entry> indexed = RunIndex.read(workspace);
        Map<String, RunIndex.Entry> current = new HashMap<>();
        List<RunRecord> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path dir : dirs.toList()) {
                String folder = dir.getFileName().toString();
                Path file = dir.resolve(RECORD_FILE);
                RunIndex.Stamp stamp;
                try {
                    stamp = RunIndex.Stamp.of(file);
                } catch (IOException noRecord) {
                    continue; // not a run folder, or one being created
                }
                RunIndex.Entry entry = indexed.get(folder);
                if (entry != null && entry.stamp().equals(stamp)) {
                    out.add(entry.record());
                    current.put(folder, entry);
                    continue;
                }
                try {
                    RunRecord record = loadDir(dir);
                    out.add(record);
                    if (record.status() == null || !record.status().isActive()) {
                        // stamped before the read: a rewrite since (this read marking it interrupted, say)
                        // has another stamp, so the next list reads it again rather than keep a stale one
                        current.put(folder, new RunIndex.Entry(stamp, record));
                    }
                } catch (RunStoreException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new RunStoreException("cannot list runs in " + runsDir + ": " + e.getMessage(), e);
        }
        if (RunIndex.differs(indexed, current)) {
            RunIndex.write(workspace, current);
        }
        out.sort(Comparator.comparing(RunRecord::createdAt, Comparator.nullsLast(Comparator.naturalOrder())).reversed()
                .thenComparing(RunRecord::id, Comparator.reverseOrder()));
        return out;
    }

    /** What {@link #list()} could not read (a damaged run.json, say), one message each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public RunRecord load(String id) {
        Path dir = dir(id);
        if (!Files.exists(dir.resolve(RECORD_FILE))) {
            throw new RunStoreException("no run '" + id + "' in " + runsDir + "; 'trainbench list' shows the runs there");
        }
        return loadDir(dir);
    }

    /** Finds a run by its full id or a unique prefix of it, or by name when that is unique. */
    public RunRecord find(String idOrPrefix) {
        if (idOrPrefix == null || idOrPrefix.isBlank()) {
            throw new RunStoreException("no run id given; 'trainbench list' shows the runs");
        }
        if (ID.matcher(idOrPrefix).matches() && Files.exists(runsDir.resolve(idOrPrefix).resolve(RECORD_FILE))) {
            return load(idOrPrefix);
        }
        List<RunRecord> all = list();
        List<RunRecord> matches = all.stream().filter(r -> r.id().startsWith(idOrPrefix)).toList();
        if (matches.isEmpty()) {
            matches = all.stream().filter(r -> idOrPrefix.equals(r.name())).toList();
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new RunStoreException("no run matches '" + idOrPrefix + "' in " + runsDir + "; 'trainbench list' shows the runs");
        }
        throw new RunStoreException("'" + idOrPrefix + "' matches " + matches.size() + " runs ("
                + String.join(", ", matches.stream().limit(5).map(RunRecord::id).toList()) + "); give more of the id");
    }

    public Path dir(String id) {
        if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
            throw new RunStoreException("'" + id + "' is not a run id");
        }
        return runsDir.resolve(id);
    }

    public MetricsTable readSteps(String id) {
        return readTable(id, METRICS_FILE);
    }

    public MetricsTable readEpochs(String id) {
        return readTable(id, EPOCHS_FILE);
    }

    public void delete(String id) {
        Path dir = dir(id);
        if (isLive(dir)) {
            throw new RunStoreException("run " + id + " is training; stop it before deleting it");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new RunStoreException("cannot delete run " + id + ": " + e.getMessage(), e);
        }
    }

    public RunRecord rename(String id, String newName) {
        if (newName == null || newName.isBlank()) {
            throw new RunStoreException("a run name cannot be empty");
        }
        return change(id, load(id).toBuilder().name(newName.strip()).build());
    }

    public RunRecord setNotes(String id, String notes) {
        return change(id, load(id).toBuilder().notes(notes).build());
    }

    public RunRecord setTags(String id, List<String> tags) {
        return change(id, load(id).toBuilder().tags(tags).build());
    }

    /** Replaces a finished run's record (e.g. after the final test). */
    public RunRecord update(RunRecord record) {
        return change(record.id(), record);
    }

    private RunRecord change(String id, RunRecord record) {
        if (isLive(dir(id))) {
            // The trainer rewrites run.json after every epoch from its own copy and would undo this.
            throw new RunStoreException("run " + id + " is training; rename it or edit its notes and tags once it has"
                    + " ended");
        }
        try {
            writeRecord(dir(id), record);
            return record;
        } catch (IOException e) {
            throw new RunStoreException("cannot update run " + id + ": " + e.getMessage(), e);
        }
    }

    void writeRecord(Path dir, RunRecord record) throws IOException {
        RunFiles.writeAtomically(dir.resolve(RECORD_FILE), out -> SpecJson.mapper().writeValue(out, record));
    }

    private RunRecord loadDir(Path dir) {
        RunRecord record;
        try {
            record = READER.readValue(dir.resolve(RECORD_FILE).toFile(), RunRecord.class);
        } catch (IOException e) {
            throw new RunStoreException("run " + dir.getFileName() + ": run.json is unreadable (" + e.getMessage()
                    .lines().findFirst().orElse("") + ")", e);
        }
        if (record.status() != null && record.status().isActive() && !isLive(dir)) {
            record = markInterrupted(dir, record);
        }
        return record;
    }

    /**
     * Marks a run whose process is gone as interrupted, holding its lock while it reads run.json
     * again and rewrites it: the process may have written its last record (completed) and ended
     * between the first read and the lock check, and that record must not be overwritten with the
     * stale one (seen with sweeps: a status poll marked a run that had just completed interrupted).
     */
    private RunRecord markInterrupted(Path dir, RunRecord stale) {
        Path lockFile = dir.resolve(RunFolder.LOCK_FILE);
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) {
                return stale; // a process holds it again: live
            }
            RunRecord record = READER.readValue(dir.resolve(RECORD_FILE).toFile(), RunRecord.class);
            if (record.status() == null || !record.status().isActive()) {
                return record;
            }
            record = record.withStatus(RunStatus.INTERRUPTED,
                    "the process training this run ended before it finished; metrics up to the last flush are kept");
            writeRecord(dir, record);
            return record;
        } catch (OverlappingFileLockException e) {
            return stale;
        } catch (IOException e) {
            problems.add("cannot mark run " + stale.id() + " interrupted: " + e.getMessage());
            return stale;
        }
    }

    /** True while some process (this one included) holds the run's lock. */
    static boolean isLive(Path dir) {
        if (RunFolder.OPEN.contains(dir.toAbsolutePath().normalize())) {
            return true;
        }
        Path lockFile = dir.resolve(RunFolder.LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private MetricsTable readTable(String id, String file) {
        try {
            return MetricsTable.read(dir(id).resolve(file));
        } catch (IOException e) {
            throw new RunStoreException("cannot read " + file + " of run " + id + ": " + e.getMessage(), e);
        }
    }

    private static String newId(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40);
        }
        String rand = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        return LocalDateTime.now().format(ID_TIME) + "-" + (slug.isEmpty() ? "run" : slug) + "-" + rand;
    }
}
