package dev.trainbench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A seed group's curve: at every x, the mean of the runs that have a value there and the min–max
 * band around it. Runs of a group normally have equal lengths; when they do not (early stopping,
 * a stopped run), each x aggregates only the runs that reached it, {@link #count()} says how many,
 * and {@link #note()} says so in words.
 *
 * @param groupId   the group
 * @param label     its name in a legend
 * @param x         x values, ascending
 * @param mean      mean at each x
 * @param min       minimum at each x
 * @param max       maximum at each x
 * @param count     runs aggregated at each x
 * @param runs      runs in the group (with this curve)
 */
public record Band(String groupId, String label, double[] x, double[] mean, double[] min, double[] max, int[] count,
                   int runs) {

    /**
     * Aggregates {@code series} (one per run of a group). For {@link XAxis#STEP} and
     * {@link XAxis#EPOCH} points are matched by equal x; for {@link XAxis#TIME}, whose x differ
     * from run to run, by position (the n-th point of each run), at the mean x.
     */
    public static Band aggregate(String groupId, String label, List<Series> series, XAxis axis) {
        List<Series> present = series.stream().filter(s -> !s.isEmpty()).toList();
        TreeMap<Double, List<double[]>> byKey = new TreeMap<>();
        for (Series s : present) {
            for (int i = 0; i < s.size(); i++) {
                double key = axis == XAxis.TIME ? i : s.x()[i];
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {s.x()[i], s.y()[i]});
            }
        }
        int n = byKey.size();
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] min = new double[n];
        double[] max = new double[n];
        int[] count = new int[n];
        int i = 0;
        for (Map.Entry<Double, List<double[]>> e : byKey.entrySet()) {
            double sx = 0;
            double sy = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] p : e.getValue()) {
                sx += p[0];
                sy += p[1];
                lo = Math.min(lo, p[1]);
                hi = Math.max(hi, p[1]);
            }
            int c = e.getValue().size();
            x[i] = sx / c;
            mean[i] = sy / c;
            min[i] = lo;
            max[i] = hi;
            count[i] = c;
            i++;
        }
        return new Band(groupId, label, x, mean, min, max, count, present.size());
    }

    public int size() {
        return x.length;
    }

    /** True when some x aggregate fewer than all the group's runs. */
    public boolean partial() {
        for (int c : count) {
            if (c < runs) {
                return true;
            }
        }
        return false;
    }

    /** Null when every x has every run; else e.g. "from epoch 4 on, the band covers 2 of 3 runs (runs of unequal length)". */
    public String note(XAxis axis) {
        if (!partial()) {
            return null;
        }
        for (int i = 0; i < count.length; i++) {
            if (count[i] < runs) {
                String at = axis == XAxis.TIME ? String.format(Locale.ROOT, "%.1f s", x[i])
                        : axis.label() + " " + (x[i] == Math.rint(x[i]) ? Long.toString((long) x[i]) : String.format(Locale.ROOT, "%.2f", x[i]));
                return label + ": from " + at + " on, the mean and band cover only the runs that got there ("
                        + count[count.length - 1] + " of " + runs + " at the end): the runs have unequal lengths";
            }
        }
        return null;
    }
}
