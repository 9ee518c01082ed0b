package dev.trainbench.diagnose;

import java.util.List;

/**
 * {@code exploding-gradients}: the global gradient norm jumps to {@value #SPIKE_FACTOR}x or more its
 * typical value (a moving geometric mean that spikes cannot drag up), once by
 * {@value #BIG_SPIKE}x or more or {@value #SPIKES} times, or becomes NaN/Inf while the loss is still
 * finite. Clipping the gradient norm caps such steps; with clipping already on it is information.
 * Left out when the loss blew up ({@code lr-too-high} says why and what to change).
 */
final class ExplodingGradients extends Rule {
    public static final double SPIKE_FACTOR = 20;
    static final double BIG_SPIKE = 100;
    static final int SPIKES = 3;

    @Override
    String id() {
        return RuleIds.EXPLODING_GRADIENTS;
    }

    @Override
    int state(Context c) {
        RunEvidence r = c.run();
        boolean found = r.firstNonFiniteGradStep() >= 0 || r.maxSpikeFactor() >= BIG_SPIKE || r.gradientSpikes() >= SPIKES;
        if (!found) {
            return 0;
        }
        return c.spec().training().clipNorm() != null ? 1 : 2;
    }

    @Override
    Finding build(Context c, int state) {
        RunEvidence r = c.run();
        boolean clipped = state == 1;
        String what = r.firstNonFiniteGradStep() >= 0 && r.maxSpikeStep() < 0
                ? "the gradient norm became NaN/Inf at step " + r.firstNonFiniteGradStep()
                : "the gradient norm jumped to " + Text.num(r.maxSpikeNorm()) + " at step " + r.maxSpikeStep()
                + ", " + Text.num(r.maxSpikeFactor()) + "x its typical " + Text.num(r.normBeforeMaxSpike())
                + " (" + Text.plural(r.gradientSpikes(), "spike", "spikes") + " of " + Text.num(SPIKE_FACTOR) + "x or more)";
        double typical = Double.isFinite(r.normBeforeMaxSpike()) ? r.normBeforeMaxSpike() : r.typicalGradNorm();
        double clipAt = Double.isFinite(typical) && typical > 0 ? Math.max(0.1, 2 * typical) : 1.0;
        return new Finding(id(), clipped ? Severity.INFO : Severity.WARNING, "exploding gradients: " + what,
                what + (clipped ? "; clipping at " + Text.num(c.spec().training().clipNorm()) + " caps the steps they cause"
                        : "; one such step can throw the weights far off what they learned"),
                Evidence.of(Evidence.CHART_GRADIENTS, r.maxSpikeStep() >= 0 ? r.maxSpikeStep() : r.firstNonFiniteGradStep(),
                        null, "spike gradient norm", r.maxSpikeNorm(), "typical gradient norm", typical,
                        "spikes", r.gradientSpikes()),
                Tips.LEARNING_RATE, clipped ? null : Changes.clipNorm(c.spec(), clipAt),
                clipped ? List.of() : List.of(Changes.learningRate(c.spec(), 1 / 3.0)));
    }
}
