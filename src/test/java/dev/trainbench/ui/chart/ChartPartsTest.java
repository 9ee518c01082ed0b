package dev.trainbench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.ui.FxThread;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed-group bands, linked X axes, smoothing against time, and PNG export. */
class ChartPartsTest {
    @TempDir
    Path tmp;

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
    void compactNumbersDropTrailingZerosOnly() {
        assertEquals("1.5M", ChartAxis.compact(1.5e6));
        assertEquals("2M", ChartAxis.compact(2e6));
        assertEquals("1.05M", ChartAxis.compact(1.05e6));
        assertEquals("10M", ChartAxis.compact(1e7));
        assertEquals("12k", ChartAxis.compact(12_000));
        assertEquals("12.5k", ChartAxis.compact(12_500));
        assertEquals("-20k", ChartAxis.compact(-20_000));
        assertEquals("9999", ChartAxis.compact(9_999));
    }

    @Test
    void aSeedGroupIsDrawnAsTheMeanWithAMinMaxBandAcrossItsRuns() {
        FxThread.run(() -> {
            LiveChart chart = shown(800, 300);
            LiveChart.Group g = chart.addGroup("dropout 0.3", Color.BLUE, false);
            g.addMember(new double[] {1, 2, 3}, null, new double[] {1.0, 0.8, 0.6});
            g.addMember(new double[] {1, 2, 3}, null, new double[] {1.2, 0.7, 0.5});
            // a run stopped early: the last epoch averages the two that reached it
            g.addMember(new double[] {1, 2}, null, new double[] {1.1, 0.9});
            chart.refresh();
            SeriesBuffer mean = g.mean();
            assertEquals(3, mean.size());
            assertEquals(1.1, mean.y(0), 1e-12);
            assertEquals(0.8, mean.y(1), 1e-12);
            assertEquals(0.55, mean.y(2), 1e-12);
            assertEquals(0.7, g.bandLow().y(1), 1e-12);
            assertEquals(0.9, g.bandHigh().y(1), 1e-12);
            assertEquals(0.5, g.bandLow().y(2), 1e-12);
            String hover = chart.hoverText(2);
            assertTrue(hover.contains("dropout 0.3: mean 0.80000, min-max 0.70000..0.90000"), hover);
            assertTrue(hover.contains("[3 runs]"), hover);
            // the band sets the Y range: the highest member's first value is on screen
            assertTrue(chart.visibleYRange()[1] >= 1.2);
        });
    }

    @Test
    void withSmoothingTheBandSpansTheMembersSmoothedCurvesNotTheirNoise() {
        FxThread.run(() -> {
            LiveChart chart = shown(800, 300);
            LiveChart.Group g = chart.addGroup("seeds", Color.RED, true);
            int n = 2000;
            for (int m = 0; m < 3; m++) {
                double[] x = new double[n];
                double[] y = new double[n];
                java.util.Random r = new java.util.Random(m);
                for (int i = 0; i < n; i++) {
                    x[i] = i;
                    // the same trend plus a small offset per seed, and large step-to-step noise
                    y[i] = 1.0 + 0.01 * m + (r.nextDouble() - 0.5);
                }
                g.addMember(x, null, y);
            }
            chart.setSmoothing(0.99);
            chart.refresh();
            // raw values spread over about 1.0 at every step; smoothed trends lie within a few hundredths
            assertTrue(g.bandHigh().y(n - 1) - g.bandLow().y(n - 1) < 0.2,
                    "smoothed band " + g.bandLow().y(n - 1) + ".." + g.bandHigh().y(n - 1));
            chart.setSmoothing(0);
            assertTrue(g.bandHigh().y(n - 1) - g.bandLow().y(n - 1) > 0.2, "raw band");
        });
    }

    @Test
    void smoothingFollowsStepsEvenWhenPlottedAgainstTime() {
        SeriesBuffer bySteps = new SeriesBuffer(0.9);
        SeriesBuffer byTime = new SeriesBuffer(0.9);
        java.util.Random r = new java.util.Random(4);
        for (int i = 0; i < 500; i++) {
            double y = r.nextGaussian();
            bySteps.append(i, y);
            byTime.appendAt(i * 0.0137, i, y);
        }
        for (int i = 0; i < 500; i++) {
            assertEquals(bySteps.smoothed(i), byTime.smoothed(i), 1e-12);
        }
        byTime.setSmoothing(0.5);
        bySteps.setSmoothing(0.5);
        assertEquals(bySteps.smoothed(499), byTime.smoothed(499), 1e-12);
    }

