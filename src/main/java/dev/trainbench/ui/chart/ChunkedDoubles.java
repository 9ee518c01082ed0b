package dev.trainbench.ui.chart;

import java.util.Arrays;

/**
 * A growable array of doubles for a series that may reach millions of points. Up to
 * {@value #CHUNK} values it is one array that doubles as it grows (small series stay small); beyond,
 * it adds fixed chunks of {@value #CHUNK} values (128 KB) and never copies a value again.
 *
 * <p>Why not one array that doubles: at a million points a doubling allocates 8 MB while the old
 * 4 MB are still live (for the x, y and smoothed arrays of every series at once), leaves up to half
 * of the new array unused, and every such array is a "humongous" object for the G1 collector (half
 * a region or more), which it places in contiguous free regions of its own and, when none are free,
 * gets by growing the heap. In a live run of a million steps that made the committed heap, and so
 * the resident memory, grow several times faster than the data (see BENCHMARKS.md, long run).
 */
final class ChunkedDoubles {
    static final int SHIFT = 14;
    static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private double[][] chunks = new double[1][];
    /** Values that fit without allocating. */
    private int capacity;

    ChunkedDoubles(int initialCapacity) {
        chunks[0] = new double[Math.max(16, Math.min(CHUNK, initialCapacity))];
        capacity = chunks[0].length;
        ensure(initialCapacity);
    }

    double get(int i) {
        return chunks[i >>> SHIFT][i & MASK];
    }

    /** Sets value {@code i}, which must be below {@link #capacity()}. */
    void set(int i, double v) {
        chunks[i >>> SHIFT][i & MASK] = v;
    }

    int capacity() {
        return capacity;
    }

    /** Room for at least {@code n} values; existing values stay. */
    void ensure(int n) {
        if (n <= capacity) {
            return;
        }
        if (capacity < CHUNK) {
            chunks[0] = Arrays.copyOf(chunks[0], Math.min(CHUNK, Math.max(n, 2 * capacity)));
            capacity = chunks[0].length;
        }
        while (capacity < n) {
            int c = capacity >>> SHIFT;
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, Math.max(4, 2 * c));
            }
            chunks[c] = new double[CHUNK];
            capacity += CHUNK;
        }
    }

    /** Copies {@code n} values from {@code src} (growing as needed). */
    void copyFrom(double[] src, int n) {
        ensure(n);
        for (int c = 0, from = 0; from < n; c++, from += CHUNK) {
            System.arraycopy(src, from, chunks[c], 0, Math.min(CHUNK, n - from));
        }
    }

    /** Copies {@code n} values of {@code src} (growing as needed). */
    void copyFrom(ChunkedDoubles src, int n) {
        ensure(n);
        for (int c = 0, from = 0; from < n; c++, from += CHUNK) {
            System.arraycopy(src.chunks[c], 0, chunks[c], 0, Math.min(Math.min(CHUNK, n - from), src.chunks[c].length));
        }
    }

    /** The first {@code n} values as one new array (tests and the full-rescan reference). */
    double[] toArray(int n) {
        double[] out = new double[n];
        for (int c = 0, from = 0; from < n; c++, from += CHUNK) {
            System.arraycopy(chunks[c], 0, out, from, Math.min(CHUNK, n - from));
        }
        return out;
    }

    /** Gives back the memory beyond {@code n} values (after the series was cleared or reloaded shorter). */
    void trim(int n) {
        int keep = Math.max(1, (n + MASK) >>> SHIFT);
        if (capacity > CHUNK && keep < (capacity >>> SHIFT)) {
            Arrays.fill(chunks, keep, chunks.length, null);
            capacity = keep * CHUNK;
        }
    }

    /** Index of the first of the first {@code size} values that is >= {@code value} (values non-decreasing). */
    int lowerBound(int size, double value) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid) < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first of the first {@code size} values that is > {@code value} (values non-decreasing). */
    int upperBound(int size, double value) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid) <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
