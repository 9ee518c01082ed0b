package dev.trainbench.diagnose;

import java.util.List;

/**
 * {@code no-shuffle-ordered-data}: shuffling is off and the training split is ordered: for classes,
 * consecutive samples share their label far more often than in a random order (at least halfway
 * from random to sorted), so each batch holds one class and the model chases the latest one; for
 * regression, the target follows the position (|correlation| at least {@value #TARGET_ORDER}).
 */
final class NoShuffleOrderedData extends Rule {
    static final double TARGET_ORDER = 0.8;

    @Override
    String id() {
        return RuleIds.NO_SHUFFLE_ORDERED_DATA;
    }

    @Override
    int state(Context c) {
        DataFacts d = c.data();
        if (d == null || d.shuffle() || d.trainSamples() < 3) {
            return 0;
        }
        if (d.classification()) {
            double expected = d.expectedAdjacent();
            return d.sameLabelAdjacent() >= expected + 0.5 * (1 - expected) ? 1 : 0;
        }
        return d.targetOrder() >= TARGET_ORDER ? 2 : 0;
    }

    @Override
    Finding build(Context c, int state) {
        DataFacts d = c.data();
        int batch = Math.min(c.spec().training().batchSize(), d.trainSamples());
        String message = state == 1
                ? "shuffling is off and the training split comes ordered by class: "
                + Text.pct(d.sameLabelAdjacent()) + " of consecutive samples share their label (about "
                + Text.pct(d.expectedAdjacent()) + " in a random order), so a batch of " + batch + " mostly holds one class;"
                + " the model learns whichever class it saw last and forgets the others every epoch"
                : "shuffling is off and the training split is ordered by its target (correlation with the position "
                + Text.num(d.targetOrder()) + "): each batch covers a narrow range of targets and the model drifts"
                + " with them";
        return new Finding(id(), Severity.WARNING, "training data ordered by " + (state == 1 ? "class" : "target")
                + " and not shuffled", message, Evidence.of(Evidence.CHART_ACCURACY, null, null,
                "same-label neighbours", d.sameLabelAdjacent(), "in a random order", d.expectedAdjacent(),
                "target order", d.targetOrder()), Tips.SHUFFLE, Changes.shuffle(c.spec()), List.of());
    }
}
