package dev.trainbench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.ui.FxThread;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

class LiveChartTest {

    private static LiveChart shown(double width, double height) {
        LiveChart chart = new LiveChart("loss");
        Stage stage = new Stage();
        stage.setScene(new Scene(new StackPane(chart), width, height));
        stage.show();
        chart.applyCss();
        chart.layout();
        return chart;
    }

    @Test
    void millionPointSeriesDrawsAtMostTwoPointsPerPixelColumn() {
        FxThread.run(() -> {
            LiveChart chart = shown(900, 400);
            LiveChart.Series s = chart.addSeries("train", Color.BLUE);
            for (int i = 0; i < 1_000_000; i++) {
                s.append(i, Math.sin(i * 0.001) + (i == 765_432 ? 100 : 0));
            }
            chart.refresh();
            assertTrue(s.renderedPoints() <= 2 * 900, "drew " + s.renderedPoints());
            assertTrue(s.renderedPoints() > 100);
            // the one-step spike sets the top of the Y axis
            assertTrue(chart.visibleYRange()[1] >= 100);
        });
    }

    @Test
    void hoverShowsExactValueOfNearestRecordedPoint() {
        FxThread.run(() -> {
            LiveChart chart = shown(600, 300);
            LiveChart.Series s = chart.addSeries("loss", Color.BLUE);
            for (int i = 0; i < 100_000; i++) {
                s.append(i * 10, i == 5_000 ? 0.123456 : 1.0);
            }
            chart.refresh();
            String text = chart.hoverText(50_003);
            assertTrue(text.startsWith("step 50000"), text);
            assertTrue(text.contains("loss: 0.12346"), text);
        });
    }

    @Test
    void hoverTextIsNullWithoutData() {
        FxThread.run(() -> {
            LiveChart chart = shown(600, 300);
            chart.addSeries("loss", Color.BLUE);
            assertNull(chart.hoverText(3));
        });
    }

    @Test
    void zoomNarrowsTheVisibleRangeAndResetRestoresIt() {
        FxThread.run(() -> {
            LiveChart chart = shown(600, 300);
            LiveChart.Series s = chart.addSeries("loss", Color.BLUE);
            for (int i = 0; i <= 1000; i++) {
                s.append(i, i);
            }
            chart.refresh();
            chart.zoomX(100, 200);
            assertTrue(chart.isZoomed());
            assertEquals(100, chart.visibleXRange()[0], 1e-9);
            assertEquals(200, chart.visibleXRange()[1], 1e-9);
            assertTrue(chart.visibleYRange()[1] <= 250, "Y fits the zoomed data");
            chart.resetZoom();
            assertFalse(chart.isZoomed());
            assertEquals(1000, chart.visibleXRange()[1], 1e-9);
        });
    }

    @Test
    void logScaleSpansDecadesOfTheData() {
        FxThread.run(() -> {
            LiveChart chart = shown(600, 300);
            LiveChart.Series s = chart.addSeries("loss", Color.BLUE);
            s.append(0, 2.0);
            s.append(1, 0.002);
            chart.setLogY(true);
            assertEquals(-3, chart.visibleYRange()[0], 1e-9);
            assertEquals(1, chart.visibleYRange()[1], 1e-9);
        });
    }

    @Test
    void powerOfTenLabels() {
        assertEquals("0.001", LiveChart.powerOfTen(-3));
        assertEquals("1", LiveChart.powerOfTen(0));
        assertEquals("100", LiveChart.powerOfTen(2));
        assertEquals("1e-5", LiveChart.powerOfTen(-5));
        assertEquals("1e6", LiveChart.powerOfTen(6));
    }

    @Test
    void aNewRunWithTheSameSeriesKeepsItsLegendNodes() {
        FxThread.run(() -> {
            LiveChart chart = shown(900, 400);
            chart.addSeries("dense1", Color.BLUE);
            chart.addSeries("dense2", Color.RED);
            chart.refresh();
            var before = java.util.List.copyOf(chart.lookupAll(".chart-legend-entry"));
            assertEquals(2, before.size());
            chart.removeAllSeries();
            LiveChart.Series again = chart.addSeries("dense1", Color.BLUE);
            chart.addSeries("dense2", Color.RED);
            chart.refresh();
            var after = java.util.List.copyOf(chart.lookupAll(".chart-legend-entry"));
            assertEquals(before, after, "the same Label nodes: starting a run restyles and relayouts nothing");
            chart.layout();
            assertFalse(chart.isNeedsLayout());
            // the reused entry belongs to the new series
            again.setVisible(false);
            assertEquals(0.4, after.get(0).getOpacity(), 1e-9);
            chart.removeAllSeries();
            chart.addSeries("conv1", Color.GREEN);
            chart.refresh();
            var changed = java.util.List.copyOf(chart.lookupAll(".chart-legend-entry"));
            assertEquals(1, changed.size());
            assertEquals("conv1", ((javafx.scene.control.Label) changed.get(0)).getText());
        });
    }

    @Test
    void warmUpRunsOffScreen() {
        FxThread.run(() -> {
            LiveChart.warmUp();
            LayerHeatMap.warmUp();
        });
    }
}
