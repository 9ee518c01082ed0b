package dev.trainbench.diagnose;

import dev.trainbench.data.DataProfile;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sanity checks' verdicts, in the words of the diagnosis rules: the first-batch checks of a run
 * (initial loss against ln C, a gradient for every parameter) and the pre-run probes of Check...
 * (overfit one batch, input-independent baseline). Each line starts with "OK" or "WARNING" and
 * carries its numbers; the advice in a warning is the advice of the rule that names the cause, and
 * it reads the model and the data first, so it never recommends what the spec already does (no
 * "use He init" on a He-initialized model, no "the learning rate may be too low" at a rate of 10).
 */
public final class SanityRules {

    /** Final loss below this (classification) counts as "near zero" for overfit-one-batch. */
    public static final double NEAR_ZERO_LOSS = 0.05;
    /** Regression: the final loss must fall below this share of the initial loss. */
    public static final double REGRESSION_FRACTION = 0.05;
    /** The real-input model's validation loss must be at least this share below the zeroed one's. */
    public static final double BASELINE_MARGIN = 0.05;

    private SanityRules() {
    }

    /**
     * The first-batch checks.
     *
     * @param data                 facts about the training data, or null
     * @param perParamSquaredGrads squared gradient norm of each parameter, in group order (null: not measured)
     */
    public static List<String> firstBatch(ExperimentSpec spec, ModelFacts model, DataFacts data, boolean classification,
                                          int classes, float initialLoss, List<String> groupNames,
                                          List<List<String>> paramNames, float[] perParamSquaredGrads) {
        List<String> out = new ArrayList<>();
        if (spec.training().loss() == TrainingSpec.Loss.CROSS_ENTROPY && classification) {
            double expected = Math.log(classes);
            String numbers = String.format(Locale.ROOT, "initial loss %.3f, expected about ln(%d) = %.3f", initialLoss,
                    classes, expected);
            if (!Float.isFinite(initialLoss)) {
                out.add("WARNING " + numbers + ": the loss is not finite before any update; check the data for NaN/Inf");
            } else if (initialLoss > 2 * expected + 0.5) {
                out.add("WARNING " + numbers + ": the network starts overconfident; " + overconfidentCause(spec, model, data));
            } else if (initialLoss < 0.5 * expected) {
                out.add("WARNING " + numbers + ": suspiciously low before training; check that labels do not leak"
                        + " into the inputs and that the loss is computed on the right outputs");
            } else {
                out.add("OK " + numbers);
            }
        }
        if (perParamSquaredGrads != null) {
            List<String> dead = new ArrayList<>();
            int k = 0;
            for (int g = 0; g < paramNames.size(); g++) {
                for (String p : paramNames.get(g)) {
                    float v = perParamSquaredGrads[k++];
                    if (!(v > 0)) {
                        dead.add(groupNames.get(g) + " (" + p + ")");
                    }
                }
            }
            if (dead.isEmpty()) {
                out.add("OK every parameter received a non-zero gradient on the first batch");
            } else {
                out.add("WARNING no gradient reached " + String.join(", ", dead) + " on the first batch: these weights"
                        + " will not learn. " + noGradientCause(spec, model));
            }
        }
        return out;
    }

    /** Why a network starts overconfident, from the data and the initialization. */
    static String overconfidentCause(ExperimentSpec spec, ModelFacts model, DataFacts data) {
        if (data != null && data.inputName() != null && (Math.abs(data.inputMean()) > DataProfile.UNIT_SCALE_LIMIT
                || data.inputStd() > DataProfile.UNIT_SCALE_LIMIT)) {
            return "the inputs reach the model far from unit scale (mean " + Text.num(data.inputMean()) + ", std "
                    + Text.num(data.inputStd()) + "): standardize them (preprocessing: standardize)";
        }
        InitSpec init = spec.model().init();
        if (init.type() == InitSpec.Type.NORMAL && init.sigma() > 0.1) {
            return "the initial weights are large (normal, sigma " + Text.num(init.sigma()) + "): use "
                    + model.fittingInit().name().toLowerCase(Locale.ROOT) + " initialization";
        }
        if (init.type() != model.fittingInit() && init.type() != InitSpec.Type.DEFAULT) {
            return "the initialization (" + init.type().name().toLowerCase(Locale.ROOT) + ") is too large for these"
                    + " activations: use " + model.fittingInit().name().toLowerCase(Locale.ROOT);
        }
        return "the first outputs are large: check the inputs' scale in the data profile and the initialization";
    }

    /** Why a parameter got no gradient, from the model: zero init, dead ReLUs, or a layer cut off from the loss. */
    static String noGradientCause(ExperimentSpec spec, ModelFacts model) {
        if (model.init() == InitSpec.Type.ZEROS) {
            InitSpec.Type fix = model.fittingInit();
            return "The cause is the zero initialization (symmetric-init): every unit of a layer starts identical and"
                    + " passes no gradient; use " + fix.name().toLowerCase(Locale.ROOT) + " initialization (model.init)";
        }
        if (model.relus() > 0) {
            return "Usual causes: ReLU units that output zero for the whole batch (dead-relu: check the inputs' scale"
                    + " and the initialization), or a layer cut off from the loss";
        }
        return "A layer seems cut off from the loss: every part of the network needs a path to it";
    }

    /** The message when every gradient of the first batch is exactly zero (the run cannot learn and is stopped). */
    public static String allGradientsZero(ExperimentSpec spec, ModelFacts model) {
        return "every gradient is exactly zero on the first batch, so nothing can learn. " + noGradientCause(spec, model);
    }

