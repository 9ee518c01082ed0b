package dev.trainbench.ui.sweep;

import dev.trainbench.sweep.ExecutorSettings;
import dev.trainbench.sweep.LocalExecutor;
import dev.trainbench.sweep.Slurm;
import dev.trainbench.sweep.SweepCancel;
import dev.trainbench.sweep.SweepFolder;
import dev.trainbench.sweep.SweepSetup;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sweeps this window started: it writes and submits them (Slurm), or drives their task
 * processes (local, on a thread of its own: each run trains in its own {@code trainbench run}
 * process, never on the UI thread nor on the trainer service), and cancels them. A local sweep
 * still running when the window closes is cancelled: its running tasks save their runs as stopped.
 */
public final class SweepRunner implements AutoCloseable {
    private final Map<String, LocalExecutor> local = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final Slurm slurm;
    private final Runnable onTaskEnded;

    /**
     * @param slurm       the scheduler's commands
     * @param onTaskEnded called (on the executor's thread) whenever a local task ends, so the Runs view can refresh
     */
    public SweepRunner(Slurm slurm, Runnable onTaskEnded) {
        this.slurm = slurm;
        this.onTaskEnded = onTaskEnded;
    }

    /** Writes the sweep folder and starts it; call off the UI thread (sbatch may take a moment). */
    public SweepFolder start(SweepSetup setup) {
        SweepFolder folder = setup.write();
        if (setup.executor().kind() == ExecutorSettings.Kind.SLURM) {
            SweepSetup.submit(folder, slurm);
            return folder;
        }
        LocalExecutor executor = new LocalExecutor(folder, new LocalExecutor.Listener() {
            @Override
            public void started(int task, long pid) {
                onTaskEnded.run();
            }

            @Override
            public void ended(int task, int exitCode) {
                onTaskEnded.run();
            }
        });
        local.put(folder.id(), executor);
        Thread t = new Thread(() -> {
            try {
                executor.run();
                if (executor.cancelled()) {
                    folder.markCancelled();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                local.remove(folder.id());
                threads.remove(folder.id());
                onTaskEnded.run();
            }
        }, "trainbench-sweep-" + folder.id());
        t.setDaemon(true);
        threads.put(folder.id(), t);
        t.start();
        return folder;
    }

    /** The scheduler's commands this runner uses (also for the status of the sweeps it shows). */
    public Slurm slurm() {
        return slurm;
    }

    /** True while this window drives the local sweep {@code id}. */
    public boolean running(String id) {
        return local.containsKey(id);
    }

    /** Cancels a sweep (any executor; call off the UI thread): what was done, one line each. */
    public List<String> cancel(SweepFolder folder) {
        LocalExecutor e = local.get(folder.id());
        if (e != null) {
            e.cancel();
        }
        return SweepCancel.cancel(folder, slurm);
    }

    /** Cancels the local sweeps and waits (bounded) until their task processes have stopped and saved their runs. */
    @Override
    public void close() {
        local.values().forEach(LocalExecutor::cancel);
        for (Thread t : threads.values()) {
            try {
                t.join(40_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
