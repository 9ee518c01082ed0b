package dev.trainbench.ui;

import static dev.trainbench.ui.FxThread.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.ui.predict.PredictView;
import dev.trainbench.ui.predict.PredictViewModel;
import dev.trainbench.ui.predict.TrainedMnistModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.Motion;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Predict view with the MNIST CNN of a short run: a vertical stroke drawn on the pad with the
 * mouse is framed as MNIST digits are, and the prediction panel answers "1"; also in presentation
 * mode, at 1280x800.
 */
@ExtendWith(ApplicationExtension.class)
class PredictGuiTest {
    @TempDir
    static Path workspace;

    private MainWindow window;
    private WorkbenchFixture app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new WorkbenchFixture(stage, workspace, false);
        window = app.window;
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void close() {
        app.close();
    }

    /** Drags the mouse down the middle of the pad, from 15% to 85% of its height. */
    private void drawVerticalStroke(FxRobot robot, PredictView view) throws Exception {
        // the pad is laid out in a pulse after the model opened and its tab was selected
        waitUntil("the pad on screen", 20, () -> view.pad().canvas().getScene() != null
                && view.pad().canvas().getScene().getWindow() != null && view.pad().isVisible()
                && view.pad().canvas().getWidth() >= 200);
        WaitForAsyncUtils.waitForFxEvents();
        Bounds b = WaitForAsyncUtils.asyncFx(() -> view.pad().canvas().localToScreen(view.pad().canvas().getBoundsInLocal()))
                .get(10, TimeUnit.SECONDS);
        double x = b.getMinX() + b.getWidth() * 0.5;
        robot.moveTo(new Point2D(x, b.getMinY() + b.getHeight() * 0.15));
        robot.press(MouseButton.PRIMARY);
        robot.moveTo(new Point2D(x, b.getMinY() + b.getHeight() * 0.85), Motion.DIRECT);
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(WaitForAsyncUtils.asyncFx(() -> view.pad().isEmpty()).get(10, TimeUnit.SECONDS),
                "the mouse drew on the pad (canvas at " + b + ")");
    }

    @Test
    void drawingAOneOnThePadPredictsOneAndShowsWhatTheModelSees(FxRobot robot) throws Exception {
        Path model = TrainedMnistModel.file();
        PredictViewModel vm = window.predictViewModel();
        PredictView view = window.predictView();
        robot.interact(() -> {
            window.showPredict();
            view.drop(List.of(model));
        });
        waitUntil("the model to open", 60, () -> vm.modelProperty().get() != null);
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        assertTrue(vm.drawableProperty().get(), "a one-channel image model can be drawn for");
        assertEquals("draw-tab", view.tabs().getSelectionModel().getSelectedItem().getId());
        assertTrue(view.pad().side() >= 200, "the pad is large enough to draw on at 1280x800: " + view.pad().side());

        int before = vm.drawPredictionsProperty().get();
        drawVerticalStroke(robot, view);
        waitUntil("the prediction of the drawing", 90, () -> vm.drawPredictionsProperty().get() > before
                && !vm.drawnClassProperty().get().isEmpty());
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        assertEquals(10, vm.drawnBars().size(), "a bar per class");
        double sum = vm.drawnBars().stream().mapToDouble(PredictViewModel.Bar::probability).sum();
        assertEquals(1.0, sum, 1e-4);
        assertTrue(view.drawnPreview().isShowing(), "the 28x28 input is shown");
        assertEquals(28, (int) view.drawnPreview().image().getWidth());
        float[] input = vm.drawnInputProperty().get();
        int top = 28;
        int bottom = -1;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                if (input[y * 28 + x] > 20) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        assertTrue(bottom - top + 1 >= 19 && bottom - top + 1 <= 21, "framed 20 pixels high: " + top + ".." + bottom);
        double accuracy = TrainedMnistModel.validationAccuracy();
        assertTrue(accuracy > 0.9, "the short run is good enough to read a 1: " + accuracy);
        assertEquals("1", vm.drawnClassProperty().get(), "a vertical stroke is a one: " + vm.drawnBars());
        assertTrue(view.drawnBars().probabilityOf("1") > 0.5, vm.drawnBars().toString());

        robot.interact(() -> ((javafx.scene.control.Button) view.lookup("#clear-drawing")).fire());
        assertTrue(view.pad().isEmpty());
        assertTrue(vm.drawnBars().isEmpty());
        assertEquals("", vm.drawnClassProperty().get());
    }

