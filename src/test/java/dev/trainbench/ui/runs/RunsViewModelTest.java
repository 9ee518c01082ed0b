package dev.trainbench.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunSummary;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.ui.TestWorkbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Runs screen's columns, lineage filter, seed groups, Compare hand-off and CSV export, without a Stage. */
class RunsViewModelTest {
    @TempDir
    Path workspace;

    private static final ExperimentSpec MLP = SpecJson.read(Path.of("examples/mnist-mlp.json"));

    private static RunRecord run(String id, String name, String parent, String created) {
        return new RunRecord.Builder().id(id).name(name).parentId(parent).createdAt(created).status(RunStatus.COMPLETED)
                .spec(MLP).dataLabel("sample:mnist").modelLabel("mlp-2x128").epochsCompleted(7).build();
    }

    private static List<RunSummary> summaries(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::summary).toList();
    }

    @Test
    void columnsDescribeTheRecipeAtAGlance() {
        RunSummary r = run("20250101-000000-mnist-mlp-a1b2", "mnist-mlp", null, "2025-01-01T00:00:00Z").summary();
        assertEquals("adam", RunsViewModel.optimizer(r));
        assertEquals(0.001, RunsViewModel.learningRate(r));
        assertEquals(64, RunsViewModel.batchSize(r));
        assertEquals("7 / 30", RunsViewModel.epochs(r));
        assertEquals("sample:mnist, 80/10/10, standardize, augmented", RunsViewModel.dataSummary(r));
        assertEquals("mlp-2x128, 7 layers, he init", RunsViewModel.modelSummary(r));
        ExperimentSpec sgd = MLP.withTraining(MLP.training().withOptimizer(OptimizerSpec.sgd(0.1, 0.9, true).withWeightDecay(1e-4)));
        RunSummary s = run(r.id(), r.name(), null, r.createdAt()).toBuilder().spec(sgd).build().summary();
        assertEquals("sgd (momentum 0.9, nesterov), wd 0.0001", RunsViewModel.optimizer(s));
        assertEquals("a1b2", dev.trainbench.ui.RunIds.shortId(r.id()));
    }

    @Test
    void theFamilyFilterShowsTheRootAndEveryDescendant() {
        TestWorkbench w = new TestWorkbench(workspace);
        RunsViewModel vm = new RunsViewModel(w.model);
        RunSummary root = run("20250101-000000-a-0001", "a", null, "2025-01-01T00:00:00Z").summary();
        RunSummary child = run("20250101-000001-b-0002", "b", root.id(), "2025-01-01T00:00:01Z").summary();
        RunSummary grandchild = run("20250101-000002-c-0003", "c", child.id(), "2025-01-01T00:00:02Z").summary();
        RunSummary stranger = run("20250101-000003-d-0004", "d", null, "2025-01-01T00:00:03Z").summary();
        w.model.runs().setAll(root, child, grandchild, stranger);
        vm.showFamily(grandchild);
        assertEquals(List.of(root, child, grandchild), List.copyOf(vm.filtered()));
        assertTrue(vm.familyTextProperty().get().startsWith("Family of c"), vm.familyTextProperty().get());
        assertEquals("b 0002", vm.parentLabel(grandchild));
        assertEquals("", vm.parentLabel(root));
        vm.showFamily(null);
        assertEquals(4, vm.filtered().size());
        assertEquals("", vm.familyTextProperty().get());
    }

    @Test
    void seedGroupsAreLabelledSearchableAndSelectableAsOne() {
        TestWorkbench w = new TestWorkbench(workspace);
        RunsViewModel vm = new RunsViewModel(w.model);
        List<RunRecord> group = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            group.add(run("20250101-00000" + i + "-g-000" + i, "mlp", null, "2025-01-01T00:00:0" + i + "Z").toBuilder()
                    .groupId("g-20250101-000000-mlp-abcd").groupName("mlp").groupIndex(i).groupSize(3).build());
        }
        RunRecord alone = run("20250101-000009-x-0009", "x", null, "2025-01-01T00:00:09Z");
        List<RunRecord> all = new ArrayList<>(group);
        all.add(alone);
        w.model.runs().setAll(summaries(all));
        assertEquals("seed 2 of 3 \u00b7 abcd", RunsViewModel.groupLabel(group.get(1)));
        assertEquals("baseline \u00b7 seed 2 of 3 \u00b7 abcd", RunsViewModel.groupLabel(group.get(1).toBuilder().groupName("baseline").build()));
        assertEquals("", RunsViewModel.groupLabel(alone));
        assertEquals(summaries(group), vm.groupOf(group.get(2).summary()));
        assertEquals(List.of(alone.summary()), vm.groupOf(alone.summary()));
        vm.filterProperty().set("g-20250101");
        assertEquals(3, vm.filtered().size());
    }

    @Test
    void compareTakesTwoToTenRunsAndSaysWhyOtherwise() {
        TestWorkbench w = new TestWorkbench(workspace);
        RunsViewModel vm = new RunsViewModel(w.model);
        List<List<RunRecord>> opened = new ArrayList<>();
        vm.setOnCompare(opened::add);
        RunRecord a = run("20250101-000000-a-0001", "a", null, "2025-01-01T00:00:00Z");
        assertFalse(vm.compare(List.of(a)));
        assertTrue(w.errors.get(0).contains("select at least two runs"), w.errors.toString());
        List<RunRecord> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(run("20250101-0000" + (10 + i) + "-r-00" + (10 + i), "r" + i, null, "2025-01-01T00:00:00Z"));
        }
        assertFalse(vm.compare(eleven));
        assertTrue(w.errors.get(1).contains("at most 10"), w.errors.toString());
        assertTrue(vm.compare(eleven.subList(0, 10)));
        assertEquals(1, opened.size());
        assertEquals(10, opened.get(0).size());
        assertNull(RunsViewModel.compareRefusal(2));
    }

    @Test
    void theTableIsExportedAsCsvInItsOrder() throws Exception {
        TestWorkbench w = new TestWorkbench(workspace);
        RunsViewModel vm = new RunsViewModel(w.model);
        RunRecord a = run("20250101-000000-a-0001", "a", null, "2025-01-01T00:00:00Z");
        RunRecord b = run("20250101-000001-b-0002", "=b", a.id(), "2025-01-01T00:00:01Z");
        Path csv = workspace.resolve("out/runs.csv");
        boolean[] done = {false};
        vm.exportCsv(List.of(b.summary(), a.summary()), csv, () -> done[0] = true);
        assertTrue(done[0], w.errors.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("id,name,status"), lines.get(0));
        assertTrue(lines.get(1).startsWith(b.id() + ",'=b"), "in the table's order, a formula-like name made text: " + lines.get(1));
        assertTrue(lines.get(2).startsWith(a.id()), lines.get(2));
    }

    @Test
    void aRunFromANewerVersionIsListedMarkedAndFindable() throws Exception {
        String id = "20990202-000000-newer-spec-eeee";
        Path run = workspace.resolve("runs").resolve(id);
        Files.createDirectories(run);
        try (InputStream in = getClass().getResourceAsStream("/runs/" + id + "/run.json")) {
            Files.copy(in, run.resolve("run.json"));
        }
        TestWorkbench w = new TestWorkbench(workspace);
        RunsViewModel vm = new RunsViewModel(w.model);
        vm.reload();
        assertEquals(1, vm.runs().size(), w.errors.toString());
        assertEquals("archived? (newer)", RunsViewModel.statusText(vm.runs().get(0)));
        vm.filterProperty().set("archived");
        assertEquals(1, vm.filtered().size());
        assertTrue(w.errors.isEmpty(), w.errors.toString());
    }

    private static RunRecord swept(String id, String sweepId, String group, String lr, String units) {
        return run(id, "spiral", null, "2025-01-01T00:00:00Z").toBuilder().groupId(group).sweepId(sweepId).sweepName("lr-units")
                .sweepTask(0).sweepPoint(new java.util.LinkedHashMap<>(java.util.Map.of("training.optimizer.learningRate", lr)) {
                    {
                        put("model.layers[0].units", units);
                    }
                }).build();
    }

    @Test
    void aSweepsRunsShowTheirSweepAndPointCanBeSelectedTogetherAndCountOncePerGridPointInCompare() {
        TestWorkbench w = new TestWorkbench(workspace);
        RunsViewModel vm = new RunsViewModel(w.model);
        String sweep = "s-20250101-000000-lr-units-9f3c";
        List<RunRecord> runs = new ArrayList<>();
        int k = 0;
        for (String lr : List.of("0.001", "0.01", "0.1")) {
            for (String units : List.of("16", "64")) {
                String group = "g-" + lr + "-" + units + "-00a" + k;
                for (int seed = 0; seed < 2; seed++, k++) {
                    runs.add(swept(String.format("20250101-0000%02d-r-%04x", k, k + 1), sweep, group, lr, units));
                }
            }
        }
        RunRecord outside = run("20250101-000100-x-0fff", "x", null, "2025-01-01T00:01:00Z");
        List<RunRecord> all = new ArrayList<>(runs);
        all.add(outside);
        w.model.runs().setAll(summaries(all));
        assertEquals("9f3c \u00b7 learningRate=0.01, units=64", RunsViewModel.sweepLabel(runs.get(6)));
        assertEquals("", RunsViewModel.sweepLabel(outside));
        assertEquals(summaries(runs), vm.sweepOf(runs.get(3).summary()), "the whole sweep, not the run's seed group");
        assertEquals(List.of(outside.summary()), vm.sweepOf(outside.summary()));
        vm.filterProperty().set("units=64");
        assertEquals(6, vm.filtered().size(), "the filter finds a grid point");
        vm.filterProperty().set("");

        // 12 runs in 6 grid points: 6 curves, within the limit of 10
        List<List<RunRecord>> opened = new ArrayList<>();
        vm.setOnCompare(opened::add);
        assertEquals(6, RunsViewModel.units(runs));
        assertTrue(vm.compare(runs), w.errors.toString());
        assertEquals(12, opened.get(0).size());
        // eleven separate runs are still too many
        assertTrue(RunsViewModel.compareRefusal(11, 11).contains("at most 10"));
        assertTrue(RunsViewModel.compareRefusal(24, 12).contains("24 runs in 12 runs and seed groups"));
    }

    @Test
    void cancellingASweepFromTheRunsViewDoesWhatSweepCancelDoes() {
        TestWorkbench w = new TestWorkbench(workspace);
        RunsViewModel vm = new RunsViewModel(w.model);
        ExperimentSpec spiral = SpecJson.read(Path.of("examples/spiral-mlp.json"));
        dev.trainbench.sweep.SweepFolder folder = dev.trainbench.sweep.SweepSetup.of(spiral,
                List.of(dev.trainbench.sweep.SweepAxis.parse("training.optimizer.learningRate=1e-3,1e-2")), 1, "lr",
                dev.trainbench.sweep.SweepSetup.Choices.local(1), workspace, Path.of("examples").toAbsolutePath(), null).write();
        assertFalse(folder.refresh().cancelled());
        try (dev.trainbench.ui.sweep.SweepRunner runner = new dev.trainbench.ui.sweep.SweepRunner(
                dev.trainbench.sweep.Slurm.system(), () -> { })) {
            vm.setSweepRunner(runner);
            boolean[] done = {false};
            vm.cancelSweep(folder.id(), () -> done[0] = true);
            assertTrue(done[0], w.errors.toString());
        }
        assertTrue(folder.refresh().cancelled(), "recorded in sweep.json, where a driving process looks");
        String notice = vm.sweepNoticeProperty().get();
        assertTrue(notice.contains("cancelled: marked the sweep cancelled"), notice);
        assertTrue(notice.contains("no local process has started it"), notice);
    }
}
