package dev.trainbench.runs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.data.InputEncoding;
import dev.trainbench.spec.ExperimentSpec;
import java.util.List;
import java.util.Map;

/**
 * The {@code model.json} of an exported model ({@link ModelArchive}, format version
 * {@value ModelArchive#FORMAT_VERSION}): everything needed to turn an input into a prediction
 * without the run folder or the training data (the spec that rebuilds the network, the input
 * encoding and the scaling fitted on the training split, the class names), and where the model
 * came from (run, checkpoint, versions, metrics, the data fingerprint when the run has one).
 * Documented field by field in docs/file-formats.md.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "formatVersion", "createdAt", "createdBy", "run", "checkpoint", "input", "output", "metrics",
        "dataFingerprint", "parameters", "spec"})
public record ModelManifest(
        String format,
        int formatVersion,
        String createdAt,
        String createdBy,
        Run run,
        Checkpoint checkpoint,
        Input input,
        Output output,
        Metrics metrics,
        JsonNode dataFingerprint,
        Parameters parameters,
        ExperimentSpec spec) {

    /** Provenance: the run the model was trained in, and the versions that trained it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(String id, String name, String status, String parentId, String createdAt, String endedAt,
                      Long seed, String device, Map<String, String> versions) {
    }

    /** Which checkpoint of the run: {@code best} (lowest validation loss) or {@code last}; the epoch it was saved at. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checkpoint(String name, Integer epoch) {
    }

    /**
     * One input: {@code sampleShape} ({@code [c, h, w]} or {@code [d]}), how a raw input becomes
     * a sample ({@code encoding}), then {@code scaling}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(int[] sampleShape, InputEncoding encoding, Scaling scaling) {
    }

    /**
     * {@code x' = (x - offsets[g]) / scales[g]}, one group per feature (tables) or per channel
     * (images), fitted on the training split ({@code fittedOn}) with {@code mode}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scaling(String mode, String fittedOn, float[] offsets, float[] scales) {
    }

    /**
     * {@code classification} with {@code classNames} (output k is class k), or {@code regression}
     * with {@code width} values; {@code targetScaling} when the run trained on scaled regression
     * targets (format version 2: an archive holding it is written as version 2, which older readers
     * refuse instead of predicting in scaled units).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"task", "classNames", "width", "targetScaling"})
    public record Output(String task, List<String> classNames, int width, TargetScaling targetScaling) {
        public static final String CLASSIFICATION = "classification";
        public static final String REGRESSION = "regression";

        /** An output without target scaling. */
        public Output(String task, List<String> classNames, int width) {
            this(task, classNames, width, null);
        }

        public boolean classifies() {
            return CLASSIFICATION.equals(task);
        }
    }

    /**
     * How the network's regression outputs map back to the targets' units: output c is
     * {@code (y[c] - offsets[c]) / scales[c]}, so {@code y[c] = output[c] * scales[c] + offsets[c]};
     * one pair per target column, fitted on the training split ({@code fittedOn}) with {@code mode}
     * ({@code standardize}: mean and standard deviation). Doubles, as the run used them, so that
     * predictions repeat the run's numbers exactly.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"mode", "fittedOn", "offsets", "scales"})
    public record TargetScaling(String mode, String fittedOn, double[] offsets, double[] scales) {
        public static final String STANDARDIZE = "standardize";
    }

    /** The run's results for the exported model; {@code test} only when the run's final test was done. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metrics(Integer trainSamples, Integer validationSamples, Integer testSamples, Long parameterCount,
                          Integer epochsCompleted, Integer bestEpoch, Double bestValidationLoss,
                          Double bestValidationAccuracy, Double lastTrainLoss, Double lastTrainAccuracy,
                          Double samplesPerSecond, Double wallSeconds, TestResult test) {
    }

    /** The DJL parameter file in the archive, its size and SHA-256 (checked on every read). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameters(String file, String format, long bytes, String sha256) {
    }

    /** "run 20250101-... (name), best checkpoint of epoch 7": for titles and messages. */
    public String describe() {
        String who = run == null ? "an unknown run" : "run " + run.id() + (run.name() == null ? "" : " (" + run.name() + ")");
        String which = checkpoint == null ? "" : ", " + checkpoint.name() + " checkpoint"
                + (checkpoint.epoch() == null ? "" : " of epoch " + checkpoint.epoch());
        return who + which;
    }
}
