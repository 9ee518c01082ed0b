package dev.trainbench.train;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every step of one run, column-wise in primitive arrays: one writer (the trainer) appends, any
 * number of readers (charts) read concurrently without locks. The writer fills a row and only then
 * publishes the new size through a volatile write; a reader reads the size first, so it never sees
 * a row being written. Growth copies into a new array before publishing it, so an old array a
 * reader still holds stays valid for every row below the size it read.
 */
public final class MetricsHistory {
    private static final int BASE_COLUMNS = 7;
    private static final int STEP = 0;
    private static final int EPOCH = 1;
    private static final int LOSS = 2;
    private static final int ACCURACY = 3;
    private static final int LR = 4;
    private static final int GRAD_NORM = 5;
    private static final int THROUGHPUT = 6;

    private final List<String> layerNames;
    private final int layers;
    private volatile float[][] columns;
    private volatile int size;
    private final CopyOnWriteArrayList<EpochMetrics> epochs = new CopyOnWriteArrayList<>();

    public MetricsHistory(List<String> layerNames) {
        this.layerNames = List.copyOf(layerNames);
        this.layers = layerNames.size();
        this.columns = new float[BASE_COLUMNS + 3 * layers][1024];
    }

    public List<String> layerNames() {
        return layerNames;
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
        cols[STEP][n] = m.step();
        cols[EPOCH][n] = m.epoch();
        cols[LOSS][n] = m.loss();
        cols[ACCURACY][n] = m.accuracy();
        cols[LR][n] = m.learningRate();
        cols[GRAD_NORM][n] = m.gradNorm();
        cols[THROUGHPUT][n] = m.samplesPerSecond();
        for (int l = 0; l < layers; l++) {
            cols[BASE_COLUMNS + l][n] = m.layerGradNorms()[l];
            cols[BASE_COLUMNS + layers + l][n] = m.layerWeightNorms() == null ? Float.NaN : m.layerWeightNorms()[l];
            cols[BASE_COLUMNS + 2 * layers + l][n] = m.layerUpdateRatios() == null ? Float.NaN : m.layerUpdateRatios()[l];
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
        return (long) value(STEP, i);
    }

    public int epoch(int i) {
        return (int) value(EPOCH, i);
    }

    public float loss(int i) {
        return value(LOSS, i);
    }

    public float accuracy(int i) {
        return value(ACCURACY, i);
    }

    public float learningRate(int i) {
        return value(LR, i);
    }

    public float gradNorm(int i) {
        return value(GRAD_NORM, i);
    }

    public float samplesPerSecond(int i) {
        return value(THROUGHPUT, i);
    }

    public float layerGradNorm(int i, int layer) {
        return value(BASE_COLUMNS + checkLayer(layer), i);
    }

    public float layerWeightNorm(int i, int layer) {
        return value(BASE_COLUMNS + layers + checkLayer(layer), i);
    }

    public float layerUpdateRatio(int i, int layer) {
        return value(BASE_COLUMNS + 2 * layers + checkLayer(layer), i);
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

    private int checkLayer(int layer) {
        if (layer < 0 || layer >= layers) {
            throw new IndexOutOfBoundsException("layer " + layer + " of " + layers);
        }
        return layer;
    }
}
