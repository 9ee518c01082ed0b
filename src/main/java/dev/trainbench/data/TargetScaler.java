package dev.trainbench.data;

/**
 * Standardizes regression targets per target column with statistics fitted on the training split
 * (mean and standard deviation; a constant column gets scale 1). Training sees {@code (y - offset) /
 * scale}; predictions go back with {@link #unscale}, so metrics are reported in the targets' units.
 * A run stores the offsets and scales (run.json {@code preprocessing.targets}) and an exported model
 * carries them ({@code output.targetScaling}); {@link #of} rebuilds the same scaler from them.
 */
public final class TargetScaler {
    private final double[] offsets;
    private final double[] scales;

    private TargetScaler(double[] offsets, double[] scales) {
        this.offsets = offsets;
        this.scales = scales;
    }

    /**
     * The scaler with stored {@code offsets} and {@code scales} (one per target column), as
     * {@link #offsets()} and {@link #scales()} gave them: it scales and unscales exactly as the
     * fitted one did.
     *
     * @throws IllegalArgumentException naming what is wrong: missing or different lengths, a value
     *                                  that is not finite, a scale that is not above zero
     */
    public static TargetScaler of(double[] offsets, double[] scales) {
        if (offsets == null || scales == null || offsets.length == 0 || offsets.length != scales.length) {
            throw new IllegalArgumentException("needs one offset and one scale per target column, has "
                    + (offsets == null ? "no" : Integer.toString(offsets.length)) + " offsets and "
                    + (scales == null ? "no" : Integer.toString(scales.length)) + " scales");
        }
        for (int c = 0; c < offsets.length; c++) {
            if (!Double.isFinite(offsets[c])) {
                throw new IllegalArgumentException("offset " + c + " is " + offsets[c]);
            }
            if (!Double.isFinite(scales[c]) || scales[c] <= 0) {
                throw new IllegalArgumentException("scale " + c + " is " + scales[c] + " (a scale must be a finite number"
                        + " above 0)");
            }
        }
        return new TargetScaler(offsets.clone(), scales.clone());
    }

    /** Fitted on {@code train}'s targets (a regression set). */
    public static TargetScaler fit(Dataset train) {
        if (train.isClassification()) {
            throw new DataException(train.name() + ": data.targetScaling scales regression targets, but this data holds"
                    + " class labels. Fix: remove data.targetScaling (or set it to none).");
        }
        int w = train.targetWidth();
        int n = train.size();
        double[] mean = new double[w];
        double[] m2 = new double[w];
        float[] t = train.targets();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < w; c++) {
                double v = t[i * w + c];
                double d = v - mean[c];
                mean[c] += d / (i + 1);
                m2[c] += d * (v - mean[c]);
            }
        }
        double[] scale = new double[w];
        for (int c = 0; c < w; c++) {
            double std = n > 1 ? Math.sqrt(m2[c] / n) : 0;
            scale[c] = std > 1e-12 ? std : 1;
        }
        return new TargetScaler(mean, scale);
    }

    /** {@code d} with scaled targets (classification sets pass unchanged). */
    public Dataset apply(Dataset d) {
        if (d.isClassification()) {
            return d;
        }
        int w = d.targetWidth();
        float[] t = d.targets();
        float[] out = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            int c = i % w;
            out[i] = (float) ((t[i] - offsets[c]) / scales[c]);
        }
        return d.withTargets(out);
    }

    /** A scaled value of target column {@code column} back in the target's units. */
    public double unscale(double value, int column) {
        return value * scales[column] + offsets[column];
    }

    /**
     * Network outputs of {@code n} samples, {@link #width()} per sample, back in the targets' units
     * (rounded to float as predictions are handed out).
     */
    public float[] unscale(float[] scaled) {
        int w = offsets.length;
        if (scaled.length % w != 0) {
            throw new IllegalArgumentException(scaled.length + " values are not whole samples of " + w + " targets");
        }
        float[] out = new float[scaled.length];
        for (int i = 0; i < scaled.length; i++) {
            out[i] = (float) unscale(scaled[i], i % w);
        }
        return out;
    }

    /** Target columns. */
    public int width() {
        return offsets.length;
    }

    public double[] offsets() {
        return offsets.clone();
    }

    public double[] scales() {
        return scales.clone();
    }
}
