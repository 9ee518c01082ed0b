package dev.trainbench.ui.chart;

/**
 * The last decimation of one curve, kept per pixel column: for each column the first point in it
 * and the indices of its minimum and maximum. While the view stays put (the same X range, width
 * and scale, as it does for long stretches of a live run) and points are only appended, the next
 * frame recomputes just the column that held the last point and the columns after it; the others
 * are copied. A frame then costs O(columns + new points), the same at a million points as at ten
 * thousand. Anything else (zoom, pan, a new range, cleared or re-smoothed data) starts over from
 * the {@link MinMaxPyramid}.
 */
final class ColumnCache {
    private double xMin = Double.NaN;
    private double xMax = Double.NaN;
    private int columns = -1;
    private boolean log;
    private long version = -1;
    private int from = -1;
    /** Points [from, coveredTo) are in the columns below. */
    private int coveredTo;
    /** Columns with at least one point, in order; for each: its first point and its extremes (-1: none). */
    private int[] column = new int[0];
    private int[] start = new int[0];
    private int[] min = new int[0];
    private int[] max = new int[0];
    private int count;

    /**
     * Where to start decimating for this view: the first point of the last column seen when the
     * cache still holds for it (that column is dropped, to be recomputed with its new points), else
     * {@code newFrom} after forgetting everything.
     */
    int restart(double newXMin, double newXMax, int newColumns, boolean newLog, long newVersion, int newFrom, int to) {
        if (newXMin == xMin && newXMax == xMax && newColumns == columns && newLog == log && newVersion == version
                && newFrom == from && to >= coveredTo && count > 0) {
            count--;
            return start[count];
        }
        xMin = newXMin;
        xMax = newXMax;
        columns = newColumns;
        log = newLog;
        version = newVersion;
        from = newFrom;
        count = 0;
        if (column.length < newColumns) {
            column = new int[newColumns];
            start = new int[newColumns];
            min = new int[newColumns];
            max = new int[newColumns];
        }
        return newFrom;
    }

    void put(int c, int firstPoint, int minIndex, int maxIndex) {
        column[count] = c;
        start[count] = firstPoint;
        min[count] = minIndex;
        max[count] = maxIndex;
        count++;
    }

    void covered(int to) {
        coveredTo = to;
    }

    int count() {
        return count;
    }

    int min(int k) {
        return min[k];
    }

    int max(int k) {
        return max[k];
    }
}
