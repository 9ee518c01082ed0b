package dev.trainbench.ui.chart;

/**
 * Reduces a series to at most two points per pixel column: the minimum and the maximum of the
 * points that fall in the column, in their original order. Drawing cost then follows the screen
 * width, not the run length, and nothing is silently dropped: a one-step spike is still the
 * maximum of its column.
 *
 * <p>Two implementations with the same output: {@link #minMax(SeriesBuffer, boolean, double, double,
 * int, boolean, double[], double[])} reuses the columns of the last frame that cannot have changed
 * ({@link ColumnCache}: a live run adds points at the right end) and asks the buffer's
 * {@link MinMaxPyramid} one range query per other column (cost O(columns) in a steady live view,
 * O(columns x log n) after a zoom; what the charts use), and
 * {@link #minMax(double[], double[], int, double, double, int, boolean, double[], double[])} scans
 * every visible point (cost O(n), the reference the tests hold the fast one to).
 */
public final class Decimator {
    private Decimator() {
    }

    /**
     * Decimates a buffer's raw values (or its smoothed ones) over [xMin, xMax] without visiting every
     * point: the same points as the full scan, from the buffer's min/max pyramid.
     *
     * @return the number of points written to outX/outY, at most {@code 2 * columns}
     */
    public static int minMax(SeriesBuffer buffer, boolean smoothed, double xMin, double xMax, int columns, boolean log,
                             double[] outX, double[] outY) {
        return minMax(buffer, smoothed, xMin, xMax, columns, log, outX, outY, new MinMaxPyramid.Result());
    }

    /** As above, counting the points and blocks looked at in {@code r.visits}. */
    static int minMax(SeriesBuffer buffer, boolean smoothed, double xMin, double xMax, int columns, boolean log,
                      double[] outX, double[] outY, MinMaxPyramid.Result r) {
        int size = buffer.size();
        if (size == 0 || columns < 1 || !(xMax >= xMin)) {
            return 0;
        }
        ChunkedDoubles xs = buffer.xStore();
        ChunkedDoubles ys = smoothed ? buffer.smoothedStore() : buffer.yStore();
        int from = Math.max(0, xs.lowerBound(size, xMin) - 1);
        int to = Math.min(size, xs.upperBound(size, xMax) + 1);
        if (to - from <= 2 * columns) {
            return passThrough(xs, ys, from, to, log, outX, outY);
        }
        MinMaxPyramid index = smoothed ? buffer.smoothedIndex() : buffer.rawIndex();
        ColumnCache cache = buffer.columnCache(smoothed);
        double span = xMax - xMin;
        double scale = span > 0 ? columns / span : 0;
        // columns unchanged since the last frame are reused; the rest come from the pyramid
        int start = cache.restart(xMin, xMax, columns, log, buffer.version(), from, to);
        // about this many points fall in a column: the search for a column's end starts there
        int expected = Math.max(1, (to - from) / columns);
        if (expected < SCAN_BELOW) {
            // few points per column: reading them costs less than searching for the column's end
            int current = -1;
            int first = start;
            r.reset();
            for (int i = start; i < to; i++) {
                int c = column(xs.get(i), xMin, scale, columns);
                if (c != current) {
                    if (current >= 0) {
                        put(cache, current, first, r, ys, log);
                    }
                    current = c;
                    first = i;
                    r.reset();
                }
                r.point(ys, i);
            }
            if (current >= 0) {
                put(cache, current, first, r, ys, log);
            }
        } else {
            while (start < to) {
                int c = column(xs.get(start), xMin, scale, columns);
                // first index of the next column. Columns never decrease with x: gallop from the expected
                // end, then binary search the last stretch, so the search stays near (in cache) the column
                int lo = start + 1;
                int hi = to;
                for (int stride = expected; start + stride < to; stride *= 2) {
                    int probe = start + stride;
                    if (column(xs.get(probe), xMin, scale, columns) > c) {
                        hi = probe;
                        break;
                    }
                    lo = probe + 1;
                }
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (column(xs.get(mid), xMin, scale, columns) > c) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                index.query(ys, start, lo, r);
                put(cache, c, start, r, ys, log);
                start = lo;
            }
        }
        cache.covered(to);
        int n = 0;
        for (int k = 0; k < cache.count(); k++) {
            n = flush(xs, ys, log, cache.min(k), cache.max(k), outX, outY, n);
        }
        return n;
    }

    /** Below this many points per column a column is read point by point rather than looked up in the pyramid. */
    static final int SCAN_BELOW = 48;

