package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.TrainingSpec;
import dev.trainbench.ui.chart.LiveChart;
import dev.trainbench.ui.data.DataViewModel;
import dev.trainbench.ui.runs.RunsView;
import dev.trainbench.ui.runs.TestResultPane;
import java.nio.file.Path;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
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

/** The regression example's data trained from the GUI: RMSE, MAE and R² on the chart, in the runs table and the final test. */
@ExtendWith(ApplicationExtension.class)
class RegressionGuiTest {
    @TempDir
    static Path workspace;

    private MainWindow window;
    private WorkbenchFixture app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new WorkbenchFixture(stage, workspace, true);
        window = app.window;
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRegressionRunReportsRmseMaeAndR2InTheGui(FxRobot robot) {
        DataViewModel vm = window.dataViewModel();
        robot.interact(() -> {
            vm.choiceProperty().set(DataViewModel.Choice.CSV);
            vm.pathProperty().set(Path.of("examples/data/friedman1.csv").toAbsolutePath().toString());
        });
        FinalTestGuiTest.waitUntil("the preview", 30, () -> vm.csvPreviewProperty().get() != null
                && vm.csvPreviewProperty().get().error() == null);
        WaitForAsyncUtils.waitForFxEvents();
        ChoiceBox<DataViewModel.TaskChoice> task = robot.lookup("#csv-task").queryAs(ChoiceBox.class);
        assertEquals("automatic (regression)", task.getConverter().toString(task.getValue()));
        robot.clickOn("#load-data");
        FinalTestGuiTest.waitUntil("the table to load", 30, () -> window.workbench().dataset() != null
                && window.workbench().dataset().size() == 1000);
        ChoiceBox<DataSpec.TargetScaling> scaling = robot.lookup("#target-scaling").queryAs(ChoiceBox.class);
        robot.interact(() -> scaling.setValue(DataSpec.TargetScaling.STANDARDIZE));
        assertEquals(DataSpec.TargetScaling.STANDARDIZE, window.workbench().spec().data().targetScaling());
        assertEquals(TrainingSpec.Loss.L2, window.workbench().spec().training().loss(), "cross-entropy cannot fit a regression");
        assertTrue(app.errors.isEmpty(), app.errors.toString());

        robot.interact(() -> {
            window.modelViewModel().applyPreset("tiny-mlp");
            window.trainViewModel().epochsProperty().set(3);
            window.trainViewModel().learningRateProperty().set(0.01);
            window.show(2);
        });
        robot.clickOn("#start");
        FinalTestGuiTest.waitUntil("the run to finish", 120, () -> !window.trainViewModel().runningProperty().get()
                && window.trainViewModel().epochsShownProperty().get() == 3);
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        WaitForAsyncUtils.waitForFxEvents();
        String status = window.trainViewModel().statusProperty().get();
        assertTrue(status.contains("best validation RMSE"), status);
        LiveChart metrics = robot.lookup("#chart-accuracy").queryAs(LiveChart.class);
        assertEquals("validation RMSE", metrics.series().get(0).name());
        assertEquals(3, metrics.series().get(0).size(), "one RMSE per epoch");
        LiveChart loss = robot.lookup("#chart-loss").queryAs(LiveChart.class);
        assertTrue(robot.from(loss).lookup((javafx.scene.Node n) -> n instanceof Labeled l && l.getText() != null
                && l.getText().contains("\u00bd\u00b7MSE")).tryQuery().isPresent(), "the loss chart names L2 as half the MSE");
        DataFilesGuiTest.shots(robot, stage, "train-regression");

        robot.clickOn("#nav-runs");
        TableView<dev.trainbench.runs.RunSummary> runs = robot.lookup("#runs-table").queryAs(TableView.class);
        FinalTestGuiTest.waitUntil("the run in the runs table", 30, () -> runs.getItems().size() == 1
                && runs.getItems().get(0).status() == RunStatus.COMPLETED);
        robot.interact(() -> runs.getSelectionModel().select(0));
        robot.clickOn("#final-test");
        robot.clickOn("Run the final test");
        RunsView view = (RunsView) robot.lookup("#runs-view").query();
        FinalTestGuiTest.waitUntil("the final test result window", 60, () -> view.lastTestWindow() != null);
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        TestResultPane pane = (TestResultPane) view.lastTestWindow().getScene().getRoot();
        assertTrue(robot.from(pane).lookup((javafx.scene.Node n) -> n instanceof Labeled l && l.getText() != null
                && l.getText().startsWith("Test RMSE") && l.getText().contains("R\u00b2")).tryQuery().isPresent());
        RunRecord r = window.workbench().store().load(runs.getItems().get(0).id());
        assertNotNull(r.test().rmse());
        assertTrue(r.test().r2() > 0.3, "R² " + r.test().r2());
        FinalTestGuiTest.waitUntil("the test RMSE in the table", 10, () -> runs.getItems().get(0).tested());
        TableColumn<dev.trainbench.runs.RunSummary, ?> testRmse = runs.getColumns().stream().filter(c -> "test RMSE".equals(c.getText()))
                .findFirst().orElseThrow();
        assertEquals(r.test().rmse(), (Double) testRmse.getCellData(0), 1e-12);
        robot.interact(() -> view.lastTestWindow().close());
        DataFilesGuiTest.shots(robot, stage, "runs-regression");
    }
}
