package dev.trainbench.compare;

import dev.trainbench.runs.MetricColumns;
import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import java.util.List;

/**
 * One run's curves, read from its {@code metrics.csv} and {@code epochs.csv} by column name. A
 * missing file or column gives an empty curve, never an error (older runs, regression without
 * accuracy, a run killed before its first epoch).
 */
public final class RunCurves {
    private final RunRecord run;
    private final String label;
    private final MetricsTable steps;
    private final MetricsTable epochs;
    /** Cumulative training seconds at the end of each epoch row. */
    private final double[] epochEndTime;

    RunCurves(RunRecord run, String label, MetricsTable steps, MetricsTable epochs) {
        this.run = run;
        this.label = label;
        this.steps = steps;
        this.epochs = epochs;
        double[] seconds = epochs.column(MetricColumns.Epoch.SECONDS);
        epochEndTime = new double[epochs.rows()];
        double t = 0;
        for (int i = 0; i < epochEndTime.length; i++) {
            double s = seconds == null || Double.isNaN(seconds[i]) ? 0 : seconds[i];
            t += s;
            epochEndTime[i] = t;
        }
    }

    /** Reads a run's curves from the workspace. */
    public static RunCurves read(RunStore store, RunRecord run, String label) {
        return new RunCurves(run, label, store.readSteps(run.id()), store.readEpochs(run.id()));
    }

    public RunRecord run() {
        return run;
    }

    /** The name used in legends. */
    public String label() {
        return label;
    }

    public MetricsTable steps() {
        return steps;
    }

    public MetricsTable epochs() {
        return epochs;
    }

    /** Epochs recorded in epochs.csv. */
    public int epochCount() {
        return epochs.rows();
    }

    /** A metric against an x axis; empty when the run has no such column. */
    public Series series(Metric metric, XAxis axis) {
        return metric.perStep() ? stepSeries(metric.column().header(), axis) : epochSeries(metric.column().header(), axis);
    }

    /** Layer names that have a per-layer gradient norm column ({@code grad_norm[<layer>]}), first layer first. */
    public List<String> layers() {
        return steps.layers(MetricColumns.Step.LAYER_GRAD_NORM);
    }

    /** One layer's gradient norm per step; empty when the run has no such layer. */
    public Series layerGradNorm(String layer, XAxis axis) {
        return stepSeries(MetricColumns.Step.LAYER_GRAD_NORM.header(layer), axis);
    }

    /** Any per-step column by its CSV header (a per-layer one: {@code MetricColumn.header(layer)}). */
    public Series stepSeries(String column, XAxis axis) {
        double[] y = steps.column(column);
        double[] step = steps.column(MetricColumns.Step.STEP);
        if (y == null || step == null) {
            return empty();
        }
        double[] x = switch (axis) {
            case STEP -> step;
            case EPOCH, TIME -> stepPositions(axis);
        };
        return filtered(x, y);
    }

    /** Any per-epoch column by its CSV header. */
    public Series epochSeries(String column, XAxis axis) {
        double[] y = epochs.column(column);
        double[] epoch = epochs.column(MetricColumns.Epoch.EPOCH);
        if (y == null || epoch == null) {
            return empty();
        }
        double[] x = switch (axis) {
            case EPOCH -> epoch;
            case TIME -> epochEndTime.clone();
            case STEP -> epochEndSteps(epoch);
        };
        return filtered(x, y);
    }

    /** The step that ended each epoch (its last step), from metrics.csv; NaN where unknown. */
    private double[] epochEndSteps(double[] epoch) {
        double[] stepEpoch = steps.column(MetricColumns.Step.EPOCH);
        double[] step = steps.column(MetricColumns.Step.STEP);
        double[] out = new double[epoch.length];
        java.util.Arrays.fill(out, Double.NaN);
        if (stepEpoch == null || step == null) {
            return out;
        }
        for (int e = 0; e < epoch.length; e++) {
            for (int i = stepEpoch.length - 1; i >= 0; i--) {
                if (stepEpoch[i] == epoch[e]) {
                    out[e] = step[i];
                    break;
                }
            }
        }
        return out;
    }

    /** Fractional epoch (1.5: half-way through epoch 2) or training time of every step row. */
    private double[] stepPositions(XAxis axis) {
        double[] stepEpoch = steps.column(MetricColumns.Step.EPOCH);
        int rows = steps.rows();
        double[] out = new double[rows];
        java.util.Arrays.fill(out, Double.NaN);
        if (stepEpoch == null) {
            return out;
        }
        int i = 0;
        while (i < rows) {
            int j = i;
            while (j < rows && stepEpoch[j] == stepEpoch[i]) {
                j++;
            }
            int count = j - i;
            int e = (int) stepEpoch[i];
            for (int k = i; k < j; k++) {
                double frac = (k - i + 1) / (double) count;
                if (axis == XAxis.EPOCH) {
                    out[k] = e - 1 + frac;
                } else {
                    int row = e - 1;
                    double start = row >= 1 && row - 1 < epochEndTime.length ? epochEndTime[row - 1] : 0;
                    double end = row < epochEndTime.length ? epochEndTime[row] : Double.NaN;
                    out[k] = start + frac * (end - start);
                }
            }
            i = j;
        }
        return out;
    }

    private Series filtered(double[] x, double[] y) {
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i]) && !Double.isNaN(x[i])) {
                n++;
            }
        }
        double[] fx = new double[n];
        double[] fy = new double[n];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i]) && !Double.isNaN(x[i])) {
                fx[k] = x[i];
                fy[k++] = y[i];
            }
        }
        return new Series(run.id(), label, fx, fy);
    }

    private Series empty() {
        return new Series(run.id(), label, new double[0], new double[0]);
    }
}
