package dev.trainbench.ui.train;

import dev.trainbench.diagnose.Finding;
import dev.trainbench.diagnose.GradientFlow;
import java.util.List;

/**
 * The ratio of the first layer's gradient norm to the last layer's over the latest steps, and what it
 * means in the diagnosis' words ({@link GradientFlow}): plain, no JavaFX.
 */
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
        return ofRecentMeans(layers, rows, norms, List.of());
    }

    /** As {@link #ofRecentMeans(int, int, NormAt)}, explained by the run's current findings. */
    public static GradientRatio ofRecentMeans(int layers, int rows, NormAt norms, List<Finding> findings) {
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
        return first < 0 || first == last ? null : of(mean[first], mean[last], findings);
    }

    /** The ratio with no findings to explain it. */
    public static GradientRatio of(double firstNorm, double lastNorm) {
        return of(firstNorm, lastNorm, List.of());
    }

    public static GradientRatio of(double firstNorm, double lastNorm, List<Finding> findings) {
        GradientFlow f = GradientFlow.of(firstNorm, lastNorm, findings);
        return new GradientRatio(f.text(), f.warning());
    }
}
