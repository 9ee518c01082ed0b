package dev.trainbench.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber's end of the event channel: bounded and coalescing, so the trainer never waits.
 * Step notices and decision-boundary snapshots keep only the latest per run (the data itself is in
 * {@link MetricsHistory}); other events queue up to a bound, and past it the oldest epoch event is
 * dropped and counted (epochs are also in the history), never a lifecycle event.
 */
public final class EventSubscription implements AutoCloseable {
    static final int CAPACITY = 1024;

    private final ArrayBlockingQueue<TrainingEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final ConcurrentHashMap<String, TrainingEvent.StepsAvailable> latestSteps = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TrainingEvent.BoundarySnapshot> latestBoundary = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Runnable onClose;
    private volatile boolean closed;

    EventSubscription(Runnable onClose) {
        this.onClose = onClose;
    }

    void offer(TrainingEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof TrainingEvent.StepsAvailable s) {
            latestSteps.put(s.runId(), s);
            return;
        }
        if (event instanceof TrainingEvent.BoundarySnapshot b) {
            latestBoundary.put(b.runId(), b);
            return;
        }
        while (!queue.offer(event)) {
            TrainingEvent removed = queue.stream().filter(e -> e instanceof TrainingEvent.EpochEnded).findFirst().orElse(null);
            if (removed == null || !queue.remove(removed)) {
                queue.poll();
            }
            dropped.incrementAndGet();
        }
    }

    /** Everything pending, lifecycle events in order followed by the latest step and boundary notices. Never blocks. */
    public List<TrainingEvent> drain() {
        List<TrainingEvent> out = new ArrayList<>();
        queue.drainTo(out);
        for (String run : List.copyOf(latestSteps.keySet())) {
            TrainingEvent e = latestSteps.remove(run);
            if (e != null) {
                out.add(e);
            }
        }
        for (String run : List.copyOf(latestBoundary.keySet())) {
            TrainingEvent e = latestBoundary.remove(run);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** Events dropped because this subscriber did not drain in time. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        closed = true;
        onClose.run();
    }
}
