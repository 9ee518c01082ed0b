package dev.trainbench.runs;

import java.util.List;

/**
 * The final, explicit evaluation on the held-back test split (T7): done once, on the best
 * checkpoint, and recorded. {@code confusion[true][predicted]} counts samples.
 */
public record TestResult(String evaluatedAt, String checkpoint, int samples, double loss, Double accuracy,
                         List<String> classNames, int[][] confusion, double[] perClassAccuracy) {
}