    /**
     * Overfit one batch's verdict.
     *
     * @param maxLoss the highest loss seen during the probe
     */
    public static String overfitOneBatch(ExperimentSpec spec, ModelFacts model, boolean classification, int count,
                                         float initial, float last, float maxLoss, float lastAccuracy, int reachedAt,
                                         int steps, int maxSteps) {
        String acc = classification ? String.format(Locale.ROOT, ", batch accuracy %.0f%%", 100 * lastAccuracy) : "";
        String numbers = String.format(Locale.ROOT, "%d samples, loss %s -> %s%s", count, num(initial), num(last), acc);
        String check = "overfit one batch";
        if (reachedAt > 0) {
            return String.format(Locale.ROOT, "OK %s: %s; near zero at step %d of %d", check, numbers, reachedAt, maxSteps);
        }
        String goal = classification
                ? String.format(Locale.ROOT, "loss < %.2f and 100%% accuracy", NEAR_ZERO_LOSS)
                : String.format(Locale.ROOT, "loss < %.0f%% of the initial loss", 100 * REGRESSION_FRACTION);
        OptimizerSpec opt = spec.training().optimizer();
        double lr = opt.learningRate();
        LearningRates.Scale scale = LearningRates.scale(opt.type(), lr);
        String type = opt.type().name().toLowerCase(Locale.ROOT);
        boolean exploded = Float.isFinite(initial) && maxLoss > RunEvidence.EXPLODE_FACTOR * initial && maxLoss > initial + 1;
        String why;
        if (!Float.isFinite(last) || last > initial || exploded) {
            why = String.format(Locale.ROOT, "the loss %s (peak %s): the learning rate %s is too high (lr-too-high);"
                    + " divide it by 10 (%s) or run the LR range test", !Float.isFinite(last) ? "became " + last
                    : exploded ? "blew up" : "grew", num(maxLoss), Text.num(lr), Text.num(LearningRates.divided(lr, 10)));
        } else if (last > 0.9 * initial) {
            why = "the loss hardly moved: " + switch (scale) {
                case LOW -> String.format(Locale.ROOT, "the learning rate %s is very low for %s (usual: %s); multiply"
                        + " it by 10", Text.num(lr), type, LearningRates.usualRange(opt.type()));
                case HIGH -> String.format(Locale.ROOT, "the learning rate %s is very high for %s (usual: %s), so every"
                        + " step overshoots (lr-too-high); divide it by 10 (%s)", Text.num(lr), type,
                        LearningRates.usualRange(opt.type()), Text.num(LearningRates.divided(lr, 10)));
                default -> model.init() == InitSpec.Type.ZEROS
                        ? "the zero initialization keeps every unit of a layer identical (symmetric-init); use "
                        + model.fittingInit().name().toLowerCase(Locale.ROOT) + " initialization"
                        : String.format(Locale.ROOT, "the learning rate %s is in the usual range for %s, so look for"
                        + " a gradient that does not reach the layers (dead units, stacked sigmoids) or a bug that cuts"
                        + " the inputs or labels off from the loss", Text.num(lr), type);
            };
        } else {
            why = "the loss fell but not to near zero: the model may be too small for even " + count + " samples,"
                    + " regularization too strong (dropout, weight decay), "
                    + (scale == LearningRates.Scale.HIGH ? "the learning rate " + Text.num(lr) + " too high to settle"
                    : "the learning rate too low to get there in " + maxSteps + " steps (try --steps)")
                    + ", or the labels contradict the inputs (a data or label bug)";
        }
        return String.format(Locale.ROOT, "WARNING %s: %s after %d steps, not %s; %s", check, numbers, steps, goal, why);
    }

    /** The input-independent baseline's verdict. */
    public static String inputIndependent(boolean ok, String numbers, DataFacts data) {
        String check = "input-independent baseline";
        if (ok) {
            return "OK " + check + ": " + numbers;
        }
        String scale = data != null && data.inputName() != null && (Math.abs(data.inputMean()) > DataProfile.UNIT_SCALE_LIMIT
                || data.inputStd() > DataProfile.UNIT_SCALE_LIMIT)
                ? "; the inputs reach the model far from unit scale (unscaled-inputs): standardize them" : "";
        return String.format(Locale.ROOT, "WARNING %s: %s; the real inputs should give a loss at least %.0f%% lower."
                + " The model is not using its inputs: check that the inputs reach the network, that preprocessing does"
                + " not wipe them out (constant features), and that the labels belong to the inputs (shuffled,"
                + " misaligned or unrelated labels)%s", check, numbers, 100 * BASELINE_MARGIN, scale);
    }

    /**
     * What the learning-rate range test says about the spec's learning rate, in the words of the
     * rules: beyond where the loss diverged (lr-too-high), far below the suggestion (loss-flat), or
     * fine. Null when the sweep cannot say.
     *
     * @param divergedAt the learning rate at which the sweep's loss diverged, NaN if it did not
     */
    public static String rangeTest(double specLr, double valley, double divergedAt) {
        if (Double.isFinite(divergedAt) && specLr >= divergedAt) {
            return "the spec's learning rate " + Text.num(specLr) + " is at or beyond where the loss diverged in the sweep ("
                    + Text.num(divergedAt) + "): it is too high (lr-too-high); use the suggestion";
        }
        if (!(valley > 0)) {
            return null;
        }
        if (specLr > 10 * valley) {
            return "the spec's learning rate " + Text.num(specLr) + " is more than 10x the suggestion " + Text.num(valley)
                    + ": probably too high (lr-too-high)";
        }
        if (specLr < valley / 100) {
            return "the spec's learning rate " + Text.num(specLr) + " is 100x or more below the suggestion " + Text.num(valley)
                    + ": training will be slow (loss-flat)";
        }
        return "the spec's learning rate " + Text.num(specLr) + " is within reach of the suggestion " + Text.num(valley);
    }

    private static String num(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3g", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }
}
