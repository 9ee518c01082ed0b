package dev.trainbench.train;

import dev.trainbench.runs.MetricColumn;
import dev.trainbench.runs.MetricColumns.Step;
import dev.trainbench.runs.MetricLayout;
import java.util.Arrays;
import java.util.List;

/**
 * One training step's measurements: a row of {@code metrics.csv} laid out by {@link MetricLayout},
 * with named accessors for the usual columns and {@link #get(MetricColumn)} for any column of
 * {@link dev.trainbench.runs.MetricColumns.Step}. A column not measured at this step is NaN (weight
 * norms, update ratios and dead-ReLU fractions are measured on detail steps only).
 *
 * <p>The loop fills one instance and hands the same one to every listener at every step, so that a
 * step allocates nothing for it: read what you need during
 * {@link TrainingListener#onStep(StepMetrics)}, and {@link #copy()} it to keep it.
 */
public final class StepMetrics {
    private final MetricLayout layout;
    private final double[] values;
    private final float[] parameterGradNorms;
    private boolean parameterNormsMeasured;
    private boolean detail;
    private final int iStep;
    private final int iEpoch;
    private final int iLoss;
    private final int iAccuracy;
    private final int iLearningRate;
    private final int iGradNorm;
    private final int iThroughput;

    /** An all-NaN row for {@code layout}, with room for {@code parameters} per-parameter gradient norms. */
    public StepMetrics(MetricLayout layout, int parameters) {
        this.layout = layout;
        this.values = new double[layout.width()];
        this.parameterGradNorms = new float[parameters];
        this.iStep = layout.index(Step.STEP);
        this.iEpoch = layout.index(Step.EPOCH);
        this.iLoss = layout.index(Step.LOSS);
        this.iAccuracy = layout.index(Step.ACCURACY);
        this.iLearningRate = layout.index(Step.LEARNING_RATE);
        this.iGradNorm = layout.index(Step.GRAD_NORM);
        this.iThroughput = layout.index(Step.SAMPLES_PER_SECOND);
        clear();
    }

    public MetricLayout layout() {
        return layout;
    }

    /** Names of the layers with parameters, the per-layer columns' layers. */
    public List<String> layerNames() {
        return layout.layers();
    }

    public int layers() {
        return layout.layers().size();
    }

    /** A whole-run column's value (NaN: not measured). */
    public double get(MetricColumn column) {
        return values[layout.index(column)];
    }

    /** A per-layer column's value for layer {@code layer} (NaN: not measured, or not applicable). */
    public double get(MetricColumn column, int layer) {
        return values[layout.index(column, layer)];
    }

    public long step() {
        return (long) values[iStep];
    }

    public int epoch() {
        return (int) values[iEpoch];
    }

    public float loss() {
        return (float) values[iLoss];
    }

    /** Batch accuracy; NaN for regression. */
    public float accuracy() {
        return (float) values[iAccuracy];
    }

    public float learningRate() {
        return (float) values[iLearningRate];
    }

    /** Global L2 norm of all gradients, before clipping. */
    public float gradNorm() {
        return (float) values[iGradNorm];
    }

    public float samplesPerSecond() {
        return (float) values[iThroughput];
    }

    public float layerGradNorm(int layer) {
        return (float) get(Step.LAYER_GRAD_NORM, layer);
    }

    /** NaN except on detail steps. */
    public float layerWeightNorm(int layer) {
        return (float) get(Step.LAYER_WEIGHT_NORM, layer);
    }

    /** ||update|| / ||weights||; NaN except on detail steps. */
    public float layerUpdateRatio(int layer) {
        return (float) get(Step.LAYER_UPDATE_RATIO, layer);
    }

    /** Fraction of the ReLU units after the layer dead on the whole batch; NaN except on detail steps, and for layers without a ReLU. */
    public float layerDeadFraction(int layer) {
        return (float) get(Step.LAYER_DEAD_FRACTION, layer);
    }

    /** Whether this step measured the detail columns (weight norms, update ratios, dead fractions). */
    public boolean isDetail() {
        return detail;
    }

    /** Learning parameters (weights, biases...) whose gradient norms {@link #parameterGradNorm} holds. */
    public int parameterCount() {
        return parameterGradNorms.length;
    }

    /** L2 norm of one parameter's gradient (parameters in layer order, as DJL lists them); NaN if not measured. */
    public float parameterGradNorm(int parameter) {
        return parameterNormsMeasured ? parameterGradNorms[parameter] : Float.NaN;
    }

    /** An independent copy, for keeping beyond the listener call. */
    public StepMetrics copy() {
        StepMetrics c = new StepMetrics(layout, parameterGradNorms.length);
        System.arraycopy(values, 0, c.values, 0, values.length);
        System.arraycopy(parameterGradNorms, 0, c.parameterGradNorms, 0, parameterGradNorms.length);
        c.parameterNormsMeasured = parameterNormsMeasured;
        c.detail = detail;
        return c;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StepMetrics{");
        List<String> header = layout.header();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(header.get(i)).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }

    // ------------------------------------------------------------------------------------------
    // Filled by the trainer

    /** Every column back to NaN (not measured). */
    void clear() {
        Arrays.fill(values, Double.NaN);
        parameterNormsMeasured = false;
        detail = false;
    }

    void set(MetricColumn column, double value) {
        values[layout.index(column)] = value;
    }

    void set(MetricColumn column, int layer, double value) {
        values[layout.index(column, layer)] = value;
    }

    void setStep(long step, int epoch, float learningRate, float samplesPerSecond) {
        values[iStep] = step;
        values[iEpoch] = epoch;
        values[iLearningRate] = learningRate;
        values[iThroughput] = samplesPerSecond;
    }

    void setParameterGradNorms(float[] norms) {
        System.arraycopy(norms, 0, parameterGradNorms, 0, parameterGradNorms.length);
        parameterNormsMeasured = true;
    }

    void setDetail(boolean detail) {
        this.detail = detail;
    }

    /** The row itself, laid out as {@link #layout()}: for the CSV writer, which copies it. */
    double[] row() {
        return values;
    }
}
