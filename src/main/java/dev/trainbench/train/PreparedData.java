package dev.trainbench.train;

import dev.trainbench.data.Dataset;
import dev.trainbench.data.TargetScaler;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The splits of one run, already preprocessed with statistics fitted on the training split.
 * {@code augment} changes a training batch in place (null: no augmentation); {@code preprocess}
 * maps raw feature values to model inputs (used for the decision-boundary grid). {@code sources}
 * lists, per split ("train", "validation", "test"), the files it was read from (absolute paths,
 * or a label such as {@code sample:mnist}). {@code targetScaler} is null unless regression targets
 * are standardized (data.targetScaling); metrics then map predictions back to the targets' units.
 */
public record PreparedData(Dataset train, Dataset validation, Dataset test, Map<String, Object> preprocessing,
                           BatchTransform augment, UnaryOperator<float[]> preprocess, Dataset rawTrain,
                           Map<String, List<String>> sources, TargetScaler targetScaler) {

    public PreparedData {
        sources = sources == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    }

    /** Without a record of the source files (tests that build splits by hand). */
    public PreparedData(Dataset train, Dataset validation, Dataset test, Map<String, Object> preprocessing,
                        BatchTransform augment, UnaryOperator<float[]> preprocess, Dataset rawTrain) {
        this(train, validation, test, preprocessing, augment, preprocess, rawTrain, Map.of(), null);
    }

    /** Changes {@code count} samples at the start of {@code batch} in place. */
    @FunctionalInterface
    public interface BatchTransform {
        void apply(float[] batch, int count);
    }
}
