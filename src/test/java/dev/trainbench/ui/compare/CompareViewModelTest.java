package dev.trainbench.ui.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.compare.Band;
import dev.trainbench.compare.Comparison;
import dev.trainbench.compare.DiffEntry;
import dev.trainbench.compare.Metric;
import dev.trainbench.compare.XAxis;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.spec.SpecPaths;
import dev.trainbench.ui.TestWorkbench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Compare screen's state, without a Stage: runs written to a workspace, compared with same-thread tasks. */
class CompareViewModelTest {
    @TempDir
    Path workspace;

    private TestWorkbench w;
    private CompareViewModel vm;
    private FakeRuns fake;
    private ExperimentSpec base;

    @BeforeEach
    void setUp() {
        w = new TestWorkbench(workspace);
        vm = new CompareViewModel(w.model);
        fake = new FakeRuns(w.model.store());
        base = SpecJson.read(Path.of("examples/spiral-mlp.json")).withName("spiral").withTraining(
                SpecJson.read(Path.of("examples/spiral-mlp.json")).training().withEarlyStopping(null));
    }

    private ExperimentSpec withDropout(ExperimentSpec s) {
        List<dev.trainbench.spec.LayerSpec> layers = new ArrayList<>(s.model().layers());
        layers.add(dev.trainbench.spec.LayerSpec.dropout(0.3));
        return s.withModel(s.model().withLayers(layers)).withName("spiral dropout 0.3");
    }

    @Test
    void twoSeedGroupsAreTwoUnitsWithBandsAStatementAndTheOneChangeInTheDiff() throws Exception {
        List<RunRecord> plain = fake.group(base, null, 3, 4, 0.80);
        List<RunRecord> dropout = fake.group(withDropout(base), plain.get(0).id(), 3, 4, 0.95);
        List<RunRecord> all = new ArrayList<>(dropout);
        all.addAll(plain);
        vm.compare(all);
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        Comparison c = vm.comparisonProperty().get();
        assertNotNull(c);
        assertEquals(List.of("spiral", "spiral dropout 0.3"), vm.units(), "lineage order: the parent's group is the reference");
        assertEquals(1, vm.statements().size());
        String statement = vm.statements().get(0);
        assertTrue(statement.contains("larger than the seed spread") && statement.contains("Welch's t-test") && statement.contains("p = "),
                statement);
        assertTrue(vm.warnings().isEmpty(), "one change only: " + vm.warnings());
        assertTrue(vm.dataIdentityProperty().get().startsWith("Same data"), vm.dataIdentityProperty().get());
        List<DiffEntry> diff = List.copyOf(vm.diffRows());
        assertTrue(diff.stream().anyMatch(e -> e.kind() == DiffEntry.Kind.ADDED && e.path().startsWith("model.layers")),
                "an added dropout layer: " + diff.stream().map(DiffEntry::path).toList());
        assertTrue(diff.stream().noneMatch(e -> e.path().equals("seed")), "seeds within a group are not a difference between groups");
        vm.differencesOnlyProperty().set(false);
        assertTrue(vm.diffRows().size() > diff.size(), "all fields with the toggle off");

        List<CompareViewModel.Line> loss = vm.lines(CompareViewModel.ChartKind.LOSS);
        assertEquals(4, loss.size(), "step loss and validation loss for each group");
        assertTrue(loss.stream().allMatch(l -> l.group() && l.members().size() == 3));
        CompareViewModel.MetricRow best = vm.metricRows().stream().filter(r -> r.metric().startsWith("best validation accuracy"))
                .findFirst().orElseThrow();
        assertTrue(best.values().get(0).contains("\u00b1"), "a group shows mean \u00b1 sd: " + best.values());
        assertTrue(best.details().get(0).contains("n=3"), best.details().get(0));
    }

    @Test
    void theReferenceCanBeChosenAndTheStatementTurnsAround() throws Exception {
        List<RunRecord> plain = fake.group(base, null, 3, 3, 0.80);
        List<RunRecord> dropout = fake.group(withDropout(base), plain.get(0).id(), 3, 3, 0.95);
        List<RunRecord> all = new ArrayList<>(plain);
        all.addAll(dropout);
        vm.compare(all);
        vm.referenceProperty().set("spiral dropout 0.3");
        assertEquals("spiral dropout 0.3", vm.units().get(0));
        assertTrue(vm.statements().get(0).startsWith("spiral vs spiral dropout 0.3"), vm.statements().get(0));
        vm.orderProperty().set(CompareViewModel.Order.NAME);
        assertEquals("spiral", vm.units().get(0));
    }

