package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.runs.RunSummary;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.sweep.CommandRunner;
import dev.trainbench.sweep.Slurm;
import dev.trainbench.sweep.SlurmOptions;
import dev.trainbench.sweep.SweepAxis;
import dev.trainbench.sweep.SweepFolder;
import dev.trainbench.sweep.SweepSetup;
import dev.trainbench.sweep.SweepStatus;
import dev.trainbench.ui.runs.RunsView;
import dev.trainbench.ui.runs.RunsViewModel;
import dev.trainbench.ui.sweep.SweepRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Runs view shows the workspace's sweeps, also those that have written no run yet (queued on
 * Slurm, or a local sweep before its first run), with where their tasks stand, and cancels one as
 * {@code trainbench sweep cancel} does (scancel for Slurm); runs already written stay. Screenshots
 * at 1440x900 go to {@code target/screenshots/} (looked at when this was written).
 */
@ExtendWith(ApplicationExtension.class)
class RunsSweepsGuiTest {
    @TempDir
    static Path workspace;

    /** squeue lists both tasks of job 4242 as pending until scancel; then the array is gone. */
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private final CommandRunner fake = (command, dir, timeout) -> {
        calls.add(command);
        return switch (command.get(0)) {
            case "squeue" -> cancelled ? new CommandRunner.Result(1, "", "slurm_load_jobs error: Invalid job id specified")
                    : new CommandRunner.Result(0, "4242_[0-1]|PENDING|Resources\n", "");
            case "sacct" -> new CommandRunner.Result(1, "", "sacct: error: Slurm accounting storage is disabled");
            case "scancel" -> {
                cancelled = true;
                yield new CommandRunner.Result(0, "", "");
            }
            case "sbatch" -> new CommandRunner.Result(0, "4242\n", "");
            case "scontrol" -> new CommandRunner.Result(0, "MaxArraySize = 1001\n", "");
            default -> new CommandRunner.Result(1, "", "unknown");
        };
    };

    private WorkbenchFixture app;
    private SweepRunner runner;
    private RunsViewModel vm;
    private RunsView view;
    private SweepFolder slurmSweep;
    private SweepFolder localSweep;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        ExperimentSpec spiral = SpecJson.read(Path.of("examples/spiral-mlp.json"));
        Slurm slurm = new Slurm(fake);
        slurmSweep = SweepSetup.of(spiral, List.of(SweepAxis.parse("training.optimizer.learningRate=1e-3,1e-2")), 1, "lr-slurm",
                SweepSetup.Choices.slurm(SlurmOptions.none()), workspace, Path.of("examples").toAbsolutePath(), null).write();
        SweepSetup.submit(slurmSweep, slurm);
        localSweep = SweepSetup.of(spiral, List.of(SweepAxis.parse("training.optimizer.learningRate=1e-3,1e-2")), 1, "lr-local",
                SweepSetup.Choices.local(1), workspace, Path.of("examples").toAbsolutePath(), null).write();
        // the local sweep's first task has written its run; the second has not started
        var task = localSweep.record().task(0);
        Path dir = workspace.resolve("runs").resolve("20260101-000000-lr-local-0001");
        Files.createDirectories(dir);
        RunRecord run = new RunRecord.Builder().id(dir.getFileName().toString()).name("lr-local 0").status(RunStatus.COMPLETED)
                .spec(spiral).createdAt("2026-01-01T00:00:00Z").sweepId(localSweep.id()).sweepName("lr-local")
                .sweepTask(0).sweepPoint(task.point()).bestValidationAccuracy(0.9).epochsCompleted(3).build();
        Files.writeString(dir.resolve(RunStore.RECORD_FILE), SpecJson.mapper().writeValueAsString(run));
        Path other = workspace.resolve("runs").resolve("20250101-000000-other-0002");
        Files.createDirectories(other);
        Files.writeString(other.resolve(RunStore.RECORD_FILE), SpecJson.mapper().writeValueAsString(run.toBuilder()
                .id(other.getFileName().toString()).name("other").sweepId(null).sweepName(null).sweepTask(null).sweepPoint(null)
                .createdAt("2025-01-01T00:00:00Z").build()));

