package dev.trainbench.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.TrainingSpec;
import dev.trainbench.train.LrFinder;
import dev.trainbench.ui.TestWorkbench;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Train view's "Check..." and "LR range test..." on a tiny toy spec, with same-thread tasks. */
class TrainProbesViewModelTest {
    @TempDir
    Path dir;

    private TrainViewModel vm(TestWorkbench w) {
        ModelSpec mlp = new ModelSpec(null, List.of(LayerSpec.dense(16), LayerSpec.of(LayerSpec.Type.RELU)),
                new InitSpec(InitSpec.Type.HE, null));
        TrainingSpec t = TrainingSpec.defaults().withBatchSize(32).withOptimizer(OptimizerSpec.adam(0.01));
        w.model.setSpec(new ExperimentSpec(null, "probe", 7L, DataSpec.toy("blobs", 300, 0.5, 2), null, null, null, mlp, t));
        return new TrainViewModel(w.model);
    }

    @Test
    void checkPutsThePreRunFindingsInTheSanityPanelModel() {
        TestWorkbench w = new TestWorkbench(dir);
        TrainViewModel vm = vm(w);
        assertTrue(vm.check());
        assertEquals(List.of(), w.errors);
        assertFalse(vm.checkingProperty().get());
        assertEquals(TrainViewModel.PRE_RUN_CHECKS_TITLE, vm.sanityTitleProperty().get());
        assertEquals(2, vm.sanityFindings().size());
        assertTrue(vm.sanityFindings().get(0).startsWith("OK overfit one batch"), vm.sanityFindings().get(0));
        assertTrue(vm.sanityFindings().get(1).contains("input-independent baseline"), vm.sanityFindings().get(1));
        assertTrue(SanityPanel.isWarning("WARNING x") && !SanityPanel.isWarning(vm.sanityFindings().get(0)));
    }

    @Test
    void rangeTestFillsTheSuggestionsAndUseSetsTheLearningRate() {
        TestWorkbench w = new TestWorkbench(dir);
        TrainViewModel vm = vm(w);
        assertTrue(vm.lrRangeTest());
        assertEquals(List.of(), w.errors);
        assertFalse(vm.findingLrProperty().get());
        LrFinder.Result r = vm.lrResultProperty().get();
        assertNotNull(r);
        assertFalse(r.points().isEmpty());
        assertTrue(r.valley() > 0, "valley " + r.valley());
        String text = vm.lrSuggestionsProperty().get();
        assertTrue(text.contains("valley " + TrainViewModel.lr(r.valley())), text);
        assertTrue(text.contains("steep ") && text.contains("minimum/10 "), text);
        assertTrue(vm.useValley());
        assertEquals(r.valley(), vm.learningRateProperty().get(), r.valley() * 0.01);
        assertEquals(vm.learningRateProperty().get(), w.model.spec().training().optimizer().learningRate(), 0);
    }

    @Test
    void aProbeThatFailsIsReportedAsAnError() {
        TestWorkbench w = new TestWorkbench(dir);
        TrainViewModel vm = vm(w);
        w.model.updateSpec(s -> s.withData(DataSpec.csv(dir.resolve("missing.csv").toString(), null)));
        vm.check();
        assertFalse(vm.checkingProperty().get());
        assertEquals(1, w.errors.size(), w.errors.toString());
        assertTrue(w.errors.get(0).startsWith("The pre-run checks"), w.errors.toString());
    }
}
