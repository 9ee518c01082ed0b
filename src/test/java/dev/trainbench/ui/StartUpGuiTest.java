package dev.trainbench.ui;

import static dev.trainbench.ui.FxThread.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.ui.compare.CompareViewModel;
import dev.trainbench.ui.compare.FakeRuns;
import dev.trainbench.ui.data.DataViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window opens with only its first screen (Data) built; the others are built after the first
 * frame or at first use. Every screen and every action that crosses screens must work whichever
 * screen gets built first: each test starts from a fresh window with only Data built.
 */
@ExtendWith(ApplicationExtension.class)
class StartUpGuiTest {
    private static final String[] VIEW_IDS = {"#data-view", "#model-view", "#train-view", "#runs-view", "#compare-view",
        "#predict-view"};

    @TempDir
    Path workspace;

    private WorkbenchFixture app;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        app = new WorkbenchFixture(stage, workspace, true);
        window = app.window;
    }

    @AfterEach
    void close() {
        app.close();
    }

    private void assertOnlyDataBuilt() {
        assertTrue(window.isBuilt(0), "the first screen is built with the window");
        for (int i = 1; i < window.viewCount(); i++) {
            assertFalse(window.isBuilt(i), window.viewName(i) + " is not built before it is needed");
        }
    }

    private void assertShowing(FxRobot robot, int index) {
        assertTrue(robot.lookup(VIEW_IDS[index]).tryQuery().isPresent(), window.viewName(index) + " is shown");
        assertTrue(robot.lookup("#nav-" + window.viewName(index).toLowerCase(java.util.Locale.ROOT))
                .queryAs(javafx.scene.control.ToggleButton.class).isSelected());
    }

    /** Waits for the data set's loading and its split summary (background tasks) before the window closes. */
    private void dataSettled() {
        waitUntil("the data to settle", 60, () -> !window.dataViewModel().loadingProperty().get()
                && !window.workbench().tasks().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<RunRecord> storedRuns() throws Exception {
        ExperimentSpec spec = SpecJson.read(Path.of("examples/spiral-mlp.json")).withName("stored");
        List<RunRecord> runs = new FakeRuns(window.workbench().store()).learningRateSweep(spec, new double[] {1e-2, 1e-1}, 1,
                lr -> 0.8);
        WaitForAsyncUtils.asyncFx(() -> window.runsViewModel().reload()).get(10, TimeUnit.SECONDS);
        waitUntil("the stored runs", 30, () -> window.workbench().runs().size() == runs.size());
        return runs;
    }

    @Test
    void startUpBuildsTheOtherScreensAfterTheWindowOnePerEvent(FxRobot robot) throws Exception {
        assertOnlyDataBuilt();
        assertShowing(robot, 0);
        assertFalse(window.allScreensBuiltProperty().get());
        boolean[] done = new boolean[1];
        WaitForAsyncUtils.asyncFx(() -> {
            window.startUp(() -> done[0] = true);
            // nothing more is built in the same event: each screen follows in its own
            assertOnlyDataBuilt();
        }).get(10, TimeUnit.SECONDS);
        // the user can go on working meanwhile: a screen asked for now is built and shown at once
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT5).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertShowing(robot, 4);
        waitUntil("every screen built", 60, () -> done[0]);
        assertTrue(window.allScreensBuiltProperty().get());
        for (int i = 0; i < window.viewCount(); i++) {
            assertTrue(window.isBuilt(i), window.viewName(i));
        }
        assertShowing(robot, 4);
        waitUntil("the default data set", 60, () -> window.workbench().dataset() != null);
        dataSettled();
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void everyScreenOpensByItsShortcutWhenNothingButDataIsBuilt(FxRobot robot) {
        assertOnlyDataBuilt();
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5, KeyCode.DIGIT6};
        for (int i : new int[] {5, 4, 3, 2, 1, 0}) { // Predict first: the last screen built first
            robot.press(KeyCode.CONTROL).type(digits[i]).release(KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            assertShowing(robot, i);
        }
        robot.clickOn("#nav-train");
        assertShowing(robot, 2);
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void sweepDialogOpensFromTrainRightAfterStart(FxRobot robot) throws Exception {
        assertOnlyDataBuilt();
        WaitForAsyncUtils.asyncFx(() -> {
            window.workbench().setSpec(SpecJson.read(Path.of("examples/spiral-mlp.json")));
            window.show(2);
        }).get(10, TimeUnit.SECONDS);
        waitUntil("Sweep… in the Train view", 10, () -> window.getScene().lookup("#sweep-open") != null);
        Button open = (Button) window.getScene().lookup("#sweep-open");
        javafx.application.Platform.runLater(open::fire); // showAndWait: not waited for here
        waitUntil("the sweep dialog", 20, () -> robot.lookup("#sweep-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#sweep-dialog").queryAs(DialogPane.class);
        assertNotNull(pane.lookup(".sweep-values"), "the dialog's value field");
        assertFalse(window.isBuilt(3), "the Runs screen is built only when a sweep starts");
        WaitForAsyncUtils.asyncFx(() -> ((Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire())
                .get(10, TimeUnit.SECONDS);
        waitUntil("the dialog to close", 10, () -> robot.lookup("#sweep-dialog").tryQuery().isEmpty());
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void cloneAndChangeFromRunsBeforeTrainIsBuiltShowsTheCloneOnTrain(FxRobot robot) throws Exception {
        List<RunRecord> runs = storedRuns();
        assertFalse(window.isBuilt(2));
        RunRecord parent = runs.get(1);
        WaitForAsyncUtils.asyncFx(() -> window.runsViewModel().cloneRun(dev.trainbench.runs.RunSummary.of(parent))).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertShowing(robot, 2);
        assertEquals(parent.id(), window.trainViewModel().parentIdProperty().get());
        assertEquals(parent.spec(), window.workbench().spec());
        assertEquals(DataViewModel.Choice.TOY, window.dataViewModel().choiceProperty().get(), "Data shows the clone's data");
        assertEquals(parent.spec().training().optimizer().learningRate(), window.trainViewModel().learningRateProperty().get(), 1e-12);
        waitUntil("the clone's data", 60, () -> window.workbench().dataset() != null);
        dataSettled();
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void compareFromRunsBeforeCompareIsBuiltOpensTheComparison(FxRobot robot) throws Exception {
        List<RunRecord> runs = storedRuns();
        assertFalse(window.isBuilt(4));
        WaitForAsyncUtils.asyncFx(() -> window.runsViewModel().compare(runs)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertShowing(robot, 4);
        CompareViewModel cvm = window.compareViewModel();
        waitUntil("the comparison", 60, () -> cvm.comparisonProperty().get() != null && !cvm.loadingProperty().get());
        assertEquals(runs.size(), cvm.comparisonProperty().get().runs().size());
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void tryThisOnAStoredRunBeforeTrainIsBuiltStartsTheCloneThere(FxRobot robot) throws Exception {
        List<RunRecord> runs = storedRuns();
        RunRecord parent = runs.get(0);
        var change = dev.trainbench.diagnose.TryThis.of(parent.spec(), "training.epochs",
                com.fasterxml.jackson.databind.node.IntNode.valueOf(1), "one epoch");
        WaitForAsyncUtils.asyncFx(() -> window.runsViewModel().tryThis(parent, change)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertShowing(robot, 2);
        waitUntil("the clone to start", 60, () -> window.trainViewModel().currentProperty().get() != null
                && window.trainViewModel().currentProperty().get().runId() != null);
        waitUntil("the clone to end", 120, () -> !window.trainViewModel().runningProperty().get());
        RunRecord child = window.workbench().store().load(window.trainViewModel().currentProperty().get().runId());
        assertEquals(parent.id(), child.parentId());
        assertEquals(1, child.spec().training().epochs());
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void presentationModeThemeAndLessonsSetBeforeAScreenIsBuiltApplyToIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            window.setPresentation(true);
            window.toggleTheme();
        }).get(10, TimeUnit.SECONDS);
        assertFalse(window.isBuilt(2));
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertShowing(robot, 2);
        javafx.scene.control.ToggleButton settings = robot.lookup("#settings-toggle").queryAs(javafx.scene.control.ToggleButton.class);
        assertFalse(settings.isSelected(), "a Train screen built in presentation mode folds its settings away");
        assertTrue(window.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith(MainWindow.DARK)));
        WaitForAsyncUtils.asyncFx(() -> window.setPresentation(false)).get(10, TimeUnit.SECONDS);
        assertTrue(settings.isSelected(), "and unfolds them when it ends");

        Stage[] lessons = new Stage[1];
        WaitForAsyncUtils.asyncFx(() -> lessons[0] = window.openLessons()).get(10, TimeUnit.SECONDS);
        assertTrue(lessons[0].isShowing());
        Node view = lessons[0].getScene().lookup("#lessons-view");
        assertNotNull(view);
        WaitForAsyncUtils.asyncFx(() -> lessons[0].close()).get(10, TimeUnit.SECONDS);
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }
}
