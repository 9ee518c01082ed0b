package dev.trainbench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pyramid-backed decimation must draw exactly what a full rescan draws, and cost the same at any length. */
class IncrementalDecimationTest {

    /** A noisy loss with the awkward values training produces: spikes, NaN, infinities, zeros, negatives, repeats. */
    static double value(Random r, int i) {
        double u = r.nextDouble();
        if (u < 0.002) {
            return Double.NaN;
        }
        if (u < 0.003) {
            return r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        if (u < 0.006) {
            return 0.0;
        }
        if (u < 0.009) {
            return -r.nextDouble();
        }
        if (u < 0.012) {
            return 1.0; // ties
        }
        if (u < 0.013) {
            return 1e3 * (1 + r.nextDouble()); // spikes
        }
        return 2.0 / Math.sqrt(i + 1) + Math.abs(r.nextGaussian()) * 0.1;
    }

    static void assertSameAsRescan(SeriesBuffer b, boolean smoothed, double xMin, double xMax, int columns, boolean log) {
        double[] fx = new double[2 * columns];
        double[] fy = new double[2 * columns];
        double[] ix = new double[2 * columns];
        double[] iy = new double[2 * columns];
        double[] ys = smoothed ? b.smoothedArray() : b.yArray();
        int full = Decimator.minMax(b.xArray(), ys, b.size(), xMin, xMax, columns, log, fx, fy);
        int fast = Decimator.minMax(b, smoothed, xMin, xMax, columns, log, ix, iy);
        String where = "size " + b.size() + ", x " + xMin + ".." + xMax + ", " + columns + " columns, log " + log + ", smoothed " + smoothed;
        assertEquals(full, fast, where);
        assertArrayEquals(Arrays.copyOf(fx, full), Arrays.copyOf(ix, fast), where);
        assertArrayEquals(Arrays.copyOf(fy, full), Arrays.copyOf(iy, fast), where);
    }

    @Test
    void incrementalDecimationEqualsFullRescanWhilePointsArrive() {
        Random r = new Random(7);
        SeriesBuffer b = new SeriesBuffer(16, 0.9);
        int step = 0;
        for (int round = 0; round < 60; round++) {
            int add = 1 + r.nextInt(round < 20 ? 40 : 4000);
            for (int k = 0; k < add; k++) {
                // x jumps now and then (epochs of different length) and sometimes repeats
                step += r.nextDouble() < 0.01 ? 0 : r.nextDouble() < 0.01 ? 50 : 1;
                b.append(step, value(r, step));
            }
            int columns = 16 + r.nextInt(1200);
            double last = b.x(b.size() - 1);
            for (boolean log : new boolean[] {false, true}) {
                assertSameAsRescan(b, false, 0, last, columns, log);
                assertSameAsRescan(b, true, 0, last, columns, log);
                double a = r.nextDouble() * last;
                double c = a + r.nextDouble() * (last - a);
                assertSameAsRescan(b, false, a, c, columns, log);
                assertSameAsRescan(b, false, -100, last + 100, columns, log);
            }
        }
    }

    @Test
    void incrementalDecimationEqualsFullRescanAfterTheSmoothingChanges() {
        Random r = new Random(11);
        SeriesBuffer b = new SeriesBuffer(16, 0.0);
        for (int i = 0; i < 50_000; i++) {
            b.append(i, value(r, i));
        }
        b.setSmoothing(0.95);
        assertSameAsRescan(b, true, 0, 49_999, 700, false);
        assertSameAsRescan(b, true, 1000, 20_000, 333, true);
        b.clear();
        for (int i = 0; i < 5_000; i++) {
            b.append(i * 3, value(r, i));
        }
        assertSameAsRescan(b, false, 0, 15_000, 500, false);
        assertSameAsRescan(b, true, 0, 15_000, 500, true);
    }

    @Test
    void decimationKeepsEverySpike() {
        int n = 1_000_000;
        SeriesBuffer b = new SeriesBuffer(n, 0.0);
        Random r = new Random(3);
        int[] spikes = new int[40];
        for (int k = 0; k < spikes.length; k++) {
            spikes[k] = 1 + r.nextInt(n - 2);
        }
        Arrays.sort(spikes);
        for (int i = 0; i < n; i++) {
            double y = 1.0 + r.nextGaussian() * 0.01;
            if (Arrays.binarySearch(spikes, i) >= 0) {
                y = i % 2 == 0 ? 100.0 + i : -100.0 - i; // spikes up and down, each a different height
            }
            b.append(i, y);
        }
        int columns = 800;
        double[] ox = new double[2 * columns];
        double[] oy = new double[2 * columns];
        int m = Decimator.minMax(b, false, 0, n - 1, columns, false, ox, oy);
        assertTrue(m <= 2 * columns, "drew " + m);
        for (int s : spikes) {
            double want = s % 2 == 0 ? 100.0 + s : -100.0 - s;
            boolean found = false;
            for (int i = 0; i < m; i++) {
                if (ox[i] == s && oy[i] == want) {
                    found = true;
                    break;
                }
            }
            // two spikes in one pixel column: the higher one up and the lower one down are both kept;
            // a second spike in the same direction in the same column is hidden behind the bigger one
            boolean sharesColumn = false;
            for (int t : spikes) {
                if (t != s && t % 2 == s % 2 && (int) (t * (double) columns / (n - 1)) == (int) (s * (double) columns / (n - 1))) {
                    sharesColumn = true;
                }
            }
            assertTrue(found || sharesColumn, "spike at step " + s + " was dropped");
        }
    }

    @Test
    void aRedrawAtAMillionPointsLooksAtAFewDozenPointsAndBlocksPerPixelColumn() {
        long small = visitsToDecimate(10_000);
        long large = visitsToDecimate(1_000_000);
        // a full rescan looks at every point: 10 per column at 10,000 points, 1,000 per column at a million;
        // the pyramid at the ends of each column and a few blocks between, growing with log n only
        assertTrue(large / 1000.0 < 80, "1M points: " + large / 1000.0 + " visits per column");
        assertTrue(large < 4 * small, "10k points: " + small + " visits, 1M points: " + large);
    }

    private static long visitsToDecimate(int n) {
        SeriesBuffer b = new SeriesBuffer(n, 0.0, SeriesBuffer.UNBOUNDED);
        Random r = new Random(5);
        for (int i = 0; i < n; i++) {
            b.append(i, value(r, i));
        }
        int columns = 1000;
        MinMaxPyramid.Result counter = new MinMaxPyramid.Result();
        Decimator.minMax(b, false, 0, n - 1, columns, false, new double[2 * columns], new double[2 * columns], counter);
        return counter.visits;
    }

    @Test
    void pyramidQueryFindsTheExtremesOfAnyRange() {
        Random r = new Random(1);
        // over more than two chunks of the store, so that ranges cross chunk boundaries
        int n = 2 * ChunkedDoubles.CHUNK + 5000;
        ChunkedDoubles ys = new ChunkedDoubles(16);
        MinMaxPyramid p = new MinMaxPyramid();
        for (int i = 0; i < n; i++) {
            ys.ensure(i + 1);
            ys.set(i, value(r, i));
            p.append(ys);
        }
        MinMaxPyramid.Result got = new MinMaxPyramid.Result();
        for (int t = 0; t < 2000; t++) {
            int a = r.nextInt(n);
            int c = a + r.nextInt(Math.min(n - a, 20_000) + 1);
            p.query(ys, a, c, got);
            MinMaxPyramid.Result want = new MinMaxPyramid.Result();
            for (int i = a; i < c; i++) {
                want.point(ys, i);
            }
            assertEquals(want.min, got.min, "min of " + a + ".." + c);
            assertEquals(want.max, got.max, "max of " + a + ".." + c);
            assertEquals(want.minPositive, got.minPositive, "min positive of " + a + ".." + c);
        }
    }

    @Test
    void loadingWholeArraysGivesTheSameCurveAsAppendingEachPoint() {
        Random r = new Random(9);
        int n = 20_000;
        double[] x = new double[n];
        double[] key = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.01;
            key[i] = i;
            y[i] = value(r, i);
        }
        SeriesBuffer appended = new SeriesBuffer(16, 0.9);
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(y[i])) {
                appended.appendAt(x[i], key[i], y[i]);
            }
        }
        SeriesBuffer loaded = new SeriesBuffer(16, 0.9);
        loaded.load(x, key, y);
        assertEquals(appended.size(), loaded.size());
        for (int i = 0; i < loaded.size(); i++) {
            assertEquals(appended.x(i), loaded.x(i));
            assertEquals(appended.smoothed(i), loaded.smoothed(i), 1e-12);
        }
        assertSameAsRescan(loaded, false, 0, 200, 640, false);
        assertSameAsRescan(loaded, true, 20, 150, 333, true);
        loaded.append(200.5, 3.0);
        assertSameAsRescan(loaded, false, 0, 201, 640, false);
    }

    @Test
    void aSteadyLiveViewRecomputesOnlyTheLastColumnsAndStillEqualsTheRescan() {
        Random r = new Random(12);
        SeriesBuffer b = new SeriesBuffer(16, 0.8);
        int step = 0;
        for (; step < 300_000; step++) {
            b.append(step, value(r, step));
        }
        int columns = 900;
        double xMax = 1_200_000; // a live chart's fitted range stays put until the run reaches it
        for (boolean log : new boolean[] {false, true}) {
            for (int frame = 0; frame < 30; frame++) {
                for (int k = 0; k < 100; k++, step++) {
                    b.append(step, value(r, step));
                }
                MinMaxPyramid.Result counter = new MinMaxPyramid.Result();
                double[] ox = new double[2 * columns];
                double[] oy = new double[2 * columns];
                Decimator.minMax(b, false, 0, xMax, columns, log, ox, oy, counter);
                if (frame > 0) {
                    // the column that held the last point and the new points, not the 300,000 before
                    assertTrue(counter.visits < 600, "frame " + frame + ": " + counter.visits + " visits");
                }
                assertSameAsRescan(b, false, 0, xMax, columns, log);
                assertSameAsRescan(b, true, 0, xMax, columns, log);
            }
        }
        b.setSmoothing(0.5);
        assertSameAsRescan(b, true, 0, xMax, columns, false);
        b.clear();
        b.append(0, 1);
        assertSameAsRescan(b, false, 0, xMax, columns, false);
    }
}
