package dev.trainbench.compare;

import dev.trainbench.runs.MetricColumn;
import dev.trainbench.runs.MetricColumns;

/**
 * A curve of a run, read by column name ({@link MetricColumns}) from its {@code metrics.csv} (per
 * step) or {@code epochs.csv} (per epoch); see docs/file-formats.md. A run whose files lack the column
 * (older, or regression without accuracy) has no such curve, and no error.
 */
public enum Metric {
    /** Batch loss of every step. */
    STEP_LOSS(MetricColumns.Step.LOSS, "training loss (per step)", true),
    STEP_ACCURACY(MetricColumns.Step.ACCURACY, "training accuracy (per step)", false),
    LEARNING_RATE(MetricColumns.Step.LEARNING_RATE, "learning rate", true),
    GRAD_NORM(MetricColumns.Step.GRAD_NORM, "gradient norm (all layers)", true),
    TRAIN_LOSS(MetricColumns.Epoch.TRAIN_LOSS, "training loss (per epoch)", true),
    VALIDATION_LOSS(MetricColumns.Epoch.VALIDATION_LOSS, "validation loss", true),
    TRAIN_ACCURACY(MetricColumns.Epoch.TRAIN_ACCURACY, "training accuracy (per epoch)", false),
    VALIDATION_ACCURACY(MetricColumns.Epoch.VALIDATION_ACCURACY, "validation accuracy", false),
    SAMPLES_PER_SECOND(MetricColumns.Epoch.SAMPLES_PER_SECOND, "samples per second", false);

    private final MetricColumn column;
    private final String label;
    private final boolean logScale;

    Metric(MetricColumn column, String label, boolean logScale) {
        this.column = column;
        this.label = label;
        this.logScale = logScale;
    }

    /** The column, as defined once in {@link MetricColumns}. */
    public MetricColumn column() {
        return column;
    }

    /** True for a {@code metrics.csv} column (one value per step), false for {@code epochs.csv}. */
    public boolean perStep() {
        return column.table() == MetricColumn.Table.STEPS;
    }

    public String label() {
        return label;
    }

    /** Whether the curve is best read on a log scale (losses, rates, norms). */
    public boolean logScale() {
        return logScale;
    }

    /** An accuracy (a fraction shown as a percentage). */
    public boolean isAccuracy() {
        return this == STEP_ACCURACY || this == TRAIN_ACCURACY || this == VALIDATION_ACCURACY;
    }
}
