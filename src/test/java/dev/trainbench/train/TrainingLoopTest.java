package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.Dataset;
import dev.trainbench.model.Presets;
import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.SplitSpec;
import dev.trainbench.spec.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains for real on tiny data (a few hundred 2-D points, a few epochs), as DJL's own tests do. */
class TrainingLoopTest {

    @TempDir
    Path workspace;

    static Dataset blobs(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[2 * i] = (float) (r.nextGaussian() * 0.5 + (y[i] == 0 ? -1 : 1));
            x[2 * i + 1] = (float) (r.nextGaussian() * 0.5 + (y[i] == 0 ? 1 : -1));
        }
        return Dataset.classification("blobs", x, new int[] {2}, y, List.of("a", "b"), List.of("x", "y"));
    }

    static ExperimentSpec spec(ModelSpec model, TrainingSpec training) {
        return new ExperimentSpec(null, "blobs", 7L, DataSpec.toy("blobs", 320, 0.5, 2), null, null, null, model, training);
    }

    static TrainingSpec adam(int epochs, int batch, double lr) {
        return TrainingSpec.defaults().withEpochs(epochs).withBatchSize(batch).withOptimizer(OptimizerSpec.adam(lr));
    }

    record Result(RunRecord record, MetricsHistory history, List<TrainingEvent> events, List<Integer> modelArrays) {
    }

    Result train(ExperimentSpec spec, Dataset train, Dataset val, RunControl control, TrainingLoop.Options options)
            throws Exception {
        RunStore store = new RunStore(workspace);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        try (RunFolder folder = store.create(spec, null, new RunRecord.Builder().name(spec.name())
                .status(RunStatus.QUEUED).spec(spec).seed(spec.seed()).createdAt("2026-01-01T00:00:00Z").build())) {
            ModelArrays arrays = new ModelArrays();
            TrainingLoop loop = new TrainingLoop(spec, new PreparedData(train, val, null, Map.of(), null, null, train),
                    folder, control, events::add, options, List.of(arrays));
            RunRecord done = loop.run(h -> { });
            return new Result(done, loop.history(), events, arrays.perEpoch);
        }
    }

    /** Arrays owned by the model's manager at each epoch end: constant unless something leaks into it. */
    static final class ModelArrays extends TrainingListenerAdapter {
        final List<Integer> perEpoch = new ArrayList<>();
        private RunContext run;

        @Override
        public void onRunStart(RunContext run) {
            this.run = run;
        }

        @Override
        public void onEpochEnd(EpochMetrics epoch) {
            if (run.model().getNDManager() instanceof ai.djl.ndarray.BaseNDManager base) {
                perEpoch.add(base.getManagedArrays().size());
            }
        }
    }

    Result train(ExperimentSpec spec) throws Exception {
        return train(spec, blobs(256, 1), blobs(64, 2), new RunControl(), TrainingLoop.Options.defaults());
    }

    @Test
    void tinyMlpLearnsSeparableBlobsAndWritesTheRun() throws Exception {
        Result r = train(spec(Presets.get("tiny-mlp").model(), adam(5, 32, 0.01)));
        assertEquals(RunStatus.COMPLETED, r.record().status());
        assertEquals(40, r.history().size());
        assertTrue(r.record().bestValidationAccuracy() > 0.95, "val acc " + r.record().bestValidationAccuracy());
        RunStore store = new RunStore(workspace);
        assertEquals(RunStatus.COMPLETED, store.list().get(0).status());
        assertEquals(40, store.readSteps(r.record().id()).rows());
        assertEquals(5, store.readEpochs(r.record().id()).rows());
        assertTrue(Files.exists(store.dir(r.record().id()).resolve("checkpoints/best.params")));
        assertTrue(Files.exists(store.dir(r.record().id()).resolve("checkpoints/last.params")));
        assertTrue(r.events().stream().anyMatch(e -> e instanceof TrainingEvent.BoundarySnapshot));
        assertTrue(r.events().get(r.events().size() - 1) instanceof TrainingEvent.EpochEnded
                || r.events().stream().anyMatch(e -> e instanceof TrainingEvent.EpochEnded));
    }

    @Test
    void nothingMadeInAStepOutlivesIt() throws Exception {
        // Every metric on every step (weight copies and update ratios included): the model's own
        // manager must hold the same arrays at the end of every epoch.
        Result r = train(spec(Presets.get("mlp-2x128").model(), adam(4, 16, 0.01)), blobs(128, 1), blobs(32, 2),
                new RunControl(), new TrainingLoop.Options(1, 0, 512));
        assertEquals(4, r.modelArrays().size());
        assertTrue(r.modelArrays().stream().distinct().count() == 1, "arrays per epoch: " + r.modelArrays());
    }

    @Test
    void sameSeedRepeatsExactlyOnCpu() throws Exception {
        ModelSpec model = new ModelSpec(null, List.of(LayerSpec.dense(16), LayerSpec.of(LayerSpec.Type.RELU),
                LayerSpec.dropout(0.2), LayerSpec.dense(16), LayerSpec.of(LayerSpec.Type.TANH)), new InitSpec(InitSpec.Type.XAVIER, null));
        ExperimentSpec spec = spec(model, adam(3, 16, 0.01));
        Result a = train(spec);
        Result b = train(spec);
        assertEquals(a.history().size(), b.history().size());
        for (int i = 0; i < a.history().size(); i++) {
            assertEquals(a.history().loss(i), b.history().loss(i), 0.0, "loss differs at step " + i);
            assertEquals(a.history().gradNorm(i), b.history().gradNorm(i), 0.0, "grad norm differs at step " + i);
        }
    }

    @Test
    void differentSeedsGiveDifferentRuns() throws Exception {
        ExperimentSpec spec = spec(Presets.get("tiny-mlp").model(), adam(1, 16, 0.01));
        Result a = train(spec);
        Result b = train(spec.withSeed(8));
        assertFalse(a.history().loss(0) == b.history().loss(0) && a.history().loss(5) == b.history().loss(5));
    }

    static ModelSpec zeroInitMlp() {
        return new ModelSpec(null, List.of(LayerSpec.dense(16), LayerSpec.of(LayerSpec.Type.RELU),
                LayerSpec.dense(16), LayerSpec.of(LayerSpec.Type.RELU)), new InitSpec(InitSpec.Type.ZEROS, null));
    }

    @Test
    void zeroInitializationIsReportedAsParametersWithoutGradient() throws Exception {
        // Three quarters of one class: the output bias still gets a gradient, the hidden layers none.
        Dataset base = blobs(256, 1);
        int[] labels = new int[base.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 4 == 0 ? 1 : 0;
        }
        Dataset skewed = Dataset.classification("skewed", base.features(), new int[] {2}, labels, List.of("a", "b"), null);
        Result r = train(spec(zeroInitMlp(), adam(1, 32, 0.01)), skewed, skewed, new RunControl(),
                TrainingLoop.Options.defaults());
        String sanity = String.join("\n", r.record().sanity());
        assertTrue(sanity.contains("WARNING no gradient reached"), sanity);
        assertTrue(sanity.contains("1 dense 16 (") && sanity.contains("3 dense 16 ("), sanity);
        assertTrue(r.events().stream().anyMatch(e -> e instanceof TrainingEvent.SanityChecked));
    }

    @Test
    void allZeroGradientsFailTheRunWithTheReason() {
        // Unshuffled alternating labels: every batch is exactly balanced, so even the output bias gets none.
        TrainingException e = org.junit.jupiter.api.Assertions.assertThrows(TrainingException.class,
                () -> train(spec(zeroInitMlp(), adam(1, 32, 0.01)).withSplit(SplitSpec.defaults().withShuffle(false))));
        assertTrue(e.getMessage().contains("zero initialization"), e.getMessage());
    }

    @Test
    void healthyNetworkPassesTheFirstBatchChecks() throws Exception {
        Result r = train(spec(Presets.get("tiny-mlp").model(), adam(1, 32, 0.01)));
        assertEquals(2, r.record().sanity().size());
        assertTrue(r.record().sanity().stream().allMatch(s -> s.startsWith("OK")), r.record().sanity().toString());
    }

    @Test
    void gradientsAreResetBetweenSteps() throws Exception {
        // One batch per epoch, no shuffling, a learning rate too small to move the weights: if gradients
        // accumulated across steps, the norm would grow 2x, 3x, ...; reset, it stays the same.
        Dataset data = blobs(64, 3);
        ExperimentSpec spec = spec(Presets.get("tiny-mlp").model(),
                TrainingSpec.defaults().withEpochs(4).withBatchSize(64)
                        .withOptimizer(OptimizerSpec.sgd(1e-9, 0.0, false)))
                .withSplit(SplitSpec.defaults().withShuffle(false));
        Result r = train(spec, data, data, new RunControl(), TrainingLoop.Options.defaults());
        assertEquals(4, r.history().size());
        float first = r.history().gradNorm(0);
        for (int i = 1; i < 4; i++) {
            assertEquals(first, r.history().gradNorm(i), first * 1e-3, "grad norm at step " + i);
        }
    }

    @Test
    void gradientNormClippingBoundsTheUpdate() throws Exception {
        double clip = 0.01;
        ExperimentSpec spec = spec(Presets.get("tiny-mlp").model(),
                TrainingSpec.defaults().withEpochs(1).withBatchSize(32)
                        .withOptimizer(OptimizerSpec.sgd(1.0, 0.0, false)).withClipNorm(clip));
        Result r = train(spec, blobs(128, 1), blobs(32, 2), new RunControl(), new TrainingLoop.Options(1, 1000, 512));
        MetricsHistory h = r.history();
        int layers = h.layerNames().size();
        for (int i = 0; i < h.size(); i++) {
            assertTrue(h.gradNorm(i) > clip, "the test needs gradients above the clip: " + h.gradNorm(i));
            double update2 = 0;
            for (int l = 0; l < layers; l++) {
                double step = h.layerUpdateRatio(i, l) * h.layerWeightNorm(i, l);
                update2 += step * step;
            }
            // SGD with lr 1: the update is the (clipped) gradient itself.
            assertEquals(clip, Math.sqrt(update2), clip * 0.02, "update norm at step " + i);
        }
    }

    @Test
    void perLayerGradientNormsAreNamedAndPositive() throws Exception {
        Result r = train(spec(Presets.get("mlp-2x128").model(), adam(1, 32, 0.001)));
        assertEquals(List.of("2 dense 128", "5 dense 128", "output dense 2"), r.history().layerNames());
        for (int l = 0; l < 3; l++) {
            assertTrue(r.history().layerGradNorm(0, l) > 0);
        }
        MetricsTable steps = new RunStore(workspace).readSteps(r.record().id());
        assertNotNull(steps.column("grad_norm[2 dense 128]"));
        assertNotNull(steps.column("update_ratio[output dense 2]"));
    }

    @Test
    void aHugeLearningRateDivergesWithAnExplanation() throws Exception {
        Dataset train = blobs(128, 1);
        float[] big = train.features().clone();
        for (int i = 0; i < big.length; i++) {
            big[i] *= 1e4f;
        }
        ExperimentSpec spec = spec(Presets.get("mlp-2x128").model(),
                TrainingSpec.defaults().withEpochs(5).withBatchSize(16).withOptimizer(OptimizerSpec.sgd(50.0, 0.9, false)));
        Result r = train(spec, train.withFeatures(big), blobs(32, 2), new RunControl(), TrainingLoop.Options.defaults());
        assertEquals(RunStatus.DIVERGED, r.record().status());
        assertTrue(r.record().message().contains("learning rate"), r.record().message());
    }

    @Test
    void stopRequestedBeforeStartEndsWithoutSteps() throws Exception {
        RunControl control = new RunControl();
        control.stop();
        Result r = train(spec(Presets.get("tiny-mlp").model(), adam(5, 32, 0.01)), blobs(64, 1), blobs(16, 2), control,
                TrainingLoop.Options.defaults());
        assertEquals(RunStatus.STOPPED, r.record().status());
        assertEquals(0, r.history().size());
    }

    @Test
    void pauseHoldsTheTrainerUntilResumed() throws Exception {
        RunControl control = new RunControl();
        control.pause();
        List<Result> out = new ArrayList<>();
        Thread t = new Thread(() -> {
            try {
                out.add(train(spec(Presets.get("tiny-mlp").model(), adam(1, 32, 0.01)), blobs(64, 1), blobs(16, 2),
                        control, TrainingLoop.Options.defaults()));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        t.start();
        Thread.sleep(1500);
        assertTrue(t.isAlive(), "the trainer must wait while paused");
        assertTrue(new RunStore(workspace).list().stream().anyMatch(rec -> rec.status() == RunStatus.PAUSED));
        control.resume();
        t.join(30_000);
        assertEquals(RunStatus.COMPLETED, out.get(0).record().status());
        assertEquals(2, out.get(0).history().size());
    }

    @Test
    void earlyStoppingEndsTheRunAndKeepsTheBestEpoch() throws Exception {
        Dataset noise = blobs(64, 1);
        int[] shuffled = noise.labels().clone();
        java.util.Collections.shuffle(java.util.Arrays.asList(java.util.Arrays.stream(shuffled).boxed().toArray()));
        ExperimentSpec spec = spec(Presets.get("mlp-2x128").model(), adam(200, 8, 0.01)
                .withEarlyStopping(new dev.trainbench.spec.EarlyStoppingSpec(3, 0.0)));
        // Validation labels unrelated to training ones: validation loss soon rises while training loss falls.
        Dataset val = blobs(64, 9);
        int[] flipped = new int[val.size()];
        for (int i = 0; i < flipped.length; i++) {
            flipped[i] = 1 - val.labels()[i];
        }
        Dataset wrongVal = Dataset.classification("flipped", val.features(), new int[] {2}, flipped, List.of("a", "b"), null);
        Result r = train(spec, noise, wrongVal, new RunControl(), TrainingLoop.Options.defaults());
        assertEquals(RunStatus.EARLY_STOPPED, r.record().status());
        assertTrue(r.record().epochsCompleted() < 200);
        assertEquals(r.record().epochsCompleted() - 3, r.record().bestEpoch());
    }

    @Test
    void regressionTrainsWithL2Loss() throws Exception {
        Random rnd = new Random(5);
        int n = 256;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
            y[i] = 2 * x[i] + 1;
        }
        Dataset d = Dataset.regression("line", x, new int[] {1}, y, 1, List.of("x"));
        ExperimentSpec spec = spec(new ModelSpec(null, List.of(), null), adam(20, 32, 0.05).withLoss(TrainingSpec.Loss.L2));
        Result r = train(spec, d, d, new RunControl(), TrainingLoop.Options.defaults());
        assertEquals(RunStatus.COMPLETED, r.record().status());
        assertTrue(r.record().bestValidationLoss() < 0.01, "loss " + r.record().bestValidationLoss());
        assertTrue(Float.isNaN(r.history().accuracy(0)));
    }

    @Test
    void learningRateFollowsTheSchedule() throws Exception {
        ExperimentSpec spec = spec(Presets.get("tiny-mlp").model(), adam(2, 32, 0.01)
                .withSchedule(new dev.trainbench.spec.ScheduleSpec(dev.trainbench.spec.ScheduleSpec.Type.COSINE, null, null, 0.0, 4)));
        Result r = train(spec);
        assertEquals(0.01 * 0.25, r.history().learningRate(0), 1e-6);
        assertTrue(r.history().learningRate(15) < 0.001);
        assertEquals(0.01 * (1 + Math.cos(Math.PI * 3 / 15.0)) / 2, r.history().learningRate(3), 1e-6);
    }
}
