package dev.trainbench.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code lr-too-high}: the loss became NaN or infinite, or exploded (above
 * {@value RunEvidence#EXPLODE_FACTOR}x its initial value) and did not come back, or kept rising
 * epoch after epoch. A run that explodes and then sits at the loss of guessing has diverged even
 * though no number became NaN: after a blow-up the ReLUs are usually dead, so no gradient reaches
 * the first layers ever again, whatever their activations or initialization.
 */
final class LrTooHigh extends Rule {
    static final int NON_FINITE = 1;
    static final int EXPLODED_UNDECIDED = 2;
    static final int EXPLODED_NOT_RECOVERED = 3;
    static final int EXPLODED_RECOVERED = 4;
    static final int RISING = 5;
    static final int EXPLODED_PARTLY = 6;
    static final int REPEATED_SPIKES = 7;

    /** Loss blow-ups in the middle of training (after the warm-up) that make a warning. */
    static final int SPIKES = 3;

    /** After an explosion, a smoothed loss at or above this share of the baseline has not recovered. */
    static final double NOT_RECOVERED_SHARE = 0.9;
    /** Batch accuracy at most this far above always guessing the largest class: at chance. */
    static final double CHANCE_MARGIN = 0.05;
    /** Epoch train loss this many times its best, after two rising epochs: diverging. */
    static final double RISING_FACTOR = 1.5;
    /** Steps after an explosion before "not recovered" is final (unless the run ended). */
    static final int DECIDE_STEPS = 50;
    /** Zero gradient in every hidden layer for this many steps after an explosion: nothing can recover. */
    static final int DEAD_STEPS = 50;

    @Override
    String id() {
        return RuleIds.LR_TOO_HIGH;
    }

    @Override
    int state(Context c) {
        RunEvidence r = c.run();
        if (r.nonFiniteStep() >= 0) {
            return NON_FINITE;
        }
        if (r.explodedAt() >= 0) {
            int recovery = recovery(c);
            if (recovery == RECOVERED) {
                return r.lossSpikes() >= SPIKES ? REPEATED_SPIKES : EXPLODED_RECOVERED;
            }
            if (recovery == PARTLY) {
                return EXPLODED_PARTLY;
            }
            long since = r.lastStep() - r.explodedAt();
            boolean decided = c.ended() || since >= Math.max(DECIDE_STEPS, c.stepsPerEpoch() / 2)
                    || unrecoverable(c);
            return decided ? EXPLODED_NOT_RECOVERED : EXPLODED_UNDECIDED;
        }
        if (r.lossSpikes() >= SPIKES) {
            return REPEATED_SPIKES;
        }
        int e = r.epochs();
        if (e >= 3) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < e; i++) {
                best = Math.min(best, r.trainLoss(i));
            }
            double last = r.trainLoss(e - 1);
            if (last > r.trainLoss(e - 2) && r.trainLoss(e - 2) > r.trainLoss(e - 3) && last > RISING_FACTOR * best) {
                return RISING;
            }
        }
        return 0;
    }

    static final int AT_CHANCE = 0;
    static final int PARTLY = 1;
    static final int RECOVERED = 2;

    /**
     * How far the run came back after the explosion: still at the loss of guessing (and, for
     * classes, at chance accuracy); partly (learning again, but its loss still at least
     * {@value Underfitting#HIGH_SHARE} of the baseline); or recovered.
     */
    static int recovery(Context c) {
        RunEvidence r = c.run();
        double smoothed = r.smoothedLoss();
        double baseline = c.baselineLoss();
        if (!Double.isFinite(smoothed) || !Double.isFinite(baseline)) {
            return AT_CHANCE;
        }
        boolean lossBack = smoothed < NOT_RECOVERED_SHARE * baseline;
        boolean accBack = c.classification() && c.data() != null
                && r.recentAccuracy() > c.data().majorityShare() + CHANCE_MARGIN;
        if (!lossBack && !accBack) {
            return AT_CHANCE;
        }
        return smoothed < Underfitting.HIGH_SHARE * baseline ? RECOVERED : PARTLY;
    }

    /** Exploded, and every hidden layer has had exactly zero gradient for a while: no step can change anything. */
    static boolean unrecoverable(Context c) {
        RunEvidence r = c.run();
        return r.explodedAt() >= 0 && r.zeroHiddenGradientSteps() >= DEAD_STEPS && recovery(c) == AT_CHANCE;
    }

    @Override
    Finding build(Context c, int state) {
        RunEvidence r = c.run();
        double lr = c.currentLearningRate();
        TryThis lower = Changes.learningRate(c.spec(), 0.1);
        List<TryThis> alternatives = new ArrayList<>();
        if (c.spec().training().clipNorm() == null) {
            alternatives.add(Changes.clipNorm(c.spec(), 1.0));
        }
        return switch (state) {
            case NON_FINITE -> new Finding(id(), Severity.ERROR, "the loss became " + Text.num(r.lastLoss())
                    + " at step " + r.nonFiniteStep() + ": the learning rate is too high",
                    nonFiniteMessage(r.nonFiniteStep(), r.nonFiniteEpoch(), r.lastLoss(), r.nonFiniteLearningRate(),
                            c.spec().training().clipNorm() != null),
                    Evidence.of(Evidence.CHART_LOSS, r.nonFiniteStep(), r.nonFiniteEpoch(), "last finite loss",
                            r.lastFiniteLoss(), "learning rate", r.nonFiniteLearningRate()),
                    Tips.LEARNING_RATE, lower, alternatives);
            case EXPLODED_RECOVERED -> new Finding(id(), Severity.INFO, "the loss spiked to "
                    + Text.num(r.explodedLoss()) + " at step " + r.explodedAt() + " and recovered",
                    "the loss jumped from " + Text.num(r.initialLoss()) + " to " + Text.num(r.explodedLoss())
                            + " at step " + r.explodedAt() + " (epoch " + r.explodedEpoch() + ", learning rate "
                            + Text.num(r.explodedLearningRate()) + ") and came back down to " + Text.num(r.smoothedLoss())
                            + "; the learning rate is at the edge of stable: a lower one trains more smoothly and may end better",
                    Evidence.of(Evidence.CHART_LOSS, r.explodedAt(), r.explodedEpoch(), "initial loss", r.initialLoss(),
                            "peak loss", r.explodedLoss(), "loss now", r.smoothedLoss(), "learning rate", r.explodedLearningRate()),
                    Tips.LEARNING_RATE, Changes.learningRate(c.spec(), 1 / 3.0), List.of());
            case EXPLODED_PARTLY -> new Finding(id(), Severity.WARNING, "the loss blew up at step " + r.explodedAt()
                    + " and only partly recovered: the learning rate " + Text.num(r.explodedLearningRate()) + " is too high",
                    "the loss jumped from " + Text.num(r.initialLoss()) + " to " + Text.num(r.explodedLoss()) + " at step "
                            + r.explodedAt() + " (epoch " + r.explodedEpoch() + ", learning rate "
                            + Text.num(r.explodedLearningRate()) + ") and is back to only " + Text.num(r.smoothedLoss())
                            + (c.classification() ? " with " + Text.pct(r.recentAccuracy()) + " batch accuracy" : "")
                            + ", against " + Text.num(c.baselineLoss()) + " for a model that learned nothing: the blow-up"
                            + " threw away what the first steps had set up (dead or saturated units), and the large steps"
                            + " keep it from settling; the cause is the learning rate, not the model's size",
                    Evidence.of(Evidence.CHART_LOSS, r.explodedAt(), r.explodedEpoch(), "initial loss", r.initialLoss(),
                            "peak loss", r.maxLoss(), "loss now", r.smoothedLoss(), "batch accuracy now",
                            r.recentAccuracy(), "learning rate", r.explodedLearningRate()),
                    Tips.LEARNING_RATE, lower, alternatives);
            case REPEATED_SPIKES -> new Finding(id(), Severity.WARNING, "the loss keeps blowing up: "
                    + Text.plural(r.lossSpikes(), "spike", "spikes") + " above 10x its recent level",
                    "the loss jumped above " + Text.num(RunEvidence.EXPLODE_FACTOR) + "x its recent level "
                            + Text.plural(r.lossSpikes(), "time", "times") + " after the first steps (the latest to "
                            + Text.num(r.lastLossSpike()) + " at step " + r.lastLossSpikeStep() + "): the learning rate "
                            + Text.num(lr) + " makes some steps overshoot far",
                    Evidence.of(Evidence.CHART_LOSS, r.lastLossSpikeStep(), null, "spikes", r.lossSpikes(),
                            "latest spike", r.lastLossSpike(), "loss now", r.smoothedLoss(), "learning rate", lr),
                    Tips.LEARNING_RATE, Changes.learningRate(c.spec(), 1 / 3.0), alternatives);
            case EXPLODED_UNDECIDED, EXPLODED_NOT_RECOVERED -> {
                boolean decided = state == EXPLODED_NOT_RECOVERED;
                String where = "at step " + r.explodedAt() + " (epoch " + r.explodedEpoch() + ")";
                String now = c.classification() && c.data() != null
                        ? "it sits at " + Text.num(r.smoothedLoss()) + ", the loss of guessing the class shares ("
                        + Text.num(c.data().chanceLoss()) + "), with " + Text.pct(r.recentAccuracy())
                        + " batch accuracy (chance " + Text.pct(c.data().majorityShare()) + ")"
                        : "it is at " + Text.num(r.smoothedLoss()) + " against " + Text.num(r.initialLoss()) + " at the start";
                StringBuilder m = new StringBuilder("the loss jumped from ").append(Text.num(r.initialLoss())).append(" to ")
                        .append(Text.num(r.explodedLoss())).append(' ').append(where).append(" with learning rate ")
                        .append(Text.num(r.explodedLearningRate()))
                        .append(decided ? " and never recovered: " : " and has not recovered so far: ").append(now);
                if (r.zeroHiddenGradientSteps() > 0) {
                    m.append("; since step ").append(r.zeroHiddenGradientSince()).append(" every layer before the output"
                            + " layer gets exactly zero gradient").append(c.model().relus() > 0
                            ? " (the blow-up killed the ReLUs)" : "").append(", so nothing before the output layer can"
                            + " learn any more");
                }
                m.append(". The cause is the learning rate, not the activations or the initialization");
                Severity sev = decided ? Severity.ERROR : Severity.WARNING;
                yield new Finding(id(), sev, decided ? "the loss blew up at step " + r.explodedAt()
                        + " and never recovered: the learning rate " + Text.num(r.explodedLearningRate()) + " is too high"
                        : "the loss blew up at step " + r.explodedAt() + ": the learning rate "
                        + Text.num(r.explodedLearningRate()) + " is probably too high", m.toString(),
                        Evidence.of(Evidence.CHART_LOSS, r.explodedAt(), r.explodedEpoch(), "initial loss", r.initialLoss(),
                                "peak loss", r.maxLoss(), "loss now", r.smoothedLoss(), "batch accuracy now",
                                r.recentAccuracy(), "learning rate", r.explodedLearningRate()),
                        Tips.LEARNING_RATE, lower, alternatives);
            }
            case RISING -> {
                int e = r.epochs();
                double best = Double.POSITIVE_INFINITY;
                int at = 0;
                for (int i = 0; i < e; i++) {
                    if (r.trainLoss(i) < best) {
                        best = r.trainLoss(i);
                        at = i + 1;
                    }
                }
                yield new Finding(id(), Severity.WARNING, "the training loss is rising: " + Text.num(best) + " at epoch "
                        + at + ", " + Text.num(r.trainLoss(e - 1)) + " now",
                        "the training loss has risen for two epochs in a row, to " + Text.num(r.trainLoss(e - 1))
                                + " from its best of " + Text.num(best) + " at epoch " + at
                                + ": the steps overshoot; the learning rate " + Text.num(lr) + " is too high for this stage"
                                + " of training (a schedule that decays it also helps)",
                        Evidence.of(Evidence.CHART_LOSS, null, e, "best train loss", best, "train loss now",
                                r.trainLoss(e - 1), "learning rate", lr),
                        Tips.LEARNING_RATE, lower, alternatives);
            }
            default -> null;
        };
    }

    /** What the NaN/Inf guard says when it stops a run. */
    static String nonFiniteMessage(long step, int epoch, double loss, double lr, boolean clipped) {
        return "the loss became " + Text.num(loss) + " at step " + step + " (epoch " + epoch + ") with learning rate "
                + Text.num(lr) + ": the steps are so large that the weights overflowed; divide the learning rate by 10"
                + " (or run the LR range test)" + (clipped ? "" : ", or clip the gradient norm (training.clipNorm)");
    }
}
