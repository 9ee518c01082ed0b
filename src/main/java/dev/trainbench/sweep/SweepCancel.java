package dev.trainbench.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * Cancels a sweep: records the cancellation in sweep.json (a local sweep's driving process reads it
 * and starts nothing more, wherever it runs), then cancels the job array with {@code scancel}, or
 * stops the local task processes running on this machine with SIGTERM. Runs already written stay;
 * a run training when cancelled is saved as stopped.
 */
public final class SweepCancel {
    private SweepCancel() {
    }

    /**
     * @param slurm the scheduler (used for a Slurm sweep)
     * @return what was done, one line each
     */
    public static List<String> cancel(SweepFolder folder, Slurm slurm) {
        List<String> done = new ArrayList<>();
        SweepRecord r = folder.refresh();
        boolean already = r.cancelled();
        folder.markCancelled();
        done.add(already ? "the sweep was already marked cancelled" : "marked the sweep cancelled in " + folder.dir().resolve(SweepFolder.FILE));
        if (r.executor() != null && r.executor().kind() == ExecutorSettings.Kind.SLURM) {
            String jobId = r.submission() == null ? null : r.submission().jobId();
            if (jobId == null) {
                done.add("it was never submitted: nothing to cancel in Slurm");
            } else {
                slurm.cancel(jobId);
                done.add("scancel " + jobId + ": queued tasks will not start; running ones are stopped and save their runs");
            }
            return done;
        }
        LocalState state = LocalState.read(folder.localStateFile()).orElse(null);
        if (state == null) {
            done.add("no local process has started it");
            return done;
        }
        String here = LocalExecutor.host();
        if (state.host() != null && !state.host().equals(here)) {
            done.add("its processes run on " + state.host() + ", not here: the process driving them there stops them"
                    + " when it sees the cancellation (within a second)");
            return done;
        }
        int stopped = 0;
        for (LocalState.Task t : state.tasks()) {
            if (t.state() == LocalState.State.RUNNING) {
                var p = LocalState.process(t.pid(), t.pidStart());
                if (p.isPresent() && p.get().destroy()) {
                    stopped++;
                }
            }
        }
        done.add(stopped == 0 ? "no task process was running" : "sent SIGTERM to " + stopped + " task process"
                + (stopped == 1 ? "" : "es") + " (each saves its run as stopped)");
        if (state.driverAlive()) {
            done.add("the driving process " + state.pid() + " starts nothing more");
        }
        return done;
    }
}
