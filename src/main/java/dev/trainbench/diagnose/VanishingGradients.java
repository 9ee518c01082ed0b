package dev.trainbench.diagnose;

import dev.trainbench.spec.LayerSpec;
import java.util.List;

/**
 * {@code vanishing-gradients}: over the last {@value RunEvidence#WINDOW} steps the first layer's
 * mean gradient norm is below {@value #RATIO}x the last layer's, and the model explains it:
 * stacked saturating activations (three or more sigmoid/tanh), or eight or more weight layers with
 * neither residual connections nor batch norm. Never when the first layers get exactly zero (a dead
 * network: {@code dead-relu} or {@code lr-too-high} say why), when the loss blew up, or when a
 * layer's ReLUs are mostly dead.
 */
final class VanishingGradients extends Rule {
    static final double RATIO = 1e-2;
    static final int SATURATION = 1;
    static final int DEPTH = 2;

    @Override
    String id() {
        return RuleIds.VANISHING_GRADIENTS;
    }

    @Override
    int state(Context c) {
        RunEvidence r = c.run();
        int layers = r.layers();
        if (layers < 2 || r.windowSteps() < RunEvidence.WINDOW || r.steps() < 30 || r.explodedAt() >= 0
                || r.nonFiniteStep() >= 0) {
            return 0;
        }
        double first = r.recentGradNorm(0);
        double last = r.recentGradNorm(layers - 1);
        if (!(first > 0) || !(last > 0) || first / last >= RATIO) {
            return 0;
        }
        for (int l = 0; l < layers; l++) {
            if (r.deadFraction(l) >= DeadRelu.MOSTLY_DEAD) {
                return 0;
            }
        }
        if (c.model().stackedSaturation()) {
            return SATURATION;
        }
        return c.model().deepWithoutHelp() ? DEPTH : 0;
    }

    @Override
    Finding build(Context c, int state) {
        RunEvidence r = c.run();
        int layers = r.layers();
        double first = r.recentGradNorm(0);
        double last = r.recentGradNorm(layers - 1);
        double ratio = first / last;
        String names = c.model().groups().get(0).name() + "' and '" + c.model().groups().get(layers - 1).name();
        String numbers = "over the last " + RunEvidence.WINDOW + " steps the first layer's gradient norm averages "
                + Text.num(first) + " against " + Text.num(last) + " for the last layer (ratio " + Text.num(ratio)
                + ", layers '" + names + "')";
        Evidence ev = Evidence.of(Evidence.CHART_HEATMAP, r.lastStep(), r.lastEpoch(), "first/last layer gradient ratio",
                ratio, "first layer gradient norm", first, "last layer gradient norm", last);
        if (state == SATURATION) {
            List<Integer> saturating = c.model().saturatingIndexes();
            return new Finding(id(), Severity.WARNING, "vanishing gradients: the first layer gets " + Text.num(ratio)
                    + "x the last layer's gradient", numbers + "; " + c.model().saturatingActivations()
                    + " saturating activations (sigmoid/tanh) are stacked, and each multiplies the gradient by at most"
                    + " 0.25 (sigmoid) or 1 (tanh) on its way back, so the first layers barely learn",
                    ev, Tips.GRADIENT_FLOW, saturating.isEmpty() ? null
                    : Changes.activations(c.spec(), saturating, LayerSpec.Type.RELU), List.of());
        }
        return new Finding(id(), Severity.WARNING, "vanishing gradients: the first layer gets " + Text.num(ratio)
                + "x the last layer's gradient", numbers + "; the stack has " + c.model().weightLayers()
                + " weight layers with no residual connection or batch norm to carry the gradient back: add residual"
                + " blocks or batch norm, or start from a shallower stack", ev, Tips.GRADIENT_FLOW, null, List.of());
    }
}
