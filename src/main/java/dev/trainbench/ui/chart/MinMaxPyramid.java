package dev.trainbench.ui.chart;

import java.util.Arrays;

/**
 * Where the minimum and maximum of any index range of a growing array are, found in
 * O(log n) instead of by a scan: blocks of 32, 64, 128... points each remember the index of their
 * smallest finite value, their largest finite value and their smallest positive finite value (for
 * log scales), and every level is brought up to date as each point is appended (O(levels)).
 *
 * <p>This is what makes decimation cost follow the screen, not the run: a frame asks one range
 * query per pixel column, each answered from a handful of blocks, so a redraw at a million points
 * costs about what it costs at ten thousand. Ties go to the earlier index, exactly as a left-to-right
 * scan with strict comparisons would, so the answer equals a full rescan's.
 */
final class MinMaxPyramid {
    /**
     * Level 0 holds blocks of {@code 1 << BASE_SHIFT} (32) points; shorter stretches are scanned
     * directly. 32 keeps the levels at about 2 bytes per point (36 bytes per block, halved at each
     * level up) while a query still looks at fewer than ~70 points and blocks per pixel column.
     */
    static final int BASE_SHIFT = 5;
    static final int BASE = 1 << BASE_SHIFT;

    /** Index of the smallest finite value, of the largest finite value and of the smallest positive finite value; -1 for none. */
    static final class Result {
        int min = -1;
        int max = -1;
        int minPositive = -1;
        // the values at those indices, so that folding in a block never reads the (large, cold) data array
        double minValue;
        double maxValue;
        double minPositiveValue;
        /** Points and blocks looked at since this result was made: the cost of the queries. */
        long visits;

        void reset() {
            min = -1;
            max = -1;
            minPositive = -1;
        }

        /** Folds in point i (in index order: an equal value never replaces an earlier one). */
        void point(ChunkedDoubles ys, int i) {
            visits++;
            double y = ys.get(i);
            if (!Double.isFinite(y)) {
                return;
            }
            if (min < 0 || y < minValue) {
                min = i;
                minValue = y;
            }
            if (max < 0 || y > maxValue) {
                max = i;
                maxValue = y;
            }
            if (y > 0 && (minPositive < 0 || y < minPositiveValue)) {
                minPositive = i;
                minPositiveValue = y;
            }
        }

        /** Folds in block b of a level (blocks come in index order). */
        void block(Level level, int b) {
            visits++;
            int i = level.min[b];
            if (i >= 0 && (min < 0 || level.minValue[b] < minValue)) {
                min = i;
                minValue = level.minValue[b];
            }
            i = level.max[b];
            if (i >= 0 && (max < 0 || level.maxValue[b] > maxValue)) {
                max = i;
                maxValue = level.maxValue[b];
            }
            i = level.minPositive[b];
            if (i >= 0 && (minPositive < 0 || level.minPositiveValue[b] < minPositiveValue)) {
                minPositive = i;
                minPositiveValue = level.minPositiveValue[b];
            }
        }
    }

    /** One level: per block the indices of its extremes (-1 for none) and their values. */
    static final class Level {
        int[] min = new int[16];
        int[] max = new int[16];
        int[] minPositive = new int[16];
        double[] minValue = new double[16];
        double[] maxValue = new double[16];
        double[] minPositiveValue = new double[16];

        void ensure(int blocks) {
            if (min.length < blocks) {
                int cap = Math.max(blocks, min.length * 2);
                min = Arrays.copyOf(min, cap);
                max = Arrays.copyOf(max, cap);
                minPositive = Arrays.copyOf(minPositive, cap);
                minValue = Arrays.copyOf(minValue, cap);
                maxValue = Arrays.copyOf(maxValue, cap);
                minPositiveValue = Arrays.copyOf(minPositiveValue, cap);
            }
        }

        void set(int b, Result r) {
            min[b] = r.min;
            max[b] = r.max;
            minPositive[b] = r.minPositive;
            minValue[b] = r.minValue;
            maxValue[b] = r.maxValue;
            minPositiveValue[b] = r.minPositiveValue;
        }
    }

    private Level[] levelArrays = new Level[0];
    private int levels;
    private int size;
    private final Result scratch = new Result();

    int size() {
        return size;
    }

    int levels() {
        return levels;
    }

