package dev.trainbench.model;

import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.LayerSpec.Type;
import java.util.ArrayList;
import java.util.List;

/** Architecture lint (M4): stacks that connect but will train badly, each with the tip behind it. */
public final class ArchitectureLint {

    private ArchitectureLint() {
    }

    public static List<LintWarning> check(List<LayerSpec> layers, int[] inputShape, int outputs, long trainingSamples) {
        List<LintWarning> warnings = new ArrayList<>();
        int saturating = 0;
        String firstSaturating = null;
        int lastLinear = -1;
        boolean nonlinearSince = true;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            String pos = Integer.toString(i + 1);
            if (l.type().isSaturating()) {
                saturating++;
                firstSaturating = firstSaturating == null ? pos : firstSaturating;
            }
            if (l.type().isActivation() || l.type() == Type.MAXPOOL || l.type() == Type.RESIDUAL) {
                nonlinearSince = true;
            }
            if (l.type() == Type.DENSE) {
                if (!nonlinearSince && lastLinear >= 0) {
                    warnings.add(new LintWarning(pos, "linear-stack",
                            "dense layers " + (lastLinear + 1) + " and " + pos + " have no nonlinearity between them,"
                                    + " so together they compute a single linear map and add parameters but no power",
                            "insert an activation (relu) between them, or remove one"));
                }
                if (l.units() < outputs) {
                    warnings.add(new LintWarning(pos, "bottleneck",
                            "dense layer of " + l.units() + " units is narrower than the " + outputs
                                    + " outputs: a bottleneck that loses information the output needs",
                            "make it at least " + outputs + " units wide"));
                }
                lastLinear = i;
                nonlinearSince = false;
            }
        }
        if (lastLinear >= 0 && !nonlinearSince) {
            warnings.add(new LintWarning(Integer.toString(lastLinear + 1), "linear-stack",
                    "dense layer " + (lastLinear + 1) + " feeds the output layer with no nonlinearity between them, so"
                            + " the two compute a single linear map",
                    "add an activation (relu) after it, or remove it"));
        }
        if (saturating >= 3) {
            warnings.add(new LintWarning(firstSaturating, "stacked-saturation",
                    saturating + " saturating activations (sigmoid/tanh) are stacked: each squashes the gradient"
                            + " (sigmoid's slope is at most 0.25), so the first layers get vanishing gradients",
                    "use relu (or leakyrelu/gelu), add batchnorm, or use residual blocks"));
        }
        ModelSummary summary = ShapeInference.infer(layers, inputShape, outputs);
        if (summary.valid() && trainingSamples > 0 && summary.totalParameters() > 50L * trainingSamples) {
            warnings.add(new LintWarning("all", "too-many-parameters",
                    summary.totalParameters() + " parameters for " + trainingSamples + " training samples ("
                            + summary.totalParameters() / trainingSamples + " per sample): expect overfitting",
                    "start smaller (a preset with fewer units), or add data, augmentation or dropout"));
        }
        return warnings;
    }
}