    private static void put(ColumnCache cache, int c, int first, MinMaxPyramid.Result r, ChunkedDoubles ys, boolean log) {
        int min = log ? r.minPositive : r.min;
        int max = log ? (r.max >= 0 && ys.get(r.max) > 0 ? r.max : -1) : r.max;
        cache.put(c, first, min, max);
    }

    private static int column(double x, double xMin, double scale, int columns) {
        int c = (int) ((x - xMin) * scale);
        return c < 0 ? 0 : c >= columns ? columns - 1 : c;
    }

    private static int passThrough(ChunkedDoubles xs, ChunkedDoubles ys, int from, int to, boolean log, double[] outX,
                                   double[] outY) {
        int n = 0;
        for (int i = from; i < to; i++) {
            double y = transform(ys.get(i), log);
            if (Double.isFinite(y)) {
                outX[n] = xs.get(i);
                outY[n] = y;
                n++;
            }
        }
        return n;
    }

    private static int passThrough(double[] xs, double[] ys, int from, int to, boolean log, double[] outX, double[] outY) {
        int n = 0;
        for (int i = from; i < to; i++) {
            double y = transform(ys[i], log);
            if (Double.isFinite(y)) {
                outX[n] = xs[i];
                outY[n] = y;
                n++;
            }
        }
        return n;
    }

    /**
     * Decimates {@code ys} (or its log10 when {@code log}) over the points whose x lies in
     * [xMin, xMax], plus one neighbour on each side so that lines run to the edges.
     * Non-finite values (and non-positive ones on a log scale) are skipped.
     *
     * @return the number of points written to outX/outY, at most {@code 2 * columns}; the output
     *     arrays must hold that many
     */
    public static int minMax(double[] xs, double[] ys, int size, double xMin, double xMax, int columns,
                             boolean log, double[] outX, double[] outY) {
        if (size == 0 || columns < 1 || !(xMax >= xMin)) {
            return 0;
        }
        int from = Math.max(0, lowerBound(xs, size, xMin) - 1);
        int to = Math.min(size, upperBound(xs, size, xMax) + 1);
        int count = to - from;
        int n = 0;
        if (count <= 2 * columns) {
            return passThrough(xs, ys, from, to, log, outX, outY);
        }
        double span = xMax - xMin;
        double scale = span > 0 ? columns / span : 0;
        int column = -1;
        int minIndex = -1;
        int maxIndex = -1;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            // compared in data units: log10 can map two nearby values to one double
            double y = ys[i];
            if (!Double.isFinite(y) || (log && !(y > 0))) {
                continue;
            }
            int c = column(xs[i], xMin, scale, columns);
            if (c != column) {
                n = flush(xs, ys, log, minIndex, maxIndex, outX, outY, n);
                column = c;
                minIndex = i;
                maxIndex = i;
                min = y;
                max = y;
            } else if (y < min) {
                min = y;
                minIndex = i;
            } else if (y > max) {
                max = y;
                maxIndex = i;
            }
        }
        return flush(xs, ys, log, minIndex, maxIndex, outX, outY, n);
    }

    private static int flush(ChunkedDoubles xs, ChunkedDoubles ys, boolean log, int minIndex, int maxIndex,
                             double[] outX, double[] outY, int n) {
        if (minIndex < 0) {
            return n;
        }
        int first = Math.min(minIndex, maxIndex);
        int second = Math.max(minIndex, maxIndex);
        outX[n] = xs.get(first);
        outY[n] = transform(ys.get(first), log);
        n++;
        if (second != first) {
            outX[n] = xs.get(second);
            outY[n] = transform(ys.get(second), log);
            n++;
        }
        return n;
    }

    private static int flush(double[] xs, double[] ys, boolean log, int minIndex, int maxIndex,
                             double[] outX, double[] outY, int n) {
        if (minIndex < 0) {
            return n;
        }
        int first = Math.min(minIndex, maxIndex);
        int second = Math.max(minIndex, maxIndex);
        outX[n] = xs[first];
        outY[n] = transform(ys[first], log);
        n++;
        if (second != first) {
            outX[n] = xs[second];
            outY[n] = transform(ys[second], log);
            n++;
        }
        return n;
    }

    static double transform(double y, boolean log) {
        if (!log) {
            return y;
        }
        return y > 0 ? Math.log10(y) : Double.NaN;
    }

    static int lowerBound(double[] xs, int size, double value) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static int upperBound(double[] xs, int size, double value) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
