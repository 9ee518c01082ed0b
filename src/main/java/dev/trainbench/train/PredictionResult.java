package dev.trainbench.train;

import dev.trainbench.runs.TestResult;
import java.util.Arrays;
import java.util.List;

/**
 * What a model said about {@code count} samples, as plain values. For a classifier:
 * {@code classes[i]} is sample i's predicted class (the largest output) and
 * {@code outputs[i * width + k]} the softmax probability of class k; for regression
 * {@code classes} is null and {@code outputs} holds the predicted values. {@code evaluation} is
 * set when the samples had labels: accuracy, loss, confusion matrix, per-class accuracy.
 */
public record PredictionResult(int count, int width, List<String> classNames, int[] classes, float[] outputs,
                               TestResult evaluation) {

    public PredictionResult {
        classNames = classNames == null ? null : List.copyOf(classNames);
    }

    public boolean classifies() {
        return classes != null;
    }

    /** Sample i's probability of class k (classification) or its k-th value (regression). */
    public float output(int i, int k) {
        return outputs[i * width + k];
    }

    /** Sample i's outputs. */
    public float[] outputsOf(int i) {
        return Arrays.copyOfRange(outputs, i * width, (i + 1) * width);
    }

    /** The indices of sample i's {@code k} most probable classes, most probable first (ties: lower index first). */
    public int[] top(int i, int k) {
        int n = Math.min(k, width);
        Integer[] order = new Integer[width];
        for (int c = 0; c < width; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> {
            int byValue = Float.compare(output(i, b), output(i, a));
            return byValue != 0 ? byValue : Integer.compare(a, b);
        });
        int[] out = new int[n];
        for (int c = 0; c < n; c++) {
            out[c] = order[c];
        }
        return out;
    }

    /** The name of class k. */
    public String className(int k) {
        return classNames != null && k >= 0 && k < classNames.size() ? classNames.get(k) : Integer.toString(k);
    }
}
