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

    /**
     * A sweep like the one in issue 10 (item 13): the loss is lowest at 0.4 and explodes from there,
     * while the lagging smoothed curve still falls fastest at 0.63. No suggestion may lie past the
     * point where the loss started its blow-up.
     */
    static List<LrFinder.Point> blowUpAtPoint4() {
        double[] lr = {0.1, 0.16, 0.25, 0.4, 0.63, 1.0, 1.6, 2.5};
        double[] raw = {1.2, 0.9, 0.6, 0.4, 1.1, 2.5, 9.0, 40};
        double[] smoothed = {2.20, 2.17, 2.12, 2.06, 1.85, 1.70, 1.9, 3.0};
        List<LrFinder.Point> p = new ArrayList<>();
        for (int i = 0; i < lr.length; i++) {
            p.add(new LrFinder.Point(lr[i], raw[i], smoothed[i]));
        }
        return p;
    }

    @Test
    void noSuggestionLiesPastWhereTheLossBlewUp() {
        List<LrFinder.Point> p = blowUpAtPoint4();
        assertEquals(0.63, LrFinder.steep(p), 1e-9, "on the whole curve the steepest descent is past the blow-up");
        List<LrFinder.Point> usable = LrFinder.beforeBlowUp(p, 4);
        assertEquals(0.4, usable.get(usable.size() - 1).learningRate(), 1e-9);
        LrFinder.Result r = LrFinder.suggest(p, 4, true);
        for (double s : new double[] {r.valley(), r.steep(), r.minimumOver10()}) {
            assertTrue(s <= 0.4, "suggestion " + s + " lies past the blow-up at 0.4");
        }
        assertEquals(p, r.points(), "the plot keeps the whole sweep");
    }

    @Test
    void aCurveThatFallsToTheEndIsUsedWhole() {
        List<LrFinder.Point> p = blowUpAtPoint4().subList(0, 4);
        assertEquals(4, LrFinder.beforeBlowUp(p, 4).size());
    }

    /** The tail of a real sweep of examples/spiral-mlp.json: unstable from 0.29, recovering, then exploding at 0.74. */
    @Test
    void aFallAfterTheLowestSmoothedLossIsNotSuggested() {
        double[][] rows = {{0.0546, 0.804, 0.957}, {0.0658, 0.578, 0.947}, {0.0792, 0.795, 0.943}, {0.0955, 0.688, 0.936},
                {0.115, 0.599, 0.928}, {0.138, 0.814, 0.925}, {0.167, 0.872, 0.924}, {0.201, 1.096, 0.928},
                {0.242, 0.582, 0.919}, {0.292, 2.457, 0.957}, {0.351, 2.384, 0.993}, {0.423, 1.159, 0.997},
                {0.509, 0.627, 0.988}, {0.614, 0.267, 0.970}, {0.739, 5.719, 1.085}, {0.89, 55.842, 2.409}};
        List<LrFinder.Point> p = new ArrayList<>();
        for (double[] r : rows) {
            p.add(new LrFinder.Point(r[0], r[1], r[2]));
        }
        assertEquals(0.509, LrFinder.steep(p), 1e-9, "on the whole curve: in the unstable stretch");
        LrFinder.Result r = LrFinder.suggest(p, 4, true);
        assertTrue(r.steep() <= 0.242, "steep " + r.steep());
        assertTrue(r.valley() <= 0.242, "valley " + r.valley());
        assertEquals(0.0242, r.minimumOver10(), 1e-9);
    }
}
