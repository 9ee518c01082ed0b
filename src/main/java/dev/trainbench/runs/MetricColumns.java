package dev.trainbench.runs;

import java.util.ArrayList;
import java.util.List;

/**
 * The one definition of the metric columns: what the trainer measures, what {@code metrics.csv} and
 * {@code epochs.csv} hold, what the in-memory history stores and what the charts, the CLI and the
 * diagnosis read. Writers lay rows out with {@link MetricLayout}, readers look columns up by name
 * through {@link MetricsTable#column(MetricColumn)}, so adding a column is one line here (plus the
 * code that measures it, and its line in docs/file-formats.md, which a test checks). Readers never
 * rely on positions: files from older versions lack later columns (read as absent), files from
 * newer versions may have columns this version does not know (ignored).
 */
public final class MetricColumns {

    private MetricColumns() {
    }

    /** The columns of {@code metrics.csv}, one row per training step, in file order. */
    public static final class Step {
        private static final List<MetricColumn> COLUMNS = new ArrayList<>();

        public static final MetricColumn STEP = add("step", false, false, "training step, from 0");
        public static final MetricColumn EPOCH = add("epoch", false, false, "epoch of the step, from 1");
        public static final MetricColumn LOSS = add("loss", false, false, "batch mean of the training loss");
        public static final MetricColumn ACCURACY = add("accuracy", false, false,
                "fraction of the batch classified right (empty for regression)");
        public static final MetricColumn LEARNING_RATE = add("learning_rate", false, false,
                "learning rate used by the step's update");
        public static final MetricColumn GRAD_NORM = add("grad_norm", false, false,
                "global L2 norm of all gradients, before clipping");
        public static final MetricColumn SAMPLES_PER_SECOND = add("samples_per_second", false, false,
                "batch size over the step's wall time");
        public static final MetricColumn LAYER_GRAD_NORM = add("grad_norm", true, false,
                "L2 norm of the layer's gradients, after backward and before the update");
        public static final MetricColumn LAYER_WEIGHT_NORM = add("weight_norm", true, true,
                "L2 norm of the layer's parameters after the update");
        public static final MetricColumn LAYER_UPDATE_RATIO = add("update_ratio", true, true,
                "||update|| / ||weights|| of the step's update");
        public static final MetricColumn LAYER_DEAD_FRACTION = add("dead_fraction", true, true,
                "fraction of the ReLU units after the layer that are zero for every sample of the batch;"
                        + " empty for layers without a ReLU");

        /** Every column, whole-run ones first. */
        public static final List<MetricColumn> ALL = List.copyOf(COLUMNS);

        private Step() {
        }

        private static MetricColumn add(String key, boolean perLayer, boolean detail, String meaning) {
            MetricColumn c = new MetricColumn(key, MetricColumn.Table.STEPS, perLayer, detail, COLUMNS.size(), meaning);
            COLUMNS.add(c);
            return c;
        }
    }

    /** The columns of {@code epochs.csv}, one row per epoch, in file order. */
    public static final class Epoch {
        private static final List<MetricColumn> COLUMNS = new ArrayList<>();

        public static final MetricColumn EPOCH = add("epoch", "epoch, from 1");
        public static final MetricColumn TRAIN_LOSS = add("train_loss", "mean training loss over the epoch's batches");
        public static final MetricColumn TRAIN_ACCURACY = add("train_accuracy",
                "fraction of the epoch's training samples classified right (empty for regression)");
        public static final MetricColumn VALIDATION_LOSS = add("validation_loss",
                "mean loss on the validation split, in inference mode (empty without one)");
        public static final MetricColumn VALIDATION_ACCURACY = add("validation_accuracy",
                "accuracy on the validation split (empty for regression or without one)");
        public static final MetricColumn SECONDS = add("seconds", "training time of the epoch, validation excluded");
        public static final MetricColumn LEARNING_RATE = add("learning_rate", "learning rate at the epoch's end");
        public static final MetricColumn SAMPLES_PER_SECOND = add("samples_per_second",
                "training samples over the epoch's training time");
        public static final MetricColumn VALIDATION_RMSE = add("validation_rmse",
                "regression: root mean squared error on the validation split, in the target's units (empty for"
                        + " classification or without a validation split)");
        public static final MetricColumn VALIDATION_MAE = add("validation_mae",
                "regression: mean absolute error on the validation split, in the target's units");
        public static final MetricColumn VALIDATION_R2 = add("validation_r2",
                "regression: coefficient of determination R\u00b2 = 1 - SSE/SST on the validation split");

        /** Every column. */
        public static final List<MetricColumn> ALL = List.copyOf(COLUMNS);

        private Epoch() {
        }

        private static MetricColumn add(String key, String meaning) {
            MetricColumn c = new MetricColumn(key, MetricColumn.Table.EPOCHS, false, false, COLUMNS.size(), meaning);
            COLUMNS.add(c);
            return c;
        }
    }
}
