package dev.trainbench.ui.train;

import java.util.Locale;

/** What the ratio of the first layer's gradient norm to the last layer's says (plain, no JavaFX). */
public record GradientRatio(String text, boolean warning) {

    /** Below 1e-2: vanishing gradients; above 1e2: the first layers get far more than the last. */
    public static GradientRatio of(double firstNorm, double lastNorm) {
        if (!(lastNorm > 0) || !Double.isFinite(firstNorm)) {
            return new GradientRatio("first/last layer gradient ratio: the last layer gets no gradient", true);
        }
        double r = firstNorm / lastNorm;
        String value = String.format(Locale.ROOT, "first/last layer gradient ratio %.1e", r);
        if (r < 1e-2) {
            return new GradientRatio(value + ": vanishing gradients, the first layers barely learn"
                    + " (try ReLU instead of sigmoid/tanh, He init, batch norm or a residual block)", true);
        }
        if (r > 1e2) {
            return new GradientRatio(value + ": the first layers get far larger gradients than the last"
                    + " (exploding; try a lower learning rate or gradient clipping)", true);
        }
        return new GradientRatio(value + ": gradients reach every layer", false);
    }
}
