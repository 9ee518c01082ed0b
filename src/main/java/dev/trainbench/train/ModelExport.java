package dev.trainbench.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainbench.data.InputEncoding;
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
 * the training split, the class names, the run's provenance and metrics, and its data
 * fingerprint when it has one. The parameters are loaded into the rebuilt network before anything
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
        ModelManifest manifest = new ModelManifest(ModelArchive.FORMAT, ModelArchive.FORMAT_VERSION, Instant.now().toString(),
                "TrainBench " + Provenance.versions().get("trainbench"),
                new ModelManifest.Run(record.id(), record.name(), record.status() == null ? null : record.status().name()
                        .toLowerCase(java.util.Locale.ROOT), record.parentId(), record.createdAt(), record.endedAt(),
                        record.seed(), record.device(), record.versions()),
                new ModelManifest.Checkpoint(which, "best".equals(which) ? record.bestEpoch() : record.epochsCompleted()),
                new ModelManifest.Input(facts.sampleShape(), facts.encoding(),
                        new ModelManifest.Scaling(facts.mode(), "train", facts.offsets(), facts.scales())),
                facts.classNames() != null
                        ? new ModelManifest.Output(ModelManifest.Output.CLASSIFICATION, facts.classNames(), facts.width())
                        : new ModelManifest.Output(ModelManifest.Output.REGRESSION, null, facts.width()),
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
                      List<String> classNames, int width) {

        static InputFacts of(RunRecord record, Path baseDir) {
            Map<String, Object> stored = record.preprocessing();
            ObjectMapper json = SpecJson.mapper();
            if (stored == null || stored.get("offsets") == null || stored.get("scales") == null) {
                throw new TrainingException("run " + record.id() + " has no stored preprocessing (it did not get as far as"
                        + " preparing its data), so there is no model to export");
            }
            if (stored.get("targets") instanceof Map<?, ?>) {
                // The network predicts standardized targets; the archive has no place yet for the scaling
                // that turns them back into the targets' units, and a model answering in the wrong units is worse
                // than none.
                throw new TrainingException("run " + record.id() + " scaled its regression targets (data.targetScaling:"
                        + " standardize), and exported models do not carry target scaling yet: their predictions would"
                        + " not be in the targets' units. Fix: train the run without data.targetScaling to export it");
            }
            float[] offsets = json.convertValue(stored.get("offsets"), float[].class);
            float[] scales = json.convertValue(stored.get("scales"), float[].class);
            String mode = String.valueOf(stored.get("mode"));
            if (stored.get("input") != null && stored.get("sampleShape") != null) {
                int[] shape = json.convertValue(stored.get("sampleShape"), int[].class);
                InputEncoding encoding = json.convertValue(stored.get("input"), InputEncoding.class);
                if (stored.get("classNames") != null) {
                    @SuppressWarnings("unchecked")
                    List<String> classes = json.convertValue(stored.get("classNames"), List.class);
                    return new InputFacts(shape, encoding, mode, offsets, scales, List.copyOf(classes), classes.size());
                }
                int width = stored.get("targetWidth") == null ? 1 : json.convertValue(stored.get("targetWidth"), Integer.class);
                return new InputFacts(shape, encoding, mode, offsets, scales, null, width);
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
            var train = data.train();
            return new InputFacts(train.sampleShape(), train.encoding(), mode, offsets, scales,
                    train.isClassification() ? train.classNames() : null, train.outputWidth());
        }

        private static float[] floats(Object o) {
            return o instanceof float[] f ? f : SpecJson.mapper().convertValue(o, float[].class);
        }
    }
}
