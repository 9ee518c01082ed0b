package dev.trainbench.train;

import dev.trainbench.runs.RunStatus;
import dev.trainbench.spec.EarlyStoppingSpec;

/**
 * Early stopping on the validation loss (T1; the training loss without a validation split, and the
 * message says so): after {@code patience} epochs without an improvement
 * ({@link ValidationMonitor}), ends the run as early stopped. Does nothing when the spec has none.
 */
final class EarlyStopping extends TrainingListenerAdapter {
    private RunContext run;
    private EarlyStoppingSpec spec;
    private ValidationMonitor monitor;
    private int epochsWithoutImprovement;

    @Override
    public void onRunStart(RunContext run) {
        this.run = run;
        this.spec = run.spec().training().earlyStopping();
        this.monitor = new ValidationMonitor(run.spec().training());
    }

    @Override
    public void onEpochEnd(EpochMetrics epoch) {
        if (monitor.improved(epoch)) {
            epochsWithoutImprovement = 0;
        } else {
            epochsWithoutImprovement++;
        }
        if (spec != null && epochsWithoutImprovement >= spec.patience()) {
            run.requestStop(RunStatus.EARLY_STOPPED, monitor.monitoredName() + " did not improve for " + spec.patience()
                    + " epochs; best was epoch " + monitor.bestEpoch());
        }
    }
}
