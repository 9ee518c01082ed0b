package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSubscriptionTest {

    @Test
    void stepNoticesCoalesceToTheLatestPerRun() {
        EventChannel channel = new EventChannel();
        EventSubscription sub = channel.subscribe();
        for (int i = 1; i <= 10_000; i++) {
            channel.accept(new TrainingEvent.StepsAvailable("a", i));
        }
        channel.accept(new TrainingEvent.StepsAvailable("b", 3));
        List<TrainingEvent> events = sub.drain();
        assertEquals(2, events.size());
        assertTrue(events.contains(new TrainingEvent.StepsAvailable("a", 10_000)));
        assertTrue(sub.drain().isEmpty());
    }

    @Test
    void queueIsBoundedAndKeepsLifecycleEvents() {
        EventChannel channel = new EventChannel();
        EventSubscription sub = channel.subscribe();
        channel.accept(new TrainingEvent.StatusChanged("a", RunStatus.RUNNING));
        for (int i = 0; i < 5 * EventSubscription.CAPACITY; i++) {
            channel.accept(new TrainingEvent.EpochEnded("a", new EpochMetrics(i, 0, 0, 0, 0, 0, 0, 0)));
        }
        channel.accept(new TrainingEvent.RunFinished("a", RunStatus.COMPLETED, null, null));
        List<TrainingEvent> events = sub.drain();
        assertEquals(EventSubscription.CAPACITY, events.size());
        assertTrue(events.get(0) instanceof TrainingEvent.StatusChanged);
        assertTrue(events.get(events.size() - 1) instanceof TrainingEvent.RunFinished);
        assertTrue(sub.dropped() > 0);
    }

    @Test
    void closedSubscriptionReceivesNothing() {
        EventChannel channel = new EventChannel();
        EventSubscription sub = channel.subscribe();
        sub.close();
        channel.accept(new TrainingEvent.StatusChanged("a", RunStatus.RUNNING));
        assertTrue(sub.drain().isEmpty());
    }
}
