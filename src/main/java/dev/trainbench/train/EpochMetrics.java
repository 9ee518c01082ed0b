package dev.trainbench.train;

import dev.trainbench.runs.MetricColumn;
import dev.trainbench.runs.MetricColumns.Epoch;
import dev.trainbench.runs.MetricLayout;
import java.util.Arrays;

/**
 * One epoch: a row of {@code epochs.csv} ({@link dev.trainbench.runs.MetricColumns.Epoch}), with
 * named accessors for the usual columns and {@link #get(MetricColumn)} for any. Immutable: it
 * travels to the UI in {@link TrainingEvent.EpochEnded}. Values are kept in double precision as
 * computed (the record's best and last losses use them); validation values are NaN when there is
 * no validation split.
 */
public final class EpochMetrics {
    private static final MetricLayout LAYOUT = MetricLayout.epochs();

    private final double[] values;

    private EpochMetrics(double[] values) {
        this.values = values;
    }

    public EpochMetrics(int epoch, float trainLoss, float trainAccuracy, float validationLoss, float validationAccuracy,
                        double seconds, float learningRate, float samplesPerSecond) {
        this(builder().set(Epoch.EPOCH, epoch).set(Epoch.TRAIN_LOSS, trainLoss).set(Epoch.TRAIN_ACCURACY, trainAccuracy)
                .set(Epoch.VALIDATION_LOSS, validationLoss).set(Epoch.VALIDATION_ACCURACY, validationAccuracy)
                .set(Epoch.SECONDS, seconds).set(Epoch.LEARNING_RATE, learningRate)
                .set(Epoch.SAMPLES_PER_SECOND, samplesPerSecond).values.clone());
    }

    public static Builder builder() {
        return new Builder();
    }

    public static MetricLayout layout() {
        return LAYOUT;
    }

    /** A column's value (NaN: not measured or not applicable). */
    public double get(MetricColumn column) {
        return values[LAYOUT.index(column)];
    }

    public int epoch() {
        return (int) get(Epoch.EPOCH);
    }

    public float trainLoss() {
        return (float) get(Epoch.TRAIN_LOSS);
    }

    /** NaN for regression. */
    public float trainAccuracy() {
        return (float) get(Epoch.TRAIN_ACCURACY);
    }

    public float validationLoss() {
        return (float) get(Epoch.VALIDATION_LOSS);
    }

    public float validationAccuracy() {
        return (float) get(Epoch.VALIDATION_ACCURACY);
    }

    /** Training time of the epoch, validation excluded. */
    public double seconds() {
        return get(Epoch.SECONDS);
    }

    public float learningRate() {
        return (float) get(Epoch.LEARNING_RATE);
    }

    public float samplesPerSecond() {
        return (float) get(Epoch.SAMPLES_PER_SECOND);
    }

    /** The row, laid out as {@link #layout()} (a copy). */
    public double[] row() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpochMetrics e && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("EpochMetrics{");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(LAYOUT.header().get(i)).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }

    /** Collects an epoch's columns; those never set stay NaN. */
    public static final class Builder {
        private final double[] values = new double[LAYOUT.width()];

        private Builder() {
            Arrays.fill(values, Double.NaN);
        }

        public Builder set(MetricColumn column, double value) {
            values[LAYOUT.index(column)] = value;
            return this;
        }

        public EpochMetrics build() {
            return new EpochMetrics(values.clone());
        }
    }
}
