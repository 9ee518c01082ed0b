package dev.trainbench.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RMSProp and SGD with Nesterov momentum, which DJL 0.36's PyTorch engine does not implement (its
 * {@code rmspropUpdate} and {@code nagUpdate} throw "Not implemented" at the first step). The
 * updates follow {@code torch.optim.RMSprop} and {@code torch.optim.SGD(nesterov=True)} exactly, so
 * a spec means the same thing here as in a PyTorch notebook. Like DJL's own PyTorch updates they
 * clear the gradient after use (the engine does not clear gradients between backward calls).
 *
 * <p>Each update's temporaries live in a sub-manager closed with the update; the per-parameter
 * state (square average, momentum buffer) lives as long as the model, like DJL's optimizers' state.
 */
final class TorchStyleOptimizers {

    private TorchStyleOptimizers() {
    }

    static Optimizer rmsProp(Tracker learningRate, float alpha, float momentum, float weightDecay) {
        return new RmsProp(new Builder().optWeightDecays(weightDecay), learningRate, alpha, momentum, 1e-8f);
    }

    static Optimizer nesterov(Tracker learningRate, float momentum, float weightDecay) {
        return new Nesterov(new Builder().optWeightDecays(weightDecay), learningRate, momentum);
    }

    /** DJL's base builder only carries weight decay, gradient rescaling and clamping here. */
    static final class Builder extends Optimizer.OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }

    /** The gradient as the update uses it: rescaled, clamped if asked, plus L2 weight decay. */
    private static NDArray effectiveGradient(NDArray weight, NDArray grad, float rescale, float clip,
                                             float weightDecay, NDManager scope) {
        NDArray g = grad.mul(rescale);
        g.attach(scope);
        if (clip > 0) {
            g = g.clip(-clip, clip);
            g.attach(scope);
        }
        if (weightDecay != 0) {
            NDArray decay = weight.mul(weightDecay);
            decay.attach(scope);
            g = g.add(decay);
            g.attach(scope);
        }
        return g;
    }

    private static void clearGradient(NDArray weight) {
        JniUtils.zeroGrad((PtNDArray) weight);
    }

    /**
     * {@code v = alpha v + (1 - alpha) g²}; without momentum {@code w -= lr g / (sqrt(v) + eps)},
     * with momentum {@code b = momentum b + g / (sqrt(v) + eps); w -= lr b}.
     */
    static final class RmsProp extends Optimizer {
        private final Tracker learningRate;
        private final float alpha;
        private final float momentum;
        private final float epsilon;
        private final Map<String, Map<Device, NDArray>> squareAverages = new ConcurrentHashMap<>();
        private final Map<String, Map<Device, NDArray>> buffers = new ConcurrentHashMap<>();

        RmsProp(Builder builder, Tracker learningRate, float alpha, float momentum, float epsilon) {
            super(builder);
            this.learningRate = learningRate;
            this.alpha = alpha;
            this.momentum = momentum;
            this.epsilon = epsilon;
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            float lr = learningRate.getNewValue(updateCount(parameterId));
            NDArray v = withDefaultState(squareAverages, parameterId, weight.getDevice(), k -> weight.zerosLike());
            try (NDManager scope = weight.getManager().newSubManager()) {
                NDArray g = effectiveGradient(weight, grad, rescaleGrad, clipGrad, getWeightDecay(), scope);
                NDArray g2 = g.square();
                g2.attach(scope);
                v.muli(alpha).addi(g2.muli(1 - alpha));
                NDArray denominator = v.sqrt();
                denominator.attach(scope);
                denominator.addi(epsilon);
                NDArray step = g.div(denominator);
                step.attach(scope);
                if (momentum > 0) {
                    NDArray b = withDefaultState(buffers, parameterId, weight.getDevice(), k -> weight.zerosLike());
                    b.muli(momentum).addi(step);
                    weight.subi(scaled(b, lr, scope));
                } else {
                    weight.subi(step.muli(lr));
                }
            }
            clearGradient(weight);
        }
    }

    /**
     * PyTorch's Nesterov SGD: {@code g += wd w; b = momentum b + g; w -= lr (g + momentum b)}.
     * With the buffer starting at zero, the first step's {@code b = g} as in PyTorch.
     */
    static final class Nesterov extends Optimizer {
        private final Tracker learningRate;
        private final float momentum;
        private final Map<String, Map<Device, NDArray>> buffers = new ConcurrentHashMap<>();

        Nesterov(Builder builder, Tracker learningRate, float momentum) {
            super(builder);
            this.learningRate = learningRate;
            this.momentum = momentum;
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            float lr = learningRate.getNewValue(updateCount(parameterId));
            NDArray b = withDefaultState(buffers, parameterId, weight.getDevice(), k -> weight.zerosLike());
            try (NDManager scope = weight.getManager().newSubManager()) {
                NDArray g = effectiveGradient(weight, grad, rescaleGrad, clipGrad, getWeightDecay(), scope);
                b.muli(momentum).addi(g);
                NDArray look = b.mul(momentum);
                look.attach(scope);
                look.addi(g).muli(lr);
                weight.subi(look);
            }
            clearGradient(weight);
        }
    }

    private static NDArray scaled(NDArray a, float factor, NDManager scope) {
        NDArray s = a.mul(factor);
        s.attach(scope);
        return s;
    }
}
