package dev.trainbench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EmaTest {

    @Test
    void debiasedEmaOfAConstantIsThatConstantFromTheFirstPoint() {
        Ema ema = new Ema(0.99);
        for (int i = 0; i < 100; i++) {
            assertEquals(3.5, ema.next(i, 3.5), 1e-12);
        }
    }

    @Test
    void firstSmoothedValueEqualsFirstRawValue() {
        Ema ema = new Ema(0.9);
        assertEquals(2.0, ema.next(0, 2.0), 1e-12);
    }

    @Test
    void smoothingIsOverStepsNotOverRecordedPoints() {
        // the same signal recorded every step and every 10th step smooths to nearly the same curve
        Ema everyStep = new Ema(0.99);
        Ema everyTenth = new Ema(0.99);
        double a = 0;
        double b = 0;
        for (int step = 0; step <= 5000; step++) {
            double y = Math.sin(step / 300.0) + step / 1000.0;
            a = everyStep.next(step, y);
            if (step % 10 == 0) {
                b = everyTenth.next(step, y);
            }
        }
        assertEquals(a, b, 0.02);
    }

    @Test
    void seriesSmoothingDoesNotDependOnHowManyPointsAreDrawn() {
        SeriesBuffer small = new SeriesBuffer(0.95);
        SeriesBuffer large = new SeriesBuffer(16, 0.95, SeriesBuffer.UNBOUNDED);
        for (int i = 0; i < 1000; i++) {
            small.append(i, Math.cos(i * 0.1));
        }
        for (int i = 0; i < 1_000_000; i++) {
            large.append(i, Math.cos(i * 0.1));
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(small.smoothed(i), large.smoothed(i), 0.0);
        }
    }

    @Test
    void changingSmoothingRecomputesTheWholeSeries() {
        SeriesBuffer b = new SeriesBuffer(0.0);
        for (int i = 0; i < 100; i++) {
            b.append(i, i % 2);
        }
        assertEquals(1.0, b.smoothed(99), 0.0);
        b.setSmoothing(0.9);
        assertEquals(0.5, b.smoothed(99), 0.1);
    }

    @Test
    void nonFiniteValuesAreSkipped() {
        Ema ema = new Ema(0.5);
        ema.next(0, 1.0);
        assertEquals(1.0, ema.next(1, Double.NaN), 1e-12);
    }

    @Test
    void smoothingOutsideRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Ema(1.0));
    }
}
