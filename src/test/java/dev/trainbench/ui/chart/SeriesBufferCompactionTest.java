package dev.trainbench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A live series keeps at most its limit of points however long the run: the latest quarter whole,
 * older steps as the extremes of equal-width buckets, every kept point one that was appended.
 */
class SeriesBufferCompactionTest {

    /** What was appended, to hold the compacted buffer to. */
    private static final class Reference {
        final List<double[]> points = new ArrayList<>(); // {x, key, y}
        final Map<Double, double[]> byKey = new HashMap<>();

        void add(double x, double key, double y) {
            double[] p = {x, key, y};
            points.add(p);
            byKey.put(key, p);
        }
    }

    private static Reference fill(SeriesBuffer b, int n, long seed, boolean byTime) {
        Random r = new Random(seed);
        Reference ref = new Reference();
        double step = 0;
        double time = 0;
        for (int i = 0; i < n; i++) {
            step += r.nextDouble() < 0.001 ? 37 : 1; // now and then a gap (an epoch's validation, a resume)
            time += 0.01 + r.nextDouble() * 0.01;
            double y = IncrementalDecimationTest.value(r, i);
            double x = byTime ? time : step;
            b.appendAt(x, step, y);
            ref.add(x, step, y);
            assertTrue(b.size() < b.limit(), "size " + b.size());
        }
        return ref;
    }

    /** Every kept point was appended; the points from fullResolutionFrom on are the last ones appended, all of them. */
    private static void assertKeptPointsAreReal(SeriesBuffer b, Reference ref) {
        for (int i = 0; i < b.size(); i++) {
            double[] p = ref.byKey.get(b.key(i));
            assertTrue(p != null, "point " + i + " at step " + b.key(i) + " was never appended");
            assertEquals(p[0], b.x(i), 0.0);
            assertEquals(Double.doubleToLongBits(p[2]), Double.doubleToLongBits(b.y(i)), "y at step " + b.key(i));
        }
        int recent = b.size() - b.fullResolutionFrom();
        for (int k = 0; k < recent; k++) {
            double[] p = ref.points.get(ref.points.size() - recent + k);
            assertEquals(p[1], b.key(b.fullResolutionFrom() + k), 0.0, "recent point " + k);
        }
    }

