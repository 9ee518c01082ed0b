package dev.trainbench.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.MetricsTable;
import dev.trainbench.ui.FxThread;
import dev.trainbench.ui.chart.LayerHeatMap;
import dev.trainbench.ui.chart.LiveChart;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import org.junit.jupiter.api.Test;

/** A finished run's chart window shows what the live Train view showed: heat map, ratio label and update/weight ratios. */
class RunChartsTest {

    private static MetricsTable steps(int rows, double firstNorm, double lastNorm) {
        List<String> cols = List.of("step", "loss", "accuracy", "learning_rate", "grad_norm[dense1]", "grad_norm[dense2]",
                "weight_norm[dense1]", "weight_norm[dense2]", "update_ratio[dense1]", "update_ratio[dense2]");
        double[][] v = new double[cols.size()][rows];
        for (int i = 0; i < rows; i++) {
            v[0][i] = i;
            v[1][i] = 2.0 / (1 + i);
            v[2][i] = 0.5;
            v[3][i] = 1e-3;
            v[4][i] = firstNorm;
            v[5][i] = lastNorm;
            v[6][i] = 3;
            v[7][i] = 2;
            // measured every few steps only: empty cells read as NaN
            v[8][i] = i % 5 == 0 ? 2e-3 : Double.NaN;
            v[9][i] = i % 5 == 0 ? 1e-3 : Double.NaN;
        }
        return new MetricsTable(cols, v);
    }

    @Test
    void showsTheHeatMapTheRatioAndTheUpdateRatios() {
        FxThread.run(() -> {
            GridPane g = RunsView.RunCharts.grid(steps(50, 0.1, 0.2), MetricsTable.empty());
            LayerHeatMap heat = (LayerHeatMap) g.lookup("#gradient-heatmap");
            assertEquals(List.of("dense1", "dense2"), heat.layers());
            assertEquals(50, heat.binCount());
            assertEquals(0.1f, heat.binValue(0, 49), 1e-6);
            Label ratio = (Label) g.lookup("#gradient-ratio");
            assertTrue(ratio.getText().startsWith("first/last layer gradient ratio 5.0e-01"), ratio.getText());
            assertTrue(ratio.getStyleClass().contains("gradient-ratio"));
            LiveChart updates = (LiveChart) g.lookup("#chart-update-ratio");
            assertTrue(updates.isLogY());
            assertEquals(2, updates.series().size());
            assertEquals("dense1", updates.series().get(0).name());
            assertEquals(10, updates.series().get(0).size(), "one point per measured step, none for empty cells");
            LiveChart grads = (LiveChart) g.lookup("#run-chart-gradients");
            assertEquals(2, grads.series().size());
        });
    }

    @Test
    void aSmallGradientRatioIsAWarningOnlyWhenAFindingExplainsItAsInTheTrainView() {
        FxThread.run(() -> {
            // no finding explains the ratio: the number, stated plainly, and no guessed cause
            GridPane g = RunsView.RunCharts.grid(steps(30, 1e-5, 1.0), MetricsTable.empty());
            Label ratio = (Label) g.lookup("#gradient-ratio");
            assertTrue(ratio.getText().contains("no diagnosis finding explains it"), ratio.getText());
            assertFalse(ratio.getText().contains("vanishing"), ratio.getText());
            assertFalse(ratio.getStyleClass().contains("gradient-ratio-warning"), ratio.getStyleClass().toString());
            // the run's vanishing-gradients finding explains it: the line says so
            dev.trainbench.diagnose.Finding vanishing = new dev.trainbench.diagnose.Finding(
                    dev.trainbench.diagnose.RuleIds.VANISHING_GRADIENTS, dev.trainbench.diagnose.Severity.WARNING,
                    "vanishing gradients: the first layer gets 1e-05x the last layer's gradient", "m",
                    dev.trainbench.diagnose.Evidence.of(dev.trainbench.diagnose.Evidence.CHART_HEATMAP, 1L, 1), "tip", null,
                    List.of());
            GridPane explained = RunsView.RunCharts.grid(steps(30, 1e-5, 1.0), MetricsTable.empty(), List.of(vanishing));
            Label line = (Label) explained.lookup("#gradient-ratio");
            assertTrue(line.getText().contains("vanishing-gradients"), line.getText());
            assertTrue(line.getStyleClass().contains("gradient-ratio-warning"));
        });
    }

    @Test
    void aRunWithoutLayerColumnsStillOpens() {
        FxThread.run(() -> {
            MetricsTable t = new MetricsTable(List.of("step", "loss"), new double[][] {{0, 1, 2}, {1, 0.5, 0.25}});
            GridPane g = RunsView.RunCharts.grid(t, MetricsTable.empty());
            assertEquals(0, ((LayerHeatMap) g.lookup("#gradient-heatmap")).binCount());
            assertTrue(((Label) g.lookup("#gradient-ratio")).getText().contains("no data"));
            assertEquals(0, ((LiveChart) g.lookup("#chart-update-ratio")).series().size());
        });
    }
}