    @Test
    void modelExportedFromTheRunsScreenOpensInThePredictView(FxRobot robot) throws Exception {
        Path source = TrainedMnistModel.runFolder();
        Path copy = workspace.resolve("runs").resolve(source.getFileName());
        java.nio.file.Files.createDirectories(copy.getParent());
        try (var files = java.nio.file.Files.walk(source)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.copy(f, copy.resolve(source.relativize(f).toString()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        robot.interact(() -> {
            window.show(3);
            window.runsViewModel().reload();
        });
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<dev.trainbench.runs.RunSummary> runs =
                robot.lookup("#runs-table").queryAs(javafx.scene.control.TableView.class);
        waitUntil("the run in the table", 30, () -> runs.getItems().size() == 1);
        robot.interact(() -> runs.getSelectionModel().select(0));
        javafx.scene.control.Button export = robot.lookup("#export-model").queryButton();
        assertFalse(export.isDisabled());
        Bounds b = export.localToScene(export.getBoundsInLocal());
        assertTrue(b.getMaxX() <= stage.getScene().getWidth() + 0.5 && b.getWidth() > 20,
                "the Export model button fits the Runs toolbar at 1280x800: " + b);
        Path target = workspace.resolve("exported.tbmodel.zip");
        dev.trainbench.ui.runs.RunsView runsView = (dev.trainbench.ui.runs.RunsView) robot.lookup("#runs-view").query();
        robot.interact(() -> runsView.exportModel(runs.getItems().get(0), "best", target));
        waitUntil("the export", 60, () -> runsView.lastExport() != null);
        assertTrue(java.nio.file.Files.isRegularFile(target));
        waitUntil("the export dialog", 20, () -> robot.lookup("#export-done").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Open in Predict");
        PredictViewModel vm = window.predictViewModel();
        waitUntil("the model to open", 90, () -> vm.modelProperty().get() != null);
        assertTrue(robot.lookup("#nav-predict").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        assertTrue(vm.modelSummaryProperty().get().startsWith("exported.tbmodel.zip"), vm.modelSummaryProperty().get());
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void regressionModelOnScaledTargetsShowsValuesAndMetricsInTheTargetsUnits(FxRobot robot) throws Exception {
        // the shipped regression example (targetScaling standardize), trained briefly and exported
        Path examples = Path.of("examples").toAbsolutePath();
        dev.trainbench.spec.ExperimentSpec spec = dev.trainbench.spec.SpecJson.read(examples.resolve("friedman1-mlp.json"));
        spec = spec.withTraining(spec.training().withEpochs(4));
        dev.trainbench.runs.RunStore store = new dev.trainbench.runs.RunStore(workspace.resolve("friedman-ws"));
        dev.trainbench.runs.RunRecord run = dev.trainbench.train.ExperimentRunner.run(spec, examples, store, null,
                new dev.trainbench.train.RunControl(), dev.trainbench.train.ExperimentRunner.Hooks.none(),
                dev.trainbench.train.TrainingLoop.Options.defaults());
        Path model = dev.trainbench.train.ModelExport.export(store, run.id(), "best",
                workspace.resolve("friedman1.tbmodel.zip"), examples, false).file();
        Path csv = examples.resolve("data").resolve("friedman1.csv");
        dev.trainbench.runs.TestResult expected;
        try (dev.trainbench.train.Predictor p = dev.trainbench.train.Predictor.open(model)) {
            expected = p.predict(dev.trainbench.data.PredictionInputs.read(csv, null, p.manifest().input().encoding(),
                    p.manifest().input().sampleShape(), null, dev.trainbench.data.PredictionInputs.Options.defaults()))
                    .evaluation();
        }

        PredictViewModel vm = window.predictViewModel();
        PredictView view = window.predictView();
        robot.interact(() -> {
            window.showPredict();
            view.drop(List.of(model));
        });
        waitUntil("the model to open", 60, () -> vm.modelProperty().get() != null);
        assertTrue(vm.modelSummaryProperty().get().contains("in the target's units"), vm.modelSummaryProperty().get());
        robot.interact(() -> vm.predictFiles(List.of(csv)));
        waitUntil("the predictions", 60, () -> vm.rows().size() == 1000 && vm.evaluationProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        dev.trainbench.runs.TestResult shown = vm.evaluationProperty().get();
        assertEquals(expected.rmse(), shown.rmse(), 0.0);
        assertEquals(expected.r2(), shown.r2(), 0.0);
        double mean = vm.rows().stream().mapToDouble(r -> Double.parseDouble(r.predicted())).average().orElseThrow();
        assertTrue(mean > 8 && mean < 20, "values in the target's units (Friedman #1 averages about 14): " + mean);
        assertTrue(vm.rows().stream().allMatch(r -> r.right() == null), "a value is never marked right or WRONG");
        // instead, each row shows its signed error, whose root mean square is the RMSE shown
        double mse = vm.rows().stream().mapToDouble(r -> r.error() * r.error()).average().orElseThrow();
        assertEquals(shown.rmse(), Math.sqrt(mse), 1e-3 * shown.rmse());
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<PredictViewModel.Row> table =
                robot.lookup("#prediction-table").queryAs(javafx.scene.control.TableView.class);
        javafx.scene.control.TableColumn<PredictViewModel.Row, ?> last = table.getColumns().get(table.getColumns().size() - 1);
        assertEquals("error", last.getText());
        assertTrue(String.valueOf(last.getCellData(0)).matches("[+-][0-9.e+-]+"), String.valueOf(last.getCellData(0)));
        assertTrue(vm.resultSummaryProperty().get().contains("RMSE") && vm.resultSummaryProperty().get().contains("target's units"),
                vm.resultSummaryProperty().get());
        assertTrue(robot.lookup("#test-summary").queryLabeled().getText().startsWith("RMSE"),
                robot.lookup("#test-summary").queryLabeled().getText());
        robot.interact(() -> view.tabs().getSelectionModel().select(view.tabs().getTabs().stream()
                .filter(t -> "inputs-tab".equals(t.getId())).findFirst().orElseThrow()));
        DataFilesGuiTest.shots(robot, stage, "predict-regression");
    }

    /** The pad, its Clear button and every bar lie inside the Predict view's tabs, and the pad is large enough to draw on. */
    private void assertDrawPanelFits(PredictView view, String size) {
        // inside the tab pane, not merely the scene: below it lies the status bar
        Bounds tabs = view.tabs().localToScene(view.tabs().getBoundsInLocal());
        double sceneWidth = Math.min(stage.getScene().getWidth(), tabs.getMaxX());
        double sceneHeight = Math.min(stage.getScene().getHeight(), tabs.getMaxY());
        Bounds pad = view.pad().localToScene(view.pad().getBoundsInLocal());
        Bounds bars = view.drawnBars().localToScene(view.drawnBars().getBoundsInLocal());
        javafx.scene.control.Button clear = (javafx.scene.control.Button) view.lookup("#clear-drawing");
        Bounds clearBounds = clear.localToScene(clear.getBoundsInLocal());
        assertTrue(view.pad().side() >= 200, size + ": pad " + view.pad().side());
        assertTrue(bars.getMaxX() <= sceneWidth + 0.5, size + ": bars inside the window: " + bars + " in " + sceneWidth);
        assertTrue(bars.getMaxY() <= sceneHeight + 0.5, size + ": every bar visible: " + bars + " in " + sceneHeight);
        assertTrue(pad.getMaxY() <= sceneHeight + 0.5, size + ": pad inside the window: " + pad);
        assertTrue(clearBounds.getMaxY() <= sceneHeight + 0.5, size + ": Clear inside the window: " + clearBounds);
        assertTrue(clear.getWidth() >= clear.prefWidth(-1) - 0.5, size + ": Clear shows its label, width " + clear.getWidth());
        for (String id : List.of("#sees-title", "#says-title")) {
            javafx.scene.control.Label title = (javafx.scene.control.Label) view.lookup(id);
            assertTrue(title.getHeight() >= title.prefHeight(title.getWidth()) - 0.5, size + ": " + id + " shown whole, height "
                    + title.getHeight() + " of " + title.prefHeight(title.getWidth()));
        }
    }

    @Test
    void padAndAnswerFitAt1280x800And1024x768InPresentationMode(FxRobot robot) throws Exception {
        Path model = TrainedMnistModel.file();
        PredictViewModel vm = window.predictViewModel();
        PredictView view = window.predictView();
        robot.interact(() -> {
            window.showPredict();
            window.togglePresentation();
            vm.openModel(model);
        });
        waitUntil("the model to open", 60, () -> vm.modelProperty().get() != null);
        int before = vm.drawPredictionsProperty().get();
        drawVerticalStroke(robot, view);
        waitUntil("the prediction of the drawing", 90, () -> vm.drawPredictionsProperty().get() > before
                && vm.drawnBars().size() == 10);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1280, stage.getScene().getWidth(), 20);
        assertDrawPanelFits(view, "1280x800");
        assertFalse(vm.drawnClassProperty().get().isEmpty());

        // a projector's 1024x768: drawing there still works and everything still fits
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(768);
            ((javafx.scene.control.Button) view.lookup("#clear-drawing")).fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.pad().isEmpty());
        int again = vm.drawPredictionsProperty().get();
        drawVerticalStroke(robot, view);
        waitUntil("the prediction of the drawing at 1024x768", 90, () -> vm.drawPredictionsProperty().get() > again
                && vm.drawnBars().size() == 10);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1024, stage.getScene().getWidth(), 20);
        assertDrawPanelFits(view, "1024x768");
        assertEquals("1", vm.drawnClassProperty().get(), vm.drawnBars().toString());

        // A desktop whose sans-serif font has taller lines than DejaVu Sans (ghostscript's Nimbus Sans
        // put the last bars 23 px below this window): every label of the panel 3 px taller. The input
        // preview gives up height so that every bar stays visible.
        String taller = "data:text/css,%23draw-panel%20.label%20%7B%20-fx-padding%3A%200%200%203%200%3B%20%7D";
        robot.interact(() -> stage.getScene().getStylesheets().add(taller));
        WaitForAsyncUtils.waitForFxEvents();
        assertDrawPanelFits(view, "1024x768, taller font");
        double previewHeight = view.drawnPreview().getHeight();
        assertTrue(previewHeight >= 84 && previewHeight < 168, "the preview gave up height: " + previewHeight);
        robot.interact(() -> stage.getScene().getStylesheets().remove(taller));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }
}
