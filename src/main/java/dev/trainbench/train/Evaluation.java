package dev.trainbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.trainbench.data.Dataset;
import dev.trainbench.spec.TrainingSpec;
import java.util.function.UnaryOperator;

/** Forward passes in inference mode (dropout off, batch norm on running statistics). */
final class Evaluation {

    private Evaluation() {
    }

    /** Mean loss and accuracy (NaN for regression) over a data set, or null when it is empty. */
    static double[] evaluate(Trainer trainer, Dataset set, int batchSize, TrainingSpec.Loss lossType, int outputs) {
        if (set == null || set.size() == 0) {
            return null;
        }
        Predictions p = predict(trainer.getModel().getNDManager(), trainer::evaluate, trainer.getLoss(), set, batchSize,
                lossType, outputs, false, false);
        return new double[] {p.meanLoss, set.isClassification() ? (double) p.correct / set.size() : Double.NaN};
    }

    /**
     * Mean loss and correct count; with {@code keepPredictions}, each sample's predicted class
     * (classification only); with {@code keepOutputs}, each sample's outputs ({@code n x outputs}:
     * softmax probabilities for classification, the raw values for regression).
     */
    record Predictions(double meanLoss, long correct, int[] predicted, float[] outputs) {
    }

    static Predictions predict(NDManager parent, java.util.function.Function<NDList, NDList> forward, Loss loss,
                               Dataset set, int batchSize, TrainingSpec.Loss lossType, int outputs, boolean keepPredictions,
                               boolean keepOutputs) {
        int n = set.size();
        int size = set.sampleSize();
        int[] shape = set.sampleShape();
        double lossSum = 0;
        long correct = 0;
        int[] predicted = keepPredictions && set.isClassification() ? new int[n] : null;
        float[] kept = keepOutputs ? new float[n * outputs] : null;
        DirectFloats buffer = new DirectFloats(Math.min(batchSize, n) * size);
        float[] chunk = new float[Math.min(batchSize, n) * size];
        for (int start = 0; start < n; start += batchSize) {
            int count = Math.min(batchSize, n - start);
            try (NDManager sm = parent.newSubManager()) {
                System.arraycopy(set.features(), start * size, chunk, 0, count * size);
                NDArray x = sm.create(buffer.fill(chunk, count * size), new Shape(batchShape(count, shape)), DataType.FLOAT32);
                final int first = start;
                NDArray label = labels(sm, set, count, i -> first + i, lossType, outputs);
                NDArray pred = forward.apply(new NDList(x)).singletonOrThrow();
                if (kept != null) {
                    keepOutputs(pred, set.isClassification(), kept, start * outputs);
                }
                NDArray l = loss.evaluate(new NDList(label), new NDList(pred)).toType(DataType.FLOAT32, false).reshape();
                if (set.isClassification()) {
                    NDArray cls = pred.argMax(1);
                    NDArray truth = label.getShape().dimension() == 2 ? label.argMax(1) : label;
                    NDArray c = cls.eq(truth).sum().toType(DataType.FLOAT32, false);
                    float[] host = NDArrays.stack(new NDList(l, c)).toFloatArray();
                    lossSum += host[0] * count;
                    correct += (long) host[1];
                    if (predicted != null) {
                        long[] pc = cls.toType(DataType.INT64, false).toLongArray();
                        for (int i = 0; i < count; i++) {
                            predicted[start + i] = (int) pc[i];
                        }
                    }
                } else {
                    lossSum += l.getFloat() * count;
                }
            }
        }
        return new Predictions(lossSum / n, correct, predicted, kept);
    }

    /** Copies a batch's outputs to {@code into} at {@code offset}: softmax probabilities when classifying. */
    private static void keepOutputs(NDArray pred, boolean classify, float[] into, int offset) {
        float[] host = (classify ? pred.softmax(1) : pred).toType(DataType.FLOAT32, false).toFloatArray();
        System.arraycopy(host, 0, into, offset, host.length);
    }

