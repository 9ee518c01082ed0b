package dev.trainbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.DataFingerprint;
import dev.trainbench.data.DataFingerprinter;
import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStoreException;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.spec.SpecPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    static final ExperimentSpec MLP = SpecJson.read(Path.of("examples/mnist-mlp.json"));
    static final ExperimentSpec DROPOUT = SpecPaths.setText(SpecPaths.setText(MLP, "model.layers[3].rate", "0.5"),
            "model.layers[6].rate", "0.5");

    /** Curves per run id, built by the test. */
    final Map<String, RunCurves> curves = new HashMap<>();
    int created;

    RunRecord run(String id, ExperimentSpec spec, String group, Integer index, double[] validationAccuracy) {
        return run(id, spec, group, index, validationAccuracy, DataFingerprinter.of(spec, null));
    }

    RunRecord run(String id, ExperimentSpec spec, String group, Integer index, double[] validationAccuracy,
                  DataFingerprint fp) {
        RunRecord.Builder b = new RunRecord.Builder().id(id).name(group == null ? id : spec.name() + " seed " + spec.seed())
                .spec(spec).seed(spec.seed()).status(RunStatus.COMPLETED).createdAt("2025-01-01T00:00:" + (10 + created++) + "Z")
                .dataFingerprint(fp).parameterCount(118_282L).epochsCompleted(validationAccuracy.length);
        if (group != null) {
            b.groupId(group).groupName(spec.name()).groupIndex(index).groupSize(3);
        }
        RunRecord r = b.build();
        int epochs = validationAccuracy.length;
        int stepsPerEpoch = 4;
        double[][] ev = new double[8][epochs];
        for (int e = 0; e < epochs; e++) {
            ev[0][e] = e + 1;
            ev[1][e] = 1.0 / (e + 1);
            ev[2][e] = validationAccuracy[e] - 0.01;
            ev[3][e] = 1.0 - validationAccuracy[e];
            ev[4][e] = validationAccuracy[e];
            ev[5][e] = 2.0;
            ev[6][e] = 0.001;
            ev[7][e] = 1000;
        }
        MetricsTable epochTable = new MetricsTable(List.of("epoch", "train_loss", "train_accuracy", "validation_loss",
                "validation_accuracy", "seconds", "learning_rate", "samples_per_second"), ev);
        int n = epochs * stepsPerEpoch;
        double[][] sv = new double[4][n];
        for (int i = 0; i < n; i++) {
            sv[0][i] = i;
            sv[1][i] = i / stepsPerEpoch + 1;
            sv[2][i] = 2.0 / (i + 1);
            sv[3][i] = i == 2 ? Double.NaN : 0.1 * i;
        }
        MetricsTable stepTable = new MetricsTable(List.of("step", "epoch", "loss", "grad_norm[1 dense 128]"), sv);
        curves.put(id, new RunCurves(r, r.name(), stepTable, epochTable));
        return r;
    }

    Comparison compare(RunRecord... runs) {
        return Comparison.of(List.of(runs), r -> curves.get(r.id()));
    }

    @Test
    void twoRunsDifferingInDropoutOnlyHaveNoWarningAndACannotTellSeedStatement() {
        Comparison c = compare(run("a", MLP, null, null, new double[] {0.9, 0.95}),
                run("b", DROPOUT, null, null, new double[] {0.91, 0.96}));
        assertEquals(2, c.units().size());
        assertEquals(2, c.diff().differences().size(), "both dropout layers are shown");
        assertEquals(List.of("model.layers[3,6].rate"), c.diff().countedChanges(1),
                "the same change to every dropout layer is one change of the dropout rate");
        assertEquals(List.of(), c.warnings());
        Comparison one = compare(run("c", MLP, null, null, new double[] {0.9}),
                run("d", SpecPaths.setText(MLP, "model.layers[3].rate", "0.3"), null, null, new double[] {0.9}));
        assertEquals(List.of(), one.warnings());
        assertEquals(Comparison.Verdict.CANNOT_TELL, one.groupComparisons().get(0).verdict());
        assertTrue(one.groupComparisons().get(0).statement().contains("each side is a single run, so there is no seed spread"),
                one.groupComparisons().get(0).statement());
        assertEquals(Comparison.DataStatus.SAME, one.dataIdentity().status());
        assertTrue(one.dataIdentity().statements().get(0).startsWith("same data in all 2 runs (fingerprint "),
                one.dataIdentity().statements().toString());
    }

    @Test
    void twoChangedFieldsAreNamedInTheWarning() {
        ExperimentSpec b = SpecPaths.setText(SpecPaths.setText(MLP, "training.optimizer.learningRate", "0.01"),
                "training.batchSize", "128");
        Comparison c = compare(run("a", MLP, null, null, new double[] {0.9}), run("b", b, null, null, new double[] {0.8}));
        assertEquals(List.of("b differs from a in 2 fields (training.optimizer.learningRate, training.batchSize): this"
                + " comparison cannot attribute the difference to any one of them"), c.warnings());
    }

    List<RunRecord> group(String id, ExperimentSpec spec, double... finalAccuracy) {
        List<RunRecord> out = new ArrayList<>();
        for (int i = 0; i < finalAccuracy.length; i++) {
            out.add(run(id + "-" + i, spec.withSeed(spec.seed() + i), id, i, new double[] {0.5, finalAccuracy[i]}));
        }
        return out;
    }

    @Test
    void seedGroupsAreUnitsWhoseSeedIsNotAChange() {
        List<RunRecord> runs = new ArrayList<>(group("g-base", MLP, 0.962, 0.966, 0.961));
        runs.addAll(group("g-drop", SpecPaths.setText(DROPOUT.withName("dropout"), "model.layers[6].rate", "0.1"), 0.971, 0.969, 0.973));
        Comparison c = Comparison.of(runs, r -> curves.get(r.id()));
        assertEquals(2, c.units().size());
        assertTrue(c.units().get(0).isGroup());
        assertEquals("mnist-mlp", c.units().get(0).label());
        assertEquals(List.of(), c.warnings(), "only dropout differs; the seed varies within groups by design");
        DiffEntry seed = c.diff().entries().stream().filter(e -> e.path().equals("seed")).findFirst().orElseThrow();
        assertEquals(List.of("42–44", "42–44"), seed.values());
        assertFalse(seed.counted());
        assertEquals(List.of("model.layers[3].rate"), c.diff().countedChanges(1));

        Comparison.GroupComparison g = c.groupComparisons().get(0);
        assertEquals(Comparison.Verdict.LARGER_THAN_SPREAD, g.verdict());
        assertEquals(4.177863742936748, g.test().t(), 1e-9, "dropout minus baseline, as scipy gives it");
        assertTrue(g.statement().startsWith("dropout vs mnist-mlp, final validation accuracy: 97.10 ± 0.20 % (n=3, 96.90–97.30)"
                + " vs 96.30 ± 0.26 % (n=3, 96.10–96.60); difference +0.80 points, larger than the seed spread (Welch's"
                + " t-test: t = 4.18, df = 3.7, p = 0.016 < 0.05)"), g.statement());
        assertEquals(Comparison.DataStatus.SAME, c.dataIdentity().status(), c.dataIdentity().statements().toString());

        List<Band> bands = c.bands(Metric.VALIDATION_ACCURACY, XAxis.EPOCH);
        assertEquals(2, bands.size());
        assertEquals(0.971, bands.get(1).mean()[1], 1e-9);
        assertEquals(0.969, bands.get(1).min()[1], 1e-9);
        assertEquals(0.973, bands.get(1).max()[1], 1e-9);
        assertFalse(bands.get(1).partial());
    }

    @Test
    void overlappingGroupsAreWithinTheSeedSpread() {
        List<RunRecord> runs = new ArrayList<>(group("g-a", MLP, 0.96, 0.97, 0.95));
        runs.addAll(group("g-b", DROPOUT.withName("b"), 0.965, 0.955, 0.97));
        Comparison.GroupComparison g = Comparison.of(runs, r -> curves.get(r.id())).groupComparisons().get(0);
        assertEquals(Comparison.Verdict.WITHIN_SPREAD, g.verdict());
        assertTrue(g.statement().contains("not larger than the seed spread"), g.statement());
        assertTrue(g.statement().contains("it may be seed noise"), g.statement());
    }

    @Test
    void aGroupAgainstASingleRunCannotTell() {
        List<RunRecord> runs = new ArrayList<>(group("g-a", MLP, 0.96, 0.97, 0.95));
        runs.add(run("single", DROPOUT, null, null, new double[] {0.5, 0.99}));
        Comparison.GroupComparison g = Comparison.of(runs, r -> curves.get(r.id())).groupComparisons().get(0);
        assertEquals(Comparison.Verdict.CANNOT_TELL, g.verdict());
        assertNull(g.test());
        assertTrue(g.statement().contains("single is a single run, so there is no seed spread to compare with"), g.statement());
    }

    @Test
    void oneSelectedMemberOfAGroupIsASingleRun() {
        List<RunRecord> g = group("g-a", MLP, 0.96, 0.97, 0.95);
        Comparison c = compare(g.get(0), run("other", DROPOUT, null, null, new double[] {0.9}));
        assertFalse(c.units().get(0).isGroup());
        assertFalse(c.hasGroups());
    }

    @Test
    void fewerThanTwoRunsIsRefused() {
        RunRecord only = run("a", MLP, null, null, new double[] {0.9});
        RunStoreException e = assertThrows(RunStoreException.class, () -> compare(only));
        assertTrue(e.getMessage().startsWith("compare needs at least two runs"), e.getMessage());
    }

    @Test
    void runsWithoutAFingerprintFallBackToTheDataSettings() {
        Comparison same = compare(run("old", MLP, null, null, new double[] {0.9}, null),
                run("new", DROPOUT, null, null, new double[] {0.9}));
        assertEquals(Comparison.DataStatus.UNKNOWN, same.dataIdentity().status());
        assertEquals(List.of("new: data identity unknown (old was recorded before TrainBench stored a data fingerprint);"
                + " the data settings are the same as old's (files not checked)"), same.dataIdentity().statements());
        Comparison subset = compare(run("old", MLP, null, null, new double[] {0.9}, null),
                run("new", SpecPaths.setText(MLP, "split.subset", "3000"), null, null, new double[] {0.9}));
        assertTrue(subset.dataIdentity().statements().get(0).endsWith("differ from old's in split.subset"),
                subset.dataIdentity().statements().toString());
    }

    @Test
    void differentDataIsSaidWithTheReason() {
        Comparison c = compare(run("a", MLP, null, null, new double[] {0.9}),
                run("b", MLP.withSeed(7), null, null, new double[] {0.9}));
        assertEquals(Comparison.DataStatus.DIFFERENT, c.dataIdentity().status());
        assertEquals(List.of("b: same files, different split seed (42 vs 7) (compared with a)"), c.dataIdentity().statements());
    }

    @Test
    void metricsTableReadsBestAndFinalValuesFromTheEpochs() {
        Comparison c = compare(run("a", MLP, null, null, new double[] {0.90, 0.95, 0.93}),
                run("b", DROPOUT, null, null, new double[] {0.8}));
        RunMetrics a = c.metrics().get(0);
        assertEquals(0.95, a.bestValidationAccuracy(), 1e-12);
        assertEquals(2, a.bestValidationAccuracyEpoch());
        assertEquals(0.05, a.bestValidationLoss(), 1e-12);
        assertEquals(2, a.bestValidationLossEpoch());
        assertEquals(0.93, a.finalValidationAccuracy(), 1e-12);
        assertEquals(3, a.epochs());
        assertEquals(118_282L, a.parameters());
        assertNull(a.testAccuracy());
    }

    @Test
    void curvesArePlacedOnStepEpochAndTimeAxes() {
        Comparison c = compare(run("a", MLP, null, null, new double[] {0.90, 0.95}),
                run("b", DROPOUT, null, null, new double[] {0.8, 0.85, 0.9}));
        RunCurves a = c.curves("a");
        Series byEpoch = a.series(Metric.STEP_LOSS, XAxis.EPOCH);
        assertEquals(0.25, byEpoch.x()[0], 1e-12);
        assertEquals(1.0, byEpoch.x()[3], 1e-12);
        assertEquals(2.0, byEpoch.x()[7], 1e-12);
        Series byTime = a.series(Metric.VALIDATION_LOSS, XAxis.TIME);
        assertEquals(List.of(2.0, 4.0), List.of(byTime.x()[0], byTime.x()[1]));
        assertEquals(3.0, a.series(Metric.STEP_LOSS, XAxis.TIME).x()[5], 1e-12, "step 6 of 8: half-way through epoch 2");
        Series atSteps = a.series(Metric.VALIDATION_ACCURACY, XAxis.STEP);
        assertEquals(3.0, atSteps.x()[0]);
        assertEquals(7.0, atSteps.x()[1]);
        assertEquals(List.of("1 dense 128"), a.layers());
        assertEquals(7, a.layerGradNorm("1 dense 128", XAxis.STEP).size(), "the empty cell is left out");
        assertTrue(a.series(Metric.LEARNING_RATE, XAxis.STEP).isEmpty(), "a column the run does not have is an empty curve");
        assertEquals(2, c.series(Metric.VALIDATION_LOSS, XAxis.EPOCH).get(0).size());
        assertEquals(3, c.series(Metric.VALIDATION_LOSS, XAxis.EPOCH).get(1).size());
    }

    @Test
    void bandsOfUnequalRunsAggregateTheRunsThatGotThereAndSaySo() {
        RunRecord a = run("a", MLP, "g-x", 0, new double[] {0.5, 0.6, 0.7});
        RunRecord b = run("b", MLP.withSeed(43), "g-x", 1, new double[] {0.5, 0.8});
        Band band = Band.aggregate("g-x", "x", List.of(curves.get("a").series(Metric.VALIDATION_ACCURACY, XAxis.EPOCH),
                curves.get("b").series(Metric.VALIDATION_ACCURACY, XAxis.EPOCH)), XAxis.EPOCH);
        assertEquals(3, band.size());
        assertEquals(0.7, band.mean()[1], 1e-12);
        assertEquals(1, band.count()[2]);
        assertTrue(band.partial());
        assertEquals("x: from epoch 3 on, the mean and band cover only the runs that got there (1 of 2 at the end): the"
                + " runs have unequal lengths", band.note(XAxis.EPOCH));
        assertNotNull(a);
        assertNotNull(b);
    }

    @Test
    void aGroupWhoseRunsDifferInMoreThanTheSeedIsFlagged() {
        List<RunRecord> runs = new ArrayList<>(group("g-a", MLP, 0.96, 0.97));
        runs.add(run("g-a-2", DROPOUT.withSeed(44), "g-a", 2, new double[] {0.5, 0.9}));
        runs.add(run("z", MLP, null, null, new double[] {0.9}));
        Comparison c = Comparison.of(runs, r -> curves.get(r.id()));
        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("mnist-mlp is not a pure seed group: its runs also differ in"
                + " model.layers[3,6].rate")), c.warnings().toString());
    }

    @Test
    void runsOfAGroupThatDidNotFinishAreLeftOutOfItsStatisticsAndSaidSo() {
        List<RunRecord> runs = new ArrayList<>(group("g-a", MLP, 0.96, 0.97, 0.50));
        RunRecord stopped = runs.get(2).toBuilder().status(RunStatus.STOPPED).build();
        curves.put(stopped.id(), curves.get(runs.get(2).id()));
        runs.set(2, stopped);
        runs.addAll(group("g-b", DROPOUT.withName("b"), 0.965, 0.955, 0.97));
        Comparison c = Comparison.of(runs, r -> curves.get(r.id()));
        assertEquals(2, c.statistics().get(0).finalValidationAccuracy().n());
        assertEquals(0.965, c.statistics().get(0).finalValidationAccuracy().mean(), 1e-12);
        assertTrue(c.warnings().contains("mnist-mlp: 1 of 3 runs did not finish (mnist-mlp seed 44 stopped) and is left out"
                + " of its statistics"), c.warnings().toString());
        assertEquals(3, c.metrics().stream().filter(m -> "g-a".equals(m.groupId())).count(), "still in the metrics table");
    }

    @Test
    void collidingNamesAreToldApart() {
        RunRecord a = run("20250101-000000-x-aaaa", MLP, null, null, new double[] {0.9});
        RunRecord b = run("20250101-000000-x-bbbb", DROPOUT, null, null, new double[] {0.9});
        RunRecord a2 = new RunRecord.Builder().id(a.id()).name("same").spec(MLP).seed(42).dataFingerprint(a.dataFingerprint()).build();
        RunRecord b2 = new RunRecord.Builder().id(b.id()).name("same").spec(DROPOUT).seed(42).dataFingerprint(b.dataFingerprint()).build();
        curves.put(a2.id(), curves.get(a.id()));
        curves.put(b2.id(), curves.get(b.id()));
        Comparison c = compare(a2, b2);
        assertEquals(List.of("same (aaaa)", "same (bbbb)"), c.units().stream().map(Comparison.Unit::label).toList());
    }
}
