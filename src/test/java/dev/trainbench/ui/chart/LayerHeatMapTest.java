package dev.trainbench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.ui.FxThread;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The heat map folds steps into bins by maximum, so a million steps cost what a thousand do and no spike is lost. */
class LayerHeatMapTest {

    @Test
    void foldsIntoBoundedBinsKeepingTheMaximum() {
        FxThread.run(() -> {
            LayerHeatMap m = new LayerHeatMap("g");
            m.setLayers(List.of("a", "b"));
            for (int s = 0; s < 100_000; s++) {
                m.append(s, new float[] {s == 77_777 ? 1e3f : 1e-3f, Float.NaN});
            }
            assertTrue(m.binCount() <= LayerHeatMap.MAX_BINS, "bins " + m.binCount());
            assertEquals(128, m.binWidth());
            float max = 0;
            for (int b = 0; b < m.binCount(); b++) {
                max = Math.max(max, m.binValue(0, b));
                assertTrue(Float.isNaN(m.binValue(1, b)), "NaN layers stay empty");
            }
            assertEquals(1e3f, max, "the spike survives folding");
            m.resize(400, 200);
            m.layout();
            m.refresh();
        });
    }

    @Test
    void colourScaleRunsFromDarkToBright() {
        assertTrue(LayerHeatMap.colour(0).getBrightness() < LayerHeatMap.colour(1).getBrightness());
        assertEquals("1e-3", LayerHeatMap.powerOfTen(-3));
    }
}
