package dev.trainbench.train;

/**
 * One training step. {@code layerWeightNorms} and {@code layerUpdateRatios} are measured every few
 * steps only (they need a copy of the weights) and are NaN-filled in between.
 */
public record StepMetrics(long step, int epoch, float loss, float accuracy, float learningRate, float gradNorm,
                          float samplesPerSecond, float[] layerGradNorms, float[] layerWeightNorms,
                          float[] layerUpdateRatios) {
}
