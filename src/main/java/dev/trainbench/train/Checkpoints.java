package dev.trainbench.train;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.trainbench.data.Dataset;
import dev.trainbench.model.BlockFactory;
import dev.trainbench.model.BuiltModel;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A run's saved weights ({@code checkpoints/<name>.params}) loaded into the model its spec
 * describes, for evaluation. The one place that reads a checkpoint, so that every reader gets the
 * same checks and the same message for a checkpoint that cannot be used.
 */
public final class Checkpoints {

    /** Which split of the run's data to evaluate on. */
    public enum Split { VALIDATION, TEST }

    /** Mean loss and accuracy (null for regression) of a checkpoint on one split. */
    public record Score(double loss, Double accuracy, int samples) {
    }

    private Checkpoints() {
    }

    /**
     * Evaluates checkpoint {@code name} of a run on one split of its data (relative data paths resolve
     * against {@code baseDir}): e.g. its validation loss, which for {@code best} is the record's
     * {@code bestValidationLoss}.
     */
    public static Score evaluate(RunStore store, String runId, String name, Path baseDir, Split split) {
        RunRecord record = store.load(runId);
        ExperimentSpec spec = record.specFor("evaluating a checkpoint");
        PreparedData data = DataPreparation.prepare(spec, baseDir, w -> { });
        Dataset set = split == Split.TEST ? data.test() : data.validation();
        Evaluation.Predictions p = withModel(store, record, name, set, forward -> Evaluation.predict(forward.manager(),
                forward.function(), DjlFactories.loss(spec.training().loss()),
                new Batches(set, Math.min(512, set.size()), spec.training().loss(), set.outputWidth(), null), false, data.targetScaler()));
        return new Score(p.meanLoss(), set.isClassification() ? (double) p.correct() / set.size() : null, set.size());
    }

    /** A loaded model's forward pass in inference mode, and the manager its arrays belong to. */
    record Forward(NDManager manager, Function<ai.djl.ndarray.NDList, ai.djl.ndarray.NDList> function) {
    }

    /** Builds the run's model for {@code shapeOf}'s samples, loads checkpoint {@code name} into it and applies {@code use}. */
    static <T> T withModel(RunStore store, RunRecord record, String name, Dataset shapeOf, Function<Forward, T> use) {
        ExperimentSpec spec = record.specFor("loading a checkpoint");
        Path checkpoint = store.dir(record.id()).resolve("checkpoints").resolve(name + ".params");
        String file = "checkpoints/" + name + ".params";
        if (!Files.exists(checkpoint)) {
            throw missing(record, name, file);
        }
        BuiltModel built = BlockFactory.build(spec.model(), shapeOf.sampleShape(), shapeOf.outputWidth());
        try (Model model = Model.newInstance("checkpoint", ai.djl.Device.cpu(), "PyTorch")) {
            model.setBlock(built.block());
            NDManager manager = model.getNDManager();
            built.block().initialize(manager, DataType.FLOAT32, new Shape(Evaluation.batchShape(1, shapeOf.sampleShape())));
            load(built.block(), manager, checkpoint, record.id(), file);
            ParameterStore ps = new ParameterStore(manager, false);
            return use.apply(new Forward(manager, x -> built.block().forward(ps, x, false)));
        }
    }

    /**
     * Loads weights into an initialized block, or fails with one message for every way a file can be
     * wrong (cut short, saved from another model, damaged by hand or crafted): DJL would otherwise
     * report each differently, and load a checkpoint of another layer width without a word. The
     * file must have exactly the size this model's weights save to (so a crafted length is never
     * read), and every parameter must keep its shape.
     */
    static void load(ai.djl.nn.Block block, NDManager manager, Path checkpoint, String runId, String file) {
        long expected;
        try {
            CountingStream counter = new CountingStream();
            block.saveParameters(new java.io.DataOutputStream(counter));
            expected = counter.count;
        } catch (IOException e) {
            throw new TrainingException("cannot measure the model's weights: " + e.getMessage(), e);
        }
        long actual;
        try {
            actual = Files.size(checkpoint);
        } catch (IOException e) {
            throw damaged(runId, file, "it cannot be read: " + e.getMessage(), e);
        }
        if (actual != expected) {
            throw damaged(runId, file, actual < expected
                    ? "it has " + actual + " bytes where this model's weights take " + expected + ": it is cut short or from a smaller model"
                    : "it has " + actual + " bytes where this model's weights take " + expected + ": it is from a larger model", null);
        }
        java.util.Map<String, Shape> shapes = new java.util.LinkedHashMap<>();
        block.getParameters().forEach(p -> shapes.put(p.getKey(), p.getValue().getArray().getShape()));
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(checkpoint))) {
            block.loadParameters(manager, new DataInputStream(in));
        } catch (java.io.EOFException e) {
            throw damaged(runId, file, "it ends too early", e);
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException | OutOfMemoryError e) {
            throw damaged(runId, file, "its contents are not weights of this model", e);
        }
        block.getParameters().forEach(p -> {
            Shape was = shapes.get(p.getKey());
            Shape now = p.getValue().getArray().getShape();
            if (!now.equals(was)) {
                throw damaged(runId, file, "it holds " + p.getKey() + " of shape " + now + " where this model has " + was, null);
            }
        });
    }

    private static dev.trainbench.runs.RunStoreException damaged(String runId, String file, String detail, Throwable cause) {
        return new dev.trainbench.runs.RunStoreException("run " + runId + ": " + file + " cannot be loaded into the model"
                + " its spec describes (" + detail + "); the file is damaged or was not saved by this run: train the run"
                + " again", cause);
    }

    private static dev.trainbench.runs.RunStoreException missing(RunRecord record, String name, String file) {
        dev.trainbench.runs.Checkpoint described = record.checkpoints() == null ? null : record.checkpoints().get(name);
        Integer epochs = described != null && described.epoch() != null ? described.epoch() : record.epochsCompleted();
        if (described != null || (epochs != null && epochs > 0)) {
            return new dev.trainbench.runs.RunStoreException("run " + record.id() + ": " + file + " is missing, although the"
                    + " run saved it" + (epochs == null ? "" : " at epoch " + epochs) + "; it was deleted or the folder is"
                    + " damaged: train the run again");
        }
        return new dev.trainbench.runs.RunStoreException("run " + record.id() + " has no " + name + " checkpoint (" + file
                + "): it ended before its first epoch; train it for at least one epoch first");
    }

    /** Counts the bytes written to it. */
    private static final class CountingStream extends java.io.OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
