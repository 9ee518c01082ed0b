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
import dev.trainbench.data.TargetScaler;
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
        return evaluate(trainer, new Batches(set, Math.min(batchSize, set.size()), lossType, outputs, null), null);
    }

    /**
     * Over the whole set of {@code batches}, in batches of its size: {mean loss, accuracy (NaN for
     * regression), RMSE, MAE, R² (NaN for classification; in the targets' units through {@code scaler})}.
     */
    static double[] evaluate(Trainer trainer, Batches batches, TargetScaler scaler) {
        Dataset set = batches.set();
        Predictions p = predict(trainer.getModel().getNDManager(), trainer::evaluate, trainer.getLoss(), batches, false,
                scaler);
        RegressionScore r = p.regression();
        return new double[] {p.meanLoss, set.isClassification() ? (double) p.correct / set.size() : Double.NaN,
                r == null ? Double.NaN : r.rmse(), r == null ? Double.NaN : r.mae(), r == null ? Double.NaN : r.r2()};
    }

    /**
     * Per-sample predicted classes (classification only), plus loss sum and correct count; for
     * regression the RMSE, MAE and R² in the targets' units.
     */
    record Predictions(double meanLoss, long correct, int[] predicted, RegressionScore regression) {
    }

    /** Forward passes over the whole set of {@code batches} (no augmentation), in batches of its size. */
    static Predictions predict(NDManager parent, java.util.function.Function<NDList, NDList> forward, Loss loss,
                               Batches batches, boolean keepPredictions, TargetScaler scaler) {
        Dataset set = batches.set();
        int n = set.size();
        int batchSize = batches.maxBatch();
        double lossSum = 0;
        long correct = 0;
        int[] predicted = keepPredictions && set.isClassification() ? new int[n] : null;
        RegressionScore regression = set.isClassification() ? null : new RegressionScore(scaler, set.targetWidth());
        for (int start = 0; start < n; start += batchSize) {
            int count = Math.min(batchSize, n - start);
            try (NDManager sm = parent.newSubManager()) {
                NDArray x = batches.inputs(sm, null, start, count);
                NDArray label = batches.labels(sm, null, start, count);
                NDArray pred = forward.apply(new NDList(x)).singletonOrThrow();
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
                    // predictions and the loss in one copy to the JVM
                    float[] host = NDArrays.concat(new NDList(l.reshape(1), pred.toType(DataType.FLOAT32, false).reshape(-1)))
                            .toFloatArray();
                    lossSum += host[0] * count;
                    regression.add(java.util.Arrays.copyOfRange(host, 1, host.length), set.targets(), start, count);
                }
            }
        }
        return new Predictions(lossSum / n, correct, predicted, regression);
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
