package dev.trainbench.train;

import dev.trainbench.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks on the first batch (T4): the loss starts where it should, and every parameter learns. */
public final class SanityChecks {

    private SanityChecks() {
    }

    /**
     * @param perParamSquaredGrads squared gradient norm of each parameter, in group order
     * @return findings; those starting with "OK" passed, "WARNING" did not
     */
    public static List<String> firstBatch(TrainingSpec.Loss loss, int classes, boolean classification, float initialLoss,
                                          List<String> groupNames, List<List<String>> paramNames,
                                          float[] perParamSquaredGrads) {
        List<String> out = new ArrayList<>();
        if (loss == TrainingSpec.Loss.CROSS_ENTROPY && classification) {
            double expected = Math.log(classes);
            String numbers = String.format(Locale.ROOT, "initial loss %.3f, expected about ln(%d) = %.3f", initialLoss,
                    classes, expected);
            if (!Float.isFinite(initialLoss)) {
                out.add("WARNING " + numbers + ": the loss is not finite before any update; check the data for NaN/Inf");
            } else if (initialLoss > 2 * expected + 0.5) {
                out.add("WARNING " + numbers + ": the network starts overconfident; inputs may be unscaled"
                        + " (standardize) or the initialization too large");
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
                        + " will not learn. Usual causes: zero initialization (symmetric weights), dead ReLUs, or a layer"
                        + " cut off from the loss; try he or xavier initialization");
            }
        }
        return out;
    }
}
