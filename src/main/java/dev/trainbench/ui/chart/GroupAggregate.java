package dev.trainbench.ui.chart;

import java.util.List;

/**
 * Mean, minimum and maximum across the members of a group (runs that differ only in seed), aligned
 * by step: at every step that some member recorded, the members that recorded it contribute (runs
 * of one group can end at different epochs when early stopping is on). The point is drawn at the
 * members' mean X, which is the step itself on a step axis and the mean elapsed time on a time axis.
 */
final class GroupAggregate {
    private GroupAggregate() {
    }

    /**
     * Fills {@code mean}, {@code lo} and {@code hi} (cleared first) from the members' raw values, or
     * from their smoothed values when {@code smoothed}: the band of smoothed curves shows how far
     * the seeds' trends differ, while a band of raw values would mostly show minibatch noise.
     *
     * @return the largest number of members that share a step
     */
    static int aggregate(List<SeriesBuffer> members, boolean smoothed, SeriesBuffer mean, SeriesBuffer lo, SeriesBuffer hi) {
        mean.clear();
        lo.clear();
        hi.clear();
        int m = members.size();
        int[] at = new int[m];
        int most = 0;
        double lastX = Double.NEGATIVE_INFINITY;
        while (true) {
            double key = Double.POSITIVE_INFINITY;
            for (int k = 0; k < m; k++) {
                SeriesBuffer b = members.get(k);
                if (at[k] < b.size()) {
                    key = Math.min(key, b.key(at[k]));
                }
            }
            if (key == Double.POSITIVE_INFINITY) {
                return most;
            }
            double sumX = 0;
            double sumY = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int present = 0;
            int finite = 0;
            for (int k = 0; k < m; k++) {
                SeriesBuffer b = members.get(k);
                // a member may hold several points at one step (none of ours do): take them all
                while (at[k] < b.size() && b.key(at[k]) == key) {
                    int i = at[k]++;
                    double y = smoothed ? b.smoothed(i) : b.y(i);
                    sumX += b.x(i);
                    present++;
                    if (Double.isFinite(y)) {
                        sumY += y;
                        finite++;
                        min = Math.min(min, y);
                        max = Math.max(max, y);
                    }
                }
            }
            most = Math.max(most, present);
            // keep X non-decreasing even if mean times cross (they cannot for one spec, but data is data)
            double x = Math.max(lastX, sumX / present);
            lastX = x;
            if (finite == 0) {
                mean.appendAt(x, key, Double.NaN);
                lo.appendAt(x, key, Double.NaN);
                hi.appendAt(x, key, Double.NaN);
            } else {
                mean.appendAt(x, key, sumY / finite);
                lo.appendAt(x, key, min);
                hi.appendAt(x, key, max);
            }
        }
    }
}
