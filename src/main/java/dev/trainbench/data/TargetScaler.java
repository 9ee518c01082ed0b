package dev.trainbench.data;

/**
 * Standardizes regression targets per target column with statistics fitted on the training split
 * (mean and standard deviation; a constant column gets scale 1). Training sees {@code (y - offset) /
 * scale}; predictions go back with {@link #unscale}, so metrics are reported in the targets' units.
 */
public final class TargetScaler {
    private final double[] offsets;
    private final double[] scales;

    private TargetScaler(double[] offsets, double[] scales) {
        this.offsets = offsets;
        this.scales = scales;
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

    public double[] offsets() {
        return offsets.clone();
    }

    public double[] scales() {
        return scales.clone();
    }
}
