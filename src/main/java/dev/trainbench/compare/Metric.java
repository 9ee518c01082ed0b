package dev.trainbench.compare;

/**
 * A curve of a run, read by column name from its {@code metrics.csv} (per step) or
 * {@code epochs.csv} (per epoch); see docs/file-formats.md. A run whose files lack the column
 * (older, or regression without accuracy) has no such curve, and no error.
 */
public enum Metric {
    /** Batch loss of every step. */
    STEP_LOSS("loss", true, "training loss (per step)", true),
    STEP_ACCURACY("accuracy", true, "training accuracy (per step)", false),
    LEARNING_RATE("learning_rate", true, "learning rate", true),
    GRAD_NORM("grad_norm", true, "gradient norm (all layers)", true),
    TRAIN_LOSS("train_loss", false, "training loss (per epoch)", true),
    VALIDATION_LOSS("validation_loss", false, "validation loss", true),
    TRAIN_ACCURACY("train_accuracy", false, "training accuracy (per epoch)", false),
    VALIDATION_ACCURACY("validation_accuracy", false, "validation accuracy", false),
    SAMPLES_PER_SECOND("samples_per_second", false, "samples per second", false);

    /** Column names shared with the training loop's writers (docs/file-formats.md). */
    static final String STEP = "step";
    static final String EPOCH = "epoch";
    static final String SECONDS = "seconds";
    static final String GRAD_NORM_LAYER_PREFIX = "grad_norm[";

    private final String column;
    private final boolean perStep;
    private final String label;
    private final boolean logScale;

    Metric(String column, boolean perStep, String label, boolean logScale) {
        this.column = column;
        this.perStep = perStep;
        this.label = label;
        this.logScale = logScale;
    }

    /** The CSV column. */
    public String column() {
        return column;
    }

    /** True for a {@code metrics.csv} column (one value per step), false for {@code epochs.csv}. */
    public boolean perStep() {
        return perStep;
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
