package dev.trainbench.runs;

import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.OptimizerSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the runs table: the columns {@code trainbench list} (and its {@code --csv}) and the
 * Runs view show of a run, what their filters, seed groups, sweeps and lineage need, and no more.
 * This is what the run index keeps ({@link RunIndex}), so that listing 10,000 runs reads one
 * compact file and binds no spec; whatever needs the spec, the data fingerprint, the checkpoints
 * or the test's confusion matrix loads the run's {@link RunRecord} by id ({@link RunStore#load}).
 *
 * @param rawStatus   the status as written when this version does not know it (never in the index)
 * @param newer       run.json holds something this version does not understand (never in the index)
 * @param setup       the spec's settings the table shows; null when the spec cannot be read
 * @param tested      whether the final test was run
 * @param fingerprint the data fingerprint's short hash, or null
 */
public record RunSummary(
        String id,
        String name,
        RunStatus status,
        String rawStatus,
        boolean newer,
        String message,
        String parentId,
        String createdAt,
        Double wallSeconds,
        long seed,
        String device,
        String dataLabel,
        String modelLabel,
        Long parameterCount,
        Setup setup,
        Integer epochsCompleted,
        Integer bestEpoch,
        Double bestValidationLoss,
        Double bestValidationAccuracy,
        Double bestValidationRmse,
        Double samplesPerSecond,
        boolean tested,
        Double testAccuracy,
        Double testRmse,
        Double testMae,
        Double testR2,
        List<String> tags,
        String notes,
        String fingerprint,
        String groupId,
        String groupName,
        Integer groupIndex,
        Integer groupSize,
        String sweepId,
        String sweepName,
        Integer sweepTask,
        Map<String, String> sweepPoint) implements RunInfo {

    public RunSummary {
        tags = tags == null ? List.of() : List.copyOf(tags);
        notes = notes == null ? "" : notes;
        sweepPoint = sweepPoint == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(sweepPoint));
    }

    /**
     * The settings of a run's spec that the table shows and filters on: the optimizer, the split,
     * the preprocessing, the model's size and initialization. Names are as the spec writes them
     * ({@code "adam"}, {@code "standardize"}, {@code "he"}).
     *
     * @param momentum    sgd's momentum (0 when none)
     * @param weightDecay 0 when none
     * @param epochs      epochs planned ({@code training.epochs})
     * @param subset      {@code split.subset}, or null for all of the data
     * @param train       the split's percentages
     * @param layers      how many layers the model has
     */
    public record Setup(String optimizer, Double learningRate, double momentum, boolean nesterov, double weightDecay,
                        Integer batchSize, Integer epochs, Integer subset, double train, double validation, double test,
                        boolean shuffle, String preprocessing, boolean augmented, int layers, String init) {

        static Setup of(ExperimentSpec s) {
            if (s == null || s.training() == null || s.split() == null || s.model() == null) {
                return null;
            }
            OptimizerSpec o = s.training().optimizer();
            return new Setup(o.type() == null ? null : o.type().name().toLowerCase(Locale.ROOT), o.learningRate(),
                    o.momentumOrDefault(), Boolean.TRUE.equals(o.nesterov()), o.weightDecayOrDefault(),
                    s.training().batchSize(), s.training().epochs(), s.split().subset(), s.split().train(),
                    s.split().validation(), s.split().test(), s.split().shuffle(),
                    s.preprocessing() == null ? null : s.preprocessing().name().toLowerCase(Locale.ROOT),
                    s.augmentation() != null && s.augmentation().enabled(),
                    s.model().layers() == null ? 0 : s.model().layers().size(),
                    s.model().init() == null || s.model().init().type() == null ? null
                            : s.model().init().type().name().toLowerCase(Locale.ROOT));
        }
    }

    /** The summary of a whole record: the one place that says which of its fields a list shows. */
    public static RunSummary of(RunRecord r) {
        TestResult t = r.test();
        return new RunSummary(r.id(), r.name(), r.status(), r.rawStatus(), r.fromNewerVersion(), r.message(), r.parentId(),
                r.createdAt(), r.wallSeconds(), r.seed(), r.device(), r.dataLabel(), r.modelLabel(), r.parameterCount(),
                Setup.of(r.spec()), r.epochsCompleted(), r.bestEpoch(), r.bestValidationLoss(), r.bestValidationAccuracy(),
                r.bestValidationRmse(), r.samplesPerSecond(), t != null, t == null ? null : t.accuracy(),
                t == null ? null : t.rmse(), t == null ? null : t.mae(), t == null ? null : t.r2(), r.tags(), r.notes(),
                r.dataFingerprint() == null ? null : r.dataFingerprint().shortHash(), r.groupId(), r.groupName(),
                r.groupIndex(), r.groupSize(), r.sweepId(), r.sweepName(), r.sweepTask(), r.sweepPoint());
    }

    @Override
    public boolean fromNewerVersion() {
        return newer;
    }

    @Override
    public Integer plannedEpochs() {
        return setup == null ? null : setup.epochs();
    }
}
