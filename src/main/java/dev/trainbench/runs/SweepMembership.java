package dev.trainbench.runs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's place in a sweep (a grid of one-field changes times seeds, {@code trainbench sweep}),
 * recorded in its {@code run.json} as {@code sweepId}, {@code sweepName}, {@code sweepTask} and
 * {@code sweepPoint}, so that the run can be listed, grouped and compared with the rest of its
 * sweep wherever it was trained (a cluster node writes it into the shared workspace).
 *
 * @param sweepId   the sweep's id ({@code s-yyyyMMdd-HHmmss-<name>-<4 hex>}), its folder under {@code sweeps/}
 * @param sweepName for people
 * @param task      the task's 0-based index in the sweep (a Slurm array index)
 * @param point     the swept fields' values of this run, spec path to value as text, in axis order
 */
public record SweepMembership(String sweepId, String sweepName, int task, Map<String, String> point) {

    public SweepMembership {
        if (sweepId == null || sweepId.isBlank()) {
            throw new IllegalArgumentException("a sweep needs an id");
        }
        if (task < 0) {
            throw new IllegalArgumentException("task " + task + " is impossible");
        }
        point = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(point == null ? Map.of() : point));
    }

    /** Writes the membership into a record being built. */
    public RunRecord.Builder applyTo(RunRecord.Builder b) {
        return b.sweepId(sweepId).sweepName(sweepName).sweepTask(task).sweepPoint(point);
    }
}
