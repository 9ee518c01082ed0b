package dev.trainbench.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code underfitting}: at the end of the run (or of its last epoch) the training loss is still at
 * least {@value #HIGH_SHARE} of the loss of a model that learned nothing, although it did move
 * (a loss that never moved is {@code loss-flat}) and validation is not worse than training (that
 * is overfitting). The model is too weak or trained too briefly: more epochs when the loss was
 * still falling, a wider layer otherwise, or a higher learning rate when it is low.
 */
final class Underfitting extends Rule {
    static final double HIGH_SHARE = 0.5;
    /** The last epoch's train loss below this share of the one before: still falling. */
    static final double STILL_FALLING = 0.97;
    /** Training accuracy at least this far from chance to perfect is not underfitting, whatever the loss. */
    static final double GOOD_ACCURACY = 0.8;

    static final int MORE_EPOCHS = 1;
    static final int WIDER = 2;
    static final int HIGHER_LR = 3;

    @Override
    String id() {
        return RuleIds.UNDERFITTING;
    }

    @Override
    int state(Context c) {
        RunEvidence r = c.run();
        int e = r.epochs();
        if (e == 0 || !(c.ended() || e >= c.plannedEpochs())) {
            return 0;
        }
        double baseline = c.baselineLoss();
        // the epoch mean can be inflated by a few spiking batches: take the recent (geometric) level if lower
        double last = Math.min(r.trainLoss(e - 1), r.smoothedLoss());
        if (!(baseline > 0) || !Double.isFinite(last) || last < HIGH_SHARE * baseline) {
            return 0;
        }
        double acc = r.trainAccuracy(e - 1);
        if (c.data() != null && c.classification() && !Double.isNaN(acc)) {
            double majority = c.data().majorityShare();
            if (acc >= majority + GOOD_ACCURACY * (1 - majority)) {
                return 0; // right on most training samples: not too weak, just unsure
            }
        }
        if (!(r.bestSmoothedLoss() < LossFlat.FLAT_SHARE * baseline)) {
            return 0; // never moved: loss-flat says why
        }
        boolean falling = e >= 2 && last < STILL_FALLING * r.trainLoss(e - 2);
        if (falling) {
            return MORE_EPOCHS;
        }
        if (LearningRates.scale(c.spec().training().optimizer().type(), c.baseLearningRate()) == LearningRates.Scale.LOW) {
            return HIGHER_LR;
        }
        return WIDER;
    }

    @Override
    Finding build(Context c, int state) {
        RunEvidence r = c.run();
        int e = r.epochs();
        double last = Math.min(r.trainLoss(e - 1), r.smoothedLoss());
        double baseline = c.baselineLoss();
        String acc = Double.isNaN(r.trainAccuracy(e - 1)) ? "" : " (training accuracy " + Text.pct(r.trainAccuracy(e - 1))
                + ", validation " + Text.pct(r.validationAccuracy(e - 1)) + ")";
        String message = "after " + Text.plural(e, "epoch", "epochs") + " the training loss is " + Text.num(last) + acc
                + ", still " + Text.num(100 * last / baseline) + "% of the " + Text.num(baseline)
                + " of a model that learned nothing; training and validation are alike, so the model is not"
                + " memorizing: it is too weak for the task or has not trained long enough";
        List<TryThis> changes = new ArrayList<>();
        int widest = c.model().widestDense();
        TryThis wider = widest >= 0 ? Changes.units(c.spec(), widest,
                Math.min(4096, c.spec().model().layers().get(widest).units() * 2)) : null;
        TryThis more = Changes.epochs(c.spec(), Math.min(100000, c.spec().training().epochs() * 2));
        TryThis higher = Changes.learningRate(c.spec(), 3);
        switch (state) {
            case MORE_EPOCHS -> {
                message += "; the loss was still falling in the last epoch (" + Text.num(r.trainLoss(e - 2)) + " -> "
                        + Text.num(last) + ")";
                changes.add(more);
                if (wider != null) {
                    changes.add(wider);
                }
            }
            case HIGHER_LR -> {
                changes.add(higher);
                changes.add(more);
            }
            default -> {
                if (wider != null) {
                    changes.add(wider);
                }
                changes.add(more);
            }
        }
        return new Finding(id(), Severity.WARNING, "the training loss stays high: " + Text.num(last) + " after "
                + Text.plural(e, "epoch", "epochs"), message,
                Evidence.of(Evidence.CHART_LOSS, r.epochLastStep(e - 1), e, "train loss", last, "baseline loss", baseline,
                        "train accuracy", r.trainAccuracy(e - 1), "validation accuracy", r.validationAccuracy(e - 1)),
                Tips.CAPACITY, changes.get(0), changes.subList(1, changes.size()));
    }
}
