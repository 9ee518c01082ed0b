package dev.trainbench.diagnose;

import dev.trainbench.data.DataProfile;
import java.util.List;

/**
 * {@code class-imbalance}: the largest class of the training split has more than
 * {@value DataProfile#IMBALANCE_LIMIT}x the samples of the smallest (the data profile's limit):
 * accuracy can look good while the small classes are never predicted.
 */
final class ClassImbalance extends Rule {

    @Override
    String id() {
        return RuleIds.CLASS_IMBALANCE;
    }

    @Override
    int state(Context c) {
        DataFacts d = c.data();
        return d != null && d.classification() && d.imbalanceRatio() > DataProfile.IMBALANCE_LIMIT ? 1 : 0;
    }

    @Override
    Finding build(Context c, int state) {
        DataFacts d = c.data();
        int max = 0;
        int min = 0;
        int[] counts = d.classCounts();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > counts[max]) {
                max = k;
            }
            if (counts[k] < counts[min]) {
                min = k;
            }
        }
        String name = k(d, max);
        String small = k(d, min);
        String message = "in the training split class '" + name + "' has " + counts[max] + " samples and '" + small
                + "' " + counts[min] + (Double.isInfinite(d.imbalanceRatio()) ? "" : " (" + Text.num(d.imbalanceRatio())
                + "x)") + "; always predicting '" + name + "' already scores " + Text.pct(d.majorityShare())
                + ", so read the per-class accuracy of the final test, not the overall one"
                + (d.stratified() ? "; weight the classes or collect more samples of the small ones" : "");
        return new Finding(id(), Severity.WARNING, "classes are imbalanced: " + counts[max] + " '" + name + "' against "
                + counts[min] + " '" + small + "'", message, Evidence.of(Evidence.CHART_DATA, null, null,
                "largest class", counts[max], "smallest class", counts[min], "majority share", d.majorityShare()),
                Tips.KNOW_THE_DATA, d.stratified() ? null : Changes.stratified(c.spec()), List.of());
    }

    private static String k(DataFacts d, int k) {
        return k < d.classNames().size() ? d.classNames().get(k) : Integer.toString(k);
    }
}
