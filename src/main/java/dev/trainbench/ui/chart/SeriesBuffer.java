package dev.trainbench.ui.chart;

import java.util.Arrays;

/**
 * The full history of one plotted series in growable primitive arrays (no boxing: a million
 * points cost 16 MB, 24 MB with smoothing, rather than hundreds), with its debiased EMA kept
 * alongside and updated as points arrive (only while smoothing is on: without it the smoothed
 * curve is the raw one and is not stored). X values must not decrease (steps), which lets the
 * visible range be found by binary search. A {@link MinMaxPyramid} over the raw values (and one over
 * the smoothed values) is updated with every point, about 2 bytes per point each, so decimating for
 * a redraw does not rescan the visible points.
 */
public final class SeriesBuffer {
    private double[] xs;
    private double[] ys;
    private double[] smoothed;
    /** The step each point belongs to when it differs from x (x in seconds, say); null while keys equal x. */
    private double[] keys;
    private int size;
    private final Ema ema;
    private final MinMaxPyramid rawIndex = new MinMaxPyramid();
    private final MinMaxPyramid smoothedIndex = new MinMaxPyramid();
    private final ColumnCache rawColumns = new ColumnCache();
    private final ColumnCache smoothedColumns = new ColumnCache();
    /** Changes whenever existing points change (cleared, reloaded, re-smoothed), not when points are appended. */
    private long version;

    public SeriesBuffer(double smoothing) {
        this(1024, smoothing);
    }

    public SeriesBuffer(int initialCapacity, double smoothing) {
        xs = new double[Math.max(16, initialCapacity)];
        ys = new double[xs.length];
        smoothed = smoothing > 0 ? new double[xs.length] : null;
        ema = new Ema(smoothing);
    }

    public void append(double x, double y) {
        appendAt(x, x, y);
    }

    /**
     * Replaces the contents with whole arrays at once (a finished run's curve): one pass for the
     * smoothing and one per pyramid level, instead of a pyramid update per point. Points whose x
     * goes backwards or whose y is NaN are left out, as {@link #appendAt} callers do.
     *
     * @param keys the step of each point, or null when it is x
     */
    public void load(double[] x, double[] keys, double[] y) {
        version++;
        int n = Math.min(x.length, y.length);
        if (xs.length < n) {
            xs = new double[n];
            ys = new double[n];
        }
        boolean keyed = keys != null && keys != x;
        keys = keyed ? keys : null;
        this.keys = keyed ? (this.keys != null && this.keys.length >= xs.length ? this.keys : new double[xs.length]) : null;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(y[i]) || (m > 0 && x[i] < xs[m - 1])) {
                continue;
            }
            xs[m] = x[i];
            ys[m] = y[i];
            if (keyed) {
                this.keys[m] = keys[i];
            }
            m++;
        }
        size = m;
        ema.reset();
        rawIndex.rebuild(ys, size);
        if (ema.beta() > 0) {
            if (smoothed == null || smoothed.length < xs.length) {
                smoothed = new double[xs.length];
            }
            for (int i = 0; i < size; i++) {
                smoothed[i] = ema.next(key(i), ys[i]);
            }
            smoothedIndex.rebuild(smoothed, size);
        }
    }

    /**
     * Appends a point plotted at {@code x} that belongs to step {@code key}: smoothing decays per
     * step of the key, so a curve plotted against wall time is smoothed exactly as the same curve
     * plotted against steps.
     */
    public void appendAt(double x, double key, double y) {
        if (size > 0 && x < xs[size - 1]) {
            throw new IllegalArgumentException("x must not decrease: " + x + " after " + xs[size - 1]);
        }
        if (size == xs.length) {
            int capacity = xs.length * 2;
            xs = Arrays.copyOf(xs, capacity);
            ys = Arrays.copyOf(ys, capacity);
            if (smoothed != null) {
                smoothed = Arrays.copyOf(smoothed, capacity);
            }
            if (keys != null) {
                keys = Arrays.copyOf(keys, capacity);
            }
        }
        if (keys == null && key != x) {
            keys = Arrays.copyOf(xs, xs.length);
        }
        if (keys != null) {
            keys[size] = key;
        }
        xs[size] = x;
        ys[size] = y;
        rawIndex.append(ys);
        if (smoothed != null) {
            smoothed[size] = ema.next(key, y);
            smoothedIndex.append(smoothed);
        }
        size++;
    }

    public void clear() {
        version++;
        size = 0;
        keys = null;
        ema.reset();
        rawIndex.clear();
        smoothedIndex.clear();
    }

    public int size() {
        return size;
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }

    /** The smoothed value at point i (the raw value while smoothing is off). */
    public double smoothed(int i) {
        return smoothed == null ? ys[i] : smoothed[i];
    }

    /** The step point i belongs to (its x unless appended with {@link #appendAt}). */
    public double key(int i) {
        return keys == null ? xs[i] : keys[i];
    }

    /** The backing arrays, valid up to {@link #size()}; callers must not modify them. */
    double[] xArray() {
        return xs;
    }

    double[] yArray() {
        return ys;
    }

    double[] smoothedArray() {
        return smoothed == null ? ys : smoothed;
    }

    /** The x array (valid up to {@link #size()}) for the chart benchmark's full-rescan comparison; read only. */
    public double[] xsForBenchmark() {
        return xs;
    }

    /** The raw or smoothed values (valid up to {@link #size()}) for the chart benchmark; read only. */
    public double[] ysForBenchmark(boolean smoothedValues) {
        return smoothedValues ? smoothedArray() : ys;
    }

    long version() {
        return version;
    }

    ColumnCache columnCache(boolean smoothedValues) {
        return smoothedValues && smoothed != null ? smoothedColumns : rawColumns;
    }

    MinMaxPyramid rawIndex() {
        return rawIndex;
    }

    MinMaxPyramid smoothedIndex() {
        return smoothed == null ? rawIndex : smoothedIndex;
    }

    public double smoothing() {
        return ema.beta();
    }

    /** Changes the EMA weight and recomputes the smoothed curve over the whole series. */
    public void setSmoothing(double beta) {
        if (beta == ema.beta()) {
            return;
        }
        ema.setBeta(beta);
        version++;
        if (beta == 0) {
            smoothed = null;
            smoothedIndex.clear();
            return;
        }
        if (smoothed == null) {
            smoothed = new double[xs.length];
        }
        for (int i = 0; i < size; i++) {
            smoothed[i] = ema.next(key(i), ys[i]);
        }
        smoothedIndex.rebuild(smoothed, size);
    }

    /** Index of the first point with x >= value (size when none). */
    public int lowerBound(double value) {
        return Decimator.lowerBound(xs, size, value);
    }

    /** Index of the point whose x is nearest to value, or -1 when empty. */
    public int nearest(double value) {
        if (size == 0) {
            return -1;
        }
        int i = lowerBound(value);
        if (i >= size) {
            return size - 1;
        }
        if (i > 0 && value - xs[i - 1] <= xs[i] - value) {
            return i - 1;
        }
        return i;
    }
}
