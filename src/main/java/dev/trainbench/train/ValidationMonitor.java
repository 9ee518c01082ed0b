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

    ValidationMonitor(TrainingSpec training) {
        this.minDelta = training.earlyStopping() == null ? 0 : training.earlyStopping().minDelta();
    }

    /** Takes an epoch in; true when it is the new best. */
    boolean improved(EpochMetrics e) {
        double valLoss = e.get(Epoch.VALIDATION_LOSS);
        double monitored = Double.isNaN(valLoss) ? e.get(Epoch.TRAIN_LOSS) : valLoss;
        if (monitored < bestLoss - minDelta) {
            bestLoss = monitored;
            bestEpoch = e.epoch();
            double valAcc = e.get(Epoch.VALIDATION_ACCURACY);
            bestAccuracy = Double.isNaN(valAcc) ? null : valAcc;
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

    /** Validation accuracy of the best epoch, null without one. */
    Double bestAccuracy() {
        return bestAccuracy;
    }
}
