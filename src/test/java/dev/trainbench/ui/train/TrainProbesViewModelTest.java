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
import dev.trainbench.runs.RunStore;
import dev.trainbench.train.LrFinder;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.task.SameThreadTaskRunner;
import dev.trainbench.ui.task.TaskRunner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import dev.trainbench.ui.TestWorkbench;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Train view's "Check..." and "LR range test..." on a tiny toy spec. They train on the trainer
 * service's thread like a run, and Start is refused while they run (issue 10, item 14).
 */
class TrainProbesViewModelTest {
    @TempDir
    Path dir;

    private TrainerService trainer;

    @AfterEach
    void closeTrainer() {
        if (trainer != null) {
            trainer.close();
        }
    }

    /** A workbench with a trainer service and same-thread tasks (a task waits for its trainer job). */
    private TestWorkbench workbench() {
        trainer = new TrainerService(new RunStore(dir.resolve("ws")));
        return new TestWorkbench(dir, trainer, new SameThreadTaskRunner());
    }

    private TrainViewModel vm(TestWorkbench w) {
        ModelSpec mlp = new ModelSpec(null, List.of(LayerSpec.dense(16), LayerSpec.of(LayerSpec.Type.RELU)),
                new InitSpec(InitSpec.Type.HE, null));
        TrainingSpec t = TrainingSpec.defaults().withBatchSize(32).withOptimizer(OptimizerSpec.adam(0.01));
        w.model.setSpec(new ExperimentSpec(null, "probe", 7L, DataSpec.toy("blobs", 300, 0.5, 2), null, null, null, mlp, t));
        return new TrainViewModel(w.model);
    }

    @Test
    void checkPutsThePreRunFindingsInTheSanityPanelModel() {
        TestWorkbench w = workbench();
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
        TestWorkbench w = workbench();
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
        TestWorkbench w = workbench();
        TrainViewModel vm = vm(w);
        w.model.updateSpec(s -> s.withData(DataSpec.csv(dir.resolve("missing.csv").toString(), null)));
        vm.check();
        assertFalse(vm.checkingProperty().get());
        assertEquals(1, w.errors.size(), w.errors.toString());
        assertTrue(w.errors.get(0).startsWith("The pre-run checks"), w.errors.toString());
    }

    /** Runs each task on a thread of its own, with its callback there too (no UI thread in these tests). */
    static final class ThreadTaskRunner implements TaskRunner {
        @Override
        public <T> void run(String description, java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> onSuccess,
                            java.util.function.Consumer<Throwable> onFailure) {
            Thread t = new Thread(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }, "test-task");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public javafx.beans.property.ReadOnlyBooleanProperty busyProperty() {
            return new javafx.beans.property.SimpleBooleanProperty(false);
        }

        @Override
        public javafx.beans.property.ReadOnlyStringProperty messageProperty() {
            return new javafx.beans.property.SimpleStringProperty("");
        }
    }

    @Test
    void theChecksTrainOnTheTrainerThreadAndStartIsRefusedMeanwhile() throws Exception {
        trainer = new TrainerService(new RunStore(dir.resolve("ws")));
        TestWorkbench w = new TestWorkbench(dir, trainer, new ThreadTaskRunner());
        TrainViewModel vm = vm(w);
        CountDownLatch hold = new CountDownLatch(1);
        trainer.submitJob("keeps the trainer busy", () -> hold.await(60, TimeUnit.SECONDS));
        assertTrue(vm.check());
        Thread.sleep(500);
        assertTrue(vm.checkingProperty().get(), "the checks wait for the trainer thread");
        assertTrue(vm.sanityFindings().isEmpty());
        assertTrue(vm.busyProperty().get());
        assertFalse(vm.start(), "Start is refused while the checks run");
        assertFalse(vm.lrRangeTest(), "one probe at a time");
        hold.countDown();
        long deadline = System.currentTimeMillis() + 120_000;
        while (vm.checkingProperty().get() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(vm.checkingProperty().get());
        assertEquals(List.of(), w.errors);
        assertEquals(2, vm.sanityFindings().size());
        assertFalse(vm.busyProperty().get());
        assertTrue(trainer.store().list().isEmpty(), "the checks save no run");
    }
}
