package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.data.DataViewModel;
import dev.trainbench.ui.runs.RunsView;
import dev.trainbench.ui.runs.TestResultPane;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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

/** A short finished run: its sanity findings reach the Train screen, and the final test shows a confusion matrix. */
@ExtendWith(ApplicationExtension.class)
class FinalTestGuiTest {
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

    static void waitUntil(String what, int seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    @Test
    void finishedRunShowsSanityFindingsAndItsFinalTestShowsAConfusionMatrix(FxRobot robot) {
        WorkbenchModel model = window.workbench();
        robot.interact(() -> {
            window.dataViewModel().choiceProperty().set(DataViewModel.Choice.TOY);
            window.dataViewModel().toyNameProperty().set("blobs");
            window.dataViewModel().load();
        });
        waitUntil("the blobs to load", 30, () -> model.dataset() != null && model.dataset().sampleSize() == 2);
        robot.interact(() -> {
            window.modelViewModel().applyPreset("tiny-mlp");
            window.trainViewModel().epochsProperty().set(2);
            window.trainViewModel().runNameProperty().set("blobs for the test");
            window.show(2);
        });
        robot.clickOn("#start");
        waitUntil("the run to finish", 90, () -> !window.trainViewModel().runningProperty().get()
                && window.trainViewModel().epochsShownProperty().get() == 2);
        // running turns false and the status line changes in the same FX event, but this thread can
        // observe the first before the second: let that event finish before reading the status
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(errors.isEmpty(), errors.toString());
        assertTrue(window.trainViewModel().sanityFindings().size() > 0, "sanity findings arrived");
        assertTrue(window.trainView().sanityPanel().isVisible());
        assertEquals(window.trainViewModel().sanityFindings().size(), window.trainView().sanityPanel().findingCount());
        String status = window.trainViewModel().statusProperty().get();
        assertTrue(status.startsWith("Run completed: best validation accuracy"), status);

        robot.clickOn("#nav-runs");
        @SuppressWarnings("unchecked")
        TableView<dev.trainbench.runs.RunSummary> runs = robot.lookup("#runs-table").queryAs(TableView.class);
        waitUntil("the run in the runs table", 30, () -> runs.getItems().size() == 1
                && runs.getItems().get(0).status() == RunStatus.COMPLETED);
        robot.interact(() -> runs.getSelectionModel().select(0));
        robot.clickOn("#final-test");
        robot.clickOn("Run the final test");
        RunsView view = (RunsView) robot.lookup("#runs-view").query();
        waitUntil("the final test result window", 60, () -> view.lastTestWindow() != null);
        assertTrue(errors.isEmpty(), errors.toString());
        TestResultPane pane = (TestResultPane) view.lastTestWindow().getScene().getRoot();
        int classes = model.dataset().numClasses();
        assertEquals(classes * classes + classes, pane.cellCount(), "a count per (true, predicted) pair and an accuracy per class");
        waitUntil("the test accuracy in the table", 10, () -> runs.getItems().get(0).testAccuracy() != null);
        assertNotNull(model.store().load(runs.getItems().get(0).id()).test());
        robot.interact(() -> view.lastTestWindow().close());
    }
}
