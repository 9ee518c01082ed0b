package dev.trainbench.train;

import dev.trainbench.runs.MetricColumn;
import dev.trainbench.runs.MetricColumns.Step;
import dev.trainbench.runs.MetricLayout;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every step of one run, column-wise in primitive arrays, one array per column of
 * {@link MetricLayout#steps} (so a column added to {@link dev.trainbench.runs.MetricColumns} is kept
 * here without further code): one writer (the trainer) appends, any number of readers (charts) read
 * concurrently without locks. The writer fills a row and only then publishes the new size through
 * a volatile write; a reader reads the size first, so it never sees a row being written. Growth
 * copies into a new array before publishing it, so an old array a reader still holds stays valid
 * for every row below the size it read.
 */
public final class MetricsHistory {
    private final MetricLayout layout;
    private final List<String> layerNames;
    private final int layers;
    private final int iStep;
    private final int iEpoch;
    private final int iLoss;
    private final int iAccuracy;
    private final int iLearningRate;
    private final int iGradNorm;
    private final int iThroughput;
    private volatile float[][] columns;
    private volatile int size;
    private final CopyOnWriteArrayList<EpochMetrics> epochs = new CopyOnWriteArrayList<>();

    public MetricsHistory(List<String> layerNames) {
        this.layout = MetricLayout.steps(layerNames);
        this.layerNames = layout.layers();
        this.layers = layerNames.size();
        this.iStep = layout.index(Step.STEP);
        this.iEpoch = layout.index(Step.EPOCH);
        this.iLoss = layout.index(Step.LOSS);
        this.iAccuracy = layout.index(Step.ACCURACY);
        this.iLearningRate = layout.index(Step.LEARNING_RATE);
        this.iGradNorm = layout.index(Step.GRAD_NORM);
        this.iThroughput = layout.index(Step.SAMPLES_PER_SECOND);
        this.columns = new float[layout.width()][1024];
    }

    public List<String> layerNames() {
        return layerNames;
    }

    public MetricLayout layout() {
        return layout;
    }

    /** Called by the trainer thread only. */
    void append(StepMetrics m) {
        float[][] cols = columns;
        int n = size;
        if (n == cols[0].length) {
            float[][] grown = new float[cols.length][];
            for (int c = 0; c < cols.length; c++) {
                grown[c] = java.util.Arrays.copyOf(cols[c], n * 2);
            }
            cols = grown;
            columns = grown;
        }
        double[] row = m.row();
        for (int c = 0; c < cols.length; c++) {
            cols[c][n] = (float) row[c];
        }
        size = n + 1;
    }

    void addEpoch(EpochMetrics e) {
        epochs.add(e);
    }

    public int size() {
        return size;
    }

    public long step(int i) {
        return (long) value(iStep, i);
    }

    public int epoch(int i) {
        return (int) value(iEpoch, i);
    }

    public float loss(int i) {
        return value(iLoss, i);
    }

    public float accuracy(int i) {
        return value(iAccuracy, i);
    }

    public float learningRate(int i) {
        return value(iLearningRate, i);
    }

    public float gradNorm(int i) {
        return value(iGradNorm, i);
    }

    public float samplesPerSecond(int i) {
        return value(iThroughput, i);
    }

    public float layerGradNorm(int i, int layer) {
        return value(Step.LAYER_GRAD_NORM, layer, i);
    }

    public float layerWeightNorm(int i, int layer) {
        return value(Step.LAYER_WEIGHT_NORM, layer, i);
    }

    public float layerUpdateRatio(int i, int layer) {
        return value(Step.LAYER_UPDATE_RATIO, layer, i);
    }

    /** Fraction of the ReLU units after the layer dead on step i's batch; NaN between detail steps and without a ReLU. */
    public float layerDeadFraction(int i, int layer) {
        return value(Step.LAYER_DEAD_FRACTION, layer, i);
    }

    /** Row i of a whole-run column. */
    public float value(MetricColumn column, int i) {
        return value(layout.index(column), i);
    }

    /** Row i of a per-layer column. */
    public float value(MetricColumn column, int layer, int i) {
        if (layer < 0 || layer >= layers) {
            throw new IndexOutOfBoundsException("layer " + layer + " of " + layers);
        }
        return value(layout.index(column, layer), i);
    }

    /** Epochs finished so far (a snapshot). */
    public List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }

    private float value(int column, int i) {
        int n = size;
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("row " + i + " of " + n);
        }
        return columns[column][i];
    }
}