    /** Of every bucket, the smallest, largest and smallest positive finite values ever appended are still there. */
    private static void assertBucketsKeepTheirExtremes(SeriesBuffer b, Reference ref) {
        double w = b.bucketSteps();
        if (w == 0) {
            return;
        }
        double oldEnd = b.key(b.fullResolutionFrom()); // buckets reaching here are partly still whole
        Map<Long, double[]> want = new HashMap<>(); // bucket -> {min, max, minPositive}
        for (double[] p : ref.points) {
            long bucket = (long) Math.floor(p[1] / w);
            if ((bucket + 1) * w > oldEnd || !Double.isFinite(p[2])) {
                continue;
            }
            double[] e = want.computeIfAbsent(bucket, k -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY});
            e[0] = Math.min(e[0], p[2]);
            e[1] = Math.max(e[1], p[2]);
            if (p[2] > 0) {
                e[2] = Math.min(e[2], p[2]);
            }
        }
        Map<Long, List<Double>> kept = new HashMap<>();
        for (int i = 0; i < b.fullResolutionFrom(); i++) {
            kept.computeIfAbsent((long) Math.floor(b.key(i) / w), k -> new ArrayList<>()).add(b.y(i));
        }
        assertTrue(want.size() > 10, "buckets checked: " + want.size());
        for (Map.Entry<Long, double[]> e : want.entrySet()) {
            List<Double> ys = kept.getOrDefault(e.getKey(), List.of());
            String where = "bucket " + e.getKey() + " of " + w + " steps, kept " + ys;
            assertTrue(ys.contains(e.getValue()[0]), "minimum lost: " + where);
            assertTrue(ys.contains(e.getValue()[1]), "maximum lost: " + where);
            if (e.getValue()[2] < Double.POSITIVE_INFINITY) {
                assertTrue(ys.contains(e.getValue()[2]), "smallest positive lost: " + where);
            }
            assertTrue(ys.size() <= 3, "a bucket keeps its extremes only: " + where);
        }
    }

    @Test
    void aLiveSeriesOfMillionsOfPointsHoldsFlatMemory() {
        SeriesBuffer b = new SeriesBuffer(0.6);
        long most = 0;
        for (int i = 0; i < 3_000_000; i++) {
            b.append(i, Math.sin(i * 0.001) + (i % 9973 == 0 ? 10 : 0));
            if (i % 100_000 == 0) {
                most = Math.max(most, b.bytes());
            }
        }
        int limit = SeriesBuffer.DEFAULT_LIMIT;
        assertTrue(b.size() <= limit, "size " + b.size());
        // x, y and smoothed for the limit's points: the same at 100k points as at 3M
        assertTrue(most <= 24L * limit, most + " bytes");
        assertTrue(b.size() - b.fullResolutionFrom() >= limit / 4, "recent points " + (b.size() - b.fullResolutionFrom()));
        assertEquals(2_999_999, b.x(b.size() - 1));
        // compacting a quarter of the limit or more at a time: amortised, not once per point
        assertTrue(b.compactions() < 3_000_000 / (limit / 8), b.compactions() + " compactions");
        // zoomed out, every one of the spikes (one every 9973 steps, 64-step buckets) is drawn
        double[] ox = new double[1600];
        double[] oy = new double[1600];
        int m = Decimator.minMax(b, false, 0, 2_999_999, 800, false, ox, oy);
        int spikes = 0;
        for (int i = 0; i < m; i++) {
            spikes += oy[i] > 5 ? 1 : 0;
        }
        assertEquals(3_000_000 / 9973 + 1, spikes);
    }

    @Test
    void compactedBucketsKeepTheExtremesOfEveryPointTheyHeld() {
        for (boolean byTime : new boolean[] {false, true}) {
            SeriesBuffer b = new SeriesBuffer(16, 0.9, 1024);
            Reference ref = new Reference();
            Random r = new Random(byTime ? 5 : 4);
            double step = 0;
            for (int round = 0; round < 40; round++) {
                int add = 1 + r.nextInt(round < 10 ? 300 : 9000);
                for (int k = 0; k < add; k++) {
                    step += r.nextDouble() < 0.002 ? 41 : 1;
                    double y = IncrementalDecimationTest.value(r, (int) step);
                    double x = byTime ? step * 0.02 + 3 : step;
                    b.appendAt(x, step, y);
                    ref.add(x, step, y);
                }
                assertTrue(b.size() < 1024);
                assertKeptPointsAreReal(b, ref);
                if (b.bucketSteps() > 0 && b.fullResolutionFrom() > 0) {
                    assertBucketsKeepTheirExtremes(b, ref);
                }
            }
            assertTrue(b.bucketSteps() >= 64, "buckets of " + b.bucketSteps() + " steps after " + step + " steps");
        }
    }

    @Test
    void keptPointsKeepTheSmoothedValueOfTheFullSeries() {
        SeriesBuffer bounded = new SeriesBuffer(16, 0.95, 2048);
        SeriesBuffer full = new SeriesBuffer(16, 0.95, SeriesBuffer.UNBOUNDED);
        Random r = new Random(9);
        for (int i = 0; i < 200_000; i++) {
            double y = Math.cos(i * 0.01) + r.nextGaussian() * 0.3;
            bounded.append(i, y);
            full.append(i, y);
        }
        assertTrue(bounded.fullResolutionFrom() > 0);
        for (int i = 0; i < bounded.size(); i++) {
            int k = (int) bounded.key(i);
            assertEquals(full.smoothed(k), bounded.smoothed(i), 0.0, "step " + k);
        }
    }

    @Test
    void theDrawnCurveEqualsARescanOfTheKeptPointsAcrossCompactions() {
        Random r = new Random(21);
        SeriesBuffer b = new SeriesBuffer(16, 0.8, 512);
        int step = 0;
        for (int round = 0; round < 120; round++) {
            int add = 1 + r.nextInt(700);
            for (int k = 0; k < add; k++) {
                step += r.nextDouble() < 0.01 ? 20 : 1;
                b.append(step, IncrementalDecimationTest.value(r, step));
            }
            double last = b.x(b.size() - 1);
            int columns = 16 + r.nextInt(300);
            // the same chart redrawn every round: its column cache must notice the compactions
            IncrementalDecimationTest.assertSameAsRescan(b, false, 0, last, 200, round % 2 == 0);
            IncrementalDecimationTest.assertSameAsRescan(b, true, 0, last, 200, false);
            IncrementalDecimationTest.assertSameAsRescan(b, false, last / 3, last, columns, false);
        }
    }

    @Test
    void loadingALongCurveKeepsTheLimitAsAppendingDoes() {
        int n = 300_000;
        double[] x = new double[n];
        double[] y = new double[n];
        Reference ref = new Reference();
        Random r = new Random(17);
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = IncrementalDecimationTest.value(r, i);
        }
        SeriesBuffer b = new SeriesBuffer(16, 0.0, 4096);
        b.load(x, null, y);
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(y[i])) { // load leaves NaN out
                ref.add(x[i], x[i], y[i]);
            }
        }
        assertTrue(b.size() <= 4096 && b.size() >= 1024, "size " + b.size());
        assertKeptPointsAreReal(b, ref);
        assertBucketsKeepTheirExtremes(b, ref);
        assertTrue(b.bytes() <= 16L * 4096 + 2L * 8 * ChunkedDoubles.CHUNK, b.bytes() + " bytes");
    }

    @Test
    void aSeriesUnderItsLimitIsNeverCompacted() {
        SeriesBuffer b = new SeriesBuffer(0.5);
        Reference ref = fill(b, SeriesBuffer.DEFAULT_LIMIT - 1, 2, false);
        assertEquals(SeriesBuffer.DEFAULT_LIMIT - 1, b.size());
        assertEquals(0, b.compactions());
        assertEquals(0, b.fullResolutionFrom());
        for (int i = 0; i < b.size(); i++) {
            assertEquals(ref.points.get(i)[1], b.key(i), 0.0);
        }
    }
}
