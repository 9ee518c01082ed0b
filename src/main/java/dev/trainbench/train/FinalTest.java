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
import dev.trainbench.runs.TestResult;
import dev.trainbench.spec.ExperimentSpec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The explicit final evaluation on the held-back test split (T7), on the best checkpoint. It is
 * recorded in the run, with the time it was done, so that "looked at the test set" is never hidden.
 */
public final class FinalTest {

    private FinalTest() {
    }

    public static RunRecord evaluate(RunStore store, String runId, Path baseDir) {
        RunRecord record = store.load(runId);
        ExperimentSpec spec = record.spec();
        Path checkpoint = store.dir(runId).resolve("checkpoints").resolve("best.params");
        if (!Files.exists(checkpoint)) {
            throw new TrainingException("run " + runId + " has no best checkpoint (it ended before its first epoch);"
                    + " train it for at least one epoch first");
        }
        PreparedData data = DataPreparation.prepare(spec, baseDir, w -> { });
        Dataset test = data.test();
        if (test.size() == 0) {
            throw new TrainingException("the spec keeps no test split (split.test is 0); set split.test to e.g. 15 and"
                    + " train again");
        }
        BuiltModel built = BlockFactory.build(spec.model(), test.sampleShape(), test.outputWidth());
        try (Model model = Model.newInstance("final-test", ai.djl.Device.cpu(), "PyTorch")) {
            model.setBlock(built.block());
            NDManager manager = model.getNDManager();
            built.block().initialize(manager, DataType.FLOAT32, new Shape(Evaluation.batchShape(1, test.sampleShape())));
            try (InputStream in = Files.newInputStream(checkpoint)) {
                built.block().loadParameters(manager, new DataInputStream(in));
            }
            ParameterStore ps = new ParameterStore(manager, false);
            Batches batches = new Batches(test, Math.min(512, test.size()), spec.training().loss(), test.outputWidth(), null);
            Evaluation.Predictions p = Evaluation.predict(manager, x -> built.block().forward(ps, x, false),
                    DjlFactories.loss(spec.training().loss()), batches, true);
            TestResult result = result(test, p);
            RunRecord updated = record.toBuilder().test(result).build();
            store.update(updated);
            return updated;
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new TrainingException("cannot read the checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private static TestResult result(Dataset test, Evaluation.Predictions p) {
        if (!test.isClassification()) {
            return new TestResult(Instant.now().toString(), "best", test.size(), p.meanLoss(), null, null, null, null);
        }
        int c = test.numClasses();
        int[][] confusion = new int[c][c];
        int[] labels = test.labels();
        for (int i = 0; i < labels.length; i++) {
            confusion[labels[i]][p.predicted()[i]]++;
        }
        double[] perClass = new double[c];
        for (int k = 0; k < c; k++) {
            int total = 0;
            for (int j = 0; j < c; j++) {
                total += confusion[k][j];
            }
            perClass[k] = total == 0 ? Double.NaN : (double) confusion[k][k] / total;
        }
        return new TestResult(Instant.now().toString(), "best", test.size(), p.meanLoss(),
                (double) p.correct() / test.size(), test.classNames(), confusion, perClass);
    }
}
