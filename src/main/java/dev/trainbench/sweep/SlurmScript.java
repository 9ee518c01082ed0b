package dev.trainbench.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The job-array script of a sweep ({@code job.sh} in its folder): one array task per sweep task,
 * each an ordinary {@code trainbench run} of the task's spec into the sweep's workspace, with the
 * Java command of the installation that made the sweep. Paths are absolute, so the workspace and
 * the installation must be at the same paths on the nodes (shared storage).
 */
public final class SlurmScript {
    private SlurmScript() {
    }

    /** The script text for {@code folder} (its record holds the tasks and the executor settings). */
    public static String of(SweepFolder folder) {
        return of(folder.record(), folder.dir());
    }

    /** The script for a sweep whose folder is (or will be) {@code folderDir}: the preview before submission. */
    public static String of(SweepRecord r, Path folderDir) {
        ExecutorSettings e = r.executor();
        SlurmOptions o = e.slurm() == null ? SlurmOptions.none() : e.slurm();
        int n = r.tasks().size();
        String dir = folderDir.toAbsolutePath().toString();
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("# TrainBench sweep " + r.id() + " (" + oneLine(r.name()) + "): " + n + (n == 1 ? " run" : " runs")
                + ", one array task each.");
        lines.add("# Each task trains specs/task-NNN.json with 'trainbench run' into the workspace " + oneLine(r.workspace()) + ";");
        lines.add("# 'trainbench sweep status " + r.id() + "' shows how far it got. Submitted with: sbatch --parsable " + SweepFolder.SCRIPT);
        lines.add("#SBATCH --job-name=" + jobName(r.name()));
        lines.add("#SBATCH --array=0-" + (n - 1) + (o.maxParallel() == null ? "" : "%" + o.maxParallel()));
        lines.add("#SBATCH --output=" + directiveValue(dir.replace("%", "%%") + "/logs/task-%a.log"));
        if (o.partition() != null) {
            lines.add("#SBATCH --partition=" + o.partition());
        }
        if (o.time() != null) {
            lines.add("#SBATCH --time=" + o.time());
        }
        if (o.cpusPerTask() != null) {
            lines.add("#SBATCH --cpus-per-task=" + o.cpusPerTask());
        }
        if (o.mem() != null) {
            lines.add("#SBATCH --mem=" + o.mem());
        }
        if (o.gres() != null) {
            lines.add("#SBATCH --gres=" + o.gres());
        }
        for (String extra : o.extra()) {
            lines.add("#SBATCH " + extra);
        }
        lines.add("set -eu");
        lines.add("task=\"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: each of its array tasks trains one run}\"");
        lines.add("spec=\"$(printf '%s/specs/task-%03d.json' " + quote(dir) + " \"$task\")\"");
        lines.add("echo \"trainbench sweep " + r.id() + " task $task on $(hostname) at $(date -Is)\"");
        List<String> args = TaskCommand.args("\"$spec\"", quote(r.workspace()), r.id(), "\"$task\"", threads(e), e.device());
        StringBuilder cmd = new StringBuilder("exec");
        for (String a : e.command()) {
            cmd.append(' ').append(quote(a));
        }
        for (String a : args) {
            cmd.append(' ').append(a.startsWith("\"$") || a.startsWith("'") ? a : quote(a));
        }
        lines.add(cmd.toString());
        return String.join("\n", lines) + "\n";
    }

    /** libtorch threads per task: the CPUs Slurm gives each task (one unless --cpus-per-task says more). */
    static int threads(ExecutorSettings e) {
        if (e.threads() != null) {
            return e.threads();
        }
        return e.slurm() != null && e.slurm().cpusPerTask() != null ? e.slurm().cpusPerTask() : 1;
    }

    /**
     * A value on a {@code #SBATCH} line: sbatch reads double quotes there, not the shell's single
     * quotes (a path with a space would otherwise end the directive).
     */
    static String directiveValue(String v) {
        if (v.matches("[A-Za-z0-9_./:=+,@%-]+")) {
            return v;
        }
        if (v.contains("\"") || v.chars().anyMatch(c -> c < 0x20)) {
            throw new SweepException("the path " + v + " holds a double quote or a control character, which a #SBATCH line"
                    + " cannot hold; use a workspace whose path has neither");
        }
        return "\"" + v + "\"";
    }

    /** A shell word: single-quoted unless plainly safe. */
    static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./:=+,@%-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    static String jobName(String name) {
        String slug = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40);
        }
        return "trainbench-" + (slug.isEmpty() ? "sweep" : slug);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
    }
}
