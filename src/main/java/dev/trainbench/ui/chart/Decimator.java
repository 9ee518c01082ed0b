package dev.trainbench.ui.chart;

/**
 * Reduces a series to at most two points per pixel column: the minimum and the maximum of the
 * points that fall in the column, in their original order. Drawing cost then follows the screen
 * width, not the run length, and nothing is silently dropped: a one-step spike is still the
 * maximum of its column.
 */
public final class Decimator {
    private Decimator() {
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
        double span = xMax - xMin;
        double scale = span > 0 ? columns / span : 0;
        int column = -1;
        int minIndex = -1;
        int maxIndex = -1;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double y = transform(ys[i], log);
            if (!Double.isFinite(y)) {
                continue;
            }
            int c = (int) ((xs[i] - xMin) * scale);
            if (c < 0) {
                c = 0;
            } else if (c >= columns) {
                c = columns - 1;
            }
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
