package dev.trainbench.diagnose;

import dev.trainbench.spec.OptimizerSpec;

/**
 * Where a learning rate sits for its optimizer: plain SGD steps by {@code lr * gradient}, the
 * adaptive ones (Adam, AdamW, RMSProp) by about {@code lr} per weight whatever the gradient, so
 * the same number means very different steps. Used so that advice about the learning rate never
 * calls a huge rate "too low" (or a tiny one "too high").
 */
public final class LearningRates {
    /** SGD at or below this learns slowly. */
    public static final double SGD_LOW = 1e-3;
    /** SGD at or above this is very large for most networks. */
    public static final double SGD_HIGH = 1.0;
    /** Adam-like at or below this learns slowly. */
    public static final double ADAPTIVE_LOW = 1e-5;
    /** Adam-like at or above this is very large (each step moves every weight by about this much). */
    public static final double ADAPTIVE_HIGH = 0.05;

    /** Low, typical or high for the optimizer. */
    public enum Scale { LOW, TYPICAL, HIGH }

    private LearningRates() {
    }

    public static Scale scale(OptimizerSpec.Type optimizer, double lr) {
        boolean sgd = optimizer == OptimizerSpec.Type.SGD;
        if (lr <= (sgd ? SGD_LOW : ADAPTIVE_LOW)) {
            return Scale.LOW;
        }
        if (lr >= (sgd ? SGD_HIGH : ADAPTIVE_HIGH)) {
            return Scale.HIGH;
        }
        return Scale.TYPICAL;
    }

    /** The usual range of the optimizer's learning rate, in words. */
    public static String usualRange(OptimizerSpec.Type optimizer) {
        return optimizer == OptimizerSpec.Type.SGD ? "0.001 to 0.5 for sgd" : "1e-5 to 0.01 for "
                + optimizer.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code lr / factor}, rounded to 3 significant digits. */
    public static double divided(double lr, double factor) {
        return Text.nice(lr / factor);
    }
}
