package dev.trainbench.ui.predict;

import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import java.util.List;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.SplitSpec;
import dev.trainbench.spec.TrainingSpec;
import dev.trainbench.train.ExperimentRunner;
import dev.trainbench.train.ModelExport;
import dev.trainbench.train.RunControl;
import dev.trainbench.train.TrainingLoop;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An MNIST CNN of a short seeded run (3,000 digits, 4 epochs), exported once per test
 * JVM and shared by the Predict view's tests: seeded CPU runs repeat exactly, so it is the same
 * model every time.
 */
public final class TrainedMnistModel {
    private static Path file;
    private static RunRecord run;

    private TrainedMnistModel() {
    }

    public static synchronized Path file() throws Exception {
        String reuse = System.getProperty("trainbench.test.mnistModelDir");
        if (file == null && reuse != null && Files.isRegularFile(Path.of(reuse, "mnist-cnn.tbmodel.zip"))) {
            // for repeated screenshot sessions: a model exported by an earlier one
            file = Path.of(reuse, "mnist-cnn.tbmodel.zip");
            run = new RunStore(Path.of(reuse, "ws")).list().get(0);
        }
        if (file == null) {
            Path dir = reuse != null ? Files.createDirectories(Path.of(reuse)) : Files.createTempDirectory("trainbench-mnist-model");
            RunStore store = new RunStore(dir.resolve("ws"));
            ExperimentSpec spec = new ExperimentSpec(null, "mnist cnn for predict", 5L, DataSpec.sample("mnist"),
                    SplitSpec.defaults().withSubset(3000), null, null, cnn(),
                    TrainingSpec.defaults().withEpochs(4).withBatchSize(32).withOptimizer(OptimizerSpec.adam(0.003)));
            run = ExperimentRunner.run(spec, dir, store, null, new RunControl(), ExperimentRunner.Hooks.none(),
                    TrainingLoop.Options.defaults());
            file = ModelExport.export(store, run.id(), "best", dir.resolve("mnist-cnn.tbmodel.zip"), dir, false).file();
        }
        return file;
    }

    /** LeNet's shape at a quarter of its cost: two convolution+pooling stages and a dense head. */
    static ModelSpec cnn() {
        return new ModelSpec("small cnn", List.of(LayerSpec.conv2d(8, 5, 1, 2), LayerSpec.of(LayerSpec.Type.RELU),
                LayerSpec.maxPool(2), LayerSpec.conv2d(16, 5, 1, 0), LayerSpec.of(LayerSpec.Type.RELU), LayerSpec.maxPool(2),
                LayerSpec.of(LayerSpec.Type.FLATTEN), LayerSpec.dense(64), LayerSpec.of(LayerSpec.Type.RELU)),
                new InitSpec(InitSpec.Type.HE, null));
    }

    /** The run folder the model was exported from. */
    public static synchronized Path runFolder() throws Exception {
        file();
        return file.getParent().resolve("ws").resolve("runs").resolve(run.id());
    }

    /** The run's best validation accuracy. */
    public static synchronized double validationAccuracy() throws Exception {
        file();
        return run.bestValidationAccuracy();
    }
}
