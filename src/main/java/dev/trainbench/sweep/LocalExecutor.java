package dev.trainbench.sweep;

import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sweep's tasks on this machine as {@code trainbench run} processes (the same command a
 * Slurm task runs), one after another or {@code parallel} at a time, each with its share of the
 * cores as libtorch threads and its output in the task's log. A process per run keeps a crash or
 * an out-of-memory in one run from taking the others down, and makes the runs' numbers the same as
 * on a cluster.
 *
 * <p>{@link #cancel()} (or a cancellation recorded in sweep.json by {@code sweep cancel} from
 * another terminal) starts nothing more and stops the running processes with SIGTERM, which saves
 * their runs as stopped; runs already written stay.
 */
public final class LocalExecutor {

    /** What happens, for a progress display; called on the executor's thread. */
    public interface Listener {
        void started(int task, long pid);

        void ended(int task, int exitCode);

        static Listener none() {
            return new Listener() {
                @Override
                public void started(int task, long pid) {
                }

                @Override
                public void ended(int task, int exitCode) {
                }
            };
        }
    }

    private static final long GRACE_SECONDS = 30;

    private final SweepFolder folder;
    private final int parallel;
    private final Listener listener;
    private final Map<Integer, Process> running = new LinkedHashMap<>();
    private final LocalState.Task[] tasks;
    private final LinkedBlockingQueue<Integer> exits = new LinkedBlockingQueue<>();
    private volatile boolean cancelled;
    private boolean stopping;
    private final String startedAt = Instant.now().toString();
    private volatile String endedAt;

    public LocalExecutor(SweepFolder folder, Listener listener) {
        this.folder = folder;
        ExecutorSettings e = folder.record().executor();
        this.parallel = e.parallel() == null ? 1 : Math.max(1, e.parallel());
        this.listener = listener;
        this.tasks = new LocalState.Task[folder.record().tasks().size()];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = new LocalState.Task(i, LocalState.State.QUEUED, null, null, null);
        }
    }

    /** libtorch threads per run: the cores divided between the runs that train at once. */
    public static int threadsFor(int parallel) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, parallel));
    }

    /**
     * Runs every task and returns when all have ended (or, after a cancellation, when the running
     * ones have stopped). Records the submission (this process) in sweep.json first.
     *
     * @return the tasks' exit codes, by index (null: never started)
     */
    public Integer[] run() throws InterruptedException {
        folder.recordSubmission(new SweepRecord.Submission(null, startedAt, host(), ProcessHandle.current().pid()));
        writeState();
        int next = 0;
        long lastCheck = 0;
        try {
            while (next < tasks.length || !running.isEmpty()) {
                if (!cancelled && System.nanoTime() - lastCheck > 500_000_000L) {
                    lastCheck = System.nanoTime();
                    cancelled = folder.refresh().cancelled();
                }
                if (cancelled && !stopping) {
                    stopping = true;
                    stopAll();
                    for (int i = next; i < tasks.length; i++) {
                        tasks[i] = new LocalState.Task(i, LocalState.State.CANCELLED, null, null, null);
                    }
                    next = tasks.length;
                    writeState();
                }
                while (!cancelled && running.size() < parallel && next < tasks.length) {
                    // read sweep.json again before every start, not only every half second: `sweep cancel`
                    // records the cancellation before it stops the running task, and that task can exit
                    // (and free its slot) well within the half second, which started the next task
                    if (folder.refresh().cancelled()) {
                        cancelled = true;
                        break;
                    }
                    start(next++);
                }
                Integer done = exits.poll(200, TimeUnit.MILLISECONDS);
                while (done != null) {
                    Process p = running.remove(done);
                    int code = p.exitValue();
                    tasks[done] = new LocalState.Task(done, LocalState.State.EXITED, tasks[done].pid(), tasks[done].pidStart(), code);
                    writeState();
                    listener.ended(done, code);
                    done = exits.poll();
                }
            }
        } finally {
            if (!running.isEmpty()) {
                // interrupted: leave no orphan training
                stopAll();
            }
            endedAt = Instant.now().toString();
            writeState();
        }
        Integer[] codes = new Integer[tasks.length];
        for (int i = 0; i < tasks.length; i++) {
            codes[i] = tasks[i].exitCode();
        }
        return codes;
    }

    /** Starts nothing more and stops the running processes (from any thread). */
    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    private void start(int index) {
        ExecutorSettings e = folder.record().executor();
        int threads = e.threads() == null ? threadsFor(parallel) : e.threads();
        List<String> command = new ArrayList<>(e.command());
        command.addAll(TaskCommand.args(folder.specFile(index).toString(), folder.record().workspace(), folder.id(),
                Integer.toString(index), threads, e.device()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.logFile(index).toFile());
        try {
            java.nio.file.Files.createDirectories(folder.logFile(index).getParent());
            Process p = pb.start();
            running.put(index, p);
            String start = p.info().startInstant().map(Instant::toString).orElse(null);
            tasks[index] = new LocalState.Task(index, LocalState.State.RUNNING, p.pid(), start, null);
            writeState();
            listener.started(index, p.pid());
            p.onExit().thenRun(() -> exits.add(index));
        } catch (IOException ex) {
            // e.g. the Java binary is gone: the task ends at once, its log says why
            try {
                java.nio.file.Files.writeString(folder.logFile(index), "cannot start " + command.get(0) + ": " + ex.getMessage() + "\n");
            } catch (IOException ignored) {
                // the state below still records the failure
            }
            tasks[index] = new LocalState.Task(index, LocalState.State.EXITED, null, null, 127);
            writeState();
            listener.ended(index, 127);
        }
    }

    /** SIGTERM to every running task (each saves its run as stopped), then waits; SIGKILL after the grace time. */
    private void stopAll() throws InterruptedException {
        running.values().forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        for (Map.Entry<Integer, Process> entry : new ArrayList<>(running.entrySet())) {
            Process p = entry.getValue();
            long left = deadline - System.nanoTime();
            if (!p.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private synchronized void writeState() {
        ProcessHandle self = ProcessHandle.current();
        LocalState state = new LocalState(LocalState.FORMAT_VERSION, host(), self.pid(),
                self.info().startInstant().map(Instant::toString).orElse(null), startedAt, endedAt, List.of(tasks));
        try {
            folder.writeFile(SweepFolder.LOCAL_STATE, SpecJson.mapper().writeValueAsString(state));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
