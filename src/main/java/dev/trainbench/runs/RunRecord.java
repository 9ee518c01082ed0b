package dev.trainbench.runs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.trainbench.data.DataFingerprint;
import dev.trainbench.spec.ExperimentSpec;
import java.util.List;
import java.util.Map;

/**
 * The {@code run.json} of a run (format version {@value #FORMAT_VERSION}): the spec it ran, its
 * provenance (seed, versions, device, the files each split was read from), its state, its
 * checkpoints and its results.
 *
 * <p>A run written by a newer TrainBench is read as far as this version understands it (see
 * {@link RunStore}): what it does not understand is listed in {@link #unread()} and kept, as written,
 * whenever the record is rewritten. Its {@link #spec()} is null when this version cannot read the
 * spec completely; actions that need the spec go through {@link #specFor(String)}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"formatVersion", "id", "name", "status", "message", "parentId", "createdAt", "startedAt", "endedAt"})
public record RunRecord(
        int formatVersion,
        String id,
        String name,
        RunStatus status,
        String message,
        String parentId,
        String createdAt,
        String startedAt,
        String endedAt,
        Double wallSeconds,
        long seed,
        String device,
        Map<String, String> versions,
        ExperimentSpec spec,
        String dataLabel,
        String modelLabel,
        Long parameterCount,
        Integer trainSamples,
        Integer validationSamples,
        Integer testSamples,
        Map<String, List<String>> dataFiles,
        Map<String, Object> preprocessing,
        Integer epochsCompleted,
        Long stepsCompleted,
        Integer bestEpoch,
        Double bestValidationLoss,
        Double bestValidationAccuracy,
        Double bestValidationRmse,
        Double bestValidationMae,
        Double bestValidationR2,
        Double lastTrainLoss,
        Double lastTrainAccuracy,
        Double samplesPerSecond,
        TestResult test,
        List<String> sanity,
        List<String> tags,
        String notes,
        DataFingerprint dataFingerprint,
        String groupId,
        String groupName,
        Integer groupIndex,
        Integer groupSize,
        String sweepId,
        String sweepName,
        Integer sweepTask,
        Map<String, String> sweepPoint,
        Map<String, Checkpoint> checkpoints,
        @JsonIgnore Unread unread) implements RunInfo {

    public static final int FORMAT_VERSION = 1;

    public RunRecord {
        tags = tags == null ? List.of() : List.copyOf(tags);
        sanity = sanity == null ? List.of() : List.copyOf(sanity);
        notes = notes == null ? "" : notes;
        sweepPoint = sweepPoint == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sweepPoint));
        checkpoints = checkpoints == null || checkpoints.isEmpty() ? null
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(checkpoints));
    }

    /**
     * What this TrainBench could not understand in a run.json (written by a newer version, or edited
     * by hand): {@code fields} are JSON paths ({@code "energyJoules"}, {@code "test.topKAccuracy"}),
     * {@code rawStatus} the status text when it is not one this version knows, {@code specProblem}
     * why the spec could not be read (null when it was). All of it is kept on rewrite.
     */
    public record Unread(List<String> fields, String rawStatus, String specProblem) {
        public Unread {
            fields = fields == null ? List.of() : List.copyOf(fields);
        }
    }

    /** True when run.json holds something this version does not understand (a newer TrainBench made it). */
    @JsonIgnore
    @Override
    public boolean fromNewerVersion() {
        return formatVersion > FORMAT_VERSION || unread != null;
    }

    /**
     * The spec, for an action that needs it (test, clone, re-run); a run whose spec this version
     * cannot read completely is refused with the reason, never run from a partial spec.
     */
    public ExperimentSpec specFor(String action) {
        if (spec != null) {
            return spec;
        }
        String why = unread == null || unread.specProblem() == null ? "its run.json has no spec" : unread.specProblem();
        throw new RunStoreException("run " + id + " was made by a newer TrainBench (or edited by hand) and this version"
                + " cannot read its spec (" + why + "); " + action + " needs a TrainBench that reads it. It stays listed"
                + " and its files are kept as they are.");
    }

    @Override
    public Double testAccuracy() {
        return test == null ? null : test.accuracy();
    }

    @JsonIgnore
    @Override
    public Double testRmse() {
        return test == null ? null : test.rmse();
    }

    @JsonIgnore
    @Override
    public String rawStatus() {
        return unread == null ? null : unread.rawStatus();
    }

    @JsonIgnore
    @Override
    public Integer plannedEpochs() {
        return spec == null || spec.training() == null ? null : spec.training().epochs();
    }

    /** The columns a list shows of this run ({@link RunSummary}: what the run index keeps). */
    public RunSummary summary() {
        return RunSummary.of(this);
    }

    public RunRecord withStatus(RunStatus newStatus, String newMessage) {
        return toBuilder().status(newStatus).message(newMessage).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copy-and-change for a record this wide. */
    public static final class Builder {
        private int formatVersion;
        private String id;
        private String name;
        private RunStatus status;
        private String message;
        private String parentId;
        private String createdAt;
        private String startedAt;
        private String endedAt;
        private Double wallSeconds;
        private long seed;
        private String device;
        private Map<String, String> versions;
        private ExperimentSpec spec;
        private String dataLabel;
        private String modelLabel;
        private Long parameterCount;
        private Integer trainSamples;
        private Integer validationSamples;
        private Integer testSamples;
        private Map<String, List<String>> dataFiles;
        private Map<String, Object> preprocessing;
        private Integer epochsCompleted;
        private Long stepsCompleted;
        private Integer bestEpoch;
        private Double bestValidationLoss;
        private Double bestValidationAccuracy;
        private Double bestValidationRmse;
        private Double bestValidationMae;
        private Double bestValidationR2;
        private Double lastTrainLoss;
        private Double lastTrainAccuracy;
        private Double samplesPerSecond;
        private TestResult test;
        private List<String> sanity;
        private List<String> tags;
        private String notes;
        private DataFingerprint dataFingerprint;
        private String groupId;
        private String groupName;
        private Integer groupIndex;
        private Integer groupSize;
        private String sweepId;
        private String sweepName;
        private Integer sweepTask;
        private Map<String, String> sweepPoint;
        private Map<String, Checkpoint> checkpoints;
        private Unread unread;

        public Builder() {
            this.formatVersion = FORMAT_VERSION;
        }

        Builder(RunRecord r) {
            formatVersion = r.formatVersion;
            id = r.id;
            name = r.name;
            status = r.status;
            message = r.message;
            parentId = r.parentId;
            createdAt = r.createdAt;
            startedAt = r.startedAt;
            endedAt = r.endedAt;
            wallSeconds = r.wallSeconds;
            seed = r.seed;
            device = r.device;
            versions = r.versions;
            spec = r.spec;
            dataLabel = r.dataLabel;
            modelLabel = r.modelLabel;
            parameterCount = r.parameterCount;
            trainSamples = r.trainSamples;
            validationSamples = r.validationSamples;
            testSamples = r.testSamples;
            dataFiles = r.dataFiles;
            preprocessing = r.preprocessing;
            epochsCompleted = r.epochsCompleted;
            stepsCompleted = r.stepsCompleted;
            bestEpoch = r.bestEpoch;
            bestValidationLoss = r.bestValidationLoss;
            bestValidationAccuracy = r.bestValidationAccuracy;
            bestValidationRmse = r.bestValidationRmse;
            bestValidationMae = r.bestValidationMae;
            bestValidationR2 = r.bestValidationR2;
            lastTrainLoss = r.lastTrainLoss;
            lastTrainAccuracy = r.lastTrainAccuracy;
            samplesPerSecond = r.samplesPerSecond;
            test = r.test;
            sanity = r.sanity;
            tags = r.tags;
            notes = r.notes;
            dataFingerprint = r.dataFingerprint;
            groupId = r.groupId;
            groupName = r.groupName;
            groupIndex = r.groupIndex;
            groupSize = r.groupSize;
            sweepId = r.sweepId;
            sweepName = r.sweepName;
            sweepTask = r.sweepTask;
            sweepPoint = r.sweepPoint;
            checkpoints = r.checkpoints;
            unread = r.unread;
        }

        public Builder id(String v) { id = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder status(RunStatus v) { status = v; return this; }
        public Builder message(String v) { message = v; return this; }
        public Builder parentId(String v) { parentId = v; return this; }
        public Builder createdAt(String v) { createdAt = v; return this; }
        public Builder startedAt(String v) { startedAt = v; return this; }
        public Builder endedAt(String v) { endedAt = v; return this; }
        public Builder wallSeconds(Double v) { wallSeconds = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder device(String v) { device = v; return this; }
        public Builder versions(Map<String, String> v) { versions = v; return this; }
        public Builder spec(ExperimentSpec v) { spec = v; return this; }
        public Builder dataLabel(String v) { dataLabel = v; return this; }
        public Builder modelLabel(String v) { modelLabel = v; return this; }
        public Builder parameterCount(Long v) { parameterCount = v; return this; }
        public Builder trainSamples(Integer v) { trainSamples = v; return this; }
        public Builder validationSamples(Integer v) { validationSamples = v; return this; }
        public Builder testSamples(Integer v) { testSamples = v; return this; }
        /** Per split ("train", "validation", "test"): the files it was read from. */
        public Builder dataFiles(Map<String, List<String>> v) { dataFiles = v; return this; }
        public Builder preprocessing(Map<String, Object> v) { preprocessing = v; return this; }
        public Builder epochsCompleted(Integer v) { epochsCompleted = v; return this; }
        public Builder stepsCompleted(Long v) { stepsCompleted = v; return this; }
        public Builder bestEpoch(Integer v) { bestEpoch = v; return this; }
        public Builder bestValidationLoss(Double v) { bestValidationLoss = v; return this; }
        public Builder bestValidationAccuracy(Double v) { bestValidationAccuracy = v; return this; }
        /** Regression: RMSE, MAE and R² of the best epoch on the validation split, in the target's units. */
        public Builder bestValidationRmse(Double v) { bestValidationRmse = v; return this; }
        public Builder bestValidationMae(Double v) { bestValidationMae = v; return this; }
        public Builder bestValidationR2(Double v) { bestValidationR2 = v; return this; }
        public Builder lastTrainLoss(Double v) { lastTrainLoss = v; return this; }
        public Builder lastTrainAccuracy(Double v) { lastTrainAccuracy = v; return this; }
        public Builder samplesPerSecond(Double v) { samplesPerSecond = v; return this; }
        public Builder test(TestResult v) { test = v; return this; }
        public Builder sanity(List<String> v) { sanity = v; return this; }
        public Builder tags(List<String> v) { tags = v; return this; }
        public Builder notes(String v) { notes = v; return this; }
        public Builder dataFingerprint(DataFingerprint v) { dataFingerprint = v; return this; }
        public Builder groupId(String v) { groupId = v; return this; }
        public Builder groupName(String v) { groupName = v; return this; }
        public Builder groupIndex(Integer v) { groupIndex = v; return this; }
        public Builder groupSize(Integer v) { groupSize = v; return this; }
        public Builder sweepId(String v) { sweepId = v; return this; }
        public Builder sweepName(String v) { sweepName = v; return this; }
        public Builder sweepTask(Integer v) { sweepTask = v; return this; }
        public Builder sweepPoint(Map<String, String> v) { sweepPoint = v; return this; }
        public Builder checkpoints(Map<String, Checkpoint> v) { checkpoints = v; return this; }
        public Builder unread(Unread v) { unread = v; return this; }

        public RunRecord build() {
            return new RunRecord(formatVersion, id, name, status, message, parentId, createdAt, startedAt, endedAt,
                    wallSeconds, seed, device, versions, spec, dataLabel, modelLabel, parameterCount, trainSamples,
                    validationSamples, testSamples, dataFiles, preprocessing, epochsCompleted, stepsCompleted, bestEpoch,
                    bestValidationLoss, bestValidationAccuracy, bestValidationRmse, bestValidationMae, bestValidationR2,
                    lastTrainLoss, lastTrainAccuracy, samplesPerSecond,
                    test, sanity, tags, notes, dataFingerprint, groupId, groupName, groupIndex, groupSize,
                    sweepId, sweepName, sweepTask, sweepPoint, checkpoints, unread);
        }
    }
}
