package dev.trainbench.train;

import dev.trainbench.data.Augmenter;
import dev.trainbench.data.Dataset;
import dev.trainbench.data.DatasetLoader;
import dev.trainbench.data.Preprocessor;
import dev.trainbench.data.SplitIndices;
import dev.trainbench.data.Splitter;
import dev.trainbench.model.ModelSummary;
import dev.trainbench.model.ShapeInference;
import dev.trainbench.spec.ExperimentSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads, splits and preprocesses the data of a spec. Deterministic for a spec: the final test
 * rebuilds exactly the split and the scaling that training saw.
 */
public final class DataPreparation {

    private DataPreparation() {
    }

    public static PreparedData prepare(ExperimentSpec spec, Path baseDir, Consumer<String> warnings) {
        Dataset all = DatasetLoader.load(spec.data(), baseDir, spec.seed(), warnings);
        SplitIndices split = Splitter.split(all, spec.split(), spec.seed());
        Dataset rawTrain = all.select(split.train(), all.name() + " (train)");
        Dataset rawVal = all.select(split.validation(), all.name() + " (validation)");
        Dataset rawTest = all.select(split.test(), all.name() + " (test)");
        Preprocessor pre = Preprocessor.fit(rawTrain, spec.preprocessing());
        ModelSummary summary = ShapeInference.infer(spec.model().layers(), all.sampleShape(), all.outputWidth());
        if (!summary.valid()) {
            throw new TrainingException("the model does not fit this data (input " + ShapeInference.shapeText(all.sampleShape())
                    + "): " + summary.errorMessage());
        }
        if (!all.isClassification() && spec.training().loss() == dev.trainbench.spec.TrainingSpec.Loss.CROSS_ENTROPY) {
            throw TrainingLoop.crossEntropyOnRegression();
        }
        PreparedData.BatchTransform augment = null;
        if (spec.augmentation().enabled()) {
            if (!all.isImage()) {
                throw new TrainingException("augmentation (shift, flip, rotation, noise) is for images, but "
                        + spec.data().label() + " is a table of " + all.sampleSize() + " features; remove \"augmentation\" from the spec");
            }
            Augmenter augmenter = new Augmenter(spec.augmentation(), all.sampleShape(), spec.seed());
            augment = augmenter::augmentBatch;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("mode", spec.preprocessing().name().toLowerCase());
        state.put("fittedOn", "train");
        state.put("offsets", pre.offsets());
        state.put("scales", pre.scales());
        // What a later input must go through to look like these samples (trainbench export/predict).
        state.put("sampleShape", all.sampleShape());
        state.put("input", all.encoding());
        if (all.isClassification()) {
            state.put("classNames", all.classNames());
        } else {
            state.put("targets", all.targetWidth());
        }
        return new PreparedData(pre.apply(rawTrain), pre.apply(rawVal), pre.apply(rawTest), state, augment, pre::apply, rawTrain);
    }
}
