package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.Dataset;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real probes on tiny data: a healthy MLP passes both; the known failures warn. */
class SanityProbesTest {

    @TempDir
    Path dir;

    static ModelSpec mlp(InitSpec.Type init) {
        return new ModelSpec(null, List.of(LayerSpec.dense(32), LayerSpec.of(LayerSpec.Type.RELU),
                LayerSpec.dense(32), LayerSpec.of(LayerSpec.Type.RELU)), new InitSpec(init, null));
    }

    static ExperimentSpec spec(DataSpec data, ModelSpec model, double lr) {
        TrainingSpec t = TrainingSpec.defaults().withBatchSize(32).withOptimizer(OptimizerSpec.adam(lr));
        return new ExperimentSpec(null, "probe", 7L, data, null, null, null, model, t);
    }

    List<SanityProbes.Finding> probe(ExperimentSpec spec) {
        return SanityProbes.run(spec, dir, SanityProbes.Options.defaults(), w -> { });
    }

    @Test
    void healthyMlpPassesBothProbesOnBlobs() {
        List<SanityProbes.Finding> f = probe(spec(DataSpec.toy("blobs", 400, 0.5, 2), mlp(InitSpec.Type.HE), 0.01));
        assertEquals(2, f.size());
        assertTrue(f.get(0).ok(), f.get(0).line());
        assertTrue(f.get(0).line().startsWith("OK overfit one batch: 16 samples, loss "), f.get(0).line());
        assertTrue(f.get(0).line().contains("batch accuracy 100%"), f.get(0).line());
        assertTrue(f.get(1).ok(), f.get(1).line());
        assertTrue(f.get(1).line().startsWith("OK input-independent baseline: validation loss "), f.get(1).line());
    }

    @Test
    void withoutAValidationSplitTheBaselineSaysItScoresOnHeldOutTrainingSamplesNotTheTestSplit() {
        ExperimentSpec s = spec(DataSpec.toy("blobs", 400, 0.5, 2), mlp(InitSpec.Type.HE), 0.01)
                .withSplit(new dev.trainbench.spec.SplitSpec(80.0, 0.0, 20.0, null, null, null));
        List<SanityProbes.Finding> f = probe(s);
        assertTrue(f.get(1).ok(), f.get(1).line());
        assertTrue(f.get(1).line().contains("scored on 64 training samples the probe does not train on, as there is no"
                + " validation split"), f.get(1).line());
        assertTrue(f.get(1).line().contains("on 256 samples"), f.get(1).line());
    }

    @Test
    void withAValidationSplitTheBaselineSaysSo() {
        List<SanityProbes.Finding> f = probe(spec(DataSpec.toy("blobs", 400, 0.5, 2), mlp(InitSpec.Type.HE), 0.01));
        assertTrue(f.get(1).line().contains("scored on the validation split (60 samples)"), f.get(1).line());
    }

    @Test
    void healthyMlpPassesOnSpiralAndMnist() {
        for (DataSpec data : List.of(DataSpec.toy("spiral", 450, 0.2, 3), DataSpec.sample("mnist"))) {
            ModelSpec model = data.source() == DataSpec.Source.SAMPLE
                    ? new ModelSpec(null, List.of(LayerSpec.of(LayerSpec.Type.FLATTEN), LayerSpec.dense(64),
                            LayerSpec.of(LayerSpec.Type.RELU)), new InitSpec(InitSpec.Type.HE, null))
                    : mlp(InitSpec.Type.HE);
            List<SanityProbes.Finding> f = probe(spec(data, model, 0.01));
            assertTrue(f.get(0).ok() && f.get(1).ok(), f.toString());
        }
    }

    @Test
    void zeroInitializationCannotOverfitOneBatch() {
        SanityProbes.Finding f = probe(spec(DataSpec.toy("blobs", 400, 0.5, 2), mlp(InitSpec.Type.ZEROS), 0.01)).get(0);
        assertFalse(f.ok(), f.line());
        assertTrue(f.line().startsWith("WARNING overfit one batch"), f.line());
        assertTrue(f.line().contains("after 200 steps") && f.line().contains("zero initialization"), f.line());
    }

    @Test
    void aTinyLearningRateCannotOverfitOneBatch() {
        SanityProbes.Finding f = probe(spec(DataSpec.toy("blobs", 400, 0.5, 2), mlp(InitSpec.Type.HE), 1e-9)).get(0);
        assertFalse(f.ok(), f.line());
        assertTrue(f.line().contains("hardly moved") && f.line().contains("1e-9"), f.line());
    }

    /**
     * SGD at 10 on MNIST: the loss blows up to ~1e7 in the first steps, the units die, and it ends
     * near where it started. Judged by start and end alone that looked "hardly moved", and Check...
     * said the rate "may be far too low"; the peak shows it blew up.
     */
    @Test
    void sgdAtLearningRateTenIsCalledTooHighNeverTooLow() {
        ModelSpec model = new ModelSpec(null, List.of(LayerSpec.of(LayerSpec.Type.FLATTEN), LayerSpec.dense(64),
                LayerSpec.of(LayerSpec.Type.RELU)), new InitSpec(InitSpec.Type.HE, null));
        ExperimentSpec spec = spec(DataSpec.sample("mnist"), model, 0.01);
        spec = spec.withTraining(spec.training().withOptimizer(OptimizerSpec.sgd(10, 0, false)));
        PreparedData data = DataPreparation.prepare(spec, dir, w -> { });
        SanityProbes.Finding f = SanityProbes.overfitOneBatch(spec, data, 16, 200);
        assertFalse(f.ok(), f.line());
        assertFalse(f.line().contains("too low"), f.line());
        assertTrue(f.line().contains("the learning rate 10 is too high (lr-too-high); divide it by 10 (1)"), f.line());
    }

    @Test
    void baselineWarnsWhenLabelsAreUnrelatedToTheInputs() throws Exception {
        Random r = new Random(3);
        StringBuilder csv = new StringBuilder("x1,x2,x3,x4,label\n");
        for (int i = 0; i < 600; i++) {
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%s%n", r.nextGaussian(), r.nextGaussian(),
                    r.nextGaussian(), r.nextGaussian(), r.nextBoolean() ? "yes" : "no"));
        }
        Files.writeString(dir.resolve("noise.csv"), csv);
        List<SanityProbes.Finding> f = probe(spec(DataSpec.csv("noise.csv", "label"), mlp(InitSpec.Type.HE), 0.01));
        SanityProbes.Finding baseline = f.get(1);
        assertFalse(baseline.ok(), baseline.line());
        assertTrue(baseline.line().startsWith("WARNING input-independent baseline"), baseline.line());
        assertTrue(baseline.line().contains("not using its inputs"), baseline.line());
    }

    @Test
    void theBatchIsSeededAndBalancedOverTheClasses() {
        int n = 90;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < 60 ? 0 : (i < 80 ? 1 : 2);
        }
        Dataset d = Dataset.classification("skewed", new float[n], new int[] {1}, labels, List.of("a", "b", "c"), null);
        int[] batch = SanityProbes.oneBatch(d, 12, 5);
        int[] counts = new int[3];
        for (int i : batch) {
            counts[labels[i]]++;
        }
        assertArrayEquals(new int[] {4, 4, 4}, counts);
        assertArrayEquals(batch, SanityProbes.oneBatch(d, 12, 5));
        assertFalse(java.util.Arrays.equals(batch, SanityProbes.oneBatch(d, 12, 6)));
        assertEquals(90, SanityProbes.oneBatch(d, 500, 5).length);
    }
}
