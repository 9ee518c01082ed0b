package dev.trainbench.diagnose;

import dev.trainbench.spec.ExperimentSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code overfitting}: the validation loss has risen for at least {@value #EPOCHS_AFTER_BEST}
 * epochs after its best, to at least {@value #RISE}x that best, while the training loss kept
 * falling. A warning when the model is clearly worse on new data than it was (validation loss
 * {@value #WARN_RISE}x its best, or validation accuracy down by a point or more, or a train/validation
 * accuracy gap of {@value #WARN_GAP} or more); information while the validation accuracy still
 * holds, or when early stopping already handles it (the best checkpoint is kept). The rise must also be
 * at least {@value #MIN_RISE_OF_BASELINE} of the loss of a model that learned nothing, so that
 * tiny losses wobbling are not taken for overfitting. The fixes, one at a time: augmentation (images), dropout, weight decay, all the data, a
 * smaller model.
 */
final class Overfitting extends Rule {
    static final int EPOCHS_AFTER_BEST = 2;
    static final double RISE = 1.1;
    static final double WARN_RISE = 1.3;
    static final double WARN_GAP = 0.10;
    static final double ACCURACY_DROP = 0.02;
    /** The rise must also be at least this share of the loss of a model that learned nothing (tiny losses wobble). */
    static final double MIN_RISE_OF_BASELINE = 0.05;

    static final int MILD = 1;
    static final int CLEAR = 2;

    @Override
    String id() {
        return RuleIds.OVERFITTING;
    }

    @Override
    int state(Context c) {
        RunEvidence r = c.run();
        int e = r.epochs();
        if (e < 3 || Double.isNaN(r.validationLoss(e - 1))) {
            return 0;
        }
        int b = best(r);
        double best = r.validationLoss(b);
        double now = r.validationLoss(e - 1);
        double baseline = c.baselineLoss();
        double minRise = Double.isFinite(baseline) && baseline > 0 ? MIN_RISE_OF_BASELINE * baseline : 0.02;
        if (e - 1 - b < EPOCHS_AFTER_BEST || !(now >= RISE * best) || now - best < minRise
                || !(r.trainLoss(e - 1) < r.trainLoss(b))) {
            return 0;
        }
        if (c.spec().training().earlyStopping() != null) {
            return MILD; // the run already stops on it and keeps the best checkpoint
        }
        double gap = r.trainAccuracy(e - 1) - r.validationAccuracy(e - 1);
        double bestAcc = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < e; i++) {
            bestAcc = Math.max(bestAcc, r.validationAccuracy(i));
        }
        boolean accDropped = r.validationAccuracy(e - 1) <= bestAcc - ACCURACY_DROP;
        return now >= WARN_RISE * best || accDropped || gap >= WARN_GAP ? CLEAR : MILD;
    }

    static int best(RunEvidence r) {
        int b = 0;
        for (int i = 1; i < r.epochs(); i++) {
            if (r.validationLoss(i) < r.validationLoss(b)) {
                b = i;
            }
        }
        return b;
    }

    @Override
    Finding build(Context c, int state) {
        RunEvidence r = c.run();
        int e = r.epochs();
        int b = best(r);
        double trainNow = r.trainLoss(e - 1);
        double valNow = r.validationLoss(e - 1);
        double valBest = r.validationLoss(b);
        String acc = Double.isNaN(r.trainAccuracy(e - 1)) ? "" : "; accuracy " + Text.pct(r.trainAccuracy(e - 1))
                + " on training against " + Text.pct(r.validationAccuracy(e - 1)) + " on validation (a gap of "
                + Text.num(100 * (r.trainAccuracy(e - 1) - r.validationAccuracy(e - 1))) + " points)";
        String message = "the validation loss was lowest at epoch " + (b + 1) + " (" + Text.num(valBest) + ") and has risen"
                + " since, to " + Text.num(valNow) + " at epoch " + e + " (" + Text.num(100 * (valNow / valBest - 1))
                + "% above its best), while the training loss kept falling, from " + Text.num(r.trainLoss(b)) + " to "
                + Text.num(trainNow) + acc + ": the model is memorizing the training set"
                + (c.spec().training().earlyStopping() != null ? "; early stopping keeps the checkpoint of epoch "
                + (b + 1) + " and ends the run" : "");
        List<TryThis> changes = fixes(c.spec(), c);
        String tip = changes.isEmpty() ? Tips.REGULARIZE : switch (changes.get(0).path()) {
            case "augmentation.shift" -> Tips.AUGMENT;
            default -> changes.get(0).path().startsWith("model.layers") && changes.get(0).path().endsWith(".units")
                    ? Tips.SIMPLIFY : Tips.REGULARIZE;
        };
        return new Finding(id(), state == CLEAR ? Severity.WARNING : Severity.INFO,
                "validation loss rising since epoch " + (b + 1) + " while the training loss falls (gap "
                        + Text.num(valNow - trainNow) + ")", message,
                Evidence.of(Evidence.CHART_LOSS, r.epochLastStep(e - 1), e, "best validation loss", valBest,
                        "best epoch", b + 1, "validation loss now", valNow, "train loss now", trainNow,
                        "train accuracy now", r.trainAccuracy(e - 1), "validation accuracy now", r.validationAccuracy(e - 1)),
                tip, changes.isEmpty() ? null : changes.get(0), changes.size() > 1 ? changes.subList(1, changes.size()) : List.of());
    }

    /** Augmentation for images, dropout, weight decay, all the data, a smaller model: the first that applies leads. */
    static List<TryThis> fixes(ExperimentSpec spec, Context c) {
        List<TryThis> out = new ArrayList<>();
        boolean image = c.data() != null ? c.data().image() : false;
        if (image && !spec.augmentation().enabled()) {
            out.add(Changes.augmentationShift(spec, 2));
        }
        int dropout = c.model().lastDropout();
        if (dropout < 0) {
            out.add(Changes.appendDropout(spec, 0.3));
        } else if (spec.model().layers().get(dropout).rate() < 0.5) {
            out.add(Changes.dropoutRate(spec, dropout, Math.min(0.5, Text.nice(spec.model().layers().get(dropout).rate() + 0.2))));
        }
        if (spec.training().optimizer().weightDecayOrDefault() == 0) {
            out.add(Changes.weightDecay(spec, spec.training().optimizer().type() == dev.trainbench.spec.OptimizerSpec.Type.ADAMW
                    ? 0.05 : 5e-4));
        }
        if (spec.split().subset() != null) {
            out.add(Changes.wholeData(spec));
        }
        int widest = c.model().widestDense();
        if (widest >= 0 && spec.model().layers().get(widest).units() >= 8) {
            out.add(Changes.units(spec, widest, spec.model().layers().get(widest).units() / 2));
        }
        return out;
    }
}
