package dev.trainbench.train;

import dev.trainbench.data.Augmenter;
import dev.trainbench.data.Dataset;
import dev.trainbench.data.DatasetLoader;
import dev.trainbench.data.LoadedData;
import dev.trainbench.data.Preprocessor;
import dev.trainbench.data.SplitIndices;
import dev.trainbench.data.Splitter;
import dev.trainbench.data.TargetScaler;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.model.ModelSummary;
import dev.trainbench.model.ShapeInference;
import dev.trainbench.spec.ExperimentSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads, splits and preprocesses the data of a spec; validation and test sets with their own files
 * ({@code data.validation}, {@code data.test}) are taken as they are, and the percentages split
 * {@code data.path} alone. {@link PreparedData#sources()} lists the files of each split. Deterministic for a spec: the final test
 * rebuilds exactly the split and the scaling that training saw.
 */
public final class DataPreparation {

    private DataPreparation() {
    }

    public static PreparedData prepare(ExperimentSpec spec, Path baseDir, Consumer<String> warnings) {
        LoadedData loaded = DatasetLoader.loadAll(spec.data(), baseDir, spec.seed(), warnings);
        Dataset all = loaded.data();
        SplitIndices split = Splitter.split(all, spec.split(), spec.seed());
        Dataset rawTrain = all.select(split.train(), all.name() + " (train)");
        // A split with its own files is used as it is: never shuffled into or out of training.
        Dataset rawVal = loaded.validation() != null ? loaded.validation()
                : all.select(split.validation(), all.name() + " (validation)");
        Dataset rawTest = loaded.test() != null ? loaded.test() : all.select(split.test(), all.name() + " (test)");
        if (rawVal.size() == 0 && spec.training().earlyStopping() != null) {
            warnings.accept("there is no validation split (split.validation is 0 and no data.validation files), so early"
                    + " stopping and the best checkpoint follow the training loss, which keeps falling as the model"
                    + " overfits; give split.validation a share (e.g. 15) to stop on generalisation");
        }
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
        Dataset train = pre.apply(rawTrain);
        Dataset val = pre.apply(rawVal);
        Dataset test = pre.apply(rawTest);
        TargetScaler targets = null;
        if (spec.data().targetScaling() == DataSpec.TargetScaling.STANDARDIZE) {
            targets = TargetScaler.fit(rawTrain);
            train = targets.apply(train);
            val = targets.apply(val);
            test = targets.apply(test);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("mode", "standardize");
            t.put("fittedOn", "train");
            t.put("offsets", targets.offsets());
            t.put("scales", targets.scales());
            state.put("targets", t);
        }
        return new PreparedData(train, val, test, state, augment, pre::apply, rawTrain, loaded.filesBySplit(), targets);
    }
}
