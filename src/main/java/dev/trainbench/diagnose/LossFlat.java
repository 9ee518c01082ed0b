package dev.trainbench.diagnose;

import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.TrainingSpec;
import java.util.List;

/**
 * {@code loss-flat}: after {@value #MIN_STEPS} steps the smoothed loss has never gone below
 * {@value #FLAT_SHARE} of where it started (for classes: of the loss of guessing the class shares,
 * if the start was worse). Why, in the order the rule checks: no gradient reaches the hidden
 * layers (a dead or symmetric network), the wrong loss for class labels, a learning rate far too
 * low, or one so high that every step overshoots; otherwise the inputs or labels themselves.
 */
final class LossFlat extends Rule {
    static final int MIN_STEPS = 50;
    static final double FLAT_SHARE = 0.97;

    static final int NO_GRADIENT = 1;
    static final int WRONG_LOSS = 2;
    static final int LR_LOW = 3;
    static final int LR_HIGH = 4;
    static final int OTHER = 5;

    @Override
    String id() {
        return RuleIds.LOSS_FLAT;
    }

    @Override
    int state(Context c) {
        RunEvidence r = c.run();
        if (r.steps() < MIN_STEPS || r.nonFiniteStep() >= 0 || r.explodedAt() >= 0) {
            return 0;
        }
        double baseline = c.baselineLoss();
        if (!(baseline > 0) || r.bestSmoothedLoss() < FLAT_SHARE * baseline) {
            return 0;
        }
        if (r.zeroHiddenGradientSteps() >= 10) {
            return NO_GRADIENT;
        }
        TrainingSpec t = c.spec().training();
        if (c.classification() && t.loss() != TrainingSpec.Loss.CROSS_ENTROPY) {
            return WRONG_LOSS;
        }
        return switch (LearningRates.scale(t.optimizer().type(), c.baseLearningRate())) {
            case LOW -> LR_LOW;
            case HIGH -> LR_HIGH;
            default -> OTHER;
        };
    }

    @Override
    Finding build(Context c, int state) {
        RunEvidence r = c.run();
        OptimizerSpec.Type opt = c.spec().training().optimizer().type();
        double lr = c.baseLearningRate();
        String numbers = "after " + r.steps() + " steps the loss is " + Text.num(r.smoothedLoss()) + " (best "
                + Text.num(r.bestSmoothedLoss()) + "), against " + Text.num(r.initialLoss()) + " at the start"
                + (c.data() != null && c.classification() ? " and " + Text.num(c.data().chanceLoss())
                + " for guessing the class shares" : "");
        Evidence ev = Evidence.of(Evidence.CHART_LOSS, r.lastStep(), r.lastEpoch(), "initial loss", r.initialLoss(),
                "loss now", r.smoothedLoss(), "best loss", r.bestSmoothedLoss(), "learning rate", lr);
        String title = "the loss has not moved from the start";
        return switch (state) {
            case NO_GRADIENT -> new Finding(id(), Severity.WARNING, title + ": no gradient reaches the hidden layers",
                    numbers + "; every layer before the output layer has had exactly zero gradient for the last "
                            + r.zeroHiddenGradientSteps() + " steps, so only the output layer learns",
                    Evidence.of(Evidence.CHART_HEATMAP, r.lastStep(), r.lastEpoch(), "initial loss", r.initialLoss(),
                            "loss now", r.smoothedLoss()), Tips.GRADIENT_FLOW,
                    c.model().init() == dev.trainbench.spec.InitSpec.Type.HE ? null
                            : Changes.init(c.spec(), c.model().fittingInit()), List.of());
            case WRONG_LOSS -> new Finding(id(), Severity.WARNING, title + ": class labels trained with "
                    + c.spec().training().loss().name().toLowerCase(java.util.Locale.ROOT),
                    numbers + "; the data has class labels but the loss is "
                            + c.spec().training().loss().name().toLowerCase(java.util.Locale.ROOT)
                            + ", which treats the class index as a number to regress to", ev, Tips.LOSS_COMPUTATION,
                    Changes.loss(c.spec(), "cross_entropy"), List.of());
            case LR_LOW -> new Finding(id(), Severity.WARNING, title + ": the learning rate " + Text.num(lr) + " is very low",
                    numbers + "; the learning rate " + Text.num(lr) + " is at the low end for " + opt.name()
                            .toLowerCase(java.util.Locale.ROOT) + " (usual: " + LearningRates.usualRange(opt)
                            + "), so each step changes almost nothing", ev, Tips.LEARNING_RATE,
                    Changes.learningRate(c.spec(), 10), List.of());
            case LR_HIGH -> new Finding(id(), Severity.WARNING, title + ": the learning rate " + Text.num(lr) + " is very high",
                    numbers + "; the learning rate " + Text.num(lr) + " is very high for " + opt.name()
                            .toLowerCase(java.util.Locale.ROOT) + " (usual: " + LearningRates.usualRange(opt)
                            + "): each step overshoots, and the loss bounces around where it started",
                    ev, Tips.LEARNING_RATE, Changes.learningRate(c.spec(), 0.1), List.of());
            default -> new Finding(id(), Severity.WARNING, title, numbers + "; the learning rate " + Text.num(lr)
                    + " is in the usual range for " + opt.name().toLowerCase(java.util.Locale.ROOT)
                    + ", gradients reach the layers, and the loss fits the task: check that the inputs carry the"
                    + " labels' information (Check... runs the input-independent baseline) and that the labels belong"
                    + " to the inputs", ev, Tips.LOSS_COMPUTATION, Changes.learningRate(c.spec(), 3), List.of());
        };
    }
}
