package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.ui.data.DataFilesViewModelTest;
import dev.trainbench.ui.data.DataViewModel;
import dev.trainbench.ui.runs.RunsView;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
 * The Data view with data as people have it: a scikit-learn-style CSV with a preamble, loaded by
 * setting one option; official test files (a Fashion-MNIST-style train/t10k IDX pair) as the test
 * split, trained and tested from the GUI. Screenshots at 1280x800 and 1600x1000 go to
 * target/gui-shots/ to be looked at.
 */
@ExtendWith(ApplicationExtension.class)
class DataFilesGuiTest {
    @TempDir
    static Path workspace;
    @TempDir
    Path dir;

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

    static void shots(FxRobot robot, Stage stage, String name) {
        for (int[] size : new int[][] {{1280, 800}, {1600, 1000}}) {
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> {
                try {
                    Path out = Path.of("target", "gui-shots");
                    Files.createDirectories(out);
                    stage.getScene().getRoot().applyCss();
                    stage.getScene().getRoot().layout();
                    File f = out.resolve(name + "-" + size[0] + ".png").toFile();
                    ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPreambleCsvLoadsWithOneOptionSetInTheGui(FxRobot robot) throws Exception {
        Path wine = DataFilesViewModelTest.wine(dir);
        DataViewModel vm = window.dataViewModel();
        robot.interact(() -> {
            ((ChoiceBox<DataViewModel.Choice>) robot.lookup("#data-source").query()).setValue(DataViewModel.Choice.CSV);
            vm.pathProperty().set(wine.toString());
        });
        FinalTestGuiTest.waitUntil("the preview's error", 20, () -> vm.csvPreviewProperty().get() != null
                && vm.csvPreviewProperty().get().error() != null);
        WaitForAsyncUtils.waitForFxEvents();
        String status = robot.lookup("#csv-preview-status").queryLabeled().getText();
        assertTrue(status.contains("Skip lines"), status);
        shots(robot, stage, "data-csv-preamble-error");

        Spinner<Integer> skip = robot.lookup("#csv-skip-lines").queryAs(Spinner.class);
        robot.interact(() -> skip.getValueFactory().setValue(1));
        FinalTestGuiTest.waitUntil("the preview of 14 columns", 20, () -> vm.csvPreviewProperty().get() != null
                && vm.csvPreviewProperty().get().error() == null);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<List<String>> table = robot.lookup("#csv-preview").queryAs(TableView.class);
        assertEquals(14, table.getColumns().size());
        assertEquals(DataViewModel.PREVIEW_ROWS, table.getItems().size());
        assertTrue(table.getColumns().get(13).getText().endsWith("target"), table.getColumns().get(13).getText());
        ChoiceBox<DataViewModel.TaskChoice> task = robot.lookup("#csv-task").queryAs(ChoiceBox.class);
        assertEquals("automatic (classification)", task.getConverter().toString(task.getValue()));

        robot.clickOn("#load-data");
        FinalTestGuiTest.waitUntil("the wine set to load", 30, () -> window.workbench().dataset() != null
                && window.workbench().dataset().sampleSize() == 13);
        assertEquals(1, window.workbench().spec().data().skipLines());
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        FinalTestGuiTest.waitUntil("the split counts", 20, () -> vm.splitSummaryProperty().get() != null);
        shots(robot, stage, "data-csv-preamble-loaded");
    }

    @Test
    void aPreambleTakenAsTheHeaderShowsAWarningInTheGui(FxRobot robot) throws Exception {
        Path iris = Files.writeString(dir.resolve("iris.csv"), "6,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n"
                + "4.9,3.0,1.4,0.2,0\n7.0,3.2,4.7,1.4,1\n6.4,3.2,4.5,1.5,1\n6.3,3.3,6.0,2.5,2\n5.8,2.7,5.1,1.9,2\n");
        DataViewModel vm = window.dataViewModel();
        robot.interact(() -> {
            vm.choiceProperty().set(DataViewModel.Choice.CSV);
            vm.pathProperty().set(iris.toString());
        });
        robot.clickOn("#load-data");
        FinalTestGuiTest.waitUntil("the iris file to load", 30, () -> window.workbench().dataset() != null
                && window.workbench().dataset().size() == 6);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, vm.loaderWarnings().size(), vm.loaderWarnings().toString());
        assertTrue(robot.lookup(n -> n instanceof javafx.scene.control.Label l && l.getText() != null
                && l.getText().contains("was taken as the header") && l.getText().contains("'Skip lines'")).tryQuery().isPresent());
    }

    @Test
    @SuppressWarnings("unchecked")
    void officialTestFilesAreTheTestSplitOfARunTrainedAndTestedFromTheGui(FxRobot robot) throws Exception {
        dev.trainbench.cli.CliDataFilesTestAccess.fashionPair(dir, "train", 300, 8, 4, 1);
        dev.trainbench.cli.CliDataFilesTestAccess.fashionPair(dir, "t10k", 80, 8, 4, 2);
        DataViewModel vm = window.dataViewModel();
        robot.interact(() -> {
            vm.choiceProperty().set(DataViewModel.Choice.IDX);
            vm.pathProperty().set(dir.resolve("train-images-idx3-ubyte.gz").toString());
            vm.labelsPathProperty().set(dir.resolve("train-labels-idx1-ubyte.gz").toString());
        });
        ChoiceBox<Boolean> mode = robot.lookup("#test-mode").queryAs(ChoiceBox.class);
        robot.interact(() -> mode.setValue(true));
        assertEquals("own files", robot.lookup("#split-test").queryLabeled().getText());
        robot.interact(() -> {
            robot.lookup("#test-path").queryAs(TextField.class).setText(dir.resolve("t10k-images-idx3-ubyte.gz").toString());
            robot.lookup("#test-labels").queryAs(TextField.class).setText(dir.resolve("t10k-labels-idx1-ubyte.gz").toString());
        });
        robot.clickOn("#load-data");
        FinalTestGuiTest.waitUntil("the IDX pair to load", 30, () -> window.workbench().dataset() != null
                && window.workbench().dataset().size() == 300 && vm.splitSummaryProperty().get() != null);
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        robot.interact(() -> ((javafx.scene.control.TabPane) robot.lookup("#data-tabs").query()).getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> counts = robot.lookup("#split-counts").queryAs(TableView.class);
        assertEquals(5, counts.getItems().size(), "all, and one row per class");
        assertEquals("t10k-images-idx3-ubyte.gz + t10k-labels-idx1-ubyte.gz", counts.getColumns().get(3).getUserData());
        shots(robot, stage, "data-test-files");

        robot.interact(() -> {
            window.modelViewModel().applyPreset("tiny-mlp");
            window.trainViewModel().epochsProperty().set(2);
            window.show(2);
        });
        robot.clickOn("#start");
        FinalTestGuiTest.waitUntil("the run to finish", 120, () -> !window.trainViewModel().runningProperty().get()
                && window.trainViewModel().epochsShownProperty().get() == 2);
        assertTrue(app.errors.isEmpty(), app.errors.toString());
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
        RunRecord r = window.workbench().store().load(runs.getItems().get(0).id());
        assertNotNull(r.test());
        assertEquals(80, r.test().samples(), "the official test files, all of them");
        assertEquals(80, r.testSamples());
        assertEquals(dir.resolve("t10k-labels-idx1-ubyte.gz").toString(), r.dataFiles().get("test").get(1));
        robot.interact(() -> view.lastTestWindow().close());
    }
}
