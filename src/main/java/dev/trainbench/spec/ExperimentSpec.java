package dev.trainbench.spec;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The whole recipe of a run. Two runs differ by exactly the diff of their specs, so everything
 * that changes a result lives here and nowhere else.
 */
@JsonPropertyOrder({"version", "name", "seed", "data", "split", "preprocessing", "augmentation", "model", "training"})
public record ExperimentSpec(
        Integer version,
        String name,
        Long seed,
        DataSpec data,
        SplitSpec split,
        Preprocessing preprocessing,
        AugmentationSpec augmentation,
        ModelSpec model,
        TrainingSpec training) {

    public static final int CURRENT_VERSION = 1;

    public ExperimentSpec {
        version = version == null ? CURRENT_VERSION : version;
        SpecException.require(version >= 1 && version <= CURRENT_VERSION,
                "spec version " + version + " is not supported: this TrainBench reads versions 1.."
                        + CURRENT_VERSION + " (was it written by a newer TrainBench?)");
        name = name == null || name.isBlank() ? "experiment" : name.strip();
        seed = seed == null ? 42L : seed;
        SpecException.require(data != null, "spec has no \"data\" section: say where the data comes from, e.g. {\"source\": \"sample\", \"name\": \"mnist\"}");
        SpecException.require(data.source() != null, "data.source is missing: use one of sample, toy, csv, idx, images");
        split = split == null ? SplitSpec.defaultsFor(data.validation() != null, data.test() != null) : split;
        SplitSpec.requireFitsFiles(split, data.validation() != null, data.test() != null);
        preprocessing = preprocessing == null ? Preprocessing.STANDARDIZE : preprocessing;
        augmentation = augmentation == null ? AugmentationSpec.none() : augmentation;
        SpecException.require(model != null, "spec has no \"model\" section: give a layer stack, e.g. from one of the presets in examples/");
        training = training == null ? TrainingSpec.defaults() : training;
    }

    public ExperimentSpec withName(String newName) {
        return new ExperimentSpec(version, newName, seed, data, split, preprocessing, augmentation, model, training);
    }

    public ExperimentSpec withSeed(long newSeed) {
        return new ExperimentSpec(version, name, newSeed, data, split, preprocessing, augmentation, model, training);
    }

    public ExperimentSpec withData(DataSpec newData) {
        return new ExperimentSpec(version, name, seed, newData, split, preprocessing, augmentation, model, training);
    }

    public ExperimentSpec withSplit(SplitSpec newSplit) {
        return new ExperimentSpec(version, name, seed, data, newSplit, preprocessing, augmentation, model, training);
    }

    public ExperimentSpec withPreprocessing(Preprocessing newPreprocessing) {
        return new ExperimentSpec(version, name, seed, data, split, newPreprocessing, augmentation, model, training);
    }

    public ExperimentSpec withAugmentation(AugmentationSpec newAugmentation) {
        return new ExperimentSpec(version, name, seed, data, split, preprocessing, newAugmentation, model, training);
    }

    public ExperimentSpec withModel(ModelSpec newModel) {
        return new ExperimentSpec(version, name, seed, data, split, preprocessing, augmentation, newModel, training);
    }

    public ExperimentSpec withTraining(TrainingSpec newTraining) {
        return new ExperimentSpec(version, name, seed, data, split, preprocessing, augmentation, model, newTraining);
    }
}