    @Test
    void linkedChartsShareOneXRangeAndFollowAZoom() {
        FxThread.run(() -> {
            LiveChart a = new LiveChart("loss");
            LiveChart b = new LiveChart("accuracy");
            Stage stage = new Stage();
            stage.setScene(new Scene(new HBox(a, b), 1200, 300));
            stage.show();
            XLink link = new XLink();
            a.setXLink(link);
            b.setXLink(link);
            LiveChart.Series sa = a.addSeries("short run", Color.BLUE);
            LiveChart.Series sb = b.addSeries("long run", Color.RED);
            for (int i = 0; i <= 100; i++) {
                sa.append(i, 1.0 / (i + 1));
            }
            for (int i = 0; i <= 1000; i++) {
                sb.append(i, i / 1000.0);
            }
            a.refresh();
            b.refresh();
            assertEquals(1000, a.visibleXRange()[1], 1e-9, "the short run's chart spans the long one's steps");
            assertEquals(1000, b.visibleXRange()[1], 1e-9);
            a.zoomX(20, 60);
            assertEquals(20, b.visibleXRange()[0], 1e-9);
            assertEquals(60, b.visibleXRange()[1], 1e-9);
            assertTrue(b.visibleYRange()[1] <= 0.1, "Y fits what is visible in the zoomed range: " + b.visibleYRange()[1]);
            b.resetZoom();
            assertFalse(a.isZoomed());
            assertEquals(1000, a.visibleXRange()[1], 1e-9);
        });
    }

    @Test
    void aChartIsSavedAsAPngOfWhatIsOnScreen() throws Exception {
        Path file = tmp.resolve("charts/loss.png");
        double[] size = FxThread.call(() -> {
            LiveChart chart = shown(640, 280);
            LiveChart.Series s = chart.addSeries("train", Color.BLUE);
            for (int i = 0; i < 100; i++) {
                s.append(i, Math.exp(-i / 30.0));
            }
            chart.refresh();
            ChartExport.writePng(chart, file);
            return new double[] {chart.getWidth(), chart.getHeight()};
        });
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img);
        assertEquals(Math.round(size[0]), img.getWidth(), 1.0);
        assertEquals(Math.round(size[1]), img.getHeight(), 1.0);
        // the curve is there: some pixel is clearly blue
        boolean blue = false;
        for (int x = 0; x < img.getWidth() && !blue; x++) {
            for (int y = 0; y < img.getHeight() && !blue; y++) {
                int rgb = img.getRGB(x, y);
                blue = (rgb & 0xff) > 200 && ((rgb >> 16) & 0xff) < 80 && ((rgb >> 8) & 0xff) < 80;
            }
        }
        assertTrue(blue, "no curve in the PNG");
        assertEquals("loss-train-validation.png", ChartExport.fileName("Loss (train, validation)"));
    }

    @Test
    void everyChartOffersSaveAsPngOnRightClick() {
        FxThread.run(() -> {
            LiveChart chart = new LiveChart("loss");
            assertTrue(chart.contextMenu().contextMenu().getItems().stream().map(MenuItem::getId)
                    .anyMatch("chart-save-png"::equals));
            LayerHeatMap heat = new LayerHeatMap("gradients");
            assertNotNull(heat.getOnContextMenuRequested(), "the heat map has the export menu");
        });
    }

    @Test
    void aConstantCurveWhoseValuesDifferInTheLastBitsGetsReadableTicks() {
        ChartAxis.Range r = ChartAxis.fitY(false, 0.003, 0.0030000000000000005);
        assertTrue(r.unit() > 1e-6, "tick spacing " + r.unit());
        assertTrue(r.min() < 0.003 && r.max() > 0.003);
        assertEquals("0.0030", ChartAxis.formatY(0.003, r.unit(), null));
    }

    @Test
    void aLogXAxisTicksWholeDecadesOverWideRangesAndFractionsOverNarrowOnes() {
        ChartAxis.Range r = ChartAxis.fitLogX(-4, -2, 6);
        assertTrue(r.min() < -4 && r.max() > -2, r.toString());
        assertEquals(1.0, r.unit(), 1e-12);
        assertEquals(java.util.List.of(-4.0, -3.0, -2.0), ChartAxis.ticks(r.min(), r.max(), r.unit()));
        // eight decades on a narrow chart: every second decade
        assertEquals(2.0, ChartAxis.logXUnit(-8, 0, 4), 1e-12);
        assertEquals("0.001", ChartAxis.formatLogValue(Math.pow(10, -3)));
        assertEquals("3e-05", ChartAxis.formatLogValue(3e-5));
        // 1e-3 and 3e-3: less than a decade, still several ticks
        ChartAxis.Range narrow = ChartAxis.fitLogX(-3, Math.log10(3e-3), 6);
        assertTrue(ChartAxis.ticks(narrow.min(), narrow.max(), narrow.unit()).size() >= 3, narrow.toString());
        // one value: a visible range around it
        ChartAxis.Range one = ChartAxis.fitLogX(-3, -3, 6);
        assertTrue(one.min() < -3 && one.max() > -3);
    }
}
