package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import dev.trainbench.data.Dataset;
import dev.trainbench.runs.MetricColumns.Step;
import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.SplitSpec;
import dev.trainbench.spec.TrainingSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one training step, as the loop, the sanity probes and the LR range test take it. */
class TrainingStepTest {

    @TempDir
    Path workspace;

    static ModelSpec reluMlp() {
        return new ModelSpec(null, List.of(LayerSpec.dense(32), LayerSpec.of(LayerSpec.Type.RELU), LayerSpec.dropout(0.1),
                LayerSpec.dense(32), LayerSpec.of(LayerSpec.Type.RELU)), new InitSpec(InitSpec.Type.HE, null));
    }

    static ExperimentSpec spec(ModelSpec model, OptimizerSpec optimizer, int batch) {
        return TrainingLoopTest.spec(model, TrainingSpec.defaults().withEpochs(1).withBatchSize(batch)
                .withOptimizer(optimizer));
    }

    MetricsHistory trainOneEpoch(ExperimentSpec spec, Dataset train, TrainingLoop.Options options) throws Exception {
        RunStore store = new RunStore(workspace);
        try (RunFolder folder = store.create(spec, null, new RunRecord.Builder().name(spec.name())
                .status(RunStatus.QUEUED).spec(spec).seed(spec.seed()).createdAt("2026-01-01T00:00:00Z").build())) {
            TrainingLoop loop = new TrainingLoop(spec, new PreparedData(train, train, null, Map.of(), null, null, train),
                    folder, new RunControl(), e -> { }, options);
            loop.run(h -> { });
            return loop.history();
        }
    }

