package dev.trainbench.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Learning-rate schedule over the run: {@code constant}; {@code step} multiplies by {@code gamma}
 * every {@code stepEpochs} epochs; {@code cosine} anneals to {@code minLearningRate} over the whole
 * run. {@code warmupSteps} (any type) ramps linearly from near zero over the first steps.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleSpec(Type type, Integer stepEpochs, Double gamma, Double minLearningRate, Integer warmupSteps) {

    public enum Type {
        @JsonProperty("constant") CONSTANT,
        @JsonProperty("step") STEP,
        @JsonProperty("cosine") COSINE
    }

    public ScheduleSpec {
        type = type == null ? Type.CONSTANT : type;
        if (type == Type.STEP) {
            stepEpochs = stepEpochs == null ? 10 : stepEpochs;
            gamma = gamma == null ? 0.1 : gamma;
            SpecException.require(stepEpochs >= 1, "training.schedule.stepEpochs must be >= 1, was " + stepEpochs);
            SpecException.require(gamma > 0 && gamma <= 1, "training.schedule.gamma must be in (0, 1], was " + gamma);
        }
        if (type == Type.COSINE) {
            minLearningRate = minLearningRate == null ? 0.0 : minLearningRate;
            SpecException.require(minLearningRate >= 0, "training.schedule.minLearningRate must be >= 0, was " + minLearningRate);
        }
        SpecException.require(warmupSteps == null || warmupSteps >= 0,
                "training.schedule.warmupSteps must be >= 0, was " + warmupSteps);
    }

    public static ScheduleSpec constant() {
        return new ScheduleSpec(Type.CONSTANT, null, null, null, null);
    }

    public int warmupStepsOrDefault() {
        return warmupSteps == null ? 0 : warmupSteps;
    }

    public ScheduleSpec withType(Type value) {
        return new ScheduleSpec(value, stepEpochs, gamma, minLearningRate, warmupSteps);
    }

    public ScheduleSpec withStepEpochs(Integer value) {
        return new ScheduleSpec(type, value, gamma, minLearningRate, warmupSteps);
    }

    public ScheduleSpec withGamma(Double value) {
        return new ScheduleSpec(type, stepEpochs, value, minLearningRate, warmupSteps);
    }

    public ScheduleSpec withMinLearningRate(Double value) {
        return new ScheduleSpec(type, stepEpochs, gamma, value, warmupSteps);
    }

    public ScheduleSpec withWarmupSteps(Integer value) {
        return new ScheduleSpec(type, stepEpochs, gamma, minLearningRate, value);
    }
}
