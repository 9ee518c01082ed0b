package dev.trainbench.ui.train;

import java.util.Locale;

/** What the ratio of the first layer's gradient norm to the last layer's says (plain, no JavaFX). */
public record GradientRatio(String text, boolean warning) {

    /** How many of the latest steps the ratio averages over. */
    public static final int RECENT_STEPS = 20;

    /** One layer's gradient norm at one step (NaN when not measured). */
    @FunctionalInterface
    public interface NormAt {
        double value(int layer, int row);
    }

    /**
     * The ratio of the mean gradient norms of the first and last layers that have data, over the
     * last {@link #RECENT_STEPS} rows before {@code rows}; null without two such layers.
     */
    public static GradientRatio ofRecentMeans(int layers, int rows, NormAt norms) {
        int from = Math.max(0, rows - RECENT_STEPS);
        int first = -1;
        int last = -1;
        double[] mean = new double[layers];
        for (int l = 0; l < layers; l++) {
            double sum = 0;
            int n = 0;
            for (int i = from; i < rows; i++) {
                double v = norms.value(l, i);
                if (Double.isFinite(v)) {
                    sum += v;
                    n++;
                }
            }
            mean[l] = n == 0 ? Double.NaN : sum / n;
            if (n > 0) {
                if (first < 0) {
                    first = l;
                }
                last = l;
            }
        }
        return first < 0 || first == last ? null : of(mean[first], mean[last]);
    }

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
