package dev.trainbench.train;

import dev.trainbench.data.TargetScaler;

/**
 * RMSE, MAE and R² of regression predictions, in the targets' own units: predictions and targets
 * arrive as the model sees them (standardized when {@code data.targetScaling} is on) and are mapped
 * back with the run's {@link TargetScaler} first. The one implementation used for the validation
 * columns of every epoch and for the final test. Over all target columns: RMSE = sqrt(mean of the
 * squared errors), MAE = mean absolute error, R² = 1 - SSE / SST with SST summed per column around
 * the column's mean over the evaluated samples (R² of a constant prediction of that mean is 0).
 */
final class RegressionScore {
    private final TargetScaler scaler;
    private final int width;
    private double sse;
    private double sae;
    private long count;
    private final double[] sum;
    private final double[] sumSq;

    RegressionScore(TargetScaler scaler, int width) {
        this.scaler = scaler;
        this.width = width;
        this.sum = new double[width];
        this.sumSq = new double[width];
    }

    /** {@code n} samples: {@code predicted[i * width + c]} against {@code targets[(offset + i) * width + c]}. */
    void add(float[] predicted, float[] targets, int offset, int n) {
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < width; c++) {
                double p = predicted[i * width + c];
                double t = targets[(offset + i) * width + c];
                if (scaler != null) {
                    p = scaler.unscale(p, c);
                    t = scaler.unscale(t, c);
                }
                double e = p - t;
                sse += e * e;
                sae += Math.abs(e);
                sum[c] += t;
                sumSq[c] += t * t;
            }
        }
        count += n;
    }

    double rmse() {
        return count == 0 ? Double.NaN : Math.sqrt(sse / (count * (double) width));
    }

    double mae() {
        return count == 0 ? Double.NaN : sae / (count * (double) width);
    }

    /** NaN when the targets do not vary (R² is undefined then). */
    double r2() {
        if (count == 0) {
            return Double.NaN;
        }
        double sst = 0;
        for (int c = 0; c < width; c++) {
            sst += sumSq[c] - sum[c] * sum[c] / count;
        }
        return sst <= 1e-12 * Math.max(1, sse) ? Double.NaN : 1 - sse / sst;
    }
}
