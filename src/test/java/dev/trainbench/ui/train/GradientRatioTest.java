package dev.trainbench.ui.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientRatioTest {
    @Test
    void smallRatioIsCalledVanishing() {
        GradientRatio v = GradientRatio.of(1e-5, 1e-2);
        assertTrue(v.warning());
        assertTrue(v.text().startsWith("first/last layer gradient ratio 1.0e-03: vanishing gradients"), v.text());
        assertFalse(GradientRatio.of(0.5, 1.0).warning());
        assertTrue(GradientRatio.of(500, 1).text().contains("exploding"));
    }
}
