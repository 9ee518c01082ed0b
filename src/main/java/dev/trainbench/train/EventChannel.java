package dev.trainbench.train;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Fans trainer events out to subscribers without ever blocking the publisher. */
public final class EventChannel implements Consumer<TrainingEvent> {
    private final CopyOnWriteArrayList<EventSubscription> subscribers = new CopyOnWriteArrayList<>();

    public EventSubscription subscribe() {
        EventSubscription[] holder = new EventSubscription[1];
        holder[0] = new EventSubscription(() -> subscribers.remove(holder[0]));
        subscribers.add(holder[0]);
        return holder[0];
    }

    @Override
    public void accept(TrainingEvent event) {
        for (EventSubscription s : subscribers) {
            s.offer(event);
        }
    }
}
