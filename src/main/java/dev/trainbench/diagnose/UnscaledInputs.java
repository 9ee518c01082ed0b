package dev.trainbench.diagnose;

import dev.trainbench.data.DataProfile;
import dev.trainbench.spec.Preprocessing;
import java.util.List;

/**
 * {@code unscaled-inputs}: what the model sees (the training split after preprocessing) has a
 * feature or channel with |mean| or std above {@value DataProfile#UNIT_SCALE_LIMIT}, or (tables)
 * feature scales more than {@value DataProfile#SCALE_RATIO_LIMIT}x apart: the data profile's limits.
 * Large inputs make large first-layer activations and gradients; mismatched ones let the large
 * features dominate.
 */
final class UnscaledInputs extends Rule {

    @Override
    String id() {
        return RuleIds.UNSCALED_INPUTS;
    }

    @Override
    int state(Context c) {
        DataFacts d = c.data();
        if (d == null || d.inputName() == null) {
            return 0;
        }
        boolean far = Math.abs(d.inputMean()) > DataProfile.UNIT_SCALE_LIMIT || d.inputStd() > DataProfile.UNIT_SCALE_LIMIT;
        boolean mismatched = !d.image() && d.scaleRatio() > DataProfile.SCALE_RATIO_LIMIT;
        return far ? 1 : mismatched ? 2 : 0;
    }

    @Override
    Finding build(Context c, int state) {
        DataFacts d = c.data();
        String mode = d.preprocessing().name().toLowerCase(java.util.Locale.ROOT);
        String what = state == 1
                ? (d.image() ? "the " + d.inputName() + " channel" : "feature '" + d.inputName() + "'") + " reaches the model"
                + " with mean " + Text.num(d.inputMean()) + " and std " + Text.num(d.inputStd())
                + (d.image() ? " (raw pixel values)" : "")
                : "the features reach the model on scales " + Text.num(d.scaleRatio()) + "x apart (largest std: '"
                + d.inputName() + "', " + Text.num(d.inputStd()) + ")";
        RunEvidence r = c.run();
        String start = Double.isFinite(r.initialLoss()) && c.classification() && d.chanceLoss() > 0
                && r.initialLoss() > 2 * d.chanceLoss() + 0.5
                ? "; the first loss was " + Text.num(r.initialLoss()) + " against about " + Text.num(d.chanceLoss())
                + " for a network that starts unsure: it starts overconfident" : "";
        String message = what + " (preprocessing: " + mode + ")" + start + "; inputs far from unit scale make the first"
                + " layer's activations and gradients huge or lopsided, so training is slow or unstable";
        return new Finding(id(), Severity.WARNING, state == 1 ? "inputs far from unit scale (mean "
                + Text.num(d.inputMean()) + ", std " + Text.num(d.inputStd()) + ")" : "features on very different scales",
                message, Evidence.of(Evidence.CHART_DATA, null, null, "input mean", d.inputMean(), "input std",
                        d.inputStd(), "scale ratio", d.scaleRatio(), "initial loss", r.initialLoss()),
                Tips.SCALES, d.preprocessing() == Preprocessing.STANDARDIZE ? null
                        : Changes.preprocessing(c.spec(), "standardize"), List.of());
    }
}
