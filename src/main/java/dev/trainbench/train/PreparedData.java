package dev.trainbench.train;

import dev.trainbench.data.Dataset;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The splits of one run, already preprocessed with statistics fitted on the training split.
 * {@code augment} changes a training batch in place (null: no augmentation); {@code preprocess}
 * maps raw feature values to model inputs (used for the decision-boundary grid).
 */
public record PreparedData(Dataset train, Dataset validation, Dataset test, Map<String, Object> preprocessing,
                           BatchTransform augment, UnaryOperator<float[]> preprocess, Dataset rawTrain) {

    /** Changes {@code count} samples at the start of {@code batch} in place. */
    @FunctionalInterface
    public interface BatchTransform {
        void apply(float[] batch, int count);
    }
}
