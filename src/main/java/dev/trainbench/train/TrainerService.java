package dev.trainbench.train;

import dev.trainbench.runs.GroupMembership;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains submitted runs one after another on a single dedicated thread (DJL's trainer and
 * PyTorch's gradient recording are per thread and not shareable), each with the live diagnosis
 * ({@link DiagnosisListener}), and publishes what happens on an
 * {@link EventChannel}. Every other training (sanity probes, range tests) is queued on the same
 * thread as a {@link TrainerJob}. Nothing here ever waits for a subscriber.
 */
public final class TrainerService implements AutoCloseable {
    private final RunStore store;
    private final TrainingLoop.Options options;
    private final EventChannel channel = new EventChannel();
    private final ExecutorService worker;
    private final CopyOnWriteArrayList<RunHandle> handles = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<TrainerJob<?>> jobs = new CopyOnWriteArrayList<>();
    private final AtomicInteger submitted = new AtomicInteger();

    public TrainerService(RunStore store) {
        this(store, TrainingLoop.Options.defaults());
    }

    public TrainerService(RunStore store, TrainingLoop.Options options) {
        this.store = store;
        this.options = options;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "trainbench-trainer");
            t.setDaemon(true);
            return t;
        });
    }

    public RunStore store() {
        return store;
    }

    public EventSubscription subscribe() {
        return channel.subscribe();
    }

    /** Queues a run; relative data paths in the spec resolve against {@code baseDir}. */
    public RunHandle submit(ExperimentSpec spec, Path baseDir) {
        return submit(spec, baseDir, null);
    }

    public RunHandle submit(ExperimentSpec spec, Path baseDir, String parentId) {
        RunHandle handle = new RunHandle("submission-" + submitted.incrementAndGet(), spec);
        handles.add(handle);
        worker.submit(() -> execute(handle, baseDir, parentId, null, null));
        return handle;
    }

    /**
     * Queues training work that is not a run (sanity probes, a range test) on the trainer thread,
     * behind the runs and jobs already queued.
     */
    public <T> TrainerJob<T> submitJob(String description, java.util.concurrent.Callable<T> work) {
        TrainerJob<T> job = new TrainerJob<>(description, work);
        jobs.add(job);
        job.completion().whenComplete((v, e) -> jobs.remove(job));
        worker.submit(job::execute);
        return job;
    }

    /**
     * Queues a seed group: {@code seeds} runs of {@code spec} with seeds {@code spec.seed()},
     * {@code spec.seed()+1}, ... ({@link SeedGroup}), one after another, each recording the group
     * in its run.json. When a member fails before its run exists (bad data or spec: the others
     * would fail alike) the rest are stopped.
     *
     * @throws IllegalArgumentException when {@code seeds} is not 1..{@value SeedGroup#MAX_SEEDS}
     */
    public GroupHandle submitGroup(ExperimentSpec spec, Path baseDir, int seeds, String parentId) {
        SeedGroup plan = SeedGroup.plan(spec, seeds);
        List<RunHandle> members = new java.util.ArrayList<>();
        for (ExperimentSpec member : plan.members()) {
            members.add(new RunHandle("submission-" + submitted.incrementAndGet(), member));
        }
        GroupHandle group = new GroupHandle(plan, members);
        for (int i = 0; i < members.size(); i++) {
            RunHandle handle = members.get(i);
            GroupMembership membership = plan.membership(i);
            handles.add(handle);
            worker.submit(() -> execute(handle, baseDir, parentId, membership, group));
        }
        return group;
    }

    /** Submissions not yet finished, oldest first. */
    public List<RunHandle> active() {
        return handles.stream().filter(h -> !h.completion().isDone()).toList();
    }

    private void execute(RunHandle handle, Path baseDir, String parentId, GroupMembership membership, GroupHandle group) {
        if (handle.control().stopRequested()) {
            handle.setStatus(RunStatus.STOPPED);
            handle.completion().completeExceptionally(new TrainingException("stopped before it started"));
            handles.remove(handle);
            return;
        }
        ExperimentRunner.Hooks hooks = new ExperimentRunner.Hooks(event -> {
            if (handle.runId() == null && !event.runId().equals(handle.key())) {
                // every event through this hook is this handle's run: the first one (a listener may publish
                // before RunStarted, e.g. the diagnosis of the spec) already names the run
                handle.setRunId(event.runId());
            }
            if (event instanceof TrainingEvent.RunStarted s) {
                handle.setRunId(s.runId());
            } else if (event instanceof TrainingEvent.StatusChanged c) {
                handle.setStatus(c.status());
            } else if (event instanceof TrainingEvent.RunFinished f) {
                handle.setStatus(f.status());
            }
            channel.accept(event);
        }, handle::setHistory, w -> { }).withListener(new DiagnosisListener());
        try {
            RunRecord done = ExperimentRunner.run(handle.spec(), baseDir, store, parentId, membership, handle.control(), hooks,
                    options);
            handle.completion().complete(done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.setStatus(RunStatus.STOPPED);
            handle.completion().completeExceptionally(new TrainingException("interrupted"));
        } catch (Throwable e) {
            String message = ExperimentRunner.describe(e);
            handle.setStatus(RunStatus.FAILED);
            if (handle.runId() == null) {
                channel.accept(new TrainingEvent.RunFinished(handle.key(), RunStatus.FAILED, message, null));
                if (group != null) {
                    group.stop();
                }
            }
            handle.completion().completeExceptionally(new TrainingException(message, e));
        } finally {
            handles.remove(handle);
        }
    }

    /** Stops the current run and anything queued, and waits (bounded) for the trainer to finish. */
    @Override
    public void close() {
        handles.forEach(RunHandle::stop);
        jobs.forEach(TrainerJob::cancel);
        worker.shutdown();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
