package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.model.Presets;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LrFinderTest {

    static ExperimentSpec blobs() {
        return new ExperimentSpec(null, "lr", 3L, DataSpec.toy("blobs", 600, 0.5, 3), null, null, null,
                Presets.get("mlp-2x128").model(), TrainingSpec.defaults().withBatchSize(32)
                .withOptimizer(OptimizerSpec.sgd(0.1, 0.9, false)));
    }

    @Test
    void sweepRaisesTheRateExponentiallyAndStopsWhenTheLossExplodes() {
        // Unscaled inputs (x1000) make large learning rates blow up for sure.
        dev.trainbench.data.Dataset data = TrainingLoopTest.blobs(600, 1);
        float[] big = data.features().clone();
        for (int i = 0; i < big.length; i++) {
            big[i] *= 1000;
        }
        LrFinder.Result r = LrFinder.sweep(blobs(), data.withFeatures(big), LrFinder.Options.defaults());
        List<LrFinder.Point> p = r.points();
        assertEquals(1e-7, p.get(0).learningRate(), 1e-12);
        double ratio = p.get(1).learningRate() / p.get(0).learningRate();
        assertEquals(Math.pow(1e8, 1.0 / 99), ratio, 1e-9);
        assertTrue(r.diverged(), "SGD with momentum up to lr 10 must blow up");
        assertTrue(p.size() < 100);
        double minSmoothed = p.stream().mapToDouble(LrFinder.Point::smoothedLoss).min().orElseThrow();
        assertTrue(minSmoothed < 0.5 * p.get(0).smoothedLoss(), "the loss must fall somewhere in the sweep");
    }

    @Test
    void suggestionsLieWhereTheLossFalls() {
        LrFinder.Result r = LrFinder.sweep(blobs(), TrainingLoopTest.blobs(600, 1), LrFinder.Options.defaults());
        for (double s : new double[] {r.valley(), r.steep(), r.minimumOver10()}) {
            assertTrue(s > 1e-5 && s < 2, "suggestion " + s);
        }
    }

    @Test
    void valleyIsInsideTheLongestDecreasingStretch() {
        List<LrFinder.Point> p = new ArrayList<>();
        double[] losses = {5, 5, 4.9, 4, 3, 2, 1, 0.5, 0.4, 3, 9};
        for (int i = 0; i < losses.length; i++) {
            p.add(new LrFinder.Point(Math.pow(10, -7 + i), losses[i], losses[i]));
        }
        double v = LrFinder.valley(p);
        assertTrue(v >= 1e-5 && v <= 1e0, "valley " + v);
        assertEquals(1e1 / 10, LrFinder.minimumOver10(p), 1e-12);
    }
}
