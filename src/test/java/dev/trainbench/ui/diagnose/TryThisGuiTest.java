package dev.trainbench.ui.diagnose;

import static dev.trainbench.ui.FxThread.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.diagnose.Finding;
import dev.trainbench.diagnose.RuleIds;
import dev.trainbench.diagnose.Severity;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.spec.SpecPaths;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.MainWindow;
import dev.trainbench.ui.UserMessage;
import dev.trainbench.ui.WorkbenchModel;
import dev.trainbench.ui.task.FxTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javafx.scene.control.Button;
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
 * The diagnosis panel as a person uses it: a run diverges, the panel says why, and Try this clones
 * the run with exactly the offered change (its parent recorded) and starts it.
 */
@ExtendWith(ApplicationExtension.class)
class TryThisGuiTest {
    @TempDir
    static Path workspace;

    static final String DIVERGING = """
            {"name": "too-fast", "seed": 3, "data": {"source": "toy", "name": "spiral", "samples": 300},
             "model": {"layers": [{"type": "dense", "units": 32}, {"type": "relu"}], "init": {"type": "he"}},
             "training": {"optimizer": {"type": "sgd", "learningRate": 50}, "batchSize": 32, "epochs": 3}}
            """;

    private MainWindow window;
    private TrainerService trainer;
    private FxTaskRunner tasks;
    private final List<String> errors = new ArrayList<>();

    @Start
    void start(Stage stage) {
        RunStore store = new RunStore(workspace);
        trainer = new TrainerService(store);
        tasks = new FxTaskRunner();
        WorkbenchModel model = new WorkbenchModel(store, trainer, Path.of("").toAbsolutePath(), tasks,
                (action, error) -> errors.add(action + ": " + UserMessage.of(action, error).text()));
        window = new MainWindow(model);
        stage.setScene(window.createScene(1400, 900));
        stage.show();
    }

    @AfterEach
    void close() {
        window.shutdown();
        trainer.close();
        tasks.close();
    }

    @Test
    void tryThisClonesTheRunWithExactlyThatOneChangeAndStartsIt(FxRobot robot) {
        ExperimentSpec spec = SpecJson.parse(DIVERGING);
        robot.interact(() -> {
            window.workbench().setSpec(spec);
            window.show(2);
            window.trainViewModel().start();
        });
        waitUntil("the run to diverge", 120, () -> !window.trainViewModel().runningProperty().get());
        DiagnosisPanel panel = window.trainView().diagnosisPanel();
        waitUntil("the lr-too-high finding", 30, () -> panel.findings().stream()
                .anyMatch(f -> f.rule().equals(RuleIds.LR_TOO_HIGH)));
        Finding lr = panel.findings().stream().filter(f -> f.rule().equals(RuleIds.LR_TOO_HIGH)).findFirst().orElseThrow();
        assertEquals(Severity.ERROR, lr.severity());
        assertTrue(panel.titleText().startsWith("Diagnosis: 1 problem"), panel.titleText());
        String parentId = window.trainViewModel().currentProperty().get().runId();
        RunStore store = window.workbench().store();
        assertEquals(RunStatus.DIVERGED, store.load(parentId).status());

        Button button = robot.lookup("#try-this-" + RuleIds.LR_TOO_HIGH).queryAs(Button.class);
        assertTrue(button.getText().startsWith("Try this: learning rate 50 -> 5"), button.getText());
        robot.clickOn(button);
        waitUntil("the clone to start", 60, () -> window.trainViewModel().currentProperty().get().runId() != null
                && !window.trainViewModel().currentProperty().get().runId().equals(parentId));
        String childId = window.trainViewModel().currentProperty().get().runId();
        waitUntil("the clone to end", 120, () -> !window.trainViewModel().runningProperty().get());

        RunRecord parent = store.load(parentId);
        RunRecord child = store.load(childId);
        assertEquals(parentId, child.parentId(), "the parent is recorded");
        assertEquals(List.of("training.optimizer.learningRate"), differingFields(parent.spec(), child.spec()));
        assertEquals(5.0, child.spec().training().optimizer().learningRate(), 1e-12);
        assertEquals(child.spec(), window.workbench().spec(), "the screens show the clone's spec");

        // the same from the parent's charts window (Runs > Open charts): its stored diagnosis, and Try this there
        Stage[] charts = new Stage[1];
        robot.interact(() -> {
            window.show(3);
            var runsView = (dev.trainbench.ui.runs.RunsView) robot.lookup("#runs-view").query();
            charts[0] = runsView.chartsWindow(parent, new dev.trainbench.runs.MetricsTable[] {store.readSteps(parentId),
                store.readEpochs(parentId)}, dev.trainbench.diagnose.DiagnosisFile.read(store.dir(parentId)).orElseThrow().findings());
        });
        DiagnosisPanel stored = robot.from(charts[0].getScene().getRoot()).lookup("#run-diagnosis").queryAs(DiagnosisPanel.class);
        assertTrue(stored.findings().stream().anyMatch(f -> f.rule().equals(RuleIds.LR_TOO_HIGH)), stored.findings().toString());
        Button again = robot.from(charts[0].getScene().getRoot()).lookup("#try-this-" + RuleIds.LR_TOO_HIGH).queryAs(Button.class);
        robot.clickOn(again);
        waitUntil("the second clone to start", 60, () -> {
            String id = window.trainViewModel().currentProperty().get().runId();
            return id != null && !id.equals(parentId) && !id.equals(childId);
        });
        String secondId = window.trainViewModel().currentProperty().get().runId();
        robot.interact(() -> window.trainViewModel().stop());
        waitUntil("the second clone to stop", 60, () -> !window.trainViewModel().runningProperty().get());
        RunRecord second = store.load(secondId);
        assertEquals(parentId, second.parentId(), "the parent is recorded from the charts window too");
        assertEquals(List.of("training.optimizer.learningRate"), differingFields(parent.spec(), second.spec()));
        robot.interact(() -> charts[0].close());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /** Every leaf field whose value differs between the two specs (either side). */
    static List<String> differingFields(ExperimentSpec a, ExperimentSpec b) {
        TreeSet<String> paths = new TreeSet<>(SpecPaths.leafPaths(a));
        paths.addAll(SpecPaths.leafPaths(b));
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            if (!text(a, p).equals(text(b, p))) {
                out.add(p);
            }
        }
        return out;
    }

