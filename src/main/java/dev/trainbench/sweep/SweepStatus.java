package dev.trainbench.sweep;

import dev.trainbench.runs.RunInfo;
import dev.trainbench.runs.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where each task of a sweep stands, from what can be seen: the run folders the tasks wrote into the
 * workspace (the truth once a run exists), the scheduler's queue ({@code squeue}), its accounting
 * ({@code sacct}, only where enabled) and, for the local executor, its {@code local.json}.
 *
 * @param sweep the sweep
 * @param tasks one per task, in task order
 * @param notes what the status could not see, e.g. "Slurm accounting is not available"
 */
public record SweepStatus(SweepRecord sweep, List<TaskStatus> tasks, List<String> notes) {

    public enum State {
        QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED, UNKNOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param detail what more there is to say: why it waits, the run's message, the exit code
     * @param run    the task's run (its newest, if it was run more than once), or null
     * @param log    the task's log file (what its {@code trainbench run} printed), when it exists
     */
    public record TaskStatus(int index, String label, long seed, State state, String detail, RunInfo run, Path log) {
        public String runId() {
            return run == null ? null : run.id();
        }
    }

    public SweepStatus {
        tasks = List.copyOf(tasks);
        notes = List.copyOf(notes);
    }

    /**
     * The status of {@code folder}'s sweep.
     *
     * @param runs  the workspace's runs (those of other sweeps are ignored): summaries are enough
     * @param slurm the scheduler to ask, for a Slurm sweep; null not to ask
     */
    public static SweepStatus of(SweepFolder folder, List<? extends RunInfo> runs, Slurm slurm) {
        SweepRecord s = folder.record();
        Map<Integer, RunInfo> byTask = new HashMap<>();
        runs.stream().filter(r -> s.id().equals(r.sweepId()) && r.sweepTask() != null)
                .sorted(Comparator.comparing(RunInfo::createdAt, Comparator.nullsFirst(Comparator.<String>naturalOrder())))
                .forEach(r -> byTask.put(r.sweepTask(), r));
        List<String> notes = new ArrayList<>();
        boolean isSlurm = s.executor() != null && s.executor().kind() == ExecutorSettings.Kind.SLURM;
        String jobId = s.submission() == null ? null : s.submission().jobId();
        Map<Integer, Slurm.TaskState> queue = null;
        Map<Integer, Slurm.TaskState> accounting = null;
        boolean anyWithoutRun = s.tasks().stream().anyMatch(t -> byTask.get(t.index()) == null
                || byTask.get(t.index()).status() == null);
        if (isSlurm && jobId != null && slurm != null && anyWithoutRun) {
            queue = slurm.queue(jobId);
            if (queue == null) {
                notes.add("squeue could not be asked (is this a machine of the cluster?): tasks without a run are shown as"
                        + " unknown");
            }
            accounting = slurm.accounting(jobId);
            if (accounting == null) {
                notes.add("Slurm accounting (sacct) is not available here: the state of tasks comes from squeue and the run"
                        + " folders");
            }
        }
        LocalState local = isSlurm ? null : LocalState.read(folder.localStateFile()).orElse(null);
        List<TaskStatus> out = new ArrayList<>();
        for (SweepRecord.TaskEntry t : s.tasks()) {
            RunInfo run = byTask.get(t.index());
            Path log = folder.logFile(t.index());
            Path shownLog = Files.exists(log) ? log : null;
            State state;
            String detail;
            if (run != null && run.status() != null) {
                state = fromRun(run.status(), s.cancelled());
                detail = runDetail(run);
            } else if (run != null) {
                state = State.UNKNOWN;
                detail = "its run's status is not one this TrainBench knows (written by a newer one?)";
            } else if (isSlurm) {
                String[] sd = fromScheduler(t.index(), s, jobId, queue, accounting);
                state = State.valueOf(sd[0]);
                detail = sd[1];
            } else {
                String[] sd = fromLocal(t.index(), s, local);
                state = State.valueOf(sd[0]);
                detail = sd[1];
            }
            out.add(new TaskStatus(t.index(), t.label(), t.seed(), state, detail, run, shownLog));
        }
        return new SweepStatus(s, out, notes);
    }

    /** Tasks per state, every state present (zero when none). */
    public Map<State, Integer> counts() {
        Map<State, Integer> c = new EnumMap<>(State.class);
        for (State st : State.values()) {
            c.put(st, 0);
        }
        tasks.forEach(t -> c.merge(t.state(), 1, Integer::sum));
        return c;
    }

    /** True when no task is queued or running (every one has ended one way or another). */
    public boolean ended() {
        return tasks.stream().noneMatch(t -> t.state() == State.QUEUED || t.state() == State.RUNNING);
    }

    /** True when every task completed. */
    public boolean allCompleted() {
        return tasks.stream().allMatch(t -> t.state() == State.COMPLETED);
    }

    /** "2 completed, 1 running, 1 queued" (states with no task left out). */
    public String summary() {
        List<String> parts = new ArrayList<>();
        counts().forEach((st, n) -> {
            if (n > 0) {
                parts.add(n + " " + st.label());
            }
        });
        return String.join(", ", parts);
    }

