package dev.trainbench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An accuracy axis stops at 100 % (it ran to 110-120 %); a ceiling never raises or empties a range. */
class AxisCeilingTest {
    @Test
    void anAccuracyNearOneStopsAtOne() {
        ChartAxis.Range fitted = ChartAxis.fitY(false, 0.3, 0.995);
        assertTrue(fitted.max() > 1.0, "without a ceiling the padding runs past 100 %: " + fitted);
        ChartAxis.Range capped = ChartAxis.capY(fitted, false, 1.0);
        assertEquals(1.0, capped.max());
        assertEquals(fitted.min(), capped.min());
        assertTrue(capped.unit() > 0 && capped.unit() <= 1.0);
    }

    @Test
    void aCeilingAboveTheRangeOrBelowItsBottomChangesNothing() {
        ChartAxis.Range fitted = ChartAxis.fitY(false, 0.1, 0.4);
        assertEquals(fitted, ChartAxis.capY(fitted, false, 1.0));
        assertEquals(fitted, ChartAxis.capY(fitted, false, -5));
        assertEquals(fitted, ChartAxis.capY(fitted, false, Double.POSITIVE_INFINITY));
    }

    @Test
    void onALogAxisTheCeilingIsTakenInDecades() {
        ChartAxis.Range fitted = ChartAxis.fitY(true, -2, 3);
        ChartAxis.Range capped = ChartAxis.capY(fitted, true, 10);
        assertEquals(1.0, capped.max());
    }
}
