package dev.trainbench.train;

import dev.trainbench.runs.RunStatus;

/** The NaN/Inf guard (T4): a loss that is no longer finite ends the run as diverged, with the likely cause. */
final class DivergenceGuard extends TrainingListenerAdapter {
    private RunContext run;

    @Override
    public void onRunStart(RunContext run) {
        this.run = run;
    }

    @Override
    public void onStep(StepMetrics step) {
        float loss = step.loss();
        if (!Float.isFinite(loss)) {
            run.requestStop(RunStatus.DIVERGED, "the loss became " + loss + " at step " + step.step() + " (epoch "
                    + step.epoch() + ") with learning rate " + step.learningRate() + ": the learning rate is probably"
                    + " too high; divide it by 10, or run the LR range test, or add gradient clipping");
        }
    }
}