    private static String text(ExperimentSpec s, String path) {
        try {
            return SpecPaths.getText(s, path);
        } catch (RuntimeException e) {
            return "<absent>";
        }
    }

    @Test
    void theLessonsWindowPlaysAPairSideBySideWithTheFailingRunsDiagnosis(FxRobot robot) {
        robot.clickOn("#menu-help");
        robot.clickOn("#menu-lessons");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(window.lessonsView());
        var vm = window.lessonsView();
        robot.interact(() -> {
            var list = (javafx.scene.control.ListView<?>) robot.lookup("#lesson-list").query();
            for (int i = 0; i < list.getItems().size(); i++) {
                if (((dev.trainbench.diagnose.Lessons.Lesson) list.getItems().get(i)).id().equals("zeros-init")) {
                    list.getSelectionModel().select(i);
                }
            }
        });
        robot.clickOn("#lesson-play");
        waitUntil("both runs of the lesson", 240, () -> {
            javafx.scene.control.Button play = (javafx.scene.control.Button) robot.lookup("#lesson-play").query();
            return !play.isDisabled();
        });
        for (RunRecord r : window.workbench().store().list()) {
            System.out.println("LESSONRUN " + r.name() + " " + r.status() + " " + r.message() + " " + dev.trainbench.diagnose.DiagnosisFile
                    .read(window.workbench().store().dir(r.id())));
        }
        System.out.println("LESSONSTATUS " + ((javafx.scene.control.Label) robot.lookup("#lesson-status").query()).getText());
        List<Finding> failing = vm.failingDiagnosis().findings();
        List<Finding> fixed = vm.fixedDiagnosis().findings();
        assertTrue(failing.stream().anyMatch(f -> f.rule().equals(RuleIds.SYMMETRIC_INIT)), failing.toString());
        assertFalse(fixed.stream().anyMatch(f -> f.severity().atLeast(Severity.WARNING)), fixed.toString());
        String status = ((javafx.scene.control.Label) robot.lookup("#lesson-status").query()).getText();
        assertTrue(status.contains("diagnosed symmetric-init") && status.contains("the fix has no problem"), status);
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
