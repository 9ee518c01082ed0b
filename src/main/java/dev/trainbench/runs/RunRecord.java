package dev.trainbench.runs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.trainbench.data.DataFingerprint;
import dev.trainbench.spec.ExperimentSpec;
import java.util.List;
import java.util.Map;

/**
 * The {@code run.json} of a run (format version {@value #FORMAT_VERSION}): the spec it ran, its
 * provenance (seed, versions, device), its state and its results. Readers ignore fields they do
 * not know, so a newer TrainBench's runs stay listable by an older one.
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
        Map<String, Object> preprocessing,
        Integer epochsCompleted,
        Long stepsCompleted,
        Integer bestEpoch,
        Double bestValidationLoss,
        Double bestValidationAccuracy,
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
        Integer groupSize) {

    public static final int FORMAT_VERSION = 1;

    public RunRecord {
        tags = tags == null ? List.of() : List.copyOf(tags);
        sanity = sanity == null ? List.of() : List.copyOf(sanity);
        notes = notes == null ? "" : notes;
    }

    public Double testAccuracy() {
        return test == null ? null : test.accuracy();
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
        private Map<String, Object> preprocessing;
        private Integer epochsCompleted;
        private Long stepsCompleted;
        private Integer bestEpoch;
        private Double bestValidationLoss;
        private Double bestValidationAccuracy;
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
            preprocessing = r.preprocessing;
            epochsCompleted = r.epochsCompleted;
            stepsCompleted = r.stepsCompleted;
            bestEpoch = r.bestEpoch;
            bestValidationLoss = r.bestValidationLoss;
            bestValidationAccuracy = r.bestValidationAccuracy;
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
        public Builder preprocessing(Map<String, Object> v) { preprocessing = v; return this; }
        public Builder epochsCompleted(Integer v) { epochsCompleted = v; return this; }
        public Builder stepsCompleted(Long v) { stepsCompleted = v; return this; }
        public Builder bestEpoch(Integer v) { bestEpoch = v; return this; }
        public Builder bestValidationLoss(Double v) { bestValidationLoss = v; return this; }
        public Builder bestValidationAccuracy(Double v) { bestValidationAccuracy = v; return this; }
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

        public RunRecord build() {
            return new RunRecord(formatVersion, id, name, status, message, parentId, createdAt, startedAt, endedAt,
                    wallSeconds, seed, device, versions, spec, dataLabel, modelLabel, parameterCount, trainSamples,
                    validationSamples, testSamples, preprocessing, epochsCompleted, stepsCompleted, bestEpoch,
                    bestValidationLoss, bestValidationAccuracy, lastTrainLoss, lastTrainAccuracy, samplesPerSecond,
                    test, sanity, tags, notes, dataFingerprint, groupId, groupName, groupIndex, groupSize);
        }
    }
}
