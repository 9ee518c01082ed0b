package dev.trainbench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.ui.FxThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * Every text on a chart reads at every size and font (13 px, and presentation mode's 19 px): tick
 * labels inside the canvas and apart (the rightmost X label was clipped at the right edge in
 * presentation mode), the legend apart from the title and the controls (the update/weight ratio
 * legend ran over its title), an empty chart's note inside its plot ("Measured every few steps"
 * spilled past a narrow chart), and a heat map's layer names whole where there is room, else cut
 * with the tooltip holding them ("output den…"), never over each other.
 */
class ChartTextLayoutTest {
    private static final double[] FONTS = {13, 19};

    /** A window of {@code width} x {@code height} at font size {@code font} holding {@code chart}. */
    private static Stage show(Region chart, double width, double height, double font) {
        StackPane root = new StackPane(chart);
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.0fpx;", font));
        Stage stage = new Stage();
        stage.setScene(new Scene(root, width, height));
        stage.show();
        root.applyCss();
        root.layout();
        return stage;
    }

    private static void relayout(Stage stage) {
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
    }

    private static List<String> textProblems(String where, List<ChartText> texts, Region area) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            ChartText t = texts.get(i);
            if (!t.inside(area.getWidth(), area.getHeight())) {
                out.add(String.format(Locale.ROOT, "%s: \"%s\" at %.0f..%.0f x %.0f..%.0f outside the %.0f x %.0f canvas", where, t.text(),
                        t.x(), t.x() + t.width(), t.y(), t.y() + t.height(), area.getWidth(), area.getHeight()));
            }
            for (int j = i + 1; j < texts.size(); j++) {
                if (t.overlaps(texts.get(j))) {
                    out.add(where + ": \"" + t.text() + "\" over \"" + texts.get(j).text() + "\"");
                }
            }
        }
        return out;
    }

    @Test
    void tickLabelsStayInsideTheCanvasAndApartAndTheLastXLabelIsDrawn() {
        List<String> problems = new ArrayList<>();
        FxThread.run(() -> {
            for (double font : FONTS) {
                for (double width : new double[] {150, 320, 700}) {
                    for (double[] range : new double[][] {{0, 800, 0, 1.1}, {0, 7, 0.94, 1.1}, {0, 2400, 0.00085, 0.00115},
                        {0, 12_500, -0.5, 25_000}}) {
                        LiveChart chart = new LiveChart("Learning rate");
                        Stage stage = show(chart, width, 260, font);
                        LiveChart.Series s = chart.addSeries("lr", Color.PURPLE, false);
                        s.append(range[0], range[2]);
                        s.append(range[1], range[3]);
                        chart.refresh();
                        String where = String.format(Locale.ROOT, "%.0f px font, %.0f px wide, x 0..%.0f, y %s..%s", font, width, range[1],
                                range[2], range[3]);
                        problems.addAll(textProblems(where, chart.drawnTexts(), chart.plotArea()));
                        // the X axis ends at its last tick: that label is drawn, moved in from the edge
                        double plotBottom = chart.plotArea().getHeight() - Viewport.BOTTOM;
                        double unit = chart.xTickUnit();
                        String last = ChartAxis.compact(Math.floor(chart.visibleXRange()[1] / unit + 1e-9) * unit);
                        boolean lastDrawn = chart.drawnTexts().stream().anyMatch(t -> t.text().equals(last) && t.y() > plotBottom - 30);
                        if (!lastDrawn) {
                            problems.add(where + ": the last X label \"" + last + "\" is missing: " + chart.drawnTexts());
                        }
                        stage.close();
                    }
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theLegendNeverOverlapsTheTitleOrTheControlsAndStaysInsideTheChart() {
        List<String> problems = new ArrayList<>();
        FxThread.run(() -> {
            for (double font : FONTS) {
                for (double width = 110; width <= 800; width += 23) {
                    LiveChart chart = new LiveChart("Update/weight ratio");
                    chart.addSeries("2 dense 128", Color.BLUE);
                    chart.addSeries("5 dense 128", Color.ORANGE);
                    chart.addSeries("output dense 3", Color.GREEN);
                    Stage stage = show(chart, width, 300, font);
                    chart.refresh();
                    relayout(stage);
                    String where = String.format(Locale.ROOT, "%.0f px font, %.0f px wide", font, width);
                    Bounds all = chart.localToScene(chart.getLayoutBounds());
                    List<Node> fixed = new ArrayList<>(chart.lookupAll(".live-chart-title"));
                    fixed.addAll(chart.lookupAll(".check-box"));
                    List<Node> entries = new ArrayList<>(chart.lookupAll(".chart-legend-entry"));
                    assertEquals(3, entries.size(), where);
                    for (Node e : entries) {
                        Bounds b = e.localToScene(e.getLayoutBounds());
                        if (b.getMinX() < all.getMinX() - 0.5 || b.getMaxX() > all.getMaxX() + 0.5) {
                            problems.add(where + ": legend entry \"" + ((Labeled) e).getText() + "\" runs past the chart");
                        }
                        for (Node f : fixed) {
                            Bounds fb = f.localToScene(f.getLayoutBounds());
                            if (Math.min(b.getMaxX(), fb.getMaxX()) - Math.max(b.getMinX(), fb.getMinX()) > 1
                                    && Math.min(b.getMaxY(), fb.getMaxY()) - Math.max(b.getMinY(), fb.getMinY()) > 1) {
                                problems.add(where + ": legend entry \"" + ((Labeled) e).getText() + "\" over " + f.getStyleClass());
                            }
                        }
                    }
                    Node title = chart.lookup(".live-chart-title");
                    Bounds tb = title.localToScene(title.getLayoutBounds());
                    if (tb.getMaxX() > all.getMaxX() + 0.5) {
                        problems.add(where + ": the title runs past the chart");
                    }
                    stage.close();
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void anEmptyChartKeepsItsNoteInsideThePlot() {
        List<String> problems = new ArrayList<>();
        FxThread.run(() -> {
            for (double font : FONTS) {
                for (double width : new double[] {110, 150, 200, 400}) {
                    LiveChart chart = new LiveChart("Update/weight ratio");
                    chart.setEmptyText("Measured every few steps");
                    chart.setLogY(true);
                    Stage stage = show(chart, width, 240, font);
                    chart.refresh();
                    relayout(stage);
                    Node note = chart.lookup(".chart-empty-label");
                    assertTrue(note.isVisible());
                    Bounds b = note.localToScene(note.getLayoutBounds());
                    Bounds plot = chart.plotArea().localToScene(chart.plotArea().getLayoutBounds());
                    if (b.getMinX() < plot.getMinX() - 0.5 || b.getMaxX() > plot.getMaxX() + 0.5 || b.getMinY() < plot.getMinY() - 0.5
                            || b.getMaxY() > plot.getMaxY() + 0.5) {
                        problems.add(String.format(Locale.ROOT, "%.0f px font, %.0f px wide: the note %s spills out of the plot %s", font, width, b,
                                plot));
                    }
                    stage.close();
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void aReferenceLabelTooLongForTheChartShowsItsLevelOnly() {
        FxThread.run(() -> {
            LiveChart chart = new LiveChart("Update/weight ratio");
            chart.setLogY(true);
            chart.addReferenceLine(1e-3, "1e-3 rule of thumb");
            LiveChart.Series s = chart.addSeries("output dense 3", Color.GREEN, false);
            s.append(0, 0.1);
            s.append(100, 1e-4);
            Stage stage = show(chart, 600, 260, 13);
            chart.refresh();
            assertTrue(chart.drawnTexts().stream().anyMatch(t -> t.text().equals("1e-3 rule of thumb")), "wide: whole");
            stage.close();
            LiveChart narrow = new LiveChart("Update/weight ratio");
            narrow.setLogY(true);
            narrow.addReferenceLine(1e-3, "1e-3 rule of thumb");
            LiveChart.Series n = narrow.addSeries("output dense 3", Color.GREEN, false);
            n.append(0, 0.1);
            n.append(100, 1e-4);
            stage = show(narrow, 140, 260, 13);
            narrow.refresh();
            assertTrue(narrow.drawnTexts().stream().anyMatch(t -> t.text().equals("1e-3")), "narrow: the level " + narrow.drawnTexts());
            assertTrue(textProblems("narrow", narrow.drawnTexts(), narrow.plotArea()).isEmpty());
            stage.close();
        });
    }

    @Test
    void heatMapLayerNamesAreWholeWhereThereIsRoomElseCutWithTheTooltipHoldingThemAndNeverOverlap() {
        List<String> problems = new ArrayList<>();
        FxThread.run(() -> {
            List<String> layers = List.of("2 dense 128", "5 dense 128", "output dense 10");
            for (double font : FONTS) {
                for (double[] size : new double[][] {{600, 260}, {300, 200}, {160, 120}, {420, 70}}) {
                    LayerHeatMap map = new LayerHeatMap("Gradient norm: layers (first on top) by step, log colour");
                    map.setLayers(layers);
                    for (int step = 0; step < 50; step++) {
                        map.append(step, new float[] {1e-10f, 0.5f, 30f});
                    }
                    Stage stage = show(map, size[0], size[1], font);
                    map.refresh();
                    String where = String.format(Locale.ROOT, "%.0f px font, %.0f x %.0f", font, size[0], size[1]);
                    problems.addAll(textProblems(where, map.drawnTexts(), map.plotArea()));
                    Tooltip tip = (Tooltip) map.getProperties().get("javafx.scene.control.Tooltip");
                    for (ChartText t : map.drawnTexts()) {
                        if (t.shortened() && (tip == null || !tip.getText().contains(t.full()))) {
                            problems.add(where + ": \"" + t.text() + "\" cut and no tooltip holds \"" + t.full() + "\"");
                        }
                    }
                    if (size[0] >= 600) {
                        for (String layer : layers) {
                            if (map.drawnTexts().stream().noneMatch(t -> t.text().equals(layer))) {
                                problems.add(where + ": \"" + layer + "\" not shown whole in a wide map: " + map.drawnTexts());
                            }
                        }
                    }
                    stage.close();
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
