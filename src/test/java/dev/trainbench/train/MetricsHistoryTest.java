package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.MetricColumns.Step;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {

    /** Fills the one reused record the way the loop does: cleared to NaN, then the step's values. */
    static StepMetrics step(StepMetrics m, long i) {
        m.clear();
        m.setStep(i, 1, 0.1f, 100);
        m.set(Step.LOSS, i * 0.5f);
        m.set(Step.ACCURACY, 0.5f);
        m.set(Step.GRAD_NORM, i);
        for (int l = 0; l < m.layers(); l++) {
            m.set(Step.LAYER_GRAD_NORM, l, l == 0 ? i : -i);
        }
        return m;
    }

    @Test
    void readersSeeOnlyCompleteRowsWhileTheWriterGrowsTheArrays() throws Exception {
        MetricsHistory h = new MetricsHistory(List.of("a", "b"));
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (h.size() < 200_000 && failure.get() == null) {
                int n = h.size();
                for (int i = Math.max(0, n - 50); i < n; i++) {
                    if (h.step(i) != i || h.loss(i) != i * 0.5f || h.layerGradNorm(i, 1) != -i) {
                        failure.set("row " + i + " inconsistent");
                    }
                }
            }
        });
        reader.start();
        StepMetrics m = new StepMetrics(h.layout(), 0);
        for (int i = 0; i < 200_000; i++) {
            h.append(step(m, i));
        }
        reader.join();
        assertEquals(null, failure.get());
        assertEquals(200_000, h.size());
        // bounded: the latest chunks only, the same bytes at 200,000 rows as at 100,000
        int first = h.firstRow();
        assertTrue(first > 0 && 200_000 - first >= MetricsHistory.KEEP_CHUNKS * MetricsHistory.CHUNK, "first row " + first);
        for (int i = first; i < 200_000; i++) {
            assertEquals(i, h.step(i));
            assertEquals(-i, h.layerGradNorm(i, 1));
        }
        IndexOutOfBoundsException gone = assertThrows(IndexOutOfBoundsException.class, () -> h.loss(first - 1));
        assertTrue(gone.getMessage().contains("metrics.csv"), gone.getMessage());
        long width = h.layout().width();
        assertTrue(h.bytes() <= width * 4 * (MetricsHistory.KEEP_CHUNKS + 1) * MetricsHistory.CHUNK, h.bytes() + " bytes");
        assertTrue(Float.isNaN(h.layerWeightNorm(first + 5, 0)));
    }

    @Test
    void aReaderStartingAtReadableFromCanReadToTheEndWhileAChunkMoreIsWritten() {
        MetricsHistory h = new MetricsHistory(List.of("a"));
        StepMetrics m = new StepMetrics(h.layout(), 0);
        int written = 0;
        assertEquals(0, h.readableFrom());
        for (int round = 0; round < 200; round++) {
            int more = 1 + (round * 7919) % 3000;
            for (int k = 0; k < more; k++) {
                h.append(step(m, written++));
            }
            int from = h.readableFrom();
            assertTrue(from >= h.firstRow() && written - from >= (MetricsHistory.KEEP_CHUNKS - 1) * MetricsHistory.CHUNK
                    || from == 0, "readable from " + from + " of " + written);
            int end = written;
            for (int k = 0; k < MetricsHistory.CHUNK; k++) {
                h.append(step(m, written++));
            }
            for (int i = from; i < end; i++) {
                assertEquals(i, h.step(i));
            }
        }
    }

    @Test
    void rowsBeyondTheSizeAreRejected() {
        MetricsHistory h = new MetricsHistory(List.of("a"));
        h.append(step(new StepMetrics(h.layout(), 0), 0));
        assertThrows(IndexOutOfBoundsException.class, () -> h.loss(1));
        assertThrows(IndexOutOfBoundsException.class, () -> h.layerGradNorm(0, 1));
    }

    @Test
    void everyColumnOfTheRegistryIsKeptIncludingDetailOnes() {
        MetricsHistory h = new MetricsHistory(List.of("a", "b"));
        StepMetrics m = step(new StepMetrics(h.layout(), 0), 3);
        m.set(Step.LAYER_DEAD_FRACTION, 1, 0.75);
        m.set(Step.LAYER_UPDATE_RATIO, 0, 1e-3);
        h.append(m);
        assertEquals(0.75f, h.layerDeadFraction(0, 1));
        assertEquals(0.75f, h.value(Step.LAYER_DEAD_FRACTION, 1, 0));
        assertTrue(Float.isNaN(h.layerDeadFraction(0, 0)), "not measured stays NaN");
        assertEquals(1e-3f, h.layerUpdateRatio(0, 0));
        assertEquals(3, h.step(0));
        assertEquals(1.5f, h.value(Step.LOSS, 0));
    }
}
