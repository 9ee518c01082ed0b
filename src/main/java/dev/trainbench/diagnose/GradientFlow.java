package dev.trainbench.diagnose;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The line under the gradient heat map: the first-to-last-layer gradient ratio and what it means,
 * in the words of the finding that explains it (vanishing gradients, dead ReLUs, a blow-up, zero
 * initialization), so that the line and the diagnosis panel never disagree. Without such a finding
 * the line states the number and does not guess a cause.
 */
public record GradientFlow(String text, boolean warning) {
    private static final Set<String> GRADIENT_RULES = Set.of(RuleIds.VANISHING_GRADIENTS, RuleIds.DEAD_RELU,
            RuleIds.LR_TOO_HIGH, RuleIds.SYMMETRIC_INIT, RuleIds.EXPLODING_GRADIENTS);

    /** Ratios within [1/this, this] are healthy. */
    public static final double HEALTHY = 1e2;

    /**
     * @param firstNorm mean gradient norm of the first layer over the recent steps
     * @param lastNorm  the same for the last (output) layer
     * @param findings  the run's current findings
     */
    public static GradientFlow of(double firstNorm, double lastNorm, List<Finding> findings) {
        Finding cause = findings == null ? null : findings.stream()
                .filter(f -> GRADIENT_RULES.contains(f.rule()) && f.severity().atLeast(Severity.WARNING))
                .findFirst().orElse(null);
        if (!(lastNorm > 0) || !Double.isFinite(firstNorm)) {
            return new GradientFlow("first/last layer gradient ratio: the last layer gets no gradient"
                    + (cause == null ? "" : " \u2014 " + cause.rule() + ": " + cause.title()), true);
        }
        double r = firstNorm / lastNorm;
        String value = String.format(Locale.ROOT, "first/last layer gradient ratio %.1e", r);
        if (cause != null) {
            return new GradientFlow(value + " \u2014 " + cause.rule() + ": " + cause.title(), true);
        }
        if (r >= 1 / HEALTHY && r <= HEALTHY) {
            return new GradientFlow(value + ": gradients reach every layer", false);
        }
        return new GradientFlow(value + (r < 1 ? ": the first layers get much smaller gradients than the last"
                : ": the first layers get much larger gradients than the last") + "; no diagnosis finding explains it",
                false);
    }
}