        app = new WorkbenchFixture(stage, workspace, false);
        stage.setWidth(1440);
        stage.setHeight(900);
        vm = app.window.runsViewModel();
        view = app.window.runsView();
        runner = new SweepRunner(slurm, () -> { });
        vm.setSweepRunner(runner);
        app.window.show(3);
        vm.reload();
    }

    @AfterEach
    void close() {
        runner.close();
        app.close();
        assertEquals(List.of(), app.errors);
    }

    private static void waitUntil(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    private void shoot(String name) throws Exception {
        Files.createDirectories(Path.of("target", "screenshots"));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png",
                        Path.of("target", "screenshots", name).toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(20, TimeUnit.SECONDS);
    }

    @Test
    void aSweepWithNoRunYetIsShownWithItsQueuedTasksAndCancelledFromTheRunsView(FxRobot robot) throws Exception {
        waitUntil("the runs and both sweeps", () -> FxThread.call(() -> vm.runs().size() == 2 && vm.sweeps().size() == 2));
        HBox bar = robot.lookup("#runs-sweep-bar").queryAs(HBox.class);
        assertTrue(FxThread.call(bar::isVisible), "the workspace has sweeps: the sweep bar shows");
        @SuppressWarnings("unchecked")
        ComboBox<String> choice = robot.lookup("#runs-sweep-choice").queryAs(ComboBox.class);
        Button cancel = robot.lookup("#cancel-sweep").queryAs(Button.class);
        assertTrue(FxThread.call(cancel::isDisabled), "no sweep chosen: nothing to cancel");
        assertEquals(List.of("", localSweep.id(), slurmSweep.id()).stream().sorted().toList(),
                FxThread.call(() -> choice.getItems().stream().sorted().toList()), "every sweep, and all runs");

        SweepStatus queued = FxThread.call(() -> vm.sweepStatus(slurmSweep.id()));
        assertEquals("2 queued", queued.summary(), "from squeue: no run written yet");
        assertTrue(RunsViewModel.sweepChoiceLabel(queued).matches("lr-slurm \u00b7 [0-9a-f]{4} \u00b7 slurm job 4242 \u00b7 2 queued"),
                RunsViewModel.sweepChoiceLabel(queued));

        // choose the Slurm sweep: no runs in the table, the placeholder says where its tasks stand
        WaitForAsyncUtils.asyncFx(() -> choice.setValue(slurmSweep.id())).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, FxThread.call(() -> view.table().getItems().size()));
        String placeholder = FxThread.call(() -> ((Label) view.table().getPlaceholder()).getText());
        assertTrue(placeholder.contains("2 queued") && placeholder.contains("Cancel sweep"), placeholder);
        assertFalse(FxThread.call(cancel::isDisabled), "a queued sweep can be cancelled");
        shoot("runs-sweep-queued-1440x900.png");

        robot.clickOn("#cancel-sweep");
        waitUntil("the confirmation", () -> robot.lookup("#cancel-sweep-confirm").tryQuery().isPresent());
        DialogPane confirm = robot.lookup("#cancel-sweep-confirm").queryAs(DialogPane.class);
        WaitForAsyncUtils.asyncFx(() -> ((Button) confirm.lookupButton(ButtonType.YES)).fire()).get(10, TimeUnit.SECONDS);
        waitUntil("scancel and the new status", () -> FxThread.call(() -> vm.sweepStatus(slurmSweep.id()) != null
                && vm.sweepStatus(slurmSweep.id()).sweep().cancelled()));
        assertTrue(calls.contains(List.of("scancel", "4242")), calls.toString());
        assertTrue(slurmSweep.refresh().cancelled(), "recorded in sweep.json, as sweep cancel does");
        waitUntil("the cancelled tasks", () -> FxThread.call(() -> "2 cancelled".equals(vm.sweepStatus(slurmSweep.id()).summary())));
        assertTrue(FxThread.call(cancel::isDisabled), "a cancelled sweep cannot be cancelled again");
        String notice = FxThread.call(() -> vm.sweepNoticeProperty().get());
        assertTrue(notice.contains("scancel 4242"), notice);
        shoot("runs-sweep-cancelled-1440x900.png");

        // the local sweep before its second task: cancelled too; the run its first task wrote stays
        WaitForAsyncUtils.asyncFx(() -> choice.setValue(localSweep.id())).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("20260101-000000-lr-local-0001"),
                FxThread.call(() -> view.table().getItems().stream().map(RunSummary::id).toList()));
        assertEquals("1 queued, 1 completed", FxThread.call(() -> vm.sweepStatus(localSweep.id()).summary()));
        robot.clickOn("#cancel-sweep");
        waitUntil("the confirmation", () -> robot.lookup("#cancel-sweep-confirm").tryQuery().isPresent());
        DialogPane again = robot.lookup("#cancel-sweep-confirm").queryAs(DialogPane.class);
        WaitForAsyncUtils.asyncFx(() -> ((Button) again.lookupButton(ButtonType.YES)).fire()).get(10, TimeUnit.SECONDS);
        waitUntil("the local sweep cancelled", () -> FxThread.call(() -> "1 completed, 1 cancelled"
                .equals(vm.sweepStatus(localSweep.id()).summary())));
        assertEquals(1, FxThread.call(() -> view.table().getItems().size()), "the run already written stays");

        WaitForAsyncUtils.asyncFx(() -> choice.setValue("")).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, FxThread.call(() -> view.table().getItems().size()), "All runs");
    }
}
