package dev.trainbench.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainbench.data.InputEncoding;
import dev.trainbench.data.TargetScaler;
import dev.trainbench.runs.ModelArchive;
import dev.trainbench.runs.ModelFileException;
import dev.trainbench.runs.ModelManifest;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Exports a finished run's model as one self-describing file ({@link ModelArchive}): the
 * parameters of its best or last checkpoint, the spec, the input encoding and scaling fitted on
 * the training split, the class names, the target scaling of a regression run trained on scaled
 * targets (so that predictions come back in the target's units), the run's provenance and metrics,
 * and its data fingerprint when it has one. The parameters are loaded into the rebuilt network before anything
 * is written, so an export that succeeds can be predicted with.
 */
public final class ModelExport {
    public static final List<String> CHECKPOINTS = List.of("best", "last");

    private ModelExport() {
    }

    /**
     * Writes run {@code runId}'s {@code checkpoint} ("best" or "last") to {@code out} (a file, or
     * a folder to write {@code <run id>.tbmodel.zip} into). Runs trained before run.json stored
     * the input encoding need their data once: relative data paths resolve against {@code baseDir}.
     *
     * @param replace whether an existing file may be replaced
     * @return the file written and its manifest
     */
    public static Exported export(RunStore store, String runId, String checkpoint, Path out, Path baseDir, boolean replace) {
        String which = checkpoint == null ? "best" : checkpoint;
        if (!CHECKPOINTS.contains(which)) {
            throw new TrainingException("there is no '" + which + "' checkpoint; choose best (lowest validation loss) or"
                    + " last (end of training)");
        }
        RunRecord record = store.load(runId);
        if (record.status() != null && record.status().isActive()) {
            throw new TrainingException("run " + runId + " is still " + record.status().label() + "; export it once it has"
                    + " ended");
        }
        Path params = store.dir(runId).resolve("checkpoints").resolve(which + ".params");
        if (!Files.isRegularFile(params)) {
            throw new TrainingException("run " + runId + " has no " + which + " checkpoint ("
                    + ("best".equals(which) ? "it ended before its first epoch" : "it did not reach the end of training")
                    + ")" + (Files.isRegularFile(store.dir(runId).resolve("checkpoints").resolve("best.params"))
                    && !"best".equals(which) ? "; export --checkpoint best instead" : ""));
        }
        Path target = (Files.isDirectory(out) ? out.resolve(runId + ModelArchive.EXTENSION) : out).toAbsolutePath();
        if (Files.exists(target) && !replace) {
            throw new ModelFileException(target + " exists already. Fix: choose another file name, or replace it"
                    + " (--force on the command line).");
        }
        InputFacts facts = InputFacts.of(record, baseDir);
        byte[] parameters;
        byte[] epochs;
        try {
            parameters = Files.readAllBytes(params);
            Path epochsFile = store.dir(runId).resolve(RunStore.EPOCHS_FILE);
            epochs = Files.isRegularFile(epochsFile) && Files.size(epochsFile) < (16 << 20) ? Files.readAllBytes(epochsFile)
                    : new byte[0];
        } catch (IOException e) {
            throw new TrainingException("cannot read run " + runId + "'s files: " + e.getMessage(), e);
        }
        // Refuse to write a model that could not be loaded back.
        LoadedModel.load(record.spec().model(), facts.sampleShape(), facts.width(), new ByteArrayInputStream(parameters),
                "the " + which + " checkpoint of run " + runId).close();
        ModelManifest.Output output = facts.classNames() != null
                ? new ModelManifest.Output(ModelManifest.Output.CLASSIFICATION, facts.classNames(), facts.width())
                : new ModelManifest.Output(ModelManifest.Output.REGRESSION, null, facts.width(), facts.targetScaling());
        // the format version is the lowest that describes the file: ModelArchive.write sets it
        ModelManifest manifest = new ModelManifest(ModelArchive.FORMAT, 0, Instant.now().toString(),
                "TrainBench " + Provenance.versions().get("trainbench"),
                new ModelManifest.Run(record.id(), record.name(), record.status() == null ? null : record.status().name()
                        .toLowerCase(java.util.Locale.ROOT), record.parentId(), record.createdAt(), record.endedAt(),
                        record.seed(), record.device(), record.versions()),
                new ModelManifest.Checkpoint(which, "best".equals(which) ? record.bestEpoch() : record.epochsCompleted()),
                new ModelManifest.Input(facts.sampleShape(), facts.encoding(),
                        new ModelManifest.Scaling(facts.mode(), "train", facts.offsets(), facts.scales())),
                output,
                new ModelManifest.Metrics(record.trainSamples(), record.validationSamples(), record.testSamples(),
                        record.parameterCount(), record.epochsCompleted(), record.bestEpoch(), record.bestValidationLoss(),
                        record.bestValidationAccuracy(), record.lastTrainLoss(), record.lastTrainAccuracy(),
                        record.samplesPerSecond(), record.wallSeconds(), record.test()),
                dataFingerprint(store, runId), null, record.spec());
        return new Exported(target, ModelArchive.write(target, manifest, parameters, epochs));
    }

    /** The file written and what it says. */
    public record Exported(Path file, ModelManifest manifest) {
    }

    /**
     * The run's data fingerprint as run.json holds it, copied as it is (null when the run has none):
     * read from the file itself so that any form a TrainBench writes travels unchanged.
     */
    static JsonNode dataFingerprint(RunStore store, String runId) {
        try {
            JsonNode tree = SpecJson.mapper().readTree(store.dir(runId).resolve(RunStore.RECORD_FILE).toFile());
            JsonNode f = tree == null ? null : tree.get("dataFingerprint");
            return f == null || f.isNull() ? null : f;
        } catch (IOException e) {
            return null;
        }
    }

    /** What a run's inputs and outputs look like, from its run.json, or from its data for runs that predate it. */
    record InputFacts(int[] sampleShape, InputEncoding encoding, String mode, float[] offsets, float[] scales,
                      List<String> classNames, int width, ModelManifest.TargetScaling targetScaling) {

        static InputFacts of(RunRecord record, Path baseDir) {
            Map<String, Object> stored = record.preprocessing();
            ObjectMapper json = SpecJson.mapper();
            if (stored == null || stored.get("offsets") == null || stored.get("scales") == null) {
                throw new TrainingException("run " + record.id() + " has no stored preprocessing (it did not get as far as"
                        + " preparing its data), so there is no model to export");
            }
            ModelManifest.TargetScaling targets = targetScaling(record, stored.get("targets"));
            float[] offsets = json.convertValue(stored.get("offsets"), float[].class);
            float[] scales = json.convertValue(stored.get("scales"), float[].class);
            String mode = String.valueOf(stored.get("mode"));
            if (stored.get("input") != null && stored.get("sampleShape") != null) {
                int[] shape = json.convertValue(stored.get("sampleShape"), int[].class);
                InputEncoding encoding = json.convertValue(stored.get("input"), InputEncoding.class);
                if (stored.get("classNames") != null) {
                    @SuppressWarnings("unchecked")
                    List<String> classes = json.convertValue(stored.get("classNames"), List.class);
                    if (targets != null) {
                        throw damagedTargets(record, "it is stored for a classification run");
                    }
                    return new InputFacts(shape, encoding, mode, offsets, scales, List.copyOf(classes), classes.size(), null);
                }
                int width = stored.get("targetWidth") == null ? 1 : json.convertValue(stored.get("targetWidth"), Integer.class);
                if (targets != null && targets.offsets().length != width) {
                    throw damagedTargets(record, targets.offsets().length + " offsets for " + width + " targets");
                }
                return new InputFacts(shape, encoding, mode, offsets, scales, null, width, targets);
            }
            // A run from before run.json described its input: read its data once, as its final test would.
            ExperimentSpec spec = record.spec();
            PreparedData data = DataPreparation.prepare(spec, baseDir, w -> { });
            float[] refitOffsets = floats(data.preprocessing().get("offsets"));
            float[] refitScales = floats(data.preprocessing().get("scales"));
            if (!Arrays.equals(offsets, refitOffsets) || !Arrays.equals(scales, refitScales)) {
                throw new TrainingException("run " + record.id() + " predates stored input descriptions, and its data ("
                        + spec.data().label() + ") no longer gives the scaling it was trained with: the data changed."
                        + " Restore the data it was trained on, or train the run again");
            }
            TargetScaler refit = data.targetScaler();
            if (refit != null && targets != null && (!Arrays.equals(refit.offsets(), targets.offsets())
                    || !Arrays.equals(refit.scales(), targets.scales()))) {
                throw new TrainingException("run " + record.id() + " predates stored input descriptions, and its data ("
                        + spec.data().label() + ") no longer gives the target scaling it was trained with: the data"
                        + " changed. Restore the data it was trained on, or train the run again");
            }
            if (targets == null && refit != null) {
                targets = new ModelManifest.TargetScaling(ModelManifest.TargetScaling.STANDARDIZE, "train", refit.offsets(),
                        refit.scales());
            }
            var train = data.train();
            return new InputFacts(train.sampleShape(), train.encoding(), mode, offsets, scales,
                    train.isClassification() ? train.classNames() : null, train.outputWidth(),
                    train.isClassification() ? null : targets);
        }

        /**
         * The regression targets' scaling as run.json stores it ({@code preprocessing.targets}), null
         * when the run did not scale its targets; checked by rebuilding the one {@link TargetScaler},
         * so that an export never carries a scaling that prediction would refuse.
         */
        static ModelManifest.TargetScaling targetScaling(RunRecord record, Object stored) {
            if (stored == null) {
                return null;
            }
            if (!(stored instanceof Map<?, ?> t)) {
                throw damagedTargets(record, "it is not an object");
            }
            double[] offsets;
            double[] scales;
            try {
                offsets = SpecJson.mapper().convertValue(t.get("offsets"), double[].class);
                scales = SpecJson.mapper().convertValue(t.get("scales"), double[].class);
                TargetScaler.of(offsets, scales);
            } catch (IllegalArgumentException e) {
                throw damagedTargets(record, e.getMessage());
            }
            Object mode = t.get("mode");
            Object fittedOn = t.get("fittedOn");
            return new ModelManifest.TargetScaling(mode == null ? ModelManifest.TargetScaling.STANDARDIZE : mode.toString(),
                    fittedOn == null ? "train" : fittedOn.toString(), offsets, scales);
        }

        private static TrainingException damagedTargets(RunRecord record, String why) {
            return new TrainingException("run " + record.id() + "'s run.json has an unusable preprocessing.targets ("
                    + why + "), so its predictions could not be put back in the target's units. Fix: train the run again");
        }

        private static float[] floats(Object o) {
            return o instanceof float[] f ? f : SpecJson.mapper().convertValue(o, float[].class);
        }
    }
}
