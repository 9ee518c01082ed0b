package dev.trainbench.diagnose;

import static dev.trainbench.diagnose.Runs.get;
import static dev.trainbench.diagnose.Runs.has;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.Preprocessing;
import dev.trainbench.spec.SpecPaths;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Each rule on a made-up run built to show it, and on one built not to. */
class RulesTest {

    @Test
    void aHealthyRunHasNoFindings() {
        Diagnoser d = Runs.diagnoser(Runs.reluSpec());
        Runs.healthy(d, 200);
        for (int e = 1; e <= 10; e++) {
            d.evidence().epoch(e, 1.0 / e, 0.5 + e / 25.0, 1.1 / e, 0.5 + e / 26.0);
            d.refresh();
        }
        d.end();
        assertEquals(List.of(), d.findings());
        assertFalse(d.diverged());
    }

    @Test
    void aLossThatBlowsUpAndSitsAtChanceIsLrTooHighAndDiverged() {
        ExperimentSpec spec = Runs.spec(Runs.mlp(LayerSpec.Type.RELU, 2, 64), InitSpec.Type.HE, OptimizerSpec.adam(1.0));
        Diagnoser d = Runs.diagnoser(spec);
        double chance = Math.log(3);
        Runs.steps(d, 0, 2, s -> s == 0 ? chance : 1e7, s -> 0.33, 1.0, new double[] {0.5, 0.6, 0.8}, s -> s == 1 ? 1e6 : 1,
                new double[] {0, 0, Double.NaN});
        Finding early = get(d, RuleIds.LR_TOO_HIGH);
        assertEquals(Severity.WARNING, early.severity(), "not yet decided right after the blow-up");
        Runs.steps(d, 2, 120, s -> chance * (1 + 0.02 * Math.sin(s)), s -> 0.33, 1.0, new double[] {0, 0, 0.2}, s -> 1,
                new double[] {1.0, 1.0, Double.NaN});
        Finding f = get(d, RuleIds.LR_TOO_HIGH);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(d.diverged());
        assertTrue(d.unrecoverable(), "no gradient reaches the hidden layers after the blow-up");
        assertEquals("training.optimizer.learningRate", f.tryThis().path());
        assertEquals(0.1, f.tryThis().value().asDouble(), 1e-12);
        assertTrue(f.message().contains("step 1"), f.message());
        assertFalse(has(d, RuleIds.VANISHING_GRADIENTS), "the zero gradients are dead ReLUs after the blow-up");
        assertFalse(has(d, RuleIds.LOSS_FLAT));
        assertFalse(has(d, RuleIds.EXPLODING_GRADIENTS));
        for (Finding x : d.findings()) {
            String text = (x.title() + " " + x.message() + " " + x.changes()).toLowerCase(Locale.ROOT);
            assertFalse(text.contains("sigmoid"), x.toString());
            assertFalse(java.util.regex.Pattern.compile("\\bhe\\b").matcher(text).find(), x.toString());
        }
        Finding dead = get(d, RuleIds.DEAD_RELU);
        assertEquals("training.optimizer.learningRate", dead.tryThis().path(), "dead after a blow-up: the learning rate");
    }

    @Test
    void aSpikeThatRecoversIsOnlyInformation() {
        Diagnoser d = Runs.diagnoser(Runs.reluSpec());
        Runs.steps(d, 0, 200, s -> s == 5 ? 50 : 0.1 + (Math.log(3) - 0.1) * Math.exp(-s / 30.0),
                s -> 0.33 + 0.6 * (1 - Math.exp(-s / 30.0)), 1e-3, new double[] {0.5, 0.6, 0.8}, s -> 1, null);
        assertEquals(Severity.INFO, get(d, RuleIds.LR_TOO_HIGH).severity());
        assertFalse(d.diverged());
    }

