package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.SpecJson;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
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
 * <i>Sweep…</i> in the Train view opens the sweep dialog on the current spec: values typed in it
 * give the run count and the job script before anything starts, a bad value is named on its field
 * and blocks the start, and Cancel leaves nothing behind. Screenshots of the dialog at two sizes go
 * to {@code target/screenshots/} (looked at when this was written).
 */
@ExtendWith(ApplicationExtension.class)
class SweepDialogGuiTest {
    @TempDir
    static Path workspace;

    private WorkbenchFixture app;

    @Start
    void start(Stage stage) {
        app = new WorkbenchFixture(stage, workspace, false);
        app.window.workbench().setSpec(SpecJson.read(Path.of("examples/spiral-mlp.json")));
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static void waitUntil(String what, BooleanCheck condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::ok);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    private interface BooleanCheck {
        boolean ok();
    }

    private static <T extends Node> T in(DialogPane pane, String selector, Class<T> type) {
        Node n = pane.lookup(selector);
        assertNotNull(n, selector);
        return type.cast(n);
    }

    private static void shoot(DialogPane pane, double width, double height, Path file) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Window w = pane.getScene().getWindow();
            w.setWidth(width);
            w.setHeight(height);
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.asyncFx(() -> {
            pane.getScene().getRoot().applyCss();
            pane.getScene().getRoot().layout();
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(pane.getScene().snapshot(null), null), "png", file.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(20, TimeUnit.SECONDS);
    }

    @Test
    void sweepFromTheTrainViewPreviewsTheRunsAndTheJobScriptAndNamesABadValue(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.window.show(2)).get(10, TimeUnit.SECONDS);
        waitUntil("Sweep… in the Train view", () -> app.window.trainView().getScene() != null
                && app.window.trainView().getScene().lookup("#sweep-open") != null);
        Button open = (Button) app.window.trainView().getScene().lookup("#sweep-open");
        javafx.application.Platform.runLater(open::fire); // showAndWait: not waited for here
        waitUntil("the sweep dialog", () -> robot.lookup("#sweep-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#sweep-dialog").queryAs(DialogPane.class);

        TextField values = in(pane, ".sweep-values", TextField.class);
        Label size = in(pane, "#sweep-size", Label.class);
        Label problem = in(pane, "#sweep-problem", Label.class);
        TextArea preview = in(pane, "#sweep-preview", TextArea.class);
        Button start = in(pane, "#sweep-start", Button.class);
        assertTrue(start.isDisabled(), "nothing to sweep yet");
        assertTrue(problem.isVisible() && problem.getText().contains("learningRate"), problem.getText());

        WaitForAsyncUtils.asyncFx(() -> {
            values.setText("1e-3, 1e-2, 0.1");
            in(pane, "#sweep-slurm", RadioButton.class).setSelected(true);
            in(pane, "#sweep-partition", TextField.class).setText("debug");
            in(pane, "#sweep-time", TextField.class).setText("0-01:00:00");
            in(pane, "#sweep-mem", TextField.class).setText("4G");
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("3 learningRate x 3 seeds = 9 runs", size.getText());
        assertTrue(preview.getText().contains("#SBATCH --array=0-8"), preview.getText());
        assertTrue(preview.getText().contains("#SBATCH --partition=debug"),
                preview.getText());
        assertFalse(start.isDisabled(), problem.getText());
        assertFalse(problem.isVisible());

        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        shoot(pane, 760, 720, shots.resolve("sweep-dialog-760x720.png"));
        shoot(pane, 1200, 1000, shots.resolve("sweep-dialog-1200x1000.png"));
        assertTrue(new File(shots.toFile(), "sweep-dialog-1200x1000.png").length() > 0);

        WaitForAsyncUtils.asyncFx(() -> values.setText("0.01, fast")).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(start.isDisabled(), "a bad value blocks the start");
        assertTrue(pane.lookupAll(".error-text").stream().map(n -> ((Label) n).getText())
                .anyMatch(t -> t.contains("'fast' is not a number")), "the bad value is named on its field");

        WaitForAsyncUtils.asyncFx(() -> ((Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire())
                .get(10, TimeUnit.SECONDS);
        waitUntil("the dialog to close", () -> robot.lookup("#sweep-dialog").tryQuery().isEmpty());
        assertFalse(Files.exists(workspace.resolve("sweeps")), "Cancel writes nothing");
    }
}
