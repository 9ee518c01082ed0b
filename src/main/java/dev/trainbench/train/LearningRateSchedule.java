package dev.trainbench.train;

import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.ScheduleSpec;

/** The learning rate at each step: a pure function of the step, so it can be shown and tested. */
public final class LearningRateSchedule {
    private final double base;
    private final ScheduleSpec spec;
    private final long stepsPerEpoch;
    private final long totalSteps;

    public LearningRateSchedule(OptimizerSpec optimizer, ScheduleSpec spec, long stepsPerEpoch, int epochs) {
        this.base = optimizer.learningRate();
        this.spec = spec;
        this.stepsPerEpoch = Math.max(1, stepsPerEpoch);
        this.totalSteps = this.stepsPerEpoch * epochs;
    }

    /** Learning rate for step {@code step} (0-based). */
    public double at(long step) {
        double lr = switch (spec.type()) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(spec.gamma(), (double) (step / (stepsPerEpoch * spec.stepEpochs())));
            case COSINE -> {
                double progress = Math.min(1.0, (double) step / Math.max(1, totalSteps - 1));
                yield spec.minLearningRate() + 0.5 * (base - spec.minLearningRate()) * (1 + Math.cos(Math.PI * progress));
            }
        };
        int warmup = spec.warmupStepsOrDefault();
        if (warmup > 0 && step < warmup) {
            lr *= (step + 1.0) / warmup;
        }
        return lr;
    }
}
