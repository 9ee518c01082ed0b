package dev.trainbench.train;

import dev.trainbench.runs.MetricColumn;
import dev.trainbench.runs.MetricColumns.Step;
import dev.trainbench.runs.MetricLayout;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The steps of one run (the latest ones of a long run, see below), column-wise in primitive
 * arrays, one float per column of {@link MetricLayout#steps} (so a column added to
 * {@link dev.trainbench.runs.MetricColumns} is kept here without further code): one writer (the trainer) appends, any number of readers (charts) read
 * concurrently without locks. The writer fills a row and only then publishes the new size through
 * a volatile write; a reader reads the size first, so it never sees a row being written.
 *
 * <p>Rows are kept in chunks of {@value #CHUNK} (64 KB per column): the first chunk starts small and
 * doubles (copied into new arrays before they are published, so arrays a reader still holds stay
 * valid for every row below the size it read); after it, chunks are added and never copied. A long
 * run so holds its rows with no slack beyond one chunk, and never allocates the large arrays that
 * made the collector grow the heap (see {@code ChunkedDoubles} in the charts).
 *
 * <p><b>Bounded.</b> Only the latest {@value #KEEP_CHUNKS} full chunks and the one being filled are
 * held (65,536 to 81,920 rows, about 5 MB for a small model), so memory stays flat however long the
 * run: its readers take new rows as they come (the charts, which keep their own bounded copy; the
 * command line's progress bar) and every step is in the run's {@code metrics.csv}. A reader that
 * fell further behind starts again at {@link #readableFrom()}; an older row is refused with an
 * exception that says so.
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
    static final int SHIFT = 14;
    static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    /** Full chunks held besides the one being filled. */
    static final int KEEP_CHUNKS = 4;
    private final int width;
    /** [chunk][column][row within the chunk]; replaced (never changed in place) when a chunk is added or the first grows. */
    private volatile float[][][] chunks;
    private volatile int size;
    /** The first row still held: rows below were let go. */
    private volatile int firstRow;
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
        this.width = layout.width();
        this.chunks = new float[][][] {new float[width][1024]};
    }

    public List<String> layerNames() {
        return layerNames;
    }

    public MetricLayout layout() {
        return layout;
    }

    /** Called by the trainer thread only. */
    void append(StepMetrics m) {
        float[][][] table = chunks;
        int n = size;
        int k = n >>> SHIFT;
        int at = n & MASK;
        if (k == 0 && n == table[0][0].length) {
            // the first chunk doubles, up to a full chunk
            float[][] grown = new float[width][];
            for (int c = 0; c < width; c++) {
                grown[c] = java.util.Arrays.copyOf(table[0][c], Math.min(CHUNK, n * 2));
            }
            table = table.clone();
            table[0] = grown;
            chunks = table;
        } else if (k > 0 && at == 0) {
            table = java.util.Arrays.copyOf(table, k + 1);
            table[k] = new float[width][CHUNK];
            if (k > KEEP_CHUNKS) {
                // the oldest chunk goes (readers were told to stay above readableFrom, a chunk higher)
                table[k - KEEP_CHUNKS - 1] = null;
                firstRow = (k - KEEP_CHUNKS) << SHIFT;
            }
            chunks = table;
        }
        float[][] chunk = table[k];
        double[] row = m.row();
        for (int c = 0; c < width; c++) {
            chunk[c][at] = (float) row[c];
        }
        size = n + 1;
    }

    /** Bytes held for the rows (all chunks), for the long-run benchmark's accounting. */
    public long bytes() {
        long b = 0;
        for (float[][] chunk : chunks) {
            b += chunk == null ? 0 : (long) chunk.length * chunk[0].length * 4;
        }
        return b;
    }

    void addEpoch(EpochMetrics e) {
        epochs.add(e);
    }

    public int size() {
        return size;
    }

    /** The first row still held (0 until the run passes {@value #KEEP_CHUNKS} chunks and one). */
    public int firstRow() {
        return firstRow;
    }

    /**
     * The first row a reader that starts now can read from to the end: none of the rows from it on
     * is let go for at least {@value #CHUNK} more steps.
     */
    public int readableFrom() {
        int n = size;
        // rows of chunk c are let go when chunk c + KEEP_CHUNKS + 1 starts: two chunks above the current one
        int chunk = (n >>> SHIFT) - KEEP_CHUNKS + 1;
        return chunk <= 0 ? 0 : Math.min(n, chunk << SHIFT);
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
        float[][] chunk = chunks[i >>> SHIFT];
        if (chunk == null) {
            throw new IndexOutOfBoundsException("row " + i + " is no longer held: the history keeps the latest "
                    + (KEEP_CHUNKS * CHUNK) + " steps or more (from row " + firstRow + "); the run's metrics.csv has every step");
        }
        return chunk[column][i & MASK];
    }
}
