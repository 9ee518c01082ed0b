package dev.trainbench.diagnose;

import dev.trainbench.spec.InitSpec;
import java.util.List;

/**
 * {@code symmetric-init}: zero initialization with hidden layers. Every unit of a layer starts
 * identical, gets the same gradient and stays identical (with ReLU they all output zero and get
 * no gradient at all), so a layer of 128 units works like one. An error once the run shows it
 * (the hidden layers' gradients are exactly zero, or the loss does not move); a warning before.
 */
final class SymmetricInit extends Rule {
    static final int BEFORE = 1;
    static final int SHOWN = 2;

    @Override
    String id() {
        return RuleIds.SYMMETRIC_INIT;
    }

    @Override
    int state(Context c) {
        if (c.model().init() != InitSpec.Type.ZEROS || !c.model().hasHiddenLayers()) {
            return 0;
        }
        RunEvidence r = c.run();
        boolean shown = r.zeroHiddenGradientSteps() >= 10 || (r.steps() >= LossFlat.MIN_STEPS && c.baselineLoss() > 0
                && r.bestSmoothedLoss() >= LossFlat.FLAT_SHARE * c.baselineLoss());
        return shown ? SHOWN : BEFORE;
    }

    @Override
    Finding build(Context c, int state) {
        RunEvidence r = c.run();
        InitSpec.Type fix = c.model().fittingInit();
        String why = c.model().relus() > 0 || c.model().reluFamilyActivations() > 0
                ? "with zero weights every hidden unit outputs the same value (zero, through a ReLU) and gets the same"
                + " gradient (zero), so the units never become different and the hidden layers never learn"
                : "with zero weights every unit of a layer computes the same value and gets the same gradient, so the"
                + " units stay identical and a layer works like a single unit";
        String evidence = state == SHOWN
                ? (r.zeroHiddenGradientSteps() > 0 ? "; the hidden layers have had exactly zero gradient for "
                + r.zeroHiddenGradientSteps() + " steps" : "") + "; the loss is " + Text.num(r.smoothedLoss())
                + " after " + r.steps() + " steps, against " + Text.num(r.initialLoss()) + " at the start" : "";
        return new Finding(id(), state == SHOWN ? Severity.ERROR : Severity.WARNING,
                "zero initialization: the units of each layer stay identical", "model.init is zeros: " + why + evidence
                + "; " + fix.name().toLowerCase(java.util.Locale.ROOT) + " initialization fits this model's "
                + (fix == InitSpec.Type.HE ? "ReLU-like" : "sigmoid/tanh") + " activations and breaks the symmetry",
                Evidence.of(Evidence.CHART_HEATMAP, r.steps() > 0 ? r.lastStep() : null, r.steps() > 0 ? r.lastEpoch() : null,
                        "initial loss", r.initialLoss(), "loss now", r.smoothedLoss(),
                        "steps with zero hidden gradient", r.zeroHiddenGradientSteps()),
                Tips.INITIALIZATION, Changes.init(c.spec(), fix), List.of());
    }
}
