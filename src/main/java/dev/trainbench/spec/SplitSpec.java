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

    /**
     * The default split when the spec has none: 70/15/15 of the data, or, where a split has its own
     * files ({@code data.validation}, {@code data.test}), 85/15 of the data for the other one.
     */
    public static SplitSpec defaultsFor(boolean validationFiles, boolean testFiles) {
        double validation = validationFiles ? 0.0 : 15.0;
        double test = testFiles ? 0.0 : 15.0;
        return new SplitSpec(100.0 - validation - test, validation, test, null, null, null);
    }

    /**
     * The percentages divide {@code data.path} only: a split with its own files takes nothing from
     * it, so its percentage must be 0 (a silent rescaling would make "validation 15" mean 17.6).
     */
    public static void requireFitsFiles(SplitSpec s, boolean validationFiles, boolean testFiles) {
        for (int k = 0; k < 2; k++) {
            boolean files = k == 0 ? validationFiles : testFiles;
            double share = k == 0 ? s.validation() : s.test();
            String role = k == 0 ? "validation" : "test";
            if (files && share != 0) {
                double train = s.train() + share;
                throw new SpecException("split." + role + " is " + fmt(share) + "% but data." + role + " gives the " + role
                        + " split its own files; the percentages divide data.path only, so set split." + role
                        + " to 0 (e.g. train " + fmt(train) + ", validation " + fmt(k == 0 ? 0 : s.validation())
                        + ", test " + fmt(k == 1 ? 0 : s.test()) + ")");
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
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
