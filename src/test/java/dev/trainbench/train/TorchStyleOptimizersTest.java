package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import dev.trainbench.data.Dataset;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.TrainingSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RMSProp and Nesterov SGD failed at the first step on DJL's PyTorch engine ("Not implemented").
 * Ours must take the very steps torch.optim takes: the expected weights below were computed with
 * PyTorch 1.13 ({@code torch.optim.RMSprop} / {@code torch.optim.SGD(nesterov=True)}, three steps
 * of {@code loss = sum((w x - y)^2)}).
 */
class TorchStyleOptimizersTest {

    private static final float[] X = {1.0f, 2.0f, -1.0f, 0.5f};
    private static final float[] Y = {0.3f, -0.2f, 0.8f, 1.0f};
    private static final float[] W0 = {0.5f, -1.0f, 2.0f, 0.1f};

    @TempDir
    Path workspace;

    private static float[] threeSteps(Supplier<Optimizer> optimizer) {
        Optimizer o = optimizer.get();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray w = m.create(W0.clone());
            w.setRequiresGradient(true);
            NDArray x = m.create(X);
            NDArray y = m.create(Y);
            for (int i = 0; i < 3; i++) {
                try (NDManager step = m.newSubManager();
                     GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray loss = w.mul(x).sub(y).square().sum();
                    loss.attach(step);
                    gc.backward(loss);
                }
                o.update("w", w, w.getGradient());
            }
            return w.toFloatArray();
        }
    }

    @Test
    void rmsPropWithMomentumAndWeightDecayStepsAsTorchDoes() {
        float[] w = threeSteps(() -> TorchStyleOptimizers.rmsProp(n -> 0.01f, 0.9f, 0.5f, 0.01f));
        assertArrayEquals(new float[] {0.397944748f, -0.892385781f, 1.8914609f, 0.208322838f}, w, 1e-5f);
    }

    @Test
    void plainRmsPropStepsAsTorchDoes() {
        float[] w = threeSteps(() -> TorchStyleOptimizers.rmsProp(n -> 0.01f, 0.9f, 0f, 0f));
        assertArrayEquals(new float[] {0.430871814f, -0.927147925f, 1.92651606f, 0.173344538f}, w, 1e-5f);
    }

    @Test
    void nesterovSgdStepsAsTorchDoes() {
        float[] w = threeSteps(() -> TorchStyleOptimizers.nesterov(n -> 0.1f, 0.9f, 0.01f));
        assertArrayEquals(new float[] {0.276010633f, -0.0558986925f, -1.1081984f, 0.798229814f}, w, 1e-5f);
    }

    @Test
    void theGradientIsClearedAfterTheUpdate() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray w = m.create(W0.clone());
            w.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(w.mul(m.create(X)).sum());
            }
            TorchStyleOptimizers.nesterov(n -> 0.1f, 0.9f, 0f).update("w", w, w.getGradient());
            assertArrayEquals(new float[4], w.getGradient().toFloatArray());
        }
    }

    @Test
    void rmsPropAndNesterovRunsLearnAndLeakNothingIntoTheModel() throws Exception {
        for (OptimizerSpec optimizer : new OptimizerSpec[] {
            new OptimizerSpec(OptimizerSpec.Type.RMSPROP, 1e-2, null, null, null, null, null, null),
            new OptimizerSpec(OptimizerSpec.Type.RMSPROP, 1e-3, 0.9, null, 1e-4, null, null, 0.99),
            OptimizerSpec.sgd(0.05, 0.9, true)}) {
            ExperimentSpec spec = TrainingLoopTest.spec(TrainingStepTest.reluMlp(),
                    TrainingSpec.defaults().withEpochs(4).withBatchSize(32).withOptimizer(optimizer));
            Dataset train = TrainingLoopTest.blobs(256, 1);
            TrainingLoopTest.ModelArrays arrays = new TrainingLoopTest.ModelArrays();
            RunStore store = new RunStore(workspace);
            RunRecord done;
            try (RunFolder folder = store.create(spec, null, new RunRecord.Builder().name(spec.name())
                    .status(RunStatus.QUEUED).spec(spec).seed(spec.seed()).createdAt("2026-01-01T00:00:00Z").build())) {
                TrainingLoop loop = new TrainingLoop(spec, new PreparedData(train, TrainingLoopTest.blobs(64, 2), null,
                        Map.of(), null, null, train), folder, new RunControl(), e -> { }, TrainingLoop.Options.defaults(),
                        List.of(arrays));
                done = loop.run(h -> { });
            }
            assertEquals(RunStatus.COMPLETED, done.status(), optimizer + ": " + done.message());
            assertNotNull(done.bestValidationAccuracy());
            assertTrue(done.bestValidationAccuracy() > 0.9, optimizer + ": val acc " + done.bestValidationAccuracy());
            // optimizer state is made at the first step; after that the model's arrays stay the same
            assertEquals(arrays.perEpoch.get(1), arrays.perEpoch.get(arrays.perEpoch.size() - 1),
                    optimizer + ": arrays owned by the model per epoch " + arrays.perEpoch);
        }
    }
}