    @Test
    void aNonFiniteLossIsLrTooHigh() {
        Diagnoser d = Runs.diagnoser(Runs.reluSpec());
        Runs.steps(d, 0, 5, s -> s < 4 ? 1.0 : Double.NaN, s -> 0.3, 1e-3, new double[] {1, 1, 1}, s -> 1, null);
        Finding f = get(d, RuleIds.LR_TOO_HIGH);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().startsWith("the loss became NaN at step 4"), f.message());
    }

    @Test
    void aFlatLossWithALowLearningRateSuggestsTenTimesMore() {
        ExperimentSpec spec = Runs.spec(Runs.mlp(LayerSpec.Type.RELU, 2, 64), InitSpec.Type.HE,
                OptimizerSpec.sgd(1e-4, 0, false));
        Diagnoser d = Runs.diagnoser(spec);
        Runs.steps(d, 0, 60, s -> Math.log(3) * (1 - 0.0001 * s), s -> 0.33, 1e-4, new double[] {0.5, 0.6, 0.8},
                s -> 1, null);
        Finding f = get(d, RuleIds.LOSS_FLAT);
        assertEquals(1e-3, f.tryThis().value().asDouble(), 1e-12);
        assertTrue(f.title().contains("very low"), f.title());
    }

    @Test
    void aFlatLossAtAHugeSgdRateNeverCallsItTooLow() {
        ExperimentSpec spec = Runs.spec(Runs.mlp(LayerSpec.Type.RELU, 2, 64), InitSpec.Type.HE, OptimizerSpec.sgd(10, 0, false));
        Diagnoser d = Runs.diagnoser(spec);
        Runs.steps(d, 0, 60, s -> Math.log(3) * (1 + 0.01 * Math.sin(s)), s -> 0.33, 10, new double[] {0.5, 0.6, 0.8},
                s -> 1, null);
        Finding f = get(d, RuleIds.LOSS_FLAT);
        assertFalse(f.message().contains("too low") || f.message().contains("very low"), f.message());
        assertEquals(1.0, f.tryThis().value().asDouble(), 1e-12);
    }

    @Test
    void aLossThatFallsIsNotFlat() {
        Diagnoser d = Runs.diagnoser(Runs.reluSpec());
        Runs.healthy(d, 60);
        assertFalse(has(d, RuleIds.LOSS_FLAT));
    }

    @Test
    void validationLossRisingWhileTrainingFallsIsOverfittingWithAOneFieldFix() {
        Diagnoser d = Runs.diagnoser(Runs.reluSpec());
        Runs.healthy(d, 200);
        double[] val = {0.9, 0.6, 0.5, 0.55, 0.65, 0.8};
        for (int e = 0; e < val.length; e++) {
            d.evidence().epoch(e + 1, 0.8 / (e + 1), 0.7 + 0.05 * e, val[e], 0.8 - (e > 2 ? 0.03 * e : 0));
            d.refresh();
        }
        Finding f = get(d, RuleIds.OVERFITTING);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains("epoch 3"), f.message());
        ExperimentSpec changed = f.tryThis().apply(Runs.reluSpec());
        assertEquals(LayerSpec.Type.DROPOUT, changed.model().layers().get(changed.model().layers().size() - 1).type());
        for (TryThis t : f.changes()) {
            t.apply(Runs.reluSpec()); // every offered change is a valid spec
        }
    }

    @Test
    void validationLossThatKeepsFallingIsNotOverfitting() {
        Diagnoser d = Runs.diagnoser(Runs.reluSpec());
        for (int e = 1; e <= 8; e++) {
            d.evidence().epoch(e, 1.0 / e, 0.6, 1.1 / e, 0.6);
            d.refresh();
        }
        assertFalse(has(d, RuleIds.OVERFITTING));
    }

    @Test
    void aHighFinalLossThatStillFallsIsUnderfittingWithMoreEpochs() {
        Diagnoser d = Runs.diagnoser(Runs.reluSpec());
        Runs.steps(d, 0, 200, s -> Math.log(3) * (1 - 0.3 * s / 200.0), s -> 0.4, 1e-3, new double[] {0.5, 0.6, 0.8},
                s -> 1, null);
        for (int e = 1; e <= 10; e++) {
            d.evidence().epoch(e, Math.log(3) * (1 - 0.04 * e), 0.45, Math.log(3) * (1 - 0.04 * e), 0.45);
            d.refresh();
        }
        d.end();
        Finding f = get(d, RuleIds.UNDERFITTING);
        assertEquals("training.epochs", f.tryThis().path());
        assertEquals(20, f.tryThis().value().asInt());
    }

    @Test
    void stackedSigmoidsWithTinyFirstLayerGradientsAreVanishingGradients() {
        ExperimentSpec spec = Runs.spec(Runs.mlp(LayerSpec.Type.SIGMOID, 8, 64), InitSpec.Type.XAVIER,
                OptimizerSpec.sgd(0.1, 0.9, false));
        Diagnoser d = Runs.diagnoser(spec);
        double[] grads = new double[9];
        for (int l = 0; l < 9; l++) {
            grads[l] = Math.pow(10, l - 8.0);
        }
        Runs.steps(d, 0, 60, s -> Math.log(3), s -> 0.33, 0.1, grads, s -> 1, null);
        Finding f = get(d, RuleIds.VANISHING_GRADIENTS);
        assertEquals("model.layers", f.tryThis().path());
        ExperimentSpec relu = f.tryThis().apply(spec);
        assertEquals(0, relu.model().layers().stream().filter(l -> l.type() == LayerSpec.Type.SIGMOID).count());
        assertEquals(8, relu.model().layers().stream().filter(l -> l.type() == LayerSpec.Type.RELU).count());
        assertFalse(has(d, RuleIds.LOSS_FLAT), "the flat loss is explained by the vanishing gradients");
    }

    @Test
    void smallFirstLayerGradientsInAShallowReluNetAreNotVanishingGradients() {
        Diagnoser d = Runs.diagnoser(Runs.reluSpec());
        Runs.steps(d, 0, 60, s -> 1.0 - s / 100.0, s -> 0.5, 1e-3, new double[] {1e-4, 0.1, 1}, s -> 1, null);
        assertFalse(has(d, RuleIds.VANISHING_GRADIENTS));
    }

    @Test
    void gradientNormSpikesAreExplodingGradientsWithClipping() {
        Diagnoser d = Runs.diagnoser(Runs.reluSpec());
        Runs.steps(d, 0, 100, s -> 1.0 - s / 200.0, s -> 0.5, 1e-3, new double[] {0.5, 0.5, 0.5},
                s -> s == 50 ? 500 : 1, null);
        Finding f = get(d, RuleIds.EXPLODING_GRADIENTS);
        assertEquals("training.clipNorm", f.tryThis().path());
        assertTrue(f.message().contains("step 50"), f.message());
        Diagnoser calm = Runs.diagnoser(Runs.reluSpec());
        Runs.steps(calm, 0, 100, s -> 1.0 - s / 200.0, s -> 0.5, 1e-3, new double[] {0.5, 0.5, 0.5},
                s -> 1 + 0.5 * Math.sin(s), null);
        assertFalse(has(calm, RuleIds.EXPLODING_GRADIENTS));
    }

    @Test
    void mostlyDeadReluLayersWithoutABlowUpSuggestALeakyRelu() {
        Diagnoser d = Runs.diagnoser(Runs.reluSpec());
        Runs.steps(d, 0, 60, s -> 1.0 - s / 200.0, s -> 0.5, 1e-3, new double[] {0.5, 0.5, 0.5}, s -> 1,
                new double[] {0.1, 0.7, Double.NaN});
        Finding f = get(d, RuleIds.DEAD_RELU);
        assertEquals("model.layers[3].type", f.tryThis().path(), "the ReLU after the second dense layer");
        assertEquals("leakyrelu", f.tryThis().value().asText());
        Diagnoser alive = Runs.diagnoser(Runs.reluSpec());
        Runs.steps(alive, 0, 60, s -> 1.0 - s / 200.0, s -> 0.5, 1e-3, new double[] {0.5, 0.5, 0.5}, s -> 1,
                new double[] {0.1, 0.3, Double.NaN});
        assertFalse(has(alive, RuleIds.DEAD_RELU));
    }

    @Test
    void rawLargeInputsAreUnscaledAndStandardizedOnesAreNot() {
        ExperimentSpec none = Runs.reluSpec().withPreprocessing(Preprocessing.NONE);
        Diagnoser d = Runs.diagnoser(none, Runs.data(300, false, 100));
        d.update();
        Finding f = get(d, RuleIds.UNSCALED_INPUTS);
        assertEquals("preprocessing", f.tryThis().path());
        assertEquals("standardize", f.tryThis().value().asText());
        Diagnoser fine = Runs.diagnoser(Runs.reluSpec(), Runs.data(300, false, 1));
        fine.update();
        assertFalse(has(fine, RuleIds.UNSCALED_INPUTS));
    }

    @Test
    void classOrderedDataWithoutShufflingIsFlaggedAndShuffledIsNot() {
        ExperimentSpec noShuffle = Runs.reluSpec().withSplit(Runs.reluSpec().split().withShuffle(false));
        Diagnoser d = Runs.diagnoser(noShuffle, Runs.data(300, true, 1));
        d.update();
        Finding f = get(d, RuleIds.NO_SHUFFLE_ORDERED_DATA);
        assertEquals("split.shuffle", f.tryThis().path());
        assertTrue(f.tryThis().apply(noShuffle).split().shuffle());
        Diagnoser mixed = Runs.diagnoser(noShuffle, Runs.data(300, false, 1));
        mixed.update();
        assertFalse(has(mixed, RuleIds.NO_SHUFFLE_ORDERED_DATA), "no shuffling, but the data is not ordered");
        Diagnoser shuffled = Runs.diagnoser(Runs.reluSpec(), Runs.data(300, true, 1));
        shuffled.update();
        assertFalse(has(shuffled, RuleIds.NO_SHUFFLE_ORDERED_DATA));
    }

    @Test
    void zeroInitIsSymmetricAndTheFixFitsTheActivations() {
        ExperimentSpec relu = Runs.spec(Runs.mlp(LayerSpec.Type.RELU, 2, 64), InitSpec.Type.ZEROS, OptimizerSpec.adam(1e-3));
        Diagnoser d = Runs.diagnoser(relu);
        d.update();
        assertEquals(Severity.WARNING, get(d, RuleIds.SYMMETRIC_INIT).severity(), "before any step: from the spec");
        Runs.steps(d, 0, 60, s -> Math.log(3), s -> 0.33, 1e-3, new double[] {0, 0, 0.3}, s -> 1,
                new double[] {1, 1, Double.NaN});
        Finding f = get(d, RuleIds.SYMMETRIC_INIT);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("he", f.tryThis().value().asText());
        assertFalse(has(d, RuleIds.DEAD_RELU), "explained by the zero initialization");
        assertFalse(has(d, RuleIds.LOSS_FLAT));
        ExperimentSpec sigmoid = Runs.spec(Runs.mlp(LayerSpec.Type.SIGMOID, 2, 64), InitSpec.Type.ZEROS,
                OptimizerSpec.adam(1e-3));
        Diagnoser s = Runs.diagnoser(sigmoid);
        s.update();
        assertEquals("xavier", get(s, RuleIds.SYMMETRIC_INIT).tryThis().value().asText());
        Diagnoser he = Runs.diagnoser(Runs.reluSpec());
        he.update();
        assertFalse(has(he, RuleIds.SYMMETRIC_INIT));
    }

    @Test
    void heavyImbalanceIsFlagged() {
        dev.trainbench.data.Dataset skewed = Runs.data(300, false, 1);
        int[] labels = skewed.labels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 280 ? 0 : i < 290 ? 1 : 2;
        }
        Diagnoser d = Runs.diagnoser(Runs.reluSpec(), skewed);
        d.update();
        Finding f = get(d, RuleIds.CLASS_IMBALANCE);
        assertTrue(f.message().contains("280"), f.message());
        Diagnoser balanced = Runs.diagnoser(Runs.reluSpec());
        balanced.update();
        assertFalse(has(balanced, RuleIds.CLASS_IMBALANCE));
    }

    @Test
    void everyOfferedChangeIsOneValidFieldChange() {
        ExperimentSpec spec = Runs.reluSpec();
        for (TryThis t : List.of(Changes.learningRate(spec, 0.1), Changes.init(spec, InitSpec.Type.XAVIER),
                Changes.appendDropout(spec, 0.3), Changes.layerType(spec, 1, LayerSpec.Type.LEAKYRELU),
                Changes.clipNorm(spec, 1), Changes.shuffle(spec.withSplit(spec.split().withShuffle(false))),
                Changes.units(spec, 0, 128), Changes.epochs(spec, 20), Changes.batchSize(spec, 16))) {
            ExperimentSpec changed = t.apply(spec);
            List<String> before = SpecPaths.leafPaths(spec);
            List<String> after = SpecPaths.leafPaths(changed);
            long differing = java.util.stream.Stream.concat(before.stream(), after.stream()).distinct()
                    .filter(p -> !SpecPaths.getText(spec, safe(spec, p)).equals(SpecPaths.getText(changed, safe(changed, p))))
                    .filter(p -> !p.startsWith(t.path()))
                    .count();
            assertEquals(0, differing, t + " changes only " + t.path());
            assertNotNull(t.label());
        }
    }

    private static String safe(ExperimentSpec spec, String path) {
        try {
            SpecPaths.get(spec, path);
            return path;
        } catch (RuntimeException e) {
            return "name";
        }
    }

    @Test
    void aChangeToWhatTheSpecAlreadyHasIsNeverOffered() {
        ExperimentSpec spec = Runs.spec(Runs.mlp(LayerSpec.Type.RELU, 2, 64), InitSpec.Type.HE, OptimizerSpec.adam(1e-3));
        Finding f = new Finding("x", Severity.WARNING, "t", "m", null, "tip", Changes.init(spec, InitSpec.Type.HE),
                List.of(Changes.learningRate(spec, 0.1)));
        Finding cleaned = Diagnoser.withoutNoOps(f);
        assertEquals("training.optimizer.learningRate", cleaned.tryThis().path());
        assertNull(Diagnoser.withoutNoOps(new Finding("x", Severity.INFO, "t", "m", null, "tip",
                Changes.init(spec, InitSpec.Type.HE), List.of())).tryThis());
    }
}
