package dev.trainbench.runs;

import java.util.List;

/**
 * The final, explicit evaluation on the held-back test split (T7): done once, on the best
 * checkpoint, and recorded. {@code confusion[true][predicted]} counts samples. For regression,
 * {@code rmse}, {@code mae} and {@code r2} in the targets' own units (null for classification, and in
 * results written before they existed); {@code loss} is the training loss function's value (for
 * L2, DJL's ½·MSE, on standardized targets when data.targetScaling is on).
 */
public record TestResult(String evaluatedAt, String checkpoint, int samples, double loss, Double accuracy,
                         List<String> classNames, int[][] confusion, double[] perClassAccuracy,
                         Double rmse, Double mae, Double r2) {
}
