package dev.trainbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

/**
 * DJL's softmax cross-entropy loss (class indices, logits in, mean over the batch) computed by the
 * same engine operations in the same order, so every number is DJL's bit for bit: log-softmax over
 * the last axis, the labels' log-probabilities gathered along the class axis, negated, averaged.
 *
 * <p>DJL reaches the gather through its general indexing ({@code get(new NDIndex().addPickDim(...))}),
 * which parses an index, asks the engine for both arrays' shapes and builds several shape objects on
 * every call: about half of the loss's Java garbage at every training step. Predictions that are not
 * a 2-D batch of class scores with a 1-D label vector go through DJL's own code.
 */
final class SoftmaxCrossEntropy extends SoftmaxCrossEntropyLoss {
    /** Labels [batch] as a column [batch, 1], the gather index along the class axis. */
    private static final Shape COLUMN = new Shape(-1, 1);
    private static final long CLASS_AXIS = 1;
    /** Null until the first call has looked at the shapes. */
    private Boolean simple;

    @Override
    public NDArray evaluate(NDList label, NDList prediction) {
        NDArray pred = prediction.singletonOrThrow();
        NDArray lab = label.singletonOrThrow();
        if (simple == null) {
            simple = pred instanceof PtNDArray && lab instanceof PtNDArray && pred.getShape().dimension() == 2
                    && lab.getShape().dimension() == 1 && lab.getDataType() == DataType.INT64;
        }
        if (!simple) {
            return super.evaluate(label, prediction);
        }
        PtNDArray p = (PtNDArray) pred;
        PtNDArray logProbabilities = JniUtils.logSoftmax(p, -1, p.getDataType());
        PtNDArray index = JniUtils.reshape((PtNDArray) lab, COLUMN.getShape());
        PtNDArray picked = JniUtils.gather(logProbabilities, index, CLASS_AXIS);
        return JniUtils.mean(JniUtils.neg(picked));
    }
}
