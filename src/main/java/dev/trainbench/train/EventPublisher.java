package dev.trainbench.train;

import dev.trainbench.runs.RunStatus;

/**
 * Tells the run's subscribers (GUI, CLI) what happened, through the coalescing channel: the start,
 * new steps in the history, epochs, status changes. The end ({@link TrainingEvent.RunFinished}) is
 * sent by the runner, which knows about failures too.
 */
final class EventPublisher extends TrainingListenerAdapter {
    private RunContext run;

    @Override
    public void onRunStart(RunContext run) {
        this.run = run;
        run.publish(new TrainingEvent.RunStarted(run.runId(), run.spec().name(), run.layerNames(), run.device(),
                run.totalSteps(), run.parameterCount()));
        run.publish(new TrainingEvent.StatusChanged(run.runId(), RunStatus.RUNNING));
    }

    @Override
    public void onStep(StepMetrics step) {
        // the history listener has appended this step: it is row step() of the history
        run.publish(new TrainingEvent.StepsAvailable(run.runId(), (int) (step.step() + 1)));
    }

    @Override
    public void onEpochEnd(EpochMetrics epoch) {
        run.publish(new TrainingEvent.EpochEnded(run.runId(), epoch));
    }

    @Override
    public void onStatusChanged(RunStatus status) {
        run.publish(new TrainingEvent.StatusChanged(run.runId(), status));
    }
}
