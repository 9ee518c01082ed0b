package dev.trainbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.trainbench.data.Dataset;
import dev.trainbench.spec.TrainingSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * The one way a batch is made, for the training loop, the sanity probes, the LR range test,
 * validation and the final test: samples {@code indices[start .. start+count)} of a data set (or
 * the contiguous samples {@code start .. start+count} when {@code indices} is null) become an input
 * array shaped {@code [count, sample shape...]} and the loss's labels, both in the caller's
 * step-scoped manager.
 *
 * <p>Labels: class indices for cross-entropy, one-hot rows for L1/L2 on classes, target values for
 * regression. Augmentation, when given, changes the gathered inputs in place: give it for training
 * batches only. Inputs and labels go through reused direct buffers: handing DJL a Java array makes
 * it allocate a fresh direct buffer per call, freed only when a garbage collection happens to run,
 * so resident memory would climb by a batch per step between collections.
 */
final class Batches {
    private final Dataset set;
    private final int maxBatch;
    private final TrainingSpec.Loss loss;
    private final int outputs;
    private final PreparedData.BatchTransform augment;
    private final int sampleSize;
    private final Shape fullShape;
    private final long[] shape;
    private final DirectFloats input;
    private final ByteBuffer labelBytes;
    private final LongBuffer labelLongs;
    private final FloatBuffer labelFloats;
    /** Augmentation works on a Java array; without it the samples go straight into the direct buffer. */
    private final float[] scratch;
    private final Shape labelShape;
    /**
     * With {@link #keepFullBatchArrays}: arrays over the direct buffers for full batches, made once.
     * On the CPU an array made from a direct buffer is a view of its memory (the engine copies only
     * for a GPU), so refilling the buffer is all a full batch needs; a partial batch (the epoch's
     * last) gets arrays of its own in the step's manager.
     */
    private NDManager keepScope;
    private NDArray fullInputs;
    private NDArray fullLabels;

    /**
     * @param maxBatch the most samples one call gathers
     * @param augment  null for no augmentation (validation, tests, probes)
     */
    Batches(Dataset set, int maxBatch, TrainingSpec.Loss loss, int outputs, PreparedData.BatchTransform augment) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1");
        }
        this.set = set;
        this.maxBatch = maxBatch;
        this.loss = loss;
        this.outputs = outputs;
        this.augment = augment;
        this.sampleSize = set.sampleSize();
        this.shape = Evaluation.batchShape(maxBatch, set.sampleShape());
        this.fullShape = new Shape(shape.clone());
        this.input = new DirectFloats(maxBatch * sampleSize);
        int labelValues = set.isClassification() ? maxBatch : maxBatch * set.targetWidth();
        this.labelBytes = ByteBuffer.allocateDirect(labelValues * Long.BYTES).order(ByteOrder.nativeOrder());
        this.labelLongs = labelBytes.asLongBuffer();
        this.labelFloats = labelBytes.asFloatBuffer();
        this.scratch = augment == null ? null : new float[maxBatch * sampleSize];
        this.labelShape = set.isClassification() ? new Shape(maxBatch) : new Shape(maxBatch, set.targetWidth());
    }

    /**
     * Makes full batches reuse two arrays that live in {@code scope} (which must outlive every
     * batch made here) instead of two new arrays per batch: for the training step, which makes
     * thousands of batches from one batch maker. Only on the CPU. Each batch lends them to the
     * caller's manager until it closes.
     */
    void keepFullBatchArrays(NDManager scope) {
        if (!scope.getDevice().isGpu()) {
            this.keepScope = scope;
        }
    }

    Dataset set() {
        return set;
    }

    int maxBatch() {
        return maxBatch;
    }

    /** The inputs of the batch, augmented when this is a training batch maker. */
    NDArray inputs(NDManager sm, int[] indices, int start, int count) {
        check(count);
        float[] feats = set.features();
        ByteBuffer bytes;
        if (scratch != null) {
            for (int i = 0; i < count; i++) {
                System.arraycopy(feats, index(indices, start, i) * sampleSize, scratch, i * sampleSize, sampleSize);
            }
            augment.apply(scratch, count);
            bytes = input.fill(scratch, count * sampleSize);
        } else {
            bytes = input.gather(feats, sampleSize, indices, start, count);
        }
        if (keepScope != null && count == maxBatch) {
            if (fullInputs == null) {
                fullInputs = keepScope.create(bytes, fullShape, DataType.FLOAT32);
            }
            return lend(fullInputs, sm);
        }
        return sm.create(bytes, shape(count), DataType.FLOAT32);
    }

    /** The loss's targets for the batch. */
    NDArray labels(NDManager sm, int[] indices, int start, int count) {
        check(count);
        labelBytes.clear();
        if (set.isClassification()) {
            int[] all = set.labels();
            labelLongs.clear();
            for (int i = 0; i < count; i++) {
                labelLongs.put(all[index(indices, start, i)]);
            }
            labelBytes.limit(count * Long.BYTES);
            NDArray idx = labelArray(sm, count, DataType.INT64);
            return loss == TrainingSpec.Loss.CROSS_ENTROPY ? idx : idx.oneHot(outputs);
        }
        int w = set.targetWidth();
        float[] targets = set.targets();
        labelFloats.clear();
        for (int i = 0; i < count; i++) {
            labelFloats.put(targets, index(indices, start, i) * w, w);
        }
        labelBytes.limit(count * w * Float.BYTES);
        return labelArray(sm, count, DataType.FLOAT32);
    }

    /**
     * The kept array, attached to the step's manager until it closes: an operation's result belongs
     * to its first operand's manager, so the step's arrays stay in the step's manager.
     */
    private static NDArray lend(NDArray kept, NDManager sm) {
        kept.tempAttach(sm);
        return kept;
    }

    private NDArray labelArray(NDManager sm, int count, DataType type) {
        if (count == maxBatch) {
            if (keepScope == null) {
                return sm.create(labelBytes, labelShape, type);
            }
            if (fullLabels == null) {
                fullLabels = keepScope.create(labelBytes, labelShape, type);
            }
            return lend(fullLabels, sm);
        }
        return sm.create(labelBytes, set.isClassification() ? new Shape(count) : new Shape(count, set.targetWidth()), type);
    }

    /** How many of the predicted classes match the batch's labels (classification only). */
    int correct(long[] predicted, int[] indices, int start) {
        int[] labels = set.labels();
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == labels[index(indices, start, i)]) {
                correct++;
            }
        }
        return correct;
    }

    private static int index(int[] indices, int start, int i) {
        return indices == null ? start + i : indices[start + i];
    }

    private Shape shape(int count) {
        if (count == maxBatch) {
            return fullShape;
        }
        long[] s = shape.clone();
        s[0] = count;
        return new Shape(s);
    }

    private void check(int count) {
        if (count < 1 || count > maxBatch) {
            throw new IllegalArgumentException("a batch of " + count + " samples, but at most " + maxBatch);
        }
    }
}
