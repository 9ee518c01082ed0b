package dev.trainbench.data;

import dev.trainbench.spec.Preprocessing;

import java.util.Arrays;

/**
 * Input scaling {@code x' = (x - offset) / scale}, with one offset and scale per feature (tables)
 * or per channel (images), fitted on the training split only and stored with the run.
 *
 * @param mode        how it was fitted
 * @param offsets     one per statistic group (feature or channel)
 * @param scales      one per group; never zero (a constant feature gets scale 1)
 * @param spatialSize consecutive values that share a group within a sample: 1 for tables, h*w for images
 */
public record Preprocessor(Preprocessing mode, float[] offsets, float[] scales, int spatialSize) {

    public Preprocessor {
        if (mode == null || offsets == null || scales == null) {
            throw new IllegalArgumentException("mode, offsets and scales are required");
        }
        if (offsets.length != scales.length || offsets.length == 0 || spatialSize < 1) {
            throw new IllegalArgumentException("need as many offsets as scales (were " + offsets.length + " and "
                    + scales.length + ") and spatialSize >= 1 (was " + spatialSize + ")");
        }
        for (int k = 0; k < scales.length; k++) {
            if (!Float.isFinite(offsets[k]) || !Float.isFinite(scales[k]) || scales[k] == 0) {
                throw new IllegalArgumentException("offset " + offsets[k] + " / scale " + scales[k] + " of group " + k
                        + " is not usable: offsets must be finite, scales finite and non-zero");
            }
        }
        offsets = offsets.clone();
        scales = scales.clone();
    }

    /** Fits on {@code train}: per feature for tables, per channel for images ([c,h,w]). */
    public static Preprocessor fit(Dataset train, Preprocessing mode) {
        int[] shape = train.sampleShape();
        int groups = shape.length == 3 ? shape[0] : train.sampleSize();
        int spatial = train.sampleSize() / groups;
        float[] offsets = new float[groups];
        float[] scales = new float[groups];
        Arrays.fill(scales, 1f);
        if (mode == Preprocessing.NONE || train.size() == 0) {
            return new Preprocessor(mode, offsets, scales, spatial);
        }
        float[] x = train.features();
        int size = train.sampleSize();
        double[] sum = new double[groups];
        double[] min = new double[groups];
        double[] max = new double[groups];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        long perGroup = (long) train.size() * spatial;
        for (int i = 0; i < train.size(); i++) {
            int base = i * size;
            for (int j = 0; j < size; j++) {
                int g = j / spatial;
                double v = x[base + j];
                sum[g] += v;
                min[g] = Math.min(min[g], v);
                max[g] = Math.max(max[g], v);
            }
        }
        double[] mean = new double[groups];
        double[] sq = new double[groups];
        for (int g = 0; g < groups; g++) {
            mean[g] = sum[g] / perGroup;
        }
        // Two passes: the one-pass sum-of-squares formula loses all precision on large offsets.
        for (int i = 0; i < train.size(); i++) {
            int base = i * size;
            for (int j = 0; j < size; j++) {
                int g = j / spatial;
                double dv = x[base + j] - mean[g];
                sq[g] += dv * dv;
            }
        }
        for (int g = 0; g < groups; g++) {
            double scale;
            if (mode == Preprocessing.STANDARDIZE) {
                offsets[g] = (float) mean[g];
                scale = Math.sqrt(sq[g] / perGroup);
            } else {
                offsets[g] = (float) min[g];
                scale = max[g] - min[g];
            }
            // A constant feature carries no information; dividing by ~0 would blow it up to noise.
            boolean constant = !(scale > 1e-12 * Math.max(1, Math.abs(mean[g]))) || !Double.isFinite(scale);
            scales[g] = constant ? 1f : (float) scale;
            if (!Float.isFinite(offsets[g])) {
                offsets[g] = 0f;
            }
        }
        return new Preprocessor(mode, offsets, scales, spatial);
    }

    @Override
    public float[] offsets() {
        return offsets.clone();
    }

    @Override
    public float[] scales() {
        return scales.clone();
    }

    /** Values per sample this preprocessor expects. */
    public int sampleSize() {
        return offsets.length * spatialSize;
    }

    /** Scales one or more samples laid out one after another; returns a new array. */
    public float[] apply(float[] features) {
        int size = sampleSize();
        if (features.length % size != 0) {
            throw new IllegalArgumentException(features.length + " values are not whole samples of " + size);
        }
        float[] out = new float[features.length];
        for (int i = 0; i < features.length; i++) {
            int g = (i % size) / spatialSize;
            out[i] = (features[i] - offsets[g]) / scales[g];
        }
        return out;
    }

    /** The same data set with scaled features. */
    public Dataset apply(Dataset d) {
        if (d.sampleSize() != sampleSize()) {
            throw new IllegalArgumentException("samples of " + d.sampleSize() + " values, but fitted on " + sampleSize());
        }
        return d.withFeatures(apply(d.features()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessor p && mode == p.mode && spatialSize == p.spatialSize
                && Arrays.equals(offsets, p.offsets) && Arrays.equals(scales, p.scales);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * mode.hashCode() + Arrays.hashCode(offsets)) + Arrays.hashCode(scales)) + spatialSize;
    }

    @Override
    public String toString() {
        return "Preprocessor[" + mode + ", offsets=" + Arrays.toString(offsets) + ", scales=" + Arrays.toString(scales)
                + ", spatialSize=" + spatialSize + "]";
    }
}