    /**
     * The outputs of {@code n} unlabelled samples, in the same batches as {@link #predict} so that
     * a sample gets the same numbers with or without a label: predicted classes (argmax of the
     * network's outputs, null for regression) and outputs as {@link Predictions#outputs()}.
     */
    static Predictions forward(NDManager parent, java.util.function.Function<NDList, NDList> forward, float[] features,
                               int n, int[] sampleShape, int batchSize, int outputs, boolean classify) {
        int size = features.length / Math.max(1, n);
        int[] predicted = classify ? new int[n] : null;
        float[] kept = new float[n * outputs];
        DirectFloats buffer = new DirectFloats(Math.min(batchSize, n) * size);
        float[] chunk = new float[Math.min(batchSize, n) * size];
        for (int start = 0; start < n; start += batchSize) {
            int count = Math.min(batchSize, n - start);
            try (NDManager sm = parent.newSubManager()) {
                System.arraycopy(features, start * size, chunk, 0, count * size);
                NDArray x = sm.create(buffer.fill(chunk, count * size), new Shape(batchShape(count, sampleShape)), DataType.FLOAT32);
                NDArray pred = forward.apply(new NDList(x)).singletonOrThrow();
                keepOutputs(pred, classify, kept, start * outputs);
                if (classify) {
                    long[] pc = pred.argMax(1).toType(DataType.INT64, false).toLongArray();
                    for (int i = 0; i < count; i++) {
                        predicted[start + i] = (int) pc[i];
                    }
                }
            }
        }
        return new Predictions(Double.NaN, 0, predicted, kept);
    }

    /**
     * The targets of {@code count} samples, sample {@code index(i)} of {@code set} at position i:
     * class indices for cross-entropy, one-hot rows for L1/L2 on classes, values for regression.
     */
    static NDArray labels(NDManager sm, Dataset set, int count, java.util.function.IntUnaryOperator index,
                          TrainingSpec.Loss lossType, int outputs) {
        if (set.isClassification()) {
            long[] y = new long[count];
            int[] all = set.labels();
            for (int i = 0; i < count; i++) {
                y[i] = all[index.applyAsInt(i)];
            }
            NDArray idx = sm.create(y);
            return lossType == TrainingSpec.Loss.CROSS_ENTROPY ? idx : idx.oneHot(outputs);
        }
        int w = set.targetWidth();
        float[] t = new float[count * w];
        float[] targets = set.targets();
        for (int i = 0; i < count; i++) {
            System.arraycopy(targets, index.applyAsInt(i) * w, t, i * w, w);
        }
        return sm.create(t, new Shape(count, w));
    }

    static long[] batchShape(int count, int[] sampleShape) {
        long[] s = new long[sampleShape.length + 1];
        s[0] = count;
        for (int i = 0; i < sampleShape.length; i++) {
            s[i + 1] = sampleShape[i];
        }
        return s;
    }

    /** The predicted class and its softmax probability over a grid around the raw 2-D data. */
    static DecisionGrid decisionGrid(Trainer trainer, Dataset raw, UnaryOperator<float[]> preprocess, int cells, long step) {
        float[] f = raw.features();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < f.length; i += 2) {
            xMin = Math.min(xMin, f[i]);
            xMax = Math.max(xMax, f[i]);
            yMin = Math.min(yMin, f[i + 1]);
            yMax = Math.max(yMax, f[i + 1]);
        }
        double padX = (xMax - xMin) * 0.05 + 1e-6;
        double padY = (yMax - yMin) * 0.05 + 1e-6;
        xMin -= padX;
        xMax += padX;
        yMin -= padY;
        yMax += padY;
        float[] grid = new float[cells * cells * 2];
        for (int j = 0; j < cells; j++) {
            for (int i = 0; i < cells; i++) {
                int k = 2 * (j * cells + i);
                grid[k] = (float) (xMin + (xMax - xMin) * (i + 0.5) / cells);
                grid[k + 1] = (float) (yMin + (yMax - yMin) * (j + 0.5) / cells);
            }
        }
        float[] inputs = preprocess == null ? grid : preprocess.apply(grid);
        int[] predicted = new int[cells * cells];
        float[] confidence = new float[cells * cells];
        try (NDManager sm = trainer.getModel().getNDManager().newSubManager()) {
            NDArray x = sm.create(inputs, new Shape(cells * cells, 2));
            NDArray probs = trainer.evaluate(new NDList(x)).singletonOrThrow().softmax(1);
            NDArray cls = probs.argMax(1).toType(DataType.FLOAT32, false);
            NDArray conf = probs.max(new int[] {1});
            float[] host = NDArrays.stack(new NDList(cls, conf)).toFloatArray();
            for (int c = 0; c < cells * cells; c++) {
                predicted[c] = (int) host[c];
                confidence[c] = host[cells * cells + c];
            }
        }
        return new DecisionGrid(xMin, xMax, yMin, yMax, cells, cells, predicted, confidence, step);
    }
}
