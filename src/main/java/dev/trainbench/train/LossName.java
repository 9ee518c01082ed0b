package dev.trainbench.train;

import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.TrainingSpec;

/**
 * What the number called "loss" is, said honestly where it is shown: DJL's {@code L2Loss} is half
 * the mean squared error (so RMSE = sqrt(2 × loss), in the units the model sees), and with target
 * scaling it is measured on standardized targets, not in the target's units.
 */
public final class LossName {

    private LossName() {
    }

    /** "L2 loss = ½·MSE, on standardized targets", "cross-entropy", "L1 loss = MAE". */
    public static String of(ExperimentSpec spec) {
        TrainingSpec.Loss loss = spec.training().loss();
        boolean scaled = spec.data().targetScaling() == DataSpec.TargetScaling.STANDARDIZE;
        String on = scaled ? ", on standardized targets" : "";
        return switch (loss) {
            case CROSS_ENTROPY -> "cross-entropy";
            case L2 -> "L2 loss = \u00bd\u00b7MSE" + on;
            case L1 -> "L1 loss = mean absolute error" + on;
        };
    }

    /** A chart title: "Loss", "Loss = ½·MSE", "Loss = ½·MSE (scaled targets)". */
    public static String chartTitle(ExperimentSpec spec) {
        boolean scaled = spec.data().targetScaling() == DataSpec.TargetScaling.STANDARDIZE;
        String on = scaled ? " (scaled targets)" : "";
        return switch (spec.training().loss()) {
            case CROSS_ENTROPY -> "Loss (cross-entropy)";
            case L2 -> "Loss = \u00bd\u00b7MSE" + on;
            case L1 -> "Loss = MAE" + on;
        };
    }

    /** A short axis or column label: "loss (½·MSE)", "loss". */
    public static String shortLabel(ExperimentSpec spec) {
        return switch (spec.training().loss()) {
            case CROSS_ENTROPY -> "loss";
            case L2 -> "loss (\u00bd\u00b7MSE)";
            case L1 -> "loss (MAE)";
        };
    }
}
