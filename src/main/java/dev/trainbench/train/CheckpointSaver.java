package dev.trainbench.train;

import dev.trainbench.runs.MetricColumns.Epoch;
import dev.trainbench.runs.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Checkpoints (T6): {@code best} whenever an epoch improves on the validation loss
 * ({@link ValidationMonitor}), {@code last} when the run ends (not after a divergence: those weights
 * are garbage), and {@code best} then too when no epoch finished. Also sets the record's best-epoch
 * fields. The weights are only staged here: the record listener's write after this one commits them
 * with the record that describes them, so that {@code run.json} and the checkpoints on disk agree
 * whenever the process dies (RunFolder#stageCheckpoint).
 */
final class CheckpointSaver extends TrainingListenerAdapter {
    private RunContext run;
    private ValidationMonitor monitor;
    private Integer epochsDone;

    @Override
    public void onRunStart(RunContext run) {
        this.run = run;
        this.monitor = new ValidationMonitor(run.spec().training());
    }

    @Override
    public void onEpochEnd(EpochMetrics epoch) {
        epochsDone = epoch.epoch();
        if (monitor.improved(epoch)) {
            save("best");
        }
        run.record().bestEpoch(monitor.bestEpoch())
                .bestValidationLoss(Double.isNaN(epoch.get(Epoch.VALIDATION_LOSS)) ? null : monitor.bestLoss())
                .bestValidationAccuracy(monitor.bestAccuracy())
                .bestValidationRmse(monitor.bestRmse()).bestValidationMae(monitor.bestMae()).bestValidationR2(monitor.bestR2());
    }

    @Override
    public void onRunEnd(RunStatus status, String message) {
        if (status != RunStatus.DIVERGED) {
            save("last");
            if (monitor.bestEpoch() < 0) {
                save("best");
            }
        }
    }

    private void save(String name) {
        try {
            run.saveCheckpoint(name, epochsDone);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
