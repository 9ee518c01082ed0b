package dev.trainbench.train;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.tracker.Tracker;
import dev.trainbench.spec.OptimizerSpec;

/**
 * The optimizer step of DJL's Adam, AdamW and SGD (with or without momentum), applied straight
 * through the engine's fused native updates that DJL's own optimizers call, with the same arguments
 * in the same float arithmetic, so a run gives the same numbers bit for bit.
 *
 * <p>Why not {@code trainer.step()}: on every step and for every parameter DJL's parameter server
 * fetches a new gradient wrapper, duplicates the whole gradient natively (the native update clones
 * it again anyway), and its optimizers box their update counters and wrap their arguments in lists
 * and lambdas: about 10 KB of Java garbage a step for a small MLP, a quarter of all the step made.
 * Here a step allocates nothing on the Java heap: the gradients are the caller's cached wrappers and
 * the optimizer state (first and second moments, momentum) lives in the caller's run-scoped
 * manager.
 *
 * <p>RMSProp and Nesterov SGD, which DJL's PyTorch engine does not implement, keep going through
 * {@link TorchStyleOptimizers} and {@code trainer.step()}: {@link #forSpec} returns null for them.
 */
final class ParameterUpdates {

    private enum Kind { ADAM, ADAMW, SGD }

    private final Kind kind;
    private final Tracker learningRate;
    private final float weightDecay;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float momentum;
    /** DJL's optimizer defaults, never changed by a spec. */
    private static final float RESCALE_GRAD = 1.0f;
    private static final float CLIP_GRAD = -1f;
    private PtNDArray[] firstState;
    private PtNDArray[] secondState;
    /** Updates applied so far: DJL's {@code updateCount}, the same for every parameter. */
    private int updates;

    private ParameterUpdates(Kind kind, Tracker learningRate, float weightDecay, float beta1, float beta2,
                             float momentum) {
        this.kind = kind;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = DjlFactories.ADAM_EPSILON;
        this.momentum = momentum;
    }

    /** The updates for the optimizer {@link DjlFactories#optimizer} builds for this spec, or null when it is one of ours. */
    static ParameterUpdates forSpec(OptimizerSpec spec, Tracker learningRate) {
        return switch (spec.type()) {
            case ADAM -> new ParameterUpdates(Kind.ADAM, learningRate, DjlFactories.weightDecay(spec),
                    DjlFactories.beta1(spec), DjlFactories.beta2(spec), 0f);
            case ADAMW -> new ParameterUpdates(Kind.ADAMW, learningRate, DjlFactories.weightDecay(spec),
                    DjlFactories.beta1(spec), DjlFactories.beta2(spec), 0f);
            case SGD -> Boolean.TRUE.equals(spec.nesterov()) ? null
                    : new ParameterUpdates(Kind.SGD, learningRate, DjlFactories.weightDecay(spec), 0f, 0f,
                            (float) spec.momentumOrDefault());
            case RMSPROP -> null;
        };
    }

    /**
     * One update of every parameter with its gradient, which is then zeroed (as DJL's PyTorch
     * updates do). State arrays are made in {@code state} at the first update.
     *
     * @param names the parameters' ids, for the learning-rate tracker (DJL passes them)
     */
    void apply(PtNDArray[] weights, PtNDArray[] gradients, String[] names, NDManager state) {
        if (firstState == null) {
            firstState = new PtNDArray[weights.length];
            secondState = new PtNDArray[weights.length];
            for (int k = 0; k < weights.length; k++) {
                if (kind != Kind.SGD || momentum != 0f) {
                    firstState[k] = zerosLike(weights[k], state);
                }
                if (kind != Kind.SGD) {
                    secondState[k] = zerosLike(weights[k], state);
                }
            }
        }
        int t = ++updates;
        // DJL's arithmetic exactly: double powers of the float betas, the product cast to float.
        double coef1 = 1.0 - Math.pow(beta1, t);
        double coef2 = 1.0 - Math.pow(beta2, t);
        for (int k = 0; k < weights.length; k++) {
            float lr = learningRate.getNewValue(names[k], t);
            switch (kind) {
                case ADAM, ADAMW -> {
                    float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
                    float checked = kind == Kind.ADAM ? corrected : lr;
                    if (Float.isNaN(checked) || Float.isInfinite(checked) || Float.isNaN(weightDecay)
                            || Float.isInfinite(weightDecay)) {
                        throw new IllegalArgumentException("learning rate or weight decay is nan or infinite");
                    }
                    JniUtils.adamUpdate(weights[k], gradients[k], firstState[k], secondState[k], lr, corrected,
                            weightDecay, RESCALE_GRAD, CLIP_GRAD, beta1, beta2, epsilon, kind == Kind.ADAMW);
                }
                case SGD -> JniUtils.sgdUpdate(weights[k], gradients[k], momentum == 0f ? null : firstState[k], lr,
                        weightDecay, RESCALE_GRAD, CLIP_GRAD, momentum);
            }
            JniUtils.zeroGrad(weights[k]);
        }
    }

    private static PtNDArray zerosLike(PtNDArray weight, NDManager state) {
        PtNDArray z = (PtNDArray) weight.zerosLike();
        z.attach(state);
        return z;
    }
}
