package dev.trainbench.train;

import dev.trainbench.runs.RunStatus;

/** A {@link TrainingListener} that does nothing: extend it and override what your listener needs. */
public abstract class TrainingListenerAdapter implements TrainingListener {

    @Override
    public void onRunStart(RunContext run) {
    }

    @Override
    public void onStep(StepMetrics step) {
    }

    @Override
    public void onEpochEnd(EpochMetrics epoch) {
    }

    @Override
    public void onStatusChanged(RunStatus status) {
    }

    @Override
    public void onRunEnd(RunStatus status, String message) {
    }
}
