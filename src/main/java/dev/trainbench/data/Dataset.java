package dev.trainbench.data;

import java.util.Arrays;
import java.util.List;

/**
 * A data set in memory: samples one after another in a flat row-major float array (so a batch is
 * a contiguous copy), the shape of one sample ({@code [features]} for tables, {@code [channels,
 * height, width]} for images), and either class labels or regression targets.
 */
public final class Dataset {
    private final String name;
    private final float[] features;
    private final int[] sampleShape;
    private final int sampleSize;
    private final int[] labels;
    private final float[] targets;
    private final int targetWidth;
    private final List<String> classNames;
    private final List<String> featureNames;

    private Dataset(String name, float[] features, int[] sampleShape, int[] labels, float[] targets,
                    int targetWidth, List<String> classNames, List<String> featureNames) {
        this.name = name;
        this.features = features;
        this.sampleShape = sampleShape.clone();
        this.sampleSize = Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
        this.labels = labels;
        this.targets = targets;
        this.targetWidth = targetWidth;
        this.classNames = classNames == null ? null : List.copyOf(classNames);
        this.featureNames = featureNames == null ? null : List.copyOf(featureNames);
        if (sampleSize <= 0) {
            throw new DataException(name + ": a sample has no features (shape " + Arrays.toString(sampleShape) + ")");
        }
        if (features.length % sampleSize != 0) {
            throw new DataException(name + ": " + features.length + " values do not divide into samples of " + sampleSize);
        }
        int n = features.length / sampleSize;
        if (labels != null) {
            if (labels.length != n) {
                throw new DataException(name + ": " + n + " samples but " + labels.length + " labels; each sample needs one label");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= classNames.size()) {
                    throw new DataException(name + ": label " + labels[i] + " of sample " + i + " is outside 0.." + (classNames.size() - 1));
                }
            }
        } else if (targets.length != (long) n * targetWidth) {
            throw new DataException(name + ": " + n + " samples but " + targets.length + " target values (expected " + targetWidth + " per sample)");
        }
    }

    /** A classification set; {@code classNames.get(k)} names label k. */
    public static Dataset classification(String name, float[] features, int[] sampleShape, int[] labels,
                                         List<String> classNames, List<String> featureNames) {
        if (classNames == null || classNames.isEmpty()) {
            throw new DataException(name + ": a classification data set needs class names");
        }
        return new Dataset(name, features, sampleShape, labels, null, 0, classNames, featureNames);
    }

    /** A regression set with {@code targetWidth} targets per sample. */
    public static Dataset regression(String name, float[] features, int[] sampleShape, float[] targets,
                                     int targetWidth, List<String> featureNames) {
        if (targetWidth < 1) {
            throw new DataException(name + ": a regression data set needs at least one target");
        }
        return new Dataset(name, features, sampleShape, null, targets, targetWidth, null, featureNames);
    }

    public String name() {
        return name;
    }

    public int size() {
        return features.length / sampleSize;
    }

    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** Number of floats in one sample. */
    public int sampleSize() {
        return sampleSize;
    }

    public boolean isClassification() {
        return labels != null;
    }

    public boolean isImage() {
        return sampleShape.length == 3;
    }

    public int numClasses() {
        return classNames == null ? 0 : classNames.size();
    }

    /** Width of the model's output: the class count, or the number of regression targets. */
    public int outputWidth() {
        return isClassification() ? numClasses() : targetWidth;
    }

    /** The backing array, not a copy: callers must not modify it. */
    public float[] features() {
        return features;
    }

    /** The backing array (null for regression), not a copy: callers must not modify it. */
    public int[] labels() {
        return labels;
    }

    /** The backing array (null for classification), not a copy: callers must not modify it. */
    public float[] targets() {
        return targets;
    }

    public int targetWidth() {
        return isClassification() ? 1 : targetWidth;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Column names for tables; null for images. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The samples at {@code indices}, in that order, as a new data set. */
    public Dataset select(int[] indices, String newName) {
        float[] x = new float[indices.length * sampleSize];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * sampleSize, x, i * sampleSize, sampleSize);
        }
        if (isClassification()) {
            int[] y = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                y[i] = labels[indices[i]];
            }
            return new Dataset(newName, x, sampleShape, y, null, 0, classNames, featureNames);
        }
        float[] t = new float[indices.length * targetWidth];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(targets, indices[i] * targetWidth, t, i * targetWidth, targetWidth);
        }
        return new Dataset(newName, x, sampleShape, null, t, targetWidth, null, featureNames);
    }

    /** The same features and names over new regression targets (e.g. after target scaling). */
    public Dataset withTargets(float[] newTargets) {
        if (isClassification() || newTargets.length != targets.length) {
            throw new IllegalArgumentException("targets of another shape: " + (targets == null ? 0 : targets.length)
                    + " -> " + newTargets.length);
        }
        return new Dataset(name, features, sampleShape, null, newTargets, targetWidth, null, featureNames);
    }

    /** The same labels and names over new feature values (e.g. after preprocessing). */
    public Dataset withFeatures(float[] newFeatures) {
        if (newFeatures.length != features.length) {
            throw new IllegalArgumentException("feature count changed: " + features.length + " -> " + newFeatures.length);
        }
        return new Dataset(name, newFeatures, sampleShape, labels, targets, targetWidth, classNames, featureNames);
    }
}
