package dev.trainbench.spec;

/**
 * Train/validation/test percentages (summing to 100), stratification, per-epoch shuffling of the
 * training split, and an optional subset size to start small.
 */
public record SplitSpec(Double train, Double validation, Double test, Boolean stratified, Boolean shuffle, Integer subset) {

    public SplitSpec {
        train = train == null ? 70.0 : train;
        validation = validation == null ? 15.0 : validation;
        test = test == null ? 15.0 : test;
        stratified = stratified == null || stratified;
        shuffle = shuffle == null || shuffle;
        SpecException.require(train > 0 && validation >= 0 && test >= 0,
                "split percentages must be train > 0, validation >= 0, test >= 0; were " + train + "/" + validation + "/" + test);
        SpecException.require(Math.abs(train + validation + test - 100.0) < 1e-6,
                "split percentages must add up to 100; train " + train + " + validation " + validation + " + test " + test
                        + " = " + (train + validation + test));
        SpecException.require(subset == null || subset >= 2,
                "split.subset must be at least 2 samples (or left out to use all), was " + subset);
    }

    public static SplitSpec defaults() {
        return new SplitSpec(null, null, null, null, null, null);
    }

    public SplitSpec withShuffle(boolean value) {
        return new SplitSpec(train, validation, test, stratified, value, subset);
    }

    public SplitSpec withSubset(Integer value) {
        return new SplitSpec(train, validation, test, stratified, shuffle, value);
    }

    /** The three percentages together: they must add up to 100, so they change as one. */
    public SplitSpec withPercentages(double newTrain, double newValidation, double newTest) {
        return new SplitSpec(newTrain, newValidation, newTest, stratified, shuffle, subset);
    }

    public SplitSpec withStratified(boolean value) {
        return new SplitSpec(train, validation, test, value, shuffle, subset);
    }
}
