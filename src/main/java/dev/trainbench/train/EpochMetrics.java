package dev.trainbench.train;

/** One epoch; validation values are NaN when there is no validation split. */
public record EpochMetrics(int epoch, float trainLoss, float trainAccuracy, float validationLoss,
                           float validationAccuracy, double seconds, float learningRate, float samplesPerSecond) {
}
