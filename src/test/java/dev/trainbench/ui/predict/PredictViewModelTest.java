package dev.trainbench.ui.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.TrainingSpec;
import dev.trainbench.train.ExperimentRunner;
import dev.trainbench.train.RunControl;
import dev.trainbench.train.TrainingLoop;
import dev.trainbench.ui.FxThread;
import dev.trainbench.ui.TestWorkbench;
import dev.trainbench.ui.runs.RunsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Predict screen's state without a window: a run exported from the Runs screen opens here,
 * CSV rows are predicted and evaluated, bad input becomes one message, and a drawing is predicted.
 */
class PredictViewModelTest {
    @TempDir
    static Path dir;
    static Path workspace;
    static RunRecord run;

    @BeforeAll
    static void train() throws Exception {
        workspace = dir.resolve("ws");
        ExperimentSpec spec = new ExperimentSpec(null, "blobs", 3L, DataSpec.toy("blobs", 300, 0.5, 3), null, null, null,
                new ModelSpec(null, List.of(LayerSpec.dense(16), LayerSpec.of(LayerSpec.Type.RELU)), null),
                TrainingSpec.defaults().withEpochs(4).withBatchSize(16).withOptimizer(OptimizerSpec.adam(0.02)));
        run = ExperimentRunner.run(spec, dir, new RunStore(workspace), null, new RunControl(), ExperimentRunner.Hooks.none(),
                TrainingLoop.Options.defaults());
    }

    @Test
    void runExportedFromTheRunsScreenOpensAndPredictsCsvRowsWithTheirLabels() throws Exception {
        TestWorkbench wb = new TestWorkbench(workspace);
        RunsViewModel runs = new RunsViewModel(wb.model);
        PredictViewModel vm = new PredictViewModel(wb.model);
        Path[] written = new Path[1];
        Path file = dir.resolve("blobs.tbmodel.zip");
        FxThread.run(() -> runs.exportModel(run.id(), "best", file, p -> written[0] = p));
        assertTrue(wb.errors.isEmpty(), wb.errors.toString());
        assertEquals(file.toAbsolutePath(), written[0]);

        FxThread.run(() -> vm.openModel(file));
        assertTrue(wb.errors.isEmpty(), wb.errors.toString());
        assertNotNull(vm.modelProperty().get());
        assertFalse(vm.drawableProperty().get(), "a table model has nothing to draw");
        assertTrue(vm.modelSummaryProperty().get().contains("columns x, y"), vm.modelSummaryProperty().get());

        Path rows = dir.resolve("points.csv");
        Files.writeString(rows, "x,y,label\n2,0,0\n-1,1.7,1\n-1,-1.7,2\n");
        FxThread.run(() -> vm.predictFiles(List.of(rows)));
        assertTrue(wb.errors.isEmpty(), wb.errors.toString());
        assertEquals(3, vm.rows().size());
        assertEquals("line 2", vm.rows().get(0).input());
        assertNotNull(vm.evaluationProperty().get());
        assertTrue(vm.resultSummaryProperty().get().startsWith("3 samples, accuracy"), vm.resultSummaryProperty().get());
        assertEquals(3, vm.selectedBars().size(), "the first row's bars");
        FxThread.run(() -> vm.select(2));
        assertEquals(vm.rows().get(2).predicted(), vm.selectedClassProperty().get());
        assertTrue(vm.selectedDetailProperty().get().startsWith("line 4: "), vm.selectedDetailProperty().get());
        assertEquals(1, vm.selectedBars().stream().filter(PredictViewModel.Bar::predicted).count());

        Files.writeString(rows, "x,z\n1,2\n");
        FxThread.run(() -> vm.predictFiles(List.of(rows)));
        assertEquals(1, wb.errors.size());
        assertTrue(wb.errors.get(0).contains("missing: [y]") && wb.errors.get(0).contains("extra: [z]"), wb.errors.get(0));
        assertEquals(3, vm.rows().size(), "the last good results stay");
    }

    @Test
    void damagedModelFileIsOneMessageAndKeepsTheOpenModel() throws Exception {
        TestWorkbench wb = new TestWorkbench(workspace);
        PredictViewModel vm = new PredictViewModel(wb.model);
        Path bad = dir.resolve("bad.tbmodel.zip");
        Files.write(bad, new byte[] {'P', 'K', 3, 4, 0, 0});
        FxThread.run(() -> vm.openModel(bad));
        assertEquals(1, wb.errors.size());
        assertTrue(wb.errors.get(0).contains("bad.tbmodel.zip") && wb.errors.get(0).contains("damaged"), wb.errors.get(0));
        assertNull(vm.modelProperty().get());
        FxThread.run(() -> vm.predictFiles(List.of(bad)));
        assertTrue(wb.errors.get(1).contains("No model is open"), wb.errors.get(1));
    }

