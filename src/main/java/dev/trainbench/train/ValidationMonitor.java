package dev.trainbench.train;

import dev.trainbench.runs.MetricColumns.Epoch;
import dev.trainbench.spec.TrainingSpec;

/**
 * The one rule for "this epoch is the best so far", shared by the best checkpoint and early
 * stopping: the validation loss (the training loss without a validation split) fell below the best
 * so far by more than the early-stopping {@code minDelta} (0 without early stopping).
 */
final class ValidationMonitor {
    private final double minDelta;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private Double bestAccuracy;
    private Double bestRmse;
    private Double bestMae;
    private Double bestR2;
    private boolean byTrainingLoss;

    ValidationMonitor(TrainingSpec training) {
        this.minDelta = training.earlyStopping() == null ? 0 : training.earlyStopping().minDelta();
    }

    /** Takes an epoch in; true when it is the new best. */
    boolean improved(EpochMetrics e) {
        double valLoss = e.get(Epoch.VALIDATION_LOSS);
        byTrainingLoss = Double.isNaN(valLoss);
        double monitored = byTrainingLoss ? e.get(Epoch.TRAIN_LOSS) : valLoss;
        if (monitored < bestLoss - minDelta) {
            bestLoss = monitored;
            bestEpoch = e.epoch();
            double valAcc = e.get(Epoch.VALIDATION_ACCURACY);
            bestAccuracy = Double.isNaN(valAcc) ? null : valAcc;
            bestRmse = finite(e.get(Epoch.VALIDATION_RMSE));
            bestMae = finite(e.get(Epoch.VALIDATION_MAE));
            bestR2 = finite(e.get(Epoch.VALIDATION_R2));
            return true;
        }
        return false;
    }

    /** The best epoch so far, -1 before the first improvement. */
    int bestEpoch() {
        return bestEpoch;
    }

    double bestLoss() {
        return bestLoss;
    }

    /** What "best" is measured by, for messages: the validation loss, or the training loss without a validation split. */
    String monitoredName() {
        return byTrainingLoss ? "training loss (there is no validation split)" : "validation loss";
    }

    /** Regression: validation RMSE, MAE and R² of the best epoch (targets' units), null without them. */
    Double bestRmse() {
        return bestRmse;
    }

    Double bestMae() {
        return bestMae;
    }

    Double bestR2() {
        return bestR2;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Validation accuracy of the best epoch, null without one. */
    Double bestAccuracy() {
        return bestAccuracy;
    }
}