    private static State fromRun(RunStatus status, boolean cancelled) {
        return switch (status) {
            case COMPLETED, EARLY_STOPPED -> State.COMPLETED;
            case QUEUED, RUNNING, PAUSED -> State.RUNNING;
            case STOPPED -> cancelled ? State.CANCELLED : State.FAILED;
            case FAILED, DIVERGED, INTERRUPTED -> State.FAILED;
        };
    }

    private static String runDetail(RunInfo r) {
        String epochs = r.epochsCompleted() == null ? "" : r.epochsCompleted() + (r.plannedEpochs() != null
                ? "/" + r.plannedEpochs() : "") + " epochs";
        String best = r.bestValidationAccuracy() != null
                ? String.format(Locale.ROOT, "best val acc %.2f%%", 100 * r.bestValidationAccuracy())
                : r.bestValidationLoss() != null ? String.format(Locale.ROOT, "best val loss %.4f", r.bestValidationLoss()) : "";
        List<String> parts = new ArrayList<>();
        parts.add(r.status().label());
        if (!epochs.isEmpty()) {
            parts.add(epochs);
        }
        if (!best.isEmpty()) {
            parts.add(best);
        }
        if (r.message() != null && !r.message().isBlank() && r.status() != RunStatus.COMPLETED) {
            parts.add(r.message().lines().findFirst().orElse(""));
        }
        return String.join(", ", parts);
    }

    private static String[] fromScheduler(int index, SweepRecord s, String jobId, Map<Integer, Slurm.TaskState> queue,
                                          Map<Integer, Slurm.TaskState> accounting) {
        if (jobId == null) {
            return s.cancelled() ? new String[] {"CANCELLED", "cancelled before it was submitted"}
                    : new String[] {"UNKNOWN", "not submitted (sbatch refused it, or the submission was interrupted)"};
        }
        Slurm.TaskState q = queue == null ? null : queue.get(index);
        if (q != null && q.pending()) {
            return new String[] {"QUEUED", "pending" + (q.detail().isBlank() || q.detail().equals("None") ? "" : " (" + q.detail() + ")")};
        }
        if (q != null && q.active()) {
            return new String[] {"RUNNING", "starting on a node (no run folder yet)"};
        }
        Slurm.TaskState a = accounting == null ? null : accounting.get(index);
        if (a == null && q != null) {
            a = q; // just ended; the controller still shows it
        }
        if (a != null) {
            if (a.pending()) {
                return new String[] {"QUEUED", "pending"};
            }
            if (a.active()) {
                return new String[] {"RUNNING", "starting on a node (no run folder yet)"};
            }
            if (a.state().startsWith("CANCELLED")) {
                return new String[] {"CANCELLED", "cancelled before its run started"};
            }
            return new String[] {"FAILED", "Slurm says " + a.state() + (a.detail().isBlank() ? "" : " (" + a.detail() + ")")
                    + " and it wrote no run"};
        }
        if (queue == null) {
            return new String[] {"UNKNOWN", "no run yet, and squeue cannot be asked"};
        }
        if (s.cancelled()) {
            return new String[] {"CANCELLED", "cancelled before its run started"};
        }
        return new String[] {"FAILED", "ended without writing a run (bad spec or data on the node, or killed before it"
                + " started)"};
    }

    private static String[] fromLocal(int index, SweepRecord s, LocalState local) {
        if (local == null || index >= local.tasks().size()) {
            return s.cancelled() ? new String[] {"CANCELLED", "cancelled before it started"}
                    : new String[] {"QUEUED", "not started"};
        }
        LocalState.Task t = local.tasks().get(index);
        boolean driver = local.driverAlive();
        return switch (t.state() == null ? LocalState.State.QUEUED : t.state()) {
            case QUEUED -> driver ? new String[] {"QUEUED", "waiting for a free slot"}
                    : new String[] {"CANCELLED", "not run: the process driving the sweep ended before it"};
            case RUNNING -> LocalState.alive(t.pid(), t.pidStart())
                    ? new String[] {"RUNNING", "starting (process " + t.pid() + ", no run folder yet)"}
                    : new String[] {"FAILED", "its process ended without writing a run"};
            case EXITED -> new String[] {"FAILED", "exited with status " + t.exitCode() + " before writing a run"
                    + (t.exitCode() != null && t.exitCode() == 2 ? " (bad input: see its log)" : "")};
            case CANCELLED -> new String[] {"CANCELLED", "cancelled before it started"};
        };
    }

    /** The tasks that failed, with their logs: what to read first. */
    public List<TaskStatus> failed() {
        return tasks.stream().filter(t -> t.state() == State.FAILED).toList();
    }

    /** The runs the sweep has written so far, in task order. */
    public List<RunInfo> runs() {
        return tasks.stream().map(TaskStatus::run).filter(java.util.Objects::nonNull).toList();
    }

    static Optional<TaskStatus> find(List<TaskStatus> tasks, int index) {
        return tasks.stream().filter(t -> t.index() == index).findFirst();
    }
}
