package dev.trainbench.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm's commands as TrainBench uses them: {@code sbatch} to submit a job array, {@code squeue}
 * for the tasks still queued or running, {@code sacct} for how ended tasks ended (only where
 * accounting is enabled: status never depends on it), {@code scancel} to cancel.
 */
public final class Slurm {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern JOB_ID = Pattern.compile("\\d+");

    private final CommandRunner runner;

    public Slurm(CommandRunner runner) {
        this.runner = runner;
    }

    public static Slurm system() {
        return new Slurm(CommandRunner.system());
    }

    /**
     * A task's state as the scheduler knows it.
     *
     * @param state  Slurm's state word, e.g. {@code PENDING}, {@code RUNNING}, {@code COMPLETED}, {@code FAILED}
     * @param detail the reason a task waits ({@code Resources}, {@code JobArrayTaskLimit}), or an exit code
     */
    public record TaskState(String state, String detail) {
        public boolean pending() {
            return state.startsWith("PENDING") || state.equals("REQUEUED") || state.equals("SUSPENDED");
        }

        public boolean active() {
            return state.startsWith("RUNNING") || state.startsWith("CONFIGURING") || state.startsWith("COMPLETING");
        }
    }

    /**
     * Submits the script; returns the job id.
     *
     * @throws SweepException with sbatch's own message when it refuses (no such partition, a
     *                        limit), or when sbatch is not installed
     */
    public String submit(Path script) {
        CommandRunner.Result r = call(List.of("sbatch", "--parsable", script.toAbsolutePath().toString()), script.getParent(),
                "submit the sweep");
        if (!r.ok()) {
            throw new SweepException("sbatch refused the job array: " + r.firstErrorLine() + " (the script is "
                    + script.toAbsolutePath() + "; fix the option it names, e.g. --partition or --time)");
        }
        String first = r.out().strip().lines().findFirst().orElse("");
        String id = first.split(";", 2)[0].strip();
        if (!JOB_ID.matcher(id).matches()) {
            throw new SweepException("sbatch answered '" + first + "' instead of a job id; the job may or may not be queued:"
                    + " check with squeue");
        }
        return id;
    }

    /**
     * The array's tasks still known to the controller (queued, running, just ended), by task index;
     * null when {@code squeue} cannot be asked (not installed, controller unreachable).
     */
    public Map<Integer, TaskState> queue(String jobId) {
        CommandRunner.Result r;
        try {
            r = runner.run(List.of("squeue", "-h", "-r", "-j", jobId, "-o", "%i|%T|%r"), null, TIMEOUT);
        } catch (IOException e) {
            return null;
        }
        Map<Integer, TaskState> out = new LinkedHashMap<>();
        if (!r.ok()) {
            // an array that has ended and been purged from the controller: no task is queued or running
            return r.err().toLowerCase(Locale.ROOT).contains("invalid job id") ? out : null;
        }
        for (String line : r.out().lines().toList()) {
            String[] f = line.strip().split("\\|", 3);
            if (f.length < 2) {
                continue;
            }
            for (int task : taskIndexes(f[0], jobId)) {
                out.put(task, new TaskState(f[1].strip(), f.length > 2 ? f[2].strip() : ""));
            }
        }
        return out;
    }

    /**
     * How the array's tasks ended, from accounting; null when accounting is not available (it is
     * disabled on many small clusters: status then comes from squeue and the run folders alone).
     */
    public Map<Integer, TaskState> accounting(String jobId) {
        CommandRunner.Result r;
        try {
            r = runner.run(List.of("sacct", "-n", "-P", "-X", "-j", jobId, "-o", "JobID,State,ExitCode"), null, TIMEOUT);
        } catch (IOException e) {
            return null;
        }
        if (!r.ok() || r.err().toLowerCase(Locale.ROOT).contains("disabled")) {
            return null;
        }
        Map<Integer, TaskState> out = new LinkedHashMap<>();
        for (String line : r.out().lines().toList()) {
            String[] f = line.strip().split("\\|", 3);
            if (f.length < 2) {
                continue;
            }
            String state = f[1].strip().split(" ", 2)[0];
            for (int task : taskIndexes(f[0], jobId)) {
                out.put(task, new TaskState(state, f.length > 2 ? "exit " + f[2].strip() : ""));
            }
        }
        return out;
    }

    /** Cancels the whole array (queued tasks never start; running ones get SIGTERM and save their run as stopped). */
    public void cancel(String jobId) {
        CommandRunner.Result r = call(List.of("scancel", jobId), null, "cancel the sweep");
        if (!r.ok()) {
            throw new SweepException("scancel " + jobId + " failed: " + r.firstErrorLine());
        }
    }

    /** The cluster's MaxArraySize (array indexes must stay below it), or null when it cannot be read. */
    public Integer maxArraySize() {
        try {
            CommandRunner.Result r = runner.run(List.of("scontrol", "show", "config"), null, TIMEOUT);
            if (!r.ok()) {
                return null;
            }
            Matcher m = Pattern.compile("(?m)^MaxArraySize\\s*=\\s*(\\d+)").matcher(r.out());
            return m.find() ? Integer.valueOf(m.group(1)) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private CommandRunner.Result call(List<String> command, Path dir, String what) {
        try {
            return runner.run(command, dir, TIMEOUT);
        } catch (IOException e) {
            throw new SweepException("cannot run " + command.get(0) + " to " + what + " (" + e.getMessage() + "); is Slurm"
                    + " installed here and on the PATH? Submit from a machine of the cluster (a login node), or use"
                    + " --executor local", e);
        }
    }

    /** Task indexes in a job id column: {@code 123_4}, or a pending range {@code 123_[5-9%2]} / {@code 123_[1,3]}. */
    static List<Integer> taskIndexes(String id, String jobId) {
        String s = id.strip();
        if (!s.startsWith(jobId + "_")) {
            return List.of();
        }
        String rest = s.substring(jobId.length() + 1);
        if (rest.matches("\\d+")) {
            return List.of(Integer.parseInt(rest));
        }
        if (rest.startsWith("[") && rest.endsWith("]")) {
            String body = rest.substring(1, rest.length() - 1).split("%", 2)[0];
            java.util.List<Integer> out = new java.util.ArrayList<>();
            for (String part : body.split(",")) {
                String[] ab = part.split("-", 2);
                try {
                    int a = Integer.parseInt(ab[0].strip());
                    int b = ab.length > 1 ? Integer.parseInt(ab[1].strip()) : a;
                    for (int i = a; i <= b && out.size() < 100_000; i++) {
                        out.add(i);
                    }
                } catch (NumberFormatException e) {
                    // not a task list: ignore
                }
            }
            return out;
        }
        return List.of();
    }
}
