package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.ScheduleSpec;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void constantStaysAtTheBaseRate() {
        LearningRateSchedule s = new LearningRateSchedule(OptimizerSpec.adam(0.01), ScheduleSpec.constant(), 10, 5);
        assertEquals(0.01, s.at(0), 1e-12);
        assertEquals(0.01, s.at(49), 1e-12);
    }

    @Test
    void stepMultipliesByGammaEveryStepEpochs() {
        LearningRateSchedule s = new LearningRateSchedule(OptimizerSpec.adam(0.1),
                new ScheduleSpec(ScheduleSpec.Type.STEP, 2, 0.5, null, null), 10, 6);
        assertEquals(0.1, s.at(19), 1e-12);
        assertEquals(0.05, s.at(20), 1e-12);
        assertEquals(0.025, s.at(45), 1e-12);
    }

    @Test
    void cosineAnnealsFromBaseToMinimum() {
        LearningRateSchedule s = new LearningRateSchedule(OptimizerSpec.adam(0.1),
                new ScheduleSpec(ScheduleSpec.Type.COSINE, null, null, 0.001, null), 10, 10);
        assertEquals(0.1, s.at(0), 1e-12);
        for (int i = 1; i < 100; i++) {
            org.junit.jupiter.api.Assertions.assertTrue(s.at(i) < s.at(i - 1), "decreasing at step " + i);
        }
        double mid = 0.001 + 0.5 * (0.1 - 0.001) * (1 + Math.cos(Math.PI * 33 / 99.0));
        assertEquals(mid, s.at(33), 1e-12);
        assertEquals(0.001, s.at(99), 1e-9);
    }

    @Test
    void warmupRampsLinearly() {
        LearningRateSchedule s = new LearningRateSchedule(OptimizerSpec.adam(0.1),
                new ScheduleSpec(ScheduleSpec.Type.CONSTANT, null, null, null, 10), 10, 10);
        assertEquals(0.01, s.at(0), 1e-12);
        assertEquals(0.05, s.at(4), 1e-12);
        assertEquals(0.1, s.at(10), 1e-12);
    }
}
