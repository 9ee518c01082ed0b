package dev.trainbench.train;

import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.TrainingSpec;

/** Spec values to DJL losses and optimizers. */
final class DjlFactories {

    private DjlFactories() {
    }

    /**
     * DJL's first {@code step()} refuses to update when the signed sum of all gradients is zero.
     * Softmax cross-entropy gives output biases gradients that sum to zero by construction, so with
     * zero-initialized hidden layers that check fires although the biases do learn, and its message
     * ("call backward()") points the wrong way. The loop checks every parameter itself on the first
     * batch (absolute values, with an explanation), so DJL's check is switched off. If a later DJL
     * renames the field, its check simply stays on.
     */
    static void skipDjlGradientCheck(ai.djl.training.Trainer trainer) {
        try {
            java.lang.reflect.Field f = ai.djl.training.Trainer.class.getDeclaredField("gradientsChecked");
            f.setAccessible(true);
            f.setBoolean(trainer, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // keep DJL's own check
        }
    }

    static Loss loss(TrainingSpec.Loss loss) {
        return switch (loss) {
            case CROSS_ENTROPY -> Loss.softmaxCrossEntropyLoss();
            case L2 -> Loss.l2Loss();
            case L1 -> Loss.l1Loss();
        };
    }

    /** The optimizer reads its learning rate from {@code tracker}, which follows the run's schedule. */
    static Optimizer optimizer(OptimizerSpec spec, Tracker tracker) {
        float wd = (float) spec.weightDecayOrDefault();
        return switch (spec.type()) {
            // DJL's PyTorch engine implements neither nagUpdate nor rmspropUpdate: ours follow torch.optim
            case SGD -> Boolean.TRUE.equals(spec.nesterov())
                    ? TorchStyleOptimizers.nesterov(tracker, (float) spec.momentumOrDefault(), wd)
                    : Optimizer.sgd().setLearningRateTracker(tracker).optMomentum((float) spec.momentumOrDefault())
                            .optWeightDecays(wd).build();
            case ADAM -> {
                var b = Optimizer.adam().optLearningRateTracker(tracker).optWeightDecays(wd);
                if (spec.beta1() != null) {
                    b.optBeta1(spec.beta1().floatValue());
                }
                if (spec.beta2() != null) {
                    b.optBeta2(spec.beta2().floatValue());
                }
                yield b.build();
            }
            case ADAMW -> {
                var b = Optimizer.adamW().optLearningRateTracker(tracker).optWeightDecays(wd == 0 ? 0.01f : wd);
                if (spec.beta1() != null) {
                    b.optBeta1(spec.beta1().floatValue());
                }
                if (spec.beta2() != null) {
                    b.optBeta2(spec.beta2().floatValue());
                }
                yield b.build();
            }
            case RMSPROP -> TorchStyleOptimizers.rmsProp(tracker, spec.rho() == null ? 0.9f : spec.rho().floatValue(),
                    (float) spec.momentumOrDefault(), wd);
        };
    }
}
