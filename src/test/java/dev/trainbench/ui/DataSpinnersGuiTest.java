package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trainbench.spec.DataSpec;
import dev.trainbench.ui.data.DataViewModel;
import java.nio.file.Path;
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

/**
 * The Data screen's spinners show the values the view model holds, whoever set them: a spec
 * opened, a run cloned, a test. The Samples spinner did not follow (it said 600 while a 300-sample
 * spiral was loaded), nor did Image size.
 */
@ExtendWith(ApplicationExtension.class)
class DataSpinnersGuiTest {
    @TempDir
    static Path workspace;

    private MainWindow window;
    private WorkbenchFixture app;

    @Start
    void start(Stage stage) {
        app = new WorkbenchFixture(stage, workspace, false);
        window = app.window;
    }

    @AfterEach
    void close() {
        app.close();
    }

    @SuppressWarnings("unchecked")
    private static Spinner<Number> spinner(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Spinner.class);
    }

    private static void assertShows(FxRobot robot, String id, String text) {
        Spinner<Number> s = spinner(robot, id);
        assertEquals(text, s.getEditor().getText(), id + " shows");
        assertEquals(Double.parseDouble(text), s.getValue().doubleValue(), 1e-9, id + " value");
    }

    @Test
    void everySpinnerShowsAValueSetInTheViewModel(FxRobot robot) {
        DataViewModel vm = window.dataViewModel();
        robot.interact(() -> {
            vm.choiceProperty().set(DataViewModel.Choice.TOY);
            vm.toySamplesProperty().set(300);
            vm.toyClassesProperty().set(4);
            vm.imageSizeProperty().set(48);
            vm.seedProperty().set(7);
            vm.subsetSizeProperty().set(2500);
            vm.skipLinesProperty().set(2);
            vm.augShiftProperty().set(3);
            vm.augRotationProperty().set(10);
            vm.augNoiseProperty().set(0.25);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertShows(robot, "#toy-samples", "300");
        assertShows(robot, "#toy-classes", "4");
        assertShows(robot, "#split-seed", "7");
        assertShows(robot, "#subset-size", "2500");
        // a file source's rows are built when such a source is first chosen: they show values set before
        robot.interact(() -> vm.choiceProperty().set(DataViewModel.Choice.CSV));
        WaitForAsyncUtils.waitForFxEvents();
        assertShows(robot, "#image-size", "48");
        assertShows(robot, "#csv-skip-lines", "2");
        assertShows(robot, "#aug-shift", "3");
        assertShows(robot, "#aug-rotation", "10");
        assertShows(robot, "#aug-noise", "0.25");
    }

    @Test
    void aSpecOpenedWithThreeHundredSamplesShowsThreeHundredAndTheSpinnerWritesBack(FxRobot robot) {
        WorkbenchModel model = window.workbench();
        robot.interact(() -> {
            model.setSpec(model.spec().withData(DataSpec.toy("moons", 300, 0.1, 2)));
            window.dataViewModel().showSpecData();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertShows(robot, "#toy-samples", "300");
        assertShows(robot, "#toy-classes", "2");
        // and the other way: stepping the spinner sets the view model
        robot.interact(() -> spinner(robot, "#toy-samples").increment());
        assertEquals(400, window.dataViewModel().toySamplesProperty().get());
    }
}
