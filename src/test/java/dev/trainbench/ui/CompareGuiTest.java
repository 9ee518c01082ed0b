package dev.trainbench.ui;

import static dev.trainbench.ui.FxThread.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.compare.Comparison;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.ui.chart.LiveChart;
import dev.trainbench.ui.compare.CompareViewModel;
import dev.trainbench.ui.data.DataViewModel;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
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
 * "Did dropout help, and by more than seed noise?", answered as a person would: three seeds of a
 * small spiral MLP, three seeds of the same with a dropout layer (Repeat with seeds... twice),
 * select the six runs in the Runs table, Compare: the two groups are drawn as bands, the diff shows
 * the one added layer, and the statement says whether the difference exceeds the seed spread, with
 * the rule and p.
 */
@ExtendWith(ApplicationExtension.class)
class CompareGuiTest {
    @TempDir
    static Path workspace;

    private MainWindow window;
    private WorkbenchFixture app;
    private List<String> errors;

    @Start
    void start(Stage stage) {
        app = new WorkbenchFixture(stage, workspace, true);
        window = app.window;
        errors = app.errors;
    }

    @AfterEach
    void close() {
        app.close();
    }

    /** Clicks Repeat with seeds..., keeps the suggested 3, and waits for the group to finish. */
    private void repeatWithThreeSeeds(FxRobot robot) {
        robot.clickOn("#nav-train");
        robot.clickOn("#repeat-seeds");
        waitUntil("the seeds dialog", 10, () -> robot.lookup("#repeat-seeds-dialog").tryQuery().isPresent());
        robot.type(KeyCode.ENTER);
        waitUntil("the group to start", 60, () -> window.trainViewModel().runningProperty().get());
        waitUntil("three seeds to train", 240, () -> !window.trainViewModel().runningProperty().get());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void didDropoutHelpByMoreThanSeedNoise(FxRobot robot) {
        WorkbenchModel model = window.workbench();
        robot.interact(() -> {
            window.dataViewModel().choiceProperty().set(DataViewModel.Choice.TOY);
            window.dataViewModel().toyNameProperty().set("spiral");
            window.dataViewModel().toySamplesProperty().set(300);
            window.dataViewModel().load();
        });
        waitUntil("the spiral to load", 30, () -> model.dataset() != null && model.dataset().sampleSize() == 2);
        robot.interact(() -> {
            window.modelViewModel().applyPreset("mlp-2x128");
            window.trainViewModel().epochsProperty().set(3);
            window.trainViewModel().batchSizeProperty().set(32);
            window.trainViewModel().runNameProperty().set("spiral mlp");
        });
        repeatWithThreeSeeds(robot);
        robot.interact(() -> {
            int last = window.modelViewModel().layers().size() - 1;
            window.modelViewModel().add(LayerSpec.Type.DROPOUT, last);
            window.trainViewModel().runNameProperty().set("spiral mlp dropout");
        });
        repeatWithThreeSeeds(robot);

        robot.clickOn("#nav-runs");
        @SuppressWarnings("unchecked")
        TableView<dev.trainbench.runs.RunSummary> runs = robot.lookup("#runs-table").queryAs(TableView.class);
        waitUntil("six finished runs in the table", 30, () -> runs.getItems().size() == 6
                && runs.getItems().stream().allMatch(r -> r.status() == RunStatus.COMPLETED));
        assertEquals(2, runs.getItems().stream().map(dev.trainbench.runs.RunSummary::groupId).distinct().count(), "two seed groups");
        // select all six as a person would: click the first, shift-click the last
        robot.clickOn(robot.lookup("#runs-table .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.press(KeyCode.SHIFT).clickOn(robot.lookup("#runs-table .table-row-cell").nth(5).queryAs(javafx.scene.Node.class))
                .release(KeyCode.SHIFT);
        assertEquals(6, window.runsView().selectedRuns().size());
        robot.clickOn("#compare-runs");

        CompareViewModel vm = window.compareViewModel();
        waitUntil("the comparison", 60, () -> vm.comparisonProperty().get() != null && !vm.loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(errors.isEmpty(), errors.toString());
        assertTrue(robot.lookup("#compare-view").tryQuery().isPresent(), "the Compare screen is shown");
        Comparison c = vm.comparisonProperty().get();
        assertEquals(2, c.units().size());
        assertTrue(c.units().stream().allMatch(u -> u.isGroup() && u.runs().size() == 3));
        assertEquals("spiral mlp", vm.units().get(0), "the group trained first is the reference");

        // the statement: the rule and p, on the view model and on screen
        assertEquals(1, vm.statements().size());
        String statement = vm.statements().get(0);
        assertTrue(statement.startsWith("spiral mlp dropout vs spiral mlp"), statement);
        assertTrue(statement.contains("seed spread") && statement.contains("Welch's t-test") && statement.contains("p = "), statement);
        VBox verdict = window.compareView().verdictBox();
        assertTrue(verdict.getChildren().stream().anyMatch(n -> n instanceof Label l && l.getText().equals(statement) && l.isVisible()),
                "the statement is on screen");
        assertTrue(vm.warnings().isEmpty(), "only dropout changed: " + vm.warnings());
        assertTrue(vm.diffRows().stream().anyMatch(e -> e.path().startsWith("model.layers") && e.kind().name().equals("ADDED")),
                "the diff shows the added dropout layer");
        assertTrue(vm.dataIdentityProperty().get().startsWith("Same data"), vm.dataIdentityProperty().get());

        // the bands, on the charts
        LiveChart loss = window.compareView().chart(CompareViewModel.ChartKind.LOSS);
        LiveChart accuracy = window.compareView().chart(CompareViewModel.ChartKind.ACCURACY);
        for (LiveChart chart : List.of(loss, accuracy)) {
            assertFalse(chart.groups().isEmpty(), chart.getTitle());
            for (LiveChart.Group g : chart.groups()) {
                assertEquals(3, g.memberCount(), g.name());
                assertTrue(g.bandHigh().size() > 0 && g.bandLow().size() == g.bandHigh().size(), "a band for " + g.name());
            }
        }
        assertEquals(4, loss.groups().size(), "training and validation loss of both groups");
        String hover = FxThread.call(() -> loss.hoverText(loss.visibleXRange()[1] / 2));
        assertTrue(hover != null && hover.contains("spiral mlp dropout") && hover.contains("[3 runs]"), hover);
        TableView<?> diff = robot.lookup("#compare-diff").queryAs(TableView.class);
        assertFalse(diff.getItems().isEmpty(), "the diff table has rows");

        // every chart: a right click (without a drag) offers the PNG export
        robot.rightClickOn("#compare-chart-loss");
        waitUntil("the chart menu", 10, () -> loss.contextMenu().contextMenu().isShowing());
        robot.type(KeyCode.ESCAPE);
    }

    /**
     * A sweep in the Runs view (written as a cluster's nodes would write it): its sweep column,
     * right-click "Select its sweep", Compare: the final accuracy against the learning rate on a
     * log axis beside the seed bands, the same numbers as the report.
     */
    @Test
    void aSweepSelectedInTheRunsViewOpensInCompareWithItsChartOnALogAxis(FxRobot robot) throws Exception {
        var spec = dev.trainbench.spec.SpecJson.read(Path.of("examples/spiral-mlp.json")).withName("lr sweep");
        List<RunRecord> runs = new dev.trainbench.ui.compare.FakeRuns(window.workbench().store())
                .learningRateSweep(spec, new double[] {1e-3, 1e-2, 1e-1}, 2, lr -> lr == 1e-2 ? 0.9 : 0.7);
        robot.interact(() -> window.runsViewModel().reload());
        robot.clickOn("#nav-runs");
        TableView<dev.trainbench.runs.RunSummary> table = robot.lookup("#runs-table").queryTableView();
        waitUntil("the sweep's runs in the table", 30, () -> table.getItems().stream().filter(r -> r.sweepId() != null).count() == 6);
        assertTrue(dev.trainbench.ui.runs.RunsViewModel.sweepLabel(runs.get(0)).contains("learningRate=0.001"));
        javafx.scene.Node row = robot.lookup(".table-row-cell").match(n -> n instanceof javafx.scene.control.TableRow<?> t
                && t.getItem() instanceof dev.trainbench.runs.RunSummary r && r.sweepId() != null).query();
        // the row's right-click menu, asked for as a right click asks (Monocle shows no popup for a
        // robot's click), with nothing selected: the menu (one for all rows) acts on the row asked on
        javafx.scene.control.TableRow<?> tableRow = (javafx.scene.control.TableRow<?>) row;
        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            javafx.geometry.Bounds b = tableRow.localToScreen(tableRow.getBoundsInLocal());
            tableRow.fireEvent(new javafx.scene.input.ContextMenuEvent(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                    5, 5, b.getMinX() + 5, b.getMinY() + 5, false, null));
        });
        javafx.scene.control.MenuItem selectSweep = tableRow.getContextMenu().getItems().stream()
                .filter(i -> "menu-select-sweep".equals(i.getId())).findFirst().orElseThrow();
        assertFalse(selectSweep.isDisable(), "the row's run is in a sweep");
        robot.interact(() -> {
            selectSweep.fire();
            tableRow.getContextMenu().hide();
        });
        assertEquals(6, table.getSelectionModel().getSelectedItems().size());
        robot.clickOn("#compare-runs");
        CompareViewModel cvm = window.compareViewModel();
        waitUntil("the comparison", 60, () -> cvm.comparisonProperty().get() != null && !cvm.loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        LiveChart chart = window.compareView().sweepChart("learningRate");
        assertTrue(chart != null && chart.isVisible(), "the sweep chart");
        assertTrue(chart.isLogX());
        String hover = WaitForAsyncUtils.asyncFx(() -> chart.hoverText(-2.0)).get();
        assertTrue(hover.startsWith("learningRate 0.01"), hover);
        assertTrue(hover.contains("[2 runs]"), hover);
        assertEquals(3, chart.groups().get(0).mean().size(), "one point per rate");
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
