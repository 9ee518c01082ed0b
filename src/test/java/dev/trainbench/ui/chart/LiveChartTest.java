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
    void zoomedIntoTheCompactedStepsOfALongSeriesTheChartSaysSo() {
        FxThread.run(() -> {
            LiveChart chart = shown(900, 400);
            LiveChart.Series s = chart.addSeries("loss", Color.BLUE);
            for (int i = 0; i < 1_000_000; i++) {
                s.append(i, 1 + Math.sin(i * 0.01));
            }
            chart.refresh();
            SeriesBuffer b = s.buffer();
            assertTrue(b.fullResolutionFrom() > 0 && b.bucketSteps() >= 16, "compacted: " + b.bucketSteps());
            // zoomed out: more steps per pixel column than per bucket, the curve is the full one's
            assertNull(chart.detailNote());
            chart.zoomX(100_000, 110_000);
            chart.refresh();
            String note = chart.detailNote();
            assertTrue(note != null && note.contains("every " + (long) b.bucketSteps() + " steps"), note);
            assertTrue(note.contains(String.format(java.util.Locale.ROOT, "%,d", (long) b.key(b.fullResolutionFrom()))), note);
            snapshot(chart, "chart-detail-note-900");
            // the latest steps are whole: no note there
            chart.zoomX(999_000, 999_999);
            chart.refresh();
            assertNull(chart.detailNote());
            // a narrow chart: the note wraps inside the plot
            LiveChart narrow = shown(420, 240);
            LiveChart.Series t = narrow.addSeries("loss", Color.BLUE);
            for (int i = 0; i < 300_000; i++) {
                t.append(i, 1 + Math.sin(i * 0.01));
            }
            narrow.zoomX(20_000, 21_000);
            snapshot(narrow, "chart-detail-note-420");
            assertTrue(narrow.detailNote() != null);
        });
    }

    /** Writes what the chart shows to target/gui-shots/, to be looked at. */
    private static void snapshot(LiveChart chart, String name) {
        chart.getScene().getStylesheets().setAll(LiveChart.class.getResource("/dev/trainbench/ui/app.css").toExternalForm(),
                LiveChart.class.getResource("/dev/trainbench/ui/light.css").toExternalForm());
        chart.applyCss();
        chart.layout();
        chart.refresh();
        try {
            java.nio.file.Path out = java.nio.file.Path.of("target", "gui-shots");
            java.nio.file.Files.createDirectories(out);
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(chart.getScene().snapshot(null), null), "png",
                    out.resolve(name + ".png").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

    @Test
    void aLogXAxisPlotsDecadesWithTheValuesInHoverAndASummaryGroupsNumbers() {
        FxThread.run(() -> {
            LiveChart chart = shown(700, 300);
            chart.setLogX(true);
            chart.setXLabel("learningRate");
            LiveChart.Group g = chart.addGroup("units=64", Color.BLUE, false);
            g.setSummary(new double[] {1e-4, 1e-3, 1e-2}, new double[] {0.5, 0.8, 0.6},
                    new double[] {0.4, 0.75, 0.3}, new double[] {0.6, 0.85, 0.9}, new int[] {2, 2, 3});
            chart.refresh();
            double[] x = chart.visibleXRange();
            // three decades, padded so the end points are drawn whole; a linear axis would start at 0
            assertTrue(x[0] < -4 && x[0] > -4.5, "x from " + x[0]);
            assertTrue(x[1] > -2 && x[1] < -1.5, "x to " + x[1]);
            assertEquals(-3.0, g.mean().x(1), 1e-12);
            String text = chart.hoverText(-3.02);
            assertTrue(text.startsWith("learningRate 0.001\n"), text);
            assertTrue(text.contains("units=64: mean 0.80000, min-max 0.75000..0.85000"), text);
            assertTrue(text.contains("[2 runs]"), text);
            assertTrue(chart.hoverText(-2.0).contains("[3 runs]"));
            assertTrue(chart.visibleYRange()[1] >= 0.9, "the band sets the Y range");
        });
    }

    @Test
    void aLogXAxisRefusesValuesAtOrBelowZero() {
        FxThread.run(() -> {
            LiveChart chart = shown(400, 200);
            chart.setLogX(true);
            LiveChart.Series s = chart.addSeries("s", Color.RED);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> s.setData(new double[] {0, 1}, null, new double[] {1, 2}));
        });
    }
}
