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
        Evaluation.Predictions p = withModel(store, record, name, set, (forward) -> Evaluation.predict(forward.manager(),
                forward.function(), DjlFactories.loss(spec.training().loss()), set, 512, spec.training().loss(),
                set.outputWidth(), false));
        return new Score(p.meanLoss(), set.isClassification() ? (double) p.correct() / set.size() : null, set.size());
    }

    /** A loaded model's forward pass in inference mode, and the manager its arrays belong to. */
    record Forward(NDManager manager, Function<ai.djl.ndarray.NDList, ai.djl.ndarray.NDList> function) {
    }

    /** Builds the run's model for {@code shapeOf}'s samples, loads checkpoint {@code name} into it and applies {@code use}. */
    static <T> T withModel(RunStore store, RunRecord record, String name, Dataset shapeOf, Function<Forward, T> use) {
        ExperimentSpec spec = record.specFor("loading a checkpoint");
        Path checkpoint = store.dir(record.id()).resolve("checkpoints").resolve(name + ".params");
        if (!Files.exists(checkpoint)) {
            throw new TrainingException("run " + record.id() + " has no " + name + " checkpoint (it ended before its first epoch);"
                    + " train it for at least one epoch first");
        }
        BuiltModel built = BlockFactory.build(spec.model(), shapeOf.sampleShape(), shapeOf.outputWidth());
        try (Model model = Model.newInstance("checkpoint", ai.djl.Device.cpu(), "PyTorch")) {
            model.setBlock(built.block());
            NDManager manager = model.getNDManager();
            built.block().initialize(manager, DataType.FLOAT32, new Shape(Evaluation.batchShape(1, shapeOf.sampleShape())));
            try (InputStream in = Files.newInputStream(checkpoint)) {
                built.block().loadParameters(manager, new DataInputStream(in));
            }
            ParameterStore ps = new ParameterStore(manager, false);
            return use.apply(new Forward(manager, x -> built.block().forward(ps, x, false)));
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new TrainingException("cannot read the checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }
}
