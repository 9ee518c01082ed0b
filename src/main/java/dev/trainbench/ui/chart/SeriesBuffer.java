package dev.trainbench.ui.chart;

/**
 * The full history of one plotted series in growable primitive arrays (no boxing: a million
 * points cost 16 MB, 24 MB with smoothing, rather than hundreds; in {@link ChunkedDoubles}, so that
 * growing never copies a long series nor makes the collector grow the heap), with its debiased EMA kept
 * alongside and updated as points arrive (only while smoothing is on: without it the smoothed
 * curve is the raw one and is not stored). X values must not decrease (steps), which lets the
 * visible range be found by binary search. A {@link MinMaxPyramid} over the raw values (and one over
 * the smoothed values) is updated with every point, about 2 bytes per point each, so decimating for
 * a redraw does not rescan the visible points.
 */
public final class SeriesBuffer {
    private final ChunkedDoubles xs;
    private final ChunkedDoubles ys;
    private ChunkedDoubles smoothed;
    /** The step each point belongs to when it differs from x (x in seconds, say); null while keys equal x. */
    private ChunkedDoubles keys;
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
        xs = new ChunkedDoubles(initialCapacity);
        ys = new ChunkedDoubles(initialCapacity);
        smoothed = smoothing > 0 ? new ChunkedDoubles(initialCapacity) : null;
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
        xs.ensure(n);
        ys.ensure(n);
        boolean keyed = keys != null && keys != x;
        if (keyed && this.keys == null) {
            this.keys = new ChunkedDoubles(n);
        } else if (!keyed) {
            this.keys = null;
        }
        if (keyed) {
            this.keys.ensure(n);
        }
        int m = 0;
        double last = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(y[i]) || (m > 0 && x[i] < last)) {
                continue;
            }
            xs.set(m, x[i]);
            ys.set(m, y[i]);
            last = x[i];
            if (keyed) {
                this.keys.set(m, keys[i]);
            }
            m++;
        }
        size = m;
        trimTo(m);
        ema.reset();
        rawIndex.rebuild(ys, size);
        if (ema.beta() > 0) {
            if (smoothed == null) {
                smoothed = new ChunkedDoubles(size);
            }
            smoothed.ensure(size);
            for (int i = 0; i < size; i++) {
                smoothed.set(i, ema.next(key(i), ys.get(i)));
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
        if (size > 0 && x < xs.get(size - 1)) {
            throw new IllegalArgumentException("x must not decrease: " + x + " after " + xs.get(size - 1));
        }
        xs.ensure(size + 1);
        ys.ensure(size + 1);
        if (smoothed != null) {
            smoothed.ensure(size + 1);
        }
        if (keys != null) {
            keys.ensure(size + 1);
        }
        if (keys == null && key != x) {
            keys = new ChunkedDoubles(size + 1);
            keys.copyFrom(xs, size);
        }
        if (keys != null) {
            keys.set(size, key);
        }
        xs.set(size, x);
        ys.set(size, y);
        rawIndex.append(ys);
        if (smoothed != null) {
            smoothed.set(size, ema.next(key, y));
            smoothedIndex.append(smoothed);
        }
        size++;
    }

    public void clear() {
        version++;
        size = 0;
        keys = null;
        trimTo(0);
        ema.reset();
        rawIndex.clear();
        smoothedIndex.clear();
    }

    public int size() {
        return size;
    }

    public double x(int i) {
        return xs.get(i);
    }

    public double y(int i) {
        return ys.get(i);
    }

    /** The smoothed value at point i (the raw value while smoothing is off). */
    public double smoothed(int i) {
        return smoothed == null ? ys.get(i) : smoothed.get(i);
    }

    /** The step point i belongs to (its x unless appended with {@link #appendAt}). */
    public double key(int i) {
        return keys == null ? xs.get(i) : keys.get(i);
    }

    /** The backing stores, valid up to {@link #size()}; callers must not modify them. */
    ChunkedDoubles xStore() {
        return xs;
    }

    ChunkedDoubles yStore() {
        return ys;
    }

    ChunkedDoubles smoothedStore() {
        return smoothed == null ? ys : smoothed;
    }

    /** Copies of the first {@link #size()} values, for tests and the full-rescan reference. */
    double[] xArray() {
        return xs.toArray(size);
    }

    double[] yArray() {
        return ys.toArray(size);
    }

    double[] smoothedArray() {
        return smoothedStore().toArray(size);
    }

    /** A copy of the x values for the chart benchmark's full-rescan comparison. */
    public double[] xsForBenchmark() {
        return xArray();
    }

    /** A copy of the raw or smoothed values for the chart benchmark. */
    public double[] ysForBenchmark(boolean smoothedValues) {
        return smoothedValues ? smoothedArray() : yArray();
    }

    /** Memory held for the values (capacity of the stores), in bytes: what a long run costs per series. */
    public long bytes() {
        long b = (long) xs.capacity() * 8 + (long) ys.capacity() * 8;
        b += smoothed == null ? 0 : (long) smoothed.capacity() * 8;
        b += keys == null ? 0 : (long) keys.capacity() * 8;
        return b;
    }

    private void trimTo(int n) {
        xs.trim(n);
        ys.trim(n);
        if (smoothed != null) {
            smoothed.trim(n);
        }
        if (keys != null) {
            keys.trim(n);
        }
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
            smoothed = new ChunkedDoubles(xs.capacity());
        }
        smoothed.ensure(xs.capacity());
        for (int i = 0; i < size; i++) {
            smoothed.set(i, ema.next(key(i), ys.get(i)));
        }
        smoothedIndex.rebuild(smoothed, size);
    }

    /** Index of the first point with x >= value (size when none). */
    public int lowerBound(double value) {
        return xs.lowerBound(size, value);
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
        if (i > 0 && value - xs.get(i - 1) <= xs.get(i) - value) {
            return i - 1;
        }
        return i;
    }
}