    @Test
    void theChartsGroupMeanEqualsTheCoresBandOnStepAndEpochAxes() throws Exception {
        List<RunRecord> plain = fake.group(base, null, 3, 3, 0.80);
        RunRecord single = fake.run(base.withSeed(99).withName("other"), null, null, 0, 0, 5, 0.9, 10);
        List<RunRecord> all = new ArrayList<>(plain);
        all.add(single);
        vm.compare(all);
        for (XAxis axis : List.of(XAxis.STEP, XAxis.EPOCH)) {
            vm.xAxisProperty().set(axis);
            CompareViewModel.Line line = vm.lines(CompareViewModel.ChartKind.LOSS).stream().filter(CompareViewModel.Line::group)
                    .filter(l -> l.label().endsWith("validation")).findFirst().orElseThrow();
            Band band = vm.comparisonProperty().get().bands(Metric.VALIDATION_LOSS, axis).get(0);
            double[] mean = dev.trainbench.ui.FxThread.call(() -> {
                dev.trainbench.ui.chart.LiveChart chart = new dev.trainbench.ui.chart.LiveChart("loss");
                dev.trainbench.ui.chart.LiveChart.Group g = chart.addGroup(line.label(), javafx.scene.paint.Color.BLUE, false);
                for (CompareViewModel.Member m : line.members()) {
                    g.addMember(m.x(), m.key(), m.y());
                }
                var buffer = g.mean();
                double[] out = new double[buffer.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buffer.y(i);
                }
                return out;
            });
            assertArrayEquals(band.mean(), mean, 1e-12, "on the " + axis + " axis");
        }
    }

    @Test
    void runsOfDifferentLengthsAndModelsShareTheAxesAndTheLayerChoice() throws Exception {
        RunRecord a = fake.run(base, null, null, 0, 0, 2, 0.8, 10);
        ExperimentSpec wider = SpecPaths.setText(base, "model.layers[1].units", "64").withName("wider");
        RunRecord b = fake.run(wider, a.id(), null, 0, 0, 6, 0.9, 10);
        vm.compare(List.of(b, a));
        assertEquals(List.of(a.name(), "wider"), vm.units());
        assertTrue(vm.statements().get(0).contains("Cannot tell"), "single runs have no seed spread: " + vm.statements());
        assertTrue(vm.layers().containsAll(List.of(CompareViewModel.FIRST_LAYER, CompareViewModel.LAST_LAYER, "1 dense 32")));
        vm.gradientLayerProperty().set(CompareViewModel.LAST_LAYER);
        List<CompareViewModel.Line> grads = vm.lines(CompareViewModel.ChartKind.GRADIENT);
        assertEquals(2, grads.size());
        assertEquals(20, grads.get(0).members().get(0).x().length);
        assertEquals(60, grads.get(1).members().get(0).x().length);
        vm.xAxisProperty().set(XAxis.TIME);
        CompareViewModel.Member m = vm.lines(CompareViewModel.ChartKind.LOSS).get(0).members().get(0);
        assertEquals(0.0, m.key()[0], "smoothing and alignment go by step whatever the X axis");
        assertTrue(m.x()[m.x().length - 1] > 0.9, "x is training time: " + m.x()[m.x().length - 1]);
    }

    @Test
    void theReportIsWrittenThroughTheCoresGenerator() throws Exception {
        RunRecord a = fake.run(base, null, null, 0, 0, 2, 0.8, 10);
        RunRecord b = fake.run(withDropout(base), a.id(), null, 0, 0, 2, 0.85, 10);
        vm.compare(List.of(a, b));
        Path report = workspace.resolve("report.html");
        boolean[] done = {false};
        vm.exportReport(report, () -> done[0] = true);
        assertTrue(done[0], w.errors.toString());
        String html = java.nio.file.Files.readString(report);
        assertTrue(html.contains("data:image/svg+xml;base64,"), "charts embedded as images in the report");
        assertTrue(html.contains("dropout 0.3"), "the diff in the report: the added layer");
        assertTrue(vm.reportFileName().endsWith(".html"));
    }

    @Test
    void aSweepsRunsGiveTheFinalMetricAgainstTheSweptRateOnALogAxisWithTheReportsNumbers() throws Exception {
        List<RunRecord> runs = fake.learningRateSweep(base, new double[] {1e-3, 1e-2, 1e-1}, 2,
                lr -> lr == 1e-2 ? 0.9 : 0.7);
        vm.compare(runs);
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        assertEquals(1, vm.sweepResponses().size());
        dev.trainbench.compare.FieldResponse r = vm.sweepResponses().get(0);
        assertEquals("training.optimizer.learningRate", r.path());
        assertTrue(r.logX(), "a learning rate is drawn on a log axis");
        assertEquals(1, r.lines().size());
        assertEquals(List.of(1e-3, 1e-2, 1e-1), r.lines().get(0).points().stream().map(dev.trainbench.compare.FieldResponse.Point::x).toList());
        assertEquals(2, r.lines().get(0).points().get(1).y().n(), "two seeds per rate");
        assertEquals(r, dev.trainbench.compare.FieldResponse.of(vm.comparisonProperty().get(), r.path()), "the report's numbers");
        assertEquals("0.01", r.best().value());

        // runs of no sweep: no sweep chart
        vm.compare(fake.group(base, null, 2, 3, 0.8));
        assertTrue(vm.sweepResponses().isEmpty());
    }
}
