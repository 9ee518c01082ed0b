package dev.trainbench.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.train.LrFinder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The LR range test's loss axis stops a little above the descent: the final spike (loss 50x the
 * start) used to set the axis and flatten the part a user reads the suggestion from.
 */
class LrRangeCeilingTest {
    @Test
    void theBlowUpAfterTheLowestLossDoesNotSetTheAxis() {
        List<LrFinder.Point> points = new ArrayList<>();
        double[] smoothed = {2.3, 2.3, 2.2, 1.9, 1.4, 0.9, 0.7, 0.8, 1.5, 6.0, 40.0, 120.0};
        for (int i = 0; i < smoothed.length; i++) {
            points.add(new LrFinder.Point(Math.pow(10, -6 + i * 0.5), smoothed[i], smoothed[i]));
        }
        double ceiling = LrRangePane.yCeiling(points);
        assertEquals(2.3 + 0.25 * (2.3 - 0.7), ceiling, 1e-9);
        assertTrue(ceiling < 6.0, "the spike is above the axis");
    }

    @Test
    void noFiniteLossMeansNoCeiling() {
        List<LrFinder.Point> points = List.of(new LrFinder.Point(1e-3, Double.NaN, Double.NaN));
        assertEquals(Double.POSITIVE_INFINITY, LrRangePane.yCeiling(points));
    }
}
