package dev.trainbench.diagnose;

import dev.trainbench.data.DataProfile;
import dev.trainbench.data.Dataset;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.Preprocessing;
import java.util.List;

/**
 * What the rules need to know about a run's training data, measured once before the first step on
 * the training split as the model sees it (after preprocessing) and in the order it is trained
 * when shuffling is off.
 *
 * @param classification   classes rather than regression targets
 * @param classes          number of classes (0 for regression)
 * @param classNames       names of the classes (empty for regression)
 * @param trainSamples     samples in the training split
 * @param classCounts      training samples per class (empty for regression)
 * @param image            whether samples are images
 * @param preprocessing    the spec's preprocessing
 * @param shuffle          whether the training split is shuffled every epoch
 * @param stratified       whether the split is stratified
 * @param inputName        the feature (or channel) farthest from unit scale
 * @param inputMean        its mean, as the model sees it
 * @param inputStd         its standard deviation, as the model sees it
 * @param scaleRatio       largest over smallest non-zero feature std (tables; 1 for images)
 * @param sameLabelAdjacent fraction of consecutive training samples with the same label, in training order
 * @param expectedAdjacent what that fraction would be in a random order (sum of squared class shares)
 * @param targetOrder      regression: |correlation| of the target with its position (1: sorted)
 */
public record DataFacts(boolean classification, int classes, List<String> classNames, int trainSamples,
                        int[] classCounts, boolean image, Preprocessing preprocessing, boolean shuffle, boolean stratified,
                        String inputName, double inputMean, double inputStd, double scaleRatio,
                        double sameLabelAdjacent, double expectedAdjacent, double targetOrder) {

    public DataFacts {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        classCounts = classCounts == null ? new int[0] : classCounts.clone();
    }

    /** Measures {@code train} (the training split, preprocessed, in split order) for {@code spec}. */
    public static DataFacts of(Dataset train, ExperimentSpec spec) {
        DataProfile profile = DataProfile.of(train);
        String worst = null;
        double worstMean = 0;
        double worstStd = 0;
        double worstScore = -1;
        double maxStd = 0;
        double minStd = Double.POSITIVE_INFINITY;
        for (DataProfile.FeatureStats f : profile.featureStats()) {
            if (!Double.isFinite(f.mean()) || !Double.isFinite(f.std())) {
                continue;
            }
            double score = Math.max(Math.abs(f.mean()), f.std());
            if (score > worstScore) {
                worstScore = score;
                worst = f.name();
                worstMean = f.mean();
                worstStd = f.std();
            }
            if (f.std() > 0) {
                maxStd = Math.max(maxStd, f.std());
                minStd = Math.min(minStd, f.std());
            }
        }
        double ratio = train.isImage() || maxStd == 0 ? 1 : maxStd / minStd;
        int n = train.size();
        double same = Double.NaN;
        double expected = Double.NaN;
        double targetOrder = Double.NaN;
        int[] counts = new int[0];
        if (train.isClassification()) {
            counts = profile.classCounts();
            int[] labels = train.labels();
            int equal = 0;
            for (int i = 1; i < n; i++) {
                if (labels[i] == labels[i - 1]) {
                    equal++;
                }
            }
            same = n < 2 ? Double.NaN : (double) equal / (n - 1);
            expected = 0;
            for (int c : counts) {
                double p = (double) c / Math.max(1, n);
                expected += p * p;
            }
        } else if (n > 2) {
            float[] t = train.targets();
            int w = train.targetWidth();
            double mi = (n - 1) / 2.0;
            double mt = 0;
            for (int i = 0; i < n; i++) {
                mt += t[i * w];
            }
            mt /= n;
            double cov = 0;
            double vi = 0;
            double vt = 0;
            for (int i = 0; i < n; i++) {
                double di = i - mi;
                double dt = t[i * w] - mt;
                cov += di * dt;
                vi += di * di;
                vt += dt * dt;
            }
            targetOrder = vt == 0 ? 0 : Math.abs(cov / Math.sqrt(vi * vt));
        }
        return new DataFacts(train.isClassification(), train.isClassification() ? train.numClasses() : 0,
                train.isClassification() ? train.classNames() : List.of(), n, counts, train.isImage(),
                spec.preprocessing(), spec.split().shuffle(), spec.split().stratified(), worst, worstMean, worstStd,
                ratio, same, expected, targetOrder);
    }

    /** Largest class share of the training split (what always guessing it scores); NaN for regression. */
    public double majorityShare() {
        if (!classification || trainSamples == 0) {
            return Double.NaN;
        }
        int max = 0;
        for (int c : classCounts) {
            max = Math.max(max, c);
        }
        return (double) max / trainSamples;
    }

    /** Cross-entropy of predicting the class shares (ln C when balanced): the loss of a model that learned nothing. */
    public double chanceLoss() {
        if (!classification || trainSamples == 0) {
            return Double.NaN;
        }
        double h = 0;
        for (int c : classCounts) {
            if (c > 0) {
                double p = (double) c / trainSamples;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** Largest over smallest class count (infinite when a class has no training sample). */
    public double imbalanceRatio() {
        if (!classification || classCounts.length == 0) {
            return 1;
        }
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int c : classCounts) {
            max = Math.max(max, c);
            min = Math.min(min, c);
        }
        return min == 0 ? Double.POSITIVE_INFINITY : (double) max / min;
    }
}
