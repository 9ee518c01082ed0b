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
 *
 * <p><b>Bounded.</b> A buffer keeps at most {@code limit} points ({@link #DEFAULT_LIMIT}, about
 * 1.8 MB a series with smoothing, whatever the run's length), so a live run of millions of steps
 * holds flat memory. When it is full, all but the latest quarter of the points are compacted: the
 * steps are cut into buckets of equal width (a power of two, in steps of {@link #key}), and of each
 * bucket only its points with the smallest, the largest and the smallest positive finite value are
 * kept (a bucket of nothing finite keeps its first point), each with its exact x, key, value and
 * smoothed value. The bucket width doubles until the compacted part fills at most half the limit,
 * and a doubled bucket is exactly two old ones, so a bucket's kept extremes stay those of every point
 * it ever held: zoomed out (more steps per pixel column than per bucket) the decimated curve is the
 * full one's, every spike included; zoomed into old steps the curve is each bucket's envelope, and
 * the latest {@code limit / 4} points are always whole. Smoothed values were computed on the full
 * series as points arrived and are kept; only changing the smoothing afterwards recomputes the
 * compacted part from the kept points. The whole run stays in the run's {@code metrics.csv}.
 */
public final class SeriesBuffer {
    /** Points a live series keeps at most: 65,536 (the latest 16,384 always at full resolution). */
    public static final int DEFAULT_LIMIT = 1 << 16;
    /** No limit: for curves that must keep every step (members of a seed group, aligned by step). */
    public static final int UNBOUNDED = Integer.MAX_VALUE;
    private final int limit;
    /** Points before this index are kept extremes of old buckets; from it on every point is kept. */
    private int fullFrom;
    /** The width in steps of an old bucket (a power of two); 0 until the first compaction. */
    private double bucket;
    private long compactions;
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
        this(initialCapacity, smoothing, DEFAULT_LIMIT);
    }

    /** A buffer that keeps at most {@code limit} points (at least 64), or every point with {@link #UNBOUNDED}. */
    public SeriesBuffer(int initialCapacity, double smoothing, int limit) {
        if (limit < 64) {
            throw new IllegalArgumentException("a series keeps at least 64 points, not " + limit);
        }
        this.limit = limit;
        initialCapacity = Math.min(initialCapacity, limit);
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
        fullFrom = 0;
        bucket = 0;
        ema.reset();
        if (ema.beta() > 0) {
            if (smoothed == null) {
                smoothed = new ChunkedDoubles(size);
            }
            smoothed.ensure(size);
            for (int i = 0; i < size; i++) {
                smoothed.set(i, ema.next(key(i), ys.get(i)));
            }
        }
        if (size > limit) {
            compactPoints();
        }
        trimTo(size);
        reindex();
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
        if (size >= limit) {
            compactPoints();
            reindex();
        }
    }

    /**
     * Compacts all but the latest quarter of the points (see the class comment): folds the full
     * resolution points before that into buckets of the current width, then doubles the width until
     * the compacted part fills at most half the limit, and moves the recent points down behind it.
     */
    private void compactPoints() {
        version++;
        compactions++;
        if (bucket == 0) {
            bucket = 1;
        }
        int cut = size - limit / 4;
        int kept = fullFrom;
        int i = fullFrom;
        while (i < cut) {
            double b = Math.floor(key(i) / bucket);
            int end = i + 1;
            while (end < cut && Math.floor(key(end) / bucket) == b) {
                end++;
            }
            // the last compaction may have cut this bucket in two: fold its kept part in with the rest
            int start = kept;
            while (start > 0 && Math.floor(key(start - 1) / bucket) == b) {
                start--;
            }
            for (int j = i; j < end; j++) {
                move(j, kept + j - i);
            }
            kept = keepExtremes(start, kept + end - i, start);
            i = end;
        }
        while (kept > limit / 2) {
            bucket *= 2;
            int n = 0;
            for (int j = 0; j < kept; ) {
                double b = Math.floor(key(j) / bucket);
                int end = j + 1;
                while (end < kept && Math.floor(key(end) / bucket) == b) {
                    end++;
                }
                n = keepExtremes(j, end, n);
                j = end;
            }
            kept = n;
        }
        int n = kept;
        for (int j = Math.max(i, cut); j < size; j++) {
            move(j, n++);
        }
        fullFrom = kept;
        size = n;
    }

    /**
     * Keeps, of points [from, to), those with the smallest, the largest and the smallest positive
     * finite value (in their order; the first point when none is finite), written from index
     * {@code at} (never above {@code from}, so compacting in place reads each point before it is
     * overwritten). Returns the index after the last kept point.
     */
    private int keepExtremes(int from, int to, int at) {
        int min = -1;
        int max = -1;
        int minPositive = -1;
        for (int i = from; i < to; i++) {
            double y = ys.get(i);
            if (!Double.isFinite(y)) {
                continue;
            }
            if (min < 0 || y < ys.get(min)) {
                min = i;
            }
            if (max < 0 || y > ys.get(max)) {
                max = i;
            }
            if (y > 0 && (minPositive < 0 || y < ys.get(minPositive))) {
                minPositive = i;
            }
        }
        if (min < 0) {
            move(from, at);
            return at + 1;
        }
        int a = Math.min(min, max);
        int c = Math.max(min, max);
        int b = minPositive < 0 || minPositive == a || minPositive == c ? -1 : minPositive;
        if (b >= 0 && b < a) {
            int t = a;
            a = b;
            b = t;
        } else if (b > c) {
            int t = c;
            c = b;
            b = t;
        }
        move(a, at++);
        if (b >= 0) {
            move(b, at++);
        }
        if (c != a) {
            move(c, at++);
        }
        return at;
    }

    private void move(int from, int to) {
        if (from == to) {
            return;
        }
        xs.set(to, xs.get(from));
        ys.set(to, ys.get(from));
        if (smoothed != null) {
            smoothed.set(to, smoothed.get(from));
        }
        if (keys != null) {
            keys.set(to, keys.get(from));
        }
    }

    /** Rebuilds the min/max pyramids over the points as they are now. */
    private void reindex() {
        rawIndex.rebuild(ys, size);
        if (smoothed != null) {
            smoothedIndex.rebuild(smoothed, size);
        }
    }

    /** Points at most, or {@link #UNBOUNDED}. */
    public int limit() {
        return limit;
    }

    /** Index of the first point kept at full resolution (0 until the buffer was first compacted). */
    public int fullResolutionFrom() {
        return fullFrom;
    }

    /** The width in steps of the compacted buckets (0 until the buffer was first compacted). */
    public double bucketSteps() {
        return bucket;
    }

    /** Times the buffer was compacted since it was made. */
    public long compactions() {
        return compactions;
    }

    public void clear() {
        version++;
        size = 0;
        fullFrom = 0;
        bucket = 0;
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