    /** Tasks that wait until the test runs them, to see what is queued while one is "running". */
    static final class QueuedTasks implements dev.trainbench.ui.task.TaskRunner {
        final List<Runnable> queue = new java.util.ArrayList<>();

        @Override
        public <T> void run(String description, java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> onSuccess,
                            java.util.function.Consumer<Throwable> onFailure) {
            queue.add(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable t) {
                    onFailure.accept(t);
                    return;
                }
                onSuccess.accept(result);
            });
        }

        void runNext() {
            FxThread.run(() -> queue.remove(0).run());
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
    void strokesDrawnWhileThePredictionRunsWaitAsOneLatestDrawing() throws Exception {
        QueuedTasks tasks = new QueuedTasks();
        List<String> errors = new java.util.ArrayList<>();
        dev.trainbench.ui.WorkbenchModel wb = new dev.trainbench.ui.WorkbenchModel(new RunStore(workspace), null, dir, tasks,
                (action, error) -> errors.add(action + ": " + error));
        PredictViewModel vm = new PredictViewModel(wb);
        Path model = TrainedMnistModel.file();
        FxThread.run(() -> vm.openModel(model));
        tasks.runNext();
        assertTrue(vm.drawableProperty().get(), errors.toString());
        int n = DrawingPad.SIZE;
        float[][] drawings = new float[5][];
        for (int k = 0; k < 5; k++) {
            drawings[k] = new float[n * n];
            for (int y = 40; y < 240; y++) {
                for (int x = 100 + 10 * k; x < 120 + 10 * k + 4 * k; x++) {
                    drawings[k][y * n + x] = 1f;
                }
            }
        }
        FxThread.run(() -> {
            for (float[] d : drawings) {
                vm.drawingChanged(d, n, n);
            }
        });
        assertEquals(1, tasks.queue.size(), "one prediction at a time");
        tasks.runNext();
        assertEquals(1, tasks.queue.size(), "then only the newest drawing, not the three in between");
        tasks.runNext();
        assertTrue(tasks.queue.isEmpty());
        assertEquals(2, vm.drawPredictionsProperty().get());
        org.junit.jupiter.api.Assertions.assertArrayEquals(dev.trainbench.data.DigitFraming.frame(drawings[4], n, n, 28, 28),
                vm.drawnInputProperty().get(), "the model saw the last drawing");
        assertTrue(errors.isEmpty(), errors.toString());
        FxThread.run(vm::close);
    }

    @Test
    void drawingIsFramedAndPredictedAndClearingForgetsIt() throws Exception {
        TestWorkbench wb = new TestWorkbench(workspace);
        PredictViewModel vm = new PredictViewModel(wb.model);
        Path model = TrainedMnistModel.file();
        FxThread.run(() -> vm.openModel(model));
        assertTrue(wb.errors.isEmpty(), wb.errors.toString());
        assertTrue(vm.drawableProperty().get());
        float[] ink = new float[DrawingPad.SIZE * DrawingPad.SIZE];
        for (int y = 40; y < 240; y++) {
            for (int x = 130; x < 150; x++) {
                ink[y * DrawingPad.SIZE + x] = 1f;
            }
        }
        FxThread.run(() -> vm.drawingChanged(ink, DrawingPad.SIZE, DrawingPad.SIZE));
        assertTrue(wb.errors.isEmpty(), wb.errors.toString());
        assertEquals(1, vm.drawPredictionsProperty().get());
        assertEquals(10, vm.drawnBars().size());
        assertEquals("1", vm.drawnClassProperty().get(), vm.drawnBars().toString());
        assertEquals(784, vm.drawnInputProperty().get().length);
        FxThread.run(vm::clearDrawing);
        assertTrue(vm.drawnBars().isEmpty());
        assertNull(vm.drawnInputProperty().get());
        FxThread.run(() -> vm.drawingChanged(new float[DrawingPad.SIZE * DrawingPad.SIZE], DrawingPad.SIZE, DrawingPad.SIZE));
        assertTrue(vm.drawnBars().isEmpty(), "an empty pad asks the model nothing");
        FxThread.run(vm::close);
    }
}
