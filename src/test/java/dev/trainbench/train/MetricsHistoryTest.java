package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {

    static StepMetrics step(long i) {
        return new StepMetrics(i, 1, i * 0.5f, 0.5f, 0.1f, i, 100, new float[] {i, -i}, null, null);
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
        for (int i = 0; i < 200_000; i++) {
            h.append(step(i));
        }
        reader.join();
        assertEquals(null, failure.get());
        assertEquals(200_000, h.size());
        assertTrue(Float.isNaN(h.layerWeightNorm(5, 0)));
    }

    @Test
    void rowsBeyondTheSizeAreRejected() {
        MetricsHistory h = new MetricsHistory(List.of("a"));
        h.append(new StepMetrics(0, 1, 1, 1, 1, 1, 1, new float[] {1}, null, null));
        assertThrows(IndexOutOfBoundsException.class, () -> h.loss(1));
        assertThrows(IndexOutOfBoundsException.class, () -> h.layerGradNorm(0, 1));
    }
}
