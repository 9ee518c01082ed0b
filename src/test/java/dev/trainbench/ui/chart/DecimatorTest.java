package dev.trainbench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimatorTest {

    private static SeriesBuffer noisy(int n, long seed) {
        SeriesBuffer b = new SeriesBuffer(n, 0.0, SeriesBuffer.UNBOUNDED);
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            b.append(i, 2.0 / Math.sqrt(i + 1) + r.nextGaussian() * 0.05);
        }
        return b;
    }

    @Test
    void millionPointsReduceToTwoPerColumnAndKeepGlobalMinAndMax() {
        int n = 1_000_000;
        SeriesBuffer b = noisy(n, 1);
        // a one-step spike in the middle must survive
        double[] ys = b.yArray();
        ys[500_123] = 50.0;
        ys[700_001] = -7.0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, ys[i]);
            max = Math.max(max, ys[i]);
        }
        int width = 800;
        double[] ox = new double[2 * width];
        double[] oy = new double[2 * width];
        int m = Decimator.minMax(b.xArray(), ys, b.size(), 0, n - 1, width, false, ox, oy);
        assertTrue(m <= 2 * width, "got " + m + " points");
        assertTrue(m >= width, "too few points: " + m);
        double outMin = Double.POSITIVE_INFINITY;
        double outMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            outMin = Math.min(outMin, oy[i]);
            outMax = Math.max(outMax, oy[i]);
        }
        assertEquals(min, outMin);
        assertEquals(max, outMax);
        assertEquals(50.0, outMax);
        assertEquals(-7.0, outMin);
    }

    @Test
    void outputKeepsXOrder() {
        SeriesBuffer b = noisy(100_000, 2);
        double[] ox = new double[400];
        double[] oy = new double[400];
        int m = Decimator.minMax(b.xArray(), b.yArray(), b.size(), 0, 99_999, 200, false, ox, oy);
        for (int i = 1; i < m; i++) {
            assertTrue(ox[i] > ox[i - 1], "x not increasing at " + i);
        }
    }

    @Test
    void zoomedRangeKeepsOnlyVisiblePointsAndOneNeighbourEachSide() {
        SeriesBuffer b = noisy(1000, 3);
        double[] ox = new double[2000];
        double[] oy = new double[2000];
        int m = Decimator.minMax(b.xArray(), b.yArray(), b.size(), 100, 199, 500, false, ox, oy);
        assertEquals(102, m);
        assertEquals(99.0, ox[0]);
        assertEquals(200.0, ox[m - 1]);
    }

    @Test
    void fewPointsPassThroughUnchanged() {
        SeriesBuffer b = noisy(50, 4);
        double[] ox = new double[200];
        double[] oy = new double[200];
        int m = Decimator.minMax(b.xArray(), b.yArray(), b.size(), 0, 49, 100, false, ox, oy);
        assertEquals(50, m);
        for (int i = 0; i < 50; i++) {
            assertEquals(b.y(i), oy[i]);
        }
    }

    @Test
    void logScaleSkipsNonPositiveAndNonFiniteValues() {
        SeriesBuffer b = new SeriesBuffer(0.0);
        b.append(0, 10);
        b.append(1, 0);
        b.append(2, Double.NaN);
        b.append(3, 0.01);
        b.append(4, Double.POSITIVE_INFINITY);
        double[] ox = new double[20];
        double[] oy = new double[20];
        int m = Decimator.minMax(b.xArray(), b.yArray(), b.size(), 0, 4, 10, true, ox, oy);
        assertEquals(2, m);
        assertEquals(1.0, oy[0], 1e-12);
        assertEquals(-2.0, oy[1], 1e-12);
    }
}
