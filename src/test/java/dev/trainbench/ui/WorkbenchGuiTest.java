package dev.trainbench.ui;

import static dev.trainbench.ui.FxThread.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.chart.LiveChart;
import dev.trainbench.ui.data.DataViewModel;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real window headless (Monocle): load data, pick a preset, train, stop, find the run. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchGuiTest {
    @TempDir
    static Path workspace;

    private MainWindow window;
    private TrainerService trainer;
    private WorkbenchFixture app;
    private List<String> errors;

    @Start
    void start(Stage stage) {
        app = new WorkbenchFixture(stage, workspace, true);
        window = app.window;
        errors = app.errors;
        trainer = app.trainer;
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void loadDataPickPresetTrainStopAndFindTheRun(FxRobot robot) {
        WorkbenchModel model = window.workbench();
        robot.clickOn("#nav-data");
        robot.interact(() -> {
            window.dataViewModel().choiceProperty().set(DataViewModel.Choice.TOY);
            window.dataViewModel().toyNameProperty().set("spiral");
        });
        robot.clickOn("#load-data");
        waitUntil("the spiral set to load", 30, () -> model.dataset() != null && model.dataset().sampleSize() == 2);
        assertTrue(errors.isEmpty(), errors.toString());

        robot.clickOn("#nav-model");
        robot.clickOn("#preset");
        robot.clickOn("MLP 2x128");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("mlp-2x128", model.spec().model().preset());
        TableView<?> layers = robot.lookup("#layer-table").queryAs(TableView.class);
        assertEquals(model.spec().model().layers().size() + 1, layers.getItems().size(), "every layer plus the output row");

        robot.clickOn("#nav-train");
        robot.interact(() -> window.trainViewModel().epochsProperty().set(200));
        robot.clickOn("#start");
        LiveChart loss = window.trainView().lossChart();
        waitUntil("loss points on the chart", 90, () -> loss.series().size() > 0 && loss.series().get(0).size() >= 30);
        waitUntil("gradient norms per layer", 30, () -> window.trainView().gradientChart().series().stream().anyMatch(s -> s.size() > 0));
        waitUntil("the gradient heat map", 30, () -> window.trainView().heatMap().binCount() > 0
                && window.trainView().heatMap().layers().size() == window.trainView().gradientChart().series().size());
        waitUntil("the first/last layer gradient ratio", 30, () -> window.trainView().gradientRatioText().matches("first/last layer gradient ratio \\d.*"));
        waitUntil("a decision-boundary snapshot", 30, () -> window.trainView().boundaryView().snapshots() > 0);
        robot.clickOn("#stop");
        waitUntil("the run to stop", 60, () -> !window.trainViewModel().runningProperty().get());
        long longestGap = window.trainViewModel().longestFrameGapMillisProperty().get();
        System.out.println("GUI test: " + window.trainViewModel().uiTimingSummary() + "; legacy: gap " + longestGap + " ms, longest chart update = "
                + window.trainViewModel().longestFrameWorkMillisProperty().get() + " ms (after warm-up "
                + window.trainViewModel().longestWarmFrameWorkMillis() + " ms), steps shown = "
                + window.trainViewModel().stepsShownProperty().get() + "\n" + window.trainView().frameProfile().report());

        robot.clickOn("#nav-runs");
        @SuppressWarnings("unchecked")
        TableView<dev.trainbench.runs.RunSummary> runs = robot.lookup("#runs-table").queryAs(TableView.class);
        waitUntil("the run in the runs table", 30, () -> runs.getItems().size() == 1
                && runs.getItems().get(0).status() == RunStatus.STOPPED);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void keyboardShortcutsSwitchScreensAndTheme(FxRobot robot) {
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.DIGIT4).release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#runs-view").tryQuery().isPresent());
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.T).release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.isDark());
    }

    @Test
    void theDeviceListShowsEachGpuTheEngineReportsWithItsMemory(FxRobot robot) {
        // No GPU machine is available to this project: the engine's report is simulated, the wiring is real.
        dev.trainbench.train.EngineInfo twoGpus = new dev.trainbench.train.EngineInfo("PyTorch", "2.7.1", "0.36.0",
                List.of(new dev.trainbench.train.EngineInfo.Gpu(0, 85_899_345_920L, "8.0"),
                        new dev.trainbench.train.EngineInfo.Gpu(1, 85_899_345_920L, "8.0")), "12.8");
        robot.interact(() -> {
            window.workbench().engineLoaded(twoGpus);
            window.show(2);
        });
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<dev.trainbench.spec.TrainingSpec.Device> device =
                robot.lookup("#device").queryAs(javafx.scene.control.ChoiceBox.class);
        assertEquals(2, device.getItems().size());
        assertEquals("GPU 0: 80.0 GiB, compute 8.0",
                device.getConverter().toString(dev.trainbench.spec.TrainingSpec.Device.GPU));
        String info = robot.lookup("#device-info").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(info.contains("GPU 1: 80.0 GiB") && info.contains("CUDA 12.8"), info);
        assertEquals("PyTorch 2.7.1 (DJL 0.36.0), CUDA 12.8, 2 GPUs", window.workbench().engineSummaryProperty().get());
    }
}
