package dev.trainbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dead-ReLU measurement for the diagnosis. Every ReLU of a built model is DJL's own ReLU block (the
 * same {@link LambdaBlock}, so checkpoints are byte-for-byte those of a plain stack), with a hook:
 * while {@link #arm() armed}, each ReLU also computes, on the device, the fraction of its units that
 * are alive on the batch: a unit (a dense unit, or a convolution channel) is dead when its output is
 * zero for every sample (and every position) of the batch. The trainer arms it for one forward pass
 * every few steps and copies the fractions to the JVM together with its other measurements; unarmed,
 * the hook costs one field read.
 *
 * <p>Each ReLU belongs to the closest layer with parameters before it (for a residual block, the
 * block itself), so the fractions come out per layer, by the names of the per-layer metrics.
 */
public final class ReluProbes {
    private final List<Integer> groupOfRelu = new ArrayList<>();
    private NDArray[] alive = new NDArray[0];
    private long[] units = new long[0];
    private boolean armed;

    /** A ReLU block owned by {@code group} (the index of a layer with parameters, or -1 for none). */
    Block relu(int group) {
        int index = groupOfRelu.size();
        groupOfRelu.add(group);
        alive = new NDArray[groupOfRelu.size()];
        units = new long[groupOfRelu.size()];
        return new LambdaBlock(in -> forward(index, in), "ReLU");
    }

    private NDList forward(int index, NDList in) {
        NDList out = Activation.relu(in);
        if (armed) {
            NDArray a = out.singletonOrThrow();
            int dims = a.getShape().dimension();
            if (dims >= 2) {
                // ReLU outputs are >= 0: a unit's maximum over the batch (and over the positions of an
                // image) is 0 exactly when it is dead, and sign() of that maximum is 1 for an alive
                // unit, 0 for a dead one. PyTorch reduces one axis per call: the last ones first.
                NDArray max = a;
                for (int d = dims - 1; d >= 2; d--) {
                    max = max.max(new int[] {d});
                }
                alive[index] = max.max(new int[] {0}).sign().mean();
                units[index] = a.getShape().get(1);
            }
        }
        return out;
    }

    /** Measure in the following forward passes; forgets the last measurement. */
    public void arm() {
        Arrays.fill(alive, null);
        armed = true;
    }

    /** Stop measuring; the measurement of the armed passes stays readable until {@link #arm()} or {@link #clear()}. */
    public void disarm() {
        armed = false;
    }

    /** Drops the references to the last measurement's arrays (they belong to a step that is closing). */
    public void clear() {
        Arrays.fill(alive, null);
    }

    /** ReLU blocks in the model, in forward order. */
    public int count() {
        return groupOfRelu.size();
    }

    /** The layer with parameters that ReLU {@code relu} belongs to, or -1. */
    public int group(int relu) {
        return groupOfRelu.get(relu);
    }

    /**
     * The fraction of ReLU {@code relu}'s units alive in the last armed pass, a scalar on the device
     * (in the manager of the pass's input), or null when that pass did not reach it.
     */
    public NDArray aliveFraction(int relu) {
        return alive[relu];
    }

    /** Units of ReLU {@code relu} in the last armed pass (features, or channels of an image). */
    public long units(int relu) {
        return units[relu];
    }
}
