package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.ui.data.DataView;
import dev.trainbench.ui.data.DataViewModel;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Augmentation controls write the spec and redraw a preview for images; tables get them disabled, with the reason. */
@ExtendWith(ApplicationExtension.class)
class DataAugmentationGuiTest {
    @TempDir
    static Path workspace;

    private MainWindow window;
    private WorkbenchFixture app;
    private List<String> errors;

    @Start
    void start(Stage stage) {
        app = new WorkbenchFixture(stage, workspace, false);
        window = app.window;
        errors = app.errors;
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void augmentationPreviewAppearsForMnistAndFollowsTheSettings(FxRobot robot) {
        WorkbenchModel model = window.workbench();
        robot.interact(() -> window.dataViewModel().load());
        FinalTestGuiTest.waitUntil("MNIST to load", 30, () -> model.dataset() != null && model.dataset().isImage()
                && model.profileProperty().get() != null);
        DataView view = (DataView) robot.lookup("#data-view").query();
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(view.augmentationCanvas(), "a preview for images");
        int drawn = view.augmentationPreviewCount();
        @SuppressWarnings("unchecked")
        Spinner<Integer> shift = robot.lookup("#aug-shift").queryAs(Spinner.class);
        assertFalse(shift.isDisabled());
        robot.interact(() -> shift.getValueFactory().setValue(3));
        robot.interact(() -> window.dataViewModel().augRotationProperty().set(10));
        assertEquals(3, model.spec().augmentation().shift());
        assertEquals(10.0, model.spec().augmentation().rotation());
        assertTrue(view.augmentationPreviewCount() >= drawn + 2, "redrawn on each change");
        var rows = window.dataViewModel().augmentationPreview(4, 3);
        assertEquals(4, rows.size());
        assertFalse(java.util.Arrays.equals(rows.get(0).original(), rows.get(0).versions().get(0)), "augmented copies differ");
        assertTrue(java.util.Arrays.equals(rows.get(0).versions().get(1), window.dataViewModel().augmentationPreview(4, 3).get(0).versions().get(1)),
                "seeded: the same settings draw the same preview");

        robot.interact(() -> {
            window.dataViewModel().choiceProperty().set(DataViewModel.Choice.IRIS);
            window.dataViewModel().load();
        });
        FinalTestGuiTest.waitUntil("Iris to load", 30, () -> model.dataset() != null && !model.dataset().isImage());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shift.isDisabled(), "augmentation is for images only");
        assertNull(view.augmentationCanvas());
        assertTrue(robot.lookup("#augmentation-note").queryLabeled().getText().contains("only for images"));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void subsetSpinnerShowsTheSubsetOfTheSpecBeingEdited(FxRobot robot) {
        WorkbenchModel model = window.workbench();
        @SuppressWarnings("unchecked")
        Spinner<Integer> subset = robot.lookup("#subset-size").queryAs(Spinner.class);
        // a spec set from outside the Data screen (a loaded spec file, a run's spec, a session)
        robot.interact(() -> model.setSpec(model.spec().withSplit(model.spec().split().withSubset(3000))));
        assertEquals(3000, subset.getValue(), "the spinner shows the spec's subset");
        assertFalse(subset.isDisabled());
        assertEquals(3000, model.spec().split().subset());
        robot.interact(() -> window.dataViewModel().subsetSizeProperty().set(1234));
        assertEquals(1234, subset.getValue());
        assertEquals(1234, model.spec().split().subset());
        robot.interact(() -> subset.getValueFactory().setValue(500));
        assertEquals(500, model.spec().split().subset(), "and edits in the spinner still reach the spec");
        robot.interact(() -> model.setSpec(model.spec().withSeed(77)));
        @SuppressWarnings("unchecked")
        Spinner<Integer> seed = robot.lookup("#split-seed").queryAs(Spinner.class);
        assertEquals(77, seed.getValue(), "the seed spinner follows the spec too");
    }
}
