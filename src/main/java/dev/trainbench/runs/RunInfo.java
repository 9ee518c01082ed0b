package dev.trainbench.runs;

import java.util.Map;

/**
 * What a listing knows of a run, whether it holds the run's whole {@link RunRecord} (read from
 * run.json) or only its {@link RunSummary} (from the run index): enough for lineage, seed groups,
 * sweeps and their status, and the columns of {@code trainbench list}. Code that needs no more
 * (e.g. {@link Lineage}, {@link RunGroup}) takes this, so a list of 10,000 runs never needs their
 * specs; what needs the spec or the test result loads the record ({@link RunStore#load}).
 */
public interface RunInfo {
    String id();

    String name();

    /** Null for a status this version does not know (a newer TrainBench's): see {@link #rawStatus()}. */
    RunStatus status();

    /** The status as written when this version does not know it, else null. */
    String rawStatus();

    /** True when run.json holds something this version does not understand (a newer TrainBench made it). */
    boolean fromNewerVersion();

    String message();

    String parentId();

    String createdAt();

    Double wallSeconds();

    String dataLabel();

    String modelLabel();

    Long parameterCount();

    Integer epochsCompleted();

    /** The spec's {@code training.epochs}; null when the spec cannot be read. */
    Integer plannedEpochs();

    Double bestValidationLoss();

    Double bestValidationAccuracy();

    Double bestValidationRmse();

    /** The final test's accuracy; null before the test, and for regression. */
    Double testAccuracy();

    /** The final test's RMSE in the target's units (regression); null otherwise. */
    Double testRmse();

    String groupId();

    String groupName();

    Integer groupIndex();

    Integer groupSize();

    String sweepId();

    String sweepName();

    Integer sweepTask();

    Map<String, String> sweepPoint();
}
