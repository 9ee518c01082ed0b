package dev.trainbench.diagnose;

import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dead-relu}: in two measurements in a row (every few steps), at least
 * {@value #DEAD_SHARE} of the ReLU units behind a layer output zero for the whole batch: they pass
 * no gradient and, once dead, stay dead. After a blow-up the cause is the learning rate; otherwise
 * a leaky ReLU keeps a small slope below zero (or, with a high learning rate, a lower one).
 */
final class DeadRelu extends Rule {
    static final double DEAD_SHARE = 0.5;
    /** At or above this the layer passes (almost) no gradient. */
    static final double MOSTLY_DEAD = 0.9;

    static final int AFTER_BLOW_UP = 1;
    static final int HIGH_LR = 2;
    static final int OTHER = 3;

    @Override
    String id() {
        return RuleIds.DEAD_RELU;
    }

    @Override
    int state(Context c) {
        int l = worst(c.run());
        if (l < 0) {
            return 0;
        }
        RunEvidence r = c.run();
        if (r.explodedAt() >= 0 && r.explodedAt() <= r.deadStep()) {
            return AFTER_BLOW_UP;
        }
        return LearningRates.scale(c.spec().training().optimizer().type(), c.baseLearningRate()) == LearningRates.Scale.HIGH
                ? HIGH_LR : OTHER;
    }

    /** The layer with the most dead units in both of the last two measurements, if at least {@value #DEAD_SHARE}; else -1. */
    static int worst(RunEvidence r) {
        if (r.deadMeasurements() < 2) {
            return -1;
        }
        int worst = -1;
        double most = DEAD_SHARE;
        for (int l = 0; l < r.layers(); l++) {
            double d = Math.min(r.deadFraction(l), r.previousDeadFraction(l));
            if (d >= most) {
                most = d;
                worst = l;
            }
        }
        return worst;
    }

    @Override
    Finding build(Context c, int state) {
        RunEvidence r = c.run();
        int l = worst(r);
        ModelFacts.Group g = l >= 0 && l < c.model().groups().size() ? c.model().groups().get(l) : null;
        String layer = g == null ? "layer " + (l + 1) : "'" + g.name() + "'";
        double dead = r.deadFraction(l);
        StringBuilder others = new StringBuilder();
        for (int k = 0; k < r.layers(); k++) {
            if (k != l && r.deadFraction(k) >= DEAD_SHARE && k < c.model().groups().size()) {
                others.append(others.length() == 0 ? "" : ", ").append(Text.pct(r.deadFraction(k))).append(" after '")
                        .append(c.model().groups().get(k).name()).append("'");
            }
        }
        String numbers = Text.pct(dead) + " of the ReLU units after " + layer + " output zero for every sample of the"
                + " batch at step " + r.deadStep() + (others.length() > 0 ? " (also " + others + ")" : "")
                + (dead >= MOSTLY_DEAD ? "; a layer this dead passes almost no gradient back to the layers before it" : "");
        Evidence ev = Evidence.of(Evidence.CHART_HEATMAP, r.deadStep(), r.lastEpoch(), "dead fraction", dead,
                "first layer gradient norm", r.recentGradNorm(0));
        String title = Text.pct(dead) + " of the ReLUs after " + layer + " are dead";
        return switch (state) {
            case AFTER_BLOW_UP -> new Finding(id(), Severity.WARNING, title + " since the loss blew up",
                    numbers + "; they died when the loss blew up at step " + r.explodedAt() + " (a learning rate of "
                            + Text.num(r.explodedLearningRate()) + " threw the weights far off), so the cause is the"
                            + " learning rate, not the activation or the initialization", ev, Tips.LEARNING_RATE,
                    Changes.learningRate(c.spec(), 0.1), List.of());
            case HIGH_LR -> new Finding(id(), Severity.WARNING, title, numbers + "; the learning rate "
                    + Text.num(c.baseLearningRate()) + " is high, and large steps push units into the region where they"
                    + " never fire again", ev, Tips.LEARNING_RATE, Changes.learningRate(c.spec(), 0.1), List.of());
            default -> {
                List<TryThis> alternatives = new ArrayList<>();
                if (c.model().init() != InitSpec.Type.HE && c.model().init() != InitSpec.Type.ZEROS) {
                    alternatives.add(Changes.init(c.spec(), InitSpec.Type.HE));
                }
                TryThis leaky = g != null && g.activation() == LayerSpec.Type.RELU && g.activationIndex() >= 0
                        ? Changes.layerType(c.spec(), g.activationIndex(), LayerSpec.Type.LEAKYRELU) : null;
                yield new Finding(id(), Severity.WARNING, title, numbers + "; a leaky ReLU keeps a small slope below"
                        + " zero, so its units can come back", ev, Tips.GRADIENT_FLOW,
                        leaky != null ? leaky : alternatives.isEmpty() ? null : alternatives.get(0),
                        leaky != null ? alternatives : List.of());
            }
        };
    }
}
