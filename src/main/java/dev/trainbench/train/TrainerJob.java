package dev.trainbench.train;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Training work that is not a run (the pre-run sanity probes, a learning-rate range test), queued
 * on the trainer service's single thread like a run: two DJL trainings never run at once (each
 * seeds PyTorch's global generator, so overlapping ones would break repeatability). Cancellable
 * while it waits; once started it runs to its end (these jobs take seconds).
 */
public final class TrainerJob<T> {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int CANCELLED = 2;

    private final String description;
    private final Callable<T> work;
    private final CompletableFuture<T> completion = new CompletableFuture<>();
    private final AtomicInteger state = new AtomicInteger(QUEUED);

    TrainerJob(String description, Callable<T> work) {
        this.description = description;
        this.work = work;
    }

    public String description() {
        return description;
    }

    /** Completes with the job's result, exceptionally with its failure, or cancelled. */
    public CompletableFuture<T> completion() {
        return completion;
    }

    /** Takes the job out of the queue; false when it has already started (or ended). */
    public boolean cancel() {
        if (state.compareAndSet(QUEUED, CANCELLED)) {
            completion.cancel(false);
            return true;
        }
        return false;
    }

    /** On the trainer thread. */
    void execute() {
        if (!state.compareAndSet(QUEUED, RUNNING)) {
            return;
        }
        try {
            completion.complete(work.call());
        } catch (Throwable e) {
            completion.completeExceptionally(e);
        }
    }
}
