package dev.trainbench.ui.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.diagnose.Evidence;
import dev.trainbench.diagnose.Finding;
import dev.trainbench.diagnose.RuleIds;
import dev.trainbench.diagnose.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ratio line says what the diagnosis says, and nothing the diagnosis does not. */
class GradientRatioTest {
    private static Finding finding(String rule, String title) {
        return new Finding(rule, Severity.WARNING, title, "m", Evidence.of(Evidence.CHART_HEATMAP, 1L, 1), "tip", null, List.of());
    }

    @Test
    void aSmallRatioTakesItsVerdictFromTheFindingThatExplainsIt() {
        GradientRatio v = GradientRatio.of(1e-5, 1e-2, List.of(finding(RuleIds.VANISHING_GRADIENTS,
                "vanishing gradients: the first layer gets 0.001x the last layer's gradient")));
        assertTrue(v.warning());
        assertTrue(v.text().startsWith("first/last layer gradient ratio 1.0e-03 \u2014 vanishing-gradients: vanishing"), v.text());
        GradientRatio dead = GradientRatio.of(0, 1, List.of(finding(RuleIds.LR_TOO_HIGH, "the loss blew up at step 1")));
        assertTrue(dead.text().contains("lr-too-high: the loss blew up"), dead.text());
        assertFalse(dead.text().contains("sigmoid"), "a ratio of zero after a blow-up is never blamed on the activations");
    }

    @Test
    void withoutAFindingTheLineStatesTheNumberAndGuessesNoCause() {
        GradientRatio v = GradientRatio.of(1e-5, 1e-2);
        assertFalse(v.warning());
        assertFalse(v.text().contains("ReLU") || v.text().contains("He init") || v.text().contains("sigmoid"), v.text());
        assertFalse(GradientRatio.of(0.5, 1.0).warning());
        assertTrue(GradientRatio.of(0.5, 1.0).text().endsWith("gradients reach every layer"));
        assertTrue(GradientRatio.of(1, 0).warning(), "the last layer gets no gradient");
    }
}