    void clear() {
        size = 0;
    }

    /** Takes in point {@code size()} of {@code ys}, the next one appended. */
    void append(ChunkedDoubles ys) {
        int i = size;
        size++;
        double y = ys.get(i);
        if (Double.isFinite(y)) {
            boolean positive = y > 0;
            for (int l = 0; l < levels; l++) {
                int shift = BASE_SHIFT + l;
                int b = i >> shift;
                Level level = levelArrays[l];
                level.ensure(b + 1);
                if ((i & ((1 << shift) - 1)) == 0) {
                    level.min[b] = i;
                    level.max[b] = i;
                    level.minValue[b] = y;
                    level.maxValue[b] = y;
                    level.minPositive[b] = positive ? i : -1;
                    level.minPositiveValue[b] = y;
                    continue;
                }
                if (level.min[b] < 0 || y < level.minValue[b]) {
                    level.min[b] = i;
                    level.minValue[b] = y;
                }
                if (level.max[b] < 0 || y > level.maxValue[b]) {
                    level.max[b] = i;
                    level.maxValue[b] = y;
                }
                if (positive && (level.minPositive[b] < 0 || y < level.minPositiveValue[b])) {
                    level.minPositive[b] = i;
                    level.minPositiveValue[b] = y;
                }
            }
        } else {
            for (int l = 0; l < levels; l++) {
                int shift = BASE_SHIFT + l;
                int b = i >> shift;
                Level level = levelArrays[l];
                level.ensure(b + 1);
                if ((i & ((1 << shift) - 1)) == 0) {
                    level.min[b] = -1;
                    level.max[b] = -1;
                    level.minPositive[b] = -1;
                }
            }
        }
        // a new level is built from the one below, which already holds point i
        while (levels == 0 || (BASE << (levels - 1)) < size) {
            addLevel(ys);
        }
    }

    /** Rebuilds every level over the first {@code n} values of {@code ys} (after they all changed). */
    void rebuild(ChunkedDoubles ys, int n) {
        levels = 0;
        size = n;
        while (levels == 0 || (BASE << (levels - 1)) < size) {
            addLevel(ys);
        }
    }

    /** Adds the next level up, summarising the one below (or the raw points for level 0) over the current size. */
    private void addLevel(ChunkedDoubles ys) {
        int l = levels;
        if (l == levelArrays.length) {
            levelArrays = Arrays.copyOf(levelArrays, Math.max(4, l * 2));
        }
        if (levelArrays[l] == null) {
            levelArrays[l] = new Level();
        }
        Level level = levelArrays[l];
        int blocks = (size + (BASE << l) - 1) >> (BASE_SHIFT + l);
        level.ensure(Math.max(16, blocks * 2));
        levels++;
        Result r = scratch;
        for (int b = 0; b < blocks; b++) {
            r.reset();
            if (l == 0) {
                int end = Math.min(size, (b + 1) << BASE_SHIFT);
                for (int i = b << BASE_SHIFT; i < end; i++) {
                    r.point(ys, i);
                }
            } else {
                Level below = levelArrays[l - 1];
                int lower = (size + (BASE << (l - 1)) - 1) >> (BASE_SHIFT + l - 1);
                for (int c = 2 * b; c < Math.min(2 * b + 2, lower); c++) {
                    r.block(below, c);
                }
            }
            level.set(b, r);
        }
    }

    /**
     * The extremes of {@code ys[from..to)} into {@code out}: the unaligned ends are scanned point by
     * point (fewer than 32 each), the middle is covered by the largest aligned blocks that fit.
     */
    void query(ChunkedDoubles ys, int from, int to, Result out) {
        out.reset();
        int p = from;
        int head = Math.min(to, ((p + BASE - 1) >> BASE_SHIFT) << BASE_SHIFT);
        for (; p < head; p++) {
            out.point(ys, p);
        }
        while (p + BASE <= to) {
            int l = 0;
            while (l + 1 < levels && (p & ((BASE << (l + 1)) - 1)) == 0 && p + (BASE << (l + 1)) <= to) {
                l++;
            }
            out.block(levelArrays[l], p >> (BASE_SHIFT + l));
            p += BASE << l;
        }
        for (; p < to; p++) {
            out.point(ys, p);
        }
    }
}
