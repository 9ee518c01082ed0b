package dev.trainbench.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Optimizer and its settings. {@code momentum} and {@code nesterov} apply to sgd; {@code beta1},
 * {@code beta2} to adam and adamw; {@code rho} to rmsprop. {@code weightDecay} applies to all
 * (decoupled for adamw, L2 added to the gradient for the others).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimizerSpec(
        Type type,
        Double learningRate,
        Double momentum,
        Boolean nesterov,
        Double weightDecay,
        Double beta1,
        Double beta2,
        Double rho) {

    public enum Type {
        @JsonProperty("sgd") SGD,
        @JsonProperty("adam") ADAM,
        @JsonProperty("adamw") ADAMW,
        @JsonProperty("rmsprop") RMSPROP
    }

    public OptimizerSpec {
        type = type == null ? Type.ADAM : type;
        learningRate = learningRate == null ? (type == Type.SGD ? 0.1 : 1e-3) : learningRate;
        SpecException.require(learningRate > 0 && learningRate <= 100 && Double.isFinite(learningRate),
                "training.optimizer.learningRate must be in (0, 100], was " + learningRate);
        SpecException.require(momentum == null || (momentum >= 0 && momentum < 1),
                "training.optimizer.momentum must be in [0, 1), was " + momentum);
        SpecException.require(weightDecay == null || (weightDecay >= 0 && weightDecay < 1),
                "training.optimizer.weightDecay must be in [0, 1), was " + weightDecay);
        SpecException.require(beta1 == null || (beta1 >= 0 && beta1 < 1), "training.optimizer.beta1 must be in [0, 1), was " + beta1);
        SpecException.require(beta2 == null || (beta2 >= 0 && beta2 < 1), "training.optimizer.beta2 must be in [0, 1), was " + beta2);
        SpecException.require(rho == null || (rho >= 0 && rho < 1), "training.optimizer.rho must be in [0, 1), was " + rho);
        SpecException.require(nesterov == null || !nesterov || type == Type.SGD,
                "training.optimizer.nesterov applies to sgd only; remove it or set type to sgd");
        SpecException.require(nesterov == null || !nesterov || (momentum != null && momentum > 0),
                "nesterov momentum needs training.optimizer.momentum > 0, e.g. 0.9");
    }

    public static OptimizerSpec adam(double learningRate) {
        return new OptimizerSpec(Type.ADAM, learningRate, null, null, null, null, null, null);
    }

    public static OptimizerSpec sgd(double learningRate, double momentum, boolean nesterov) {
        return new OptimizerSpec(Type.SGD, learningRate, momentum, nesterov ? true : null, null, null, null, null);
    }

    public double momentumOrDefault() {
        return momentum == null ? 0.0 : momentum;
    }

    public double weightDecayOrDefault() {
        return weightDecay == null ? 0.0 : weightDecay;
    }

    public OptimizerSpec withLearningRate(double value) {
        return new OptimizerSpec(type, value, momentum, nesterov, weightDecay, beta1, beta2, rho);
    }

    public OptimizerSpec withWeightDecay(Double value) {
        return new OptimizerSpec(type, learningRate, momentum, nesterov, value, beta1, beta2, rho);
    }

    public OptimizerSpec withType(Type value) {
        // nesterov is for sgd only: leaving sgd drops it rather than refusing the change
        return new OptimizerSpec(value, learningRate, momentum, value == Type.SGD ? nesterov : null, weightDecay, beta1, beta2, rho);
    }

    public OptimizerSpec withMomentum(Double value) {
        return new OptimizerSpec(type, learningRate, value, nesterov, weightDecay, beta1, beta2, rho);
    }

    public OptimizerSpec withNesterov(Boolean value) {
        return new OptimizerSpec(type, learningRate, momentum, value, weightDecay, beta1, beta2, rho);
    }

    public OptimizerSpec withBeta1(Double value) {
        return new OptimizerSpec(type, learningRate, momentum, nesterov, weightDecay, value, beta2, rho);
    }

    public OptimizerSpec withBeta2(Double value) {
        return new OptimizerSpec(type, learningRate, momentum, nesterov, weightDecay, beta1, value, rho);
    }

    public OptimizerSpec withRho(Double value) {
        return new OptimizerSpec(type, learningRate, momentum, nesterov, weightDecay, beta1, beta2, value);
    }
}
