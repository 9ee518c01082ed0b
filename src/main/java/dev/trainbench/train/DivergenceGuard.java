package dev.trainbench.train;

import dev.trainbench.diagnose.Diagnoser;
import dev.trainbench.runs.RunStatus;

/** The NaN/Inf guard (T4): a loss that is no longer finite ends the run as diverged, with the cause in the lr-too-high rule's words. */
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
            run.requestStop(RunStatus.DIVERGED, Diagnoser.nonFiniteLoss(step.step(), step.epoch(), loss,
                    step.learningRate(), run.spec().training().clipNorm() != null));
        }
    }
}