    @Test
    void theLoopTheProbesAndTheRangeTestTakeTheSameFirstStep() throws Exception {
        Dataset train = TrainingLoopTest.blobs(96, 1);
        ExperimentSpec spec = spec(reluMlp(), OptimizerSpec.adam(0.01), 32);
        MetricsHistory loop = trainOneEpoch(spec, train, TrainingLoop.Options.defaults());
        // The loop's first batch: the first 32 of epoch 1's seeded order, which the range test also starts with.
        int[] order = dev.trainbench.data.EpochOrder.order(train.size(), 1, true, spec.seed());
        try (SanityProbes.ProbeModel probe = new SanityProbes.ProbeModel(spec, train, 32)) {
            probe.step.run(order, 0, 32, TrainingStep.Measure.NORMS);
            assertEquals(loop.loss(0), probe.step.loss(), 0.0, "first-step loss");
            assertEquals(loop.gradNorm(0), probe.step.gradNorm(), 0.0, "first-step gradient norm");
            for (int l = 0; l < probe.step.layers(); l++) {
                assertEquals(loop.layerGradNorm(0, l), probe.step.layerGradNorm(l), 0.0, "layer " + l + " gradient norm");
            }
            assertEquals(loop.accuracy(0), (float) probe.step.correct() / 32, 0.0, "first-step accuracy");
        }
        LrFinder.Result sweep = LrFinder.sweep(spec, train, new LrFinder.Options(1e-7, 1, 3, 0.98, 4));
        assertEquals(loop.loss(0), sweep.points().get(0).loss(), 0.0, "the range test's first loss");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam", "adamw"})
    void gradientsDoNotAccumulateFromOneStepToTheNext(String optimizer) {
        // The PyTorch engine never clears gradients between backward calls; the update must.
        OptimizerSpec o = switch (optimizer) {
            case "sgd" -> OptimizerSpec.sgd(1e-9, 0.0, false);
            case "adam" -> OptimizerSpec.adam(1e-9);
            default -> new OptimizerSpec(OptimizerSpec.Type.ADAMW, 1e-9, null, null, 0.0, null, null, null);
        };
        Dataset train = TrainingLoopTest.blobs(32, 2);
        ExperimentSpec spec = spec(new ModelSpec(null, List.of(LayerSpec.dense(8), LayerSpec.of(LayerSpec.Type.TANH)),
                new InitSpec(InitSpec.Type.XAVIER, null)), o, 32);
        try (SanityProbes.ProbeModel probe = new SanityProbes.ProbeModel(spec, train, 32)) {
            probe.step.run(null, 0, 32, TrainingStep.Measure.NORMS);
            float first = probe.step.gradNorm();
            for (int i = 0; i < 3; i++) {
                probe.step.run(null, 0, 32, TrainingStep.Measure.NORMS);
                assertEquals(first, probe.step.gradNorm(), first * 1e-4, optimizer + ": gradient norm at step " + (i + 2));
            }
        }
    }

    @Test
    void probesMeasureOnlyTheLossUnlessTheyClip() {
        Dataset train = TrainingLoopTest.blobs(32, 2);
        ExperimentSpec spec = spec(reluMlp(), OptimizerSpec.adam(0.01), 16);
        try (SanityProbes.ProbeModel probe = new SanityProbes.ProbeModel(spec, train, 16)) {
            probe.step(null, 0, 16);
            assertTrue(Float.isFinite(probe.step.loss()));
            assertFalse(probe.step.normsMeasured());
            assertTrue(Float.isNaN(probe.step.gradNorm()));
        }
        ExperimentSpec clipped = spec.withTraining(spec.training().withClipNorm(0.1));
        try (SanityProbes.ProbeModel probe = new SanityProbes.ProbeModel(clipped, train, 16)) {
            probe.step(null, 0, 16);
            assertTrue(probe.step.normsMeasured(), "clipping needs the norms");
            assertTrue(probe.step.gradNorm() > 0);
        }
    }

    @Test
    void deadReluFractionIsOneForAKilledNetworkAndLowForAHealthyOne() {
        Dataset train = TrainingLoopTest.blobs(64, 3);
        ExperimentSpec spec = spec(reluMlp(), OptimizerSpec.sgd(1e-6, 0.0, false), 64);
        try (SanityProbes.ProbeModel healthy = new SanityProbes.ProbeModel(spec, train, 64)) {
            healthy.step.run(null, 0, 64, TrainingStep.Measure.DETAIL);
            assertTrue(healthy.step.layerDeadFraction(0) < 0.2, "healthy first layer: " + healthy.step.layerDeadFraction(0));
            assertTrue(healthy.step.layerDeadFraction(1) < 0.2, "healthy second layer: " + healthy.step.layerDeadFraction(1));
            assertTrue(Float.isNaN(healthy.step.layerDeadFraction(2)), "the output layer has no ReLU");
            healthy.step.run(null, 0, 64, TrainingStep.Measure.NORMS);
            assertTrue(Float.isNaN(healthy.step.layerDeadFraction(0)), "measured on detail steps only");
        }
        try (SanityProbes.ProbeModel dead = new SanityProbes.ProbeModel(spec, train, 64)) {
            // A large negative bias (what a blow-up leaves behind): no input switches the first layer's units on,
            // so the second layer sees zeros and its units, with zero bias, output zero too.
            for (Parameter p : dead.spec().built.groups().get(0).getParameters().values()) {
                if (p.getName().contains("bias")) {
                    p.getArray().subi(1000f);
                }
            }
            dead.step.run(null, 0, 64, TrainingStep.Measure.DETAIL);
            assertEquals(1.0f, dead.step.layerDeadFraction(0), 0.0);
            assertEquals(1.0f, dead.step.layerDeadFraction(1), 0.0);
        }
    }

    @Test
    void aRunWritesDeadReluFractionsOnDetailStepsOnlyAndNoneForLayersWithoutAReLU() throws Exception {
        ExperimentSpec spec = spec(new ModelSpec(null, List.of(LayerSpec.dense(16), LayerSpec.of(LayerSpec.Type.RELU),
                LayerSpec.dense(16), LayerSpec.of(LayerSpec.Type.TANH)), new InitSpec(InitSpec.Type.HE, null)),
                OptimizerSpec.adam(0.01), 16).withSplit(SplitSpec.defaults());
        MetricsHistory h = trainOneEpoch(spec, TrainingLoopTest.blobs(96, 4), new TrainingLoop.Options(3, 1000, 512));
        assertEquals(6, h.size());
        MetricsTable steps = new RunStore(workspace).readSteps(new RunStore(workspace).list().get(0).id());
        assertEquals(List.of("1 dense 16", "3 dense 16", "output dense 2"), steps.layers(Step.LAYER_DEAD_FRACTION));
        double[] first = steps.column(Step.LAYER_DEAD_FRACTION, "1 dense 16");
        double[] tanh = steps.column(Step.LAYER_DEAD_FRACTION, "3 dense 16");
        for (int i = 0; i < 6; i++) {
            assertEquals(i % 3 == 0, !Double.isNaN(first[i]), "step " + i);
            assertTrue(Double.isNaN(tanh[i]), "a tanh layer has no dead ReLUs: step " + i);
            assertEquals((float) first[i], h.layerDeadFraction(i, 0), 0.0, "history and file agree at step " + i);
        }
        assertTrue(first[0] >= 0 && first[0] < 0.5, "a healthy He-initialized layer: " + first[0]);
    }
}
