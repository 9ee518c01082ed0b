package dev.trainbench.train;

import ai.djl.training.tracker.Tracker;

/**
 * Feeds DJL's optimizer the schedule's rate for the trainer's current step. DJL counts updates per
 * parameter; the step counter here is the run's, so every parameter sees the same rate in a step.
 */
final class ScheduleTracker implements Tracker {
    private final LearningRateSchedule schedule;
    private volatile long step;

    ScheduleTracker(LearningRateSchedule schedule) {
        this.schedule = schedule;
    }

    void setStep(long value) {
        step = value;
    }

    float current() {
        return (float) schedule.at(step);
    }

    @Override
    public float getNewValue(int numUpdate) {
        return current();
    }
}
