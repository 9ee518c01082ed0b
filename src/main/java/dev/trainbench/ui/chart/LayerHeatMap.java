package dev.trainbench.ui.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A heat map of a per-layer quantity (layers as rows, first layer on top; steps as columns) on a
 * log colour scale, readable for deep nets where one line per layer is not. Values are folded as
 * they arrive into at most {@value #MAX_BINS} bins of equal step width, keeping the maximum of
 * each layer per bin (the width doubles when the bins are full), so appending is O(layers) and a
 * redraw costs the same after a million steps as after a hundred. At draw time bins are reduced
 * to the pixel width, again by maximum, so a spike is never dropped.
 */
public final class LayerHeatMap extends BorderPane {
    static final int MAX_BINS = 1024;
    private static final double RIGHT = 64;
    private static final double TOP = 6;
    private static final double BOTTOM = 22;

    private final Canvas canvas = new Canvas();
    private final Pane plot = new Pane(canvas);
    private final Label title = new Label();
    // never shown: carry the theme's colours and font to the canvas
    private final Label axisStyle = new Label();
    private final Label backgroundStyle = new Label();
    private List<String> layers = List.of();
    private float[][] bins = new float[0][MAX_BINS];
    private int binCount;
    private long binWidth = 1;
    private long firstStep = -1;
    private long lastStep = -1;
    private int rowsInBin;
    private double logMin = Double.POSITIVE_INFINITY;
    private double logMax = Double.NEGATIVE_INFINITY;
    private boolean dirty = true;
    private long lastRedrawNanos;

    public LayerHeatMap(String titleText) {
        getStyleClass().add("live-chart");
        title.setText(titleText);
        title.getStyleClass().add("live-chart-title");
        axisStyle.getStyleClass().add("live-chart-axis");
        backgroundStyle.getStyleClass().add("live-chart-background");
        for (Label l : List.of(axisStyle, backgroundStyle)) {
            l.setManaged(false);
            l.setOpacity(0);
            l.setMouseTransparent(true);
        }
        plot.getChildren().addAll(axisStyle, backgroundStyle);
        plot.setMinSize(120, 60);
        plot.setPrefSize(420, 220);
        plot.getStyleClass().add("live-chart-plot");
        canvas.widthProperty().bind(plot.widthProperty());
        canvas.heightProperty().bind(plot.heightProperty());
        canvas.widthProperty().addListener((o, a, b) -> redrawNow());
        canvas.heightProperty().addListener((o, a, b) -> redrawNow());
        axisStyle.textFillProperty().addListener((o, a, b) -> redrawNow());
        backgroundStyle.textFillProperty().addListener((o, a, b) -> redrawNow());
        title.setPadding(new javafx.geometry.Insets(2, 8, 0, 8));
        // a long title wraps in a narrow cell (presentation mode) instead of being cut off
        title.setWrapText(true);
        title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        setTop(title);
        setCenter(plot);
        ChartExport.install(this, title::getText);
    }

    /** Draws a throwaway heat map off-screen until the drawing code is compiled (see {@link LiveChart#warmUp()}). */
    public static void warmUp() {
        LayerHeatMap m = new LayerHeatMap("warm-up");
        m.plot.resize(420, 220);
        m.setLayers(List.of("a", "b", "c"));
        float[] row = new float[3];
        for (int step = 0; step < 3000; step++) {
            row[0] = 1f / (1 + step);
            row[1] = 0.5f;
            row[2] = 0.01f * (step % 7 + 1);
            m.append(step, row);
            if (step % 100 == 0) {
                m.refresh();
            }
        }
    }

    /** Starts over with these layers (rows, first layer on top). */
    public void setLayers(List<String> names) {
        layers = List.copyOf(names);
        // long names are cut on the canvas: the tooltip has them all
        Tooltip.install(this, dev.trainbench.ui.Tips.of(layers.isEmpty() ? "No layers yet"
                : "Rows, top to bottom: " + String.join(", ", layers)));
        bins = new float[layers.size()][MAX_BINS];
        binCount = 0;
        binWidth = 1;
        firstStep = -1;
        lastStep = -1;
        rowsInBin = 0;
        logMin = Double.POSITIVE_INFINITY;
        logMax = Double.NEGATIVE_INFINITY;
        dirty = true;
    }

    public List<String> layers() {
        return layers;
    }

    /**
     * Adds one step: {@code values[l]} for layer l (NaN, zero or negative: nothing to show).
     * Steps must not decrease.
     */
    public void append(long step, float[] values) {
        if (layers.isEmpty()) {
            return;
        }
        if (firstStep < 0) {
            firstStep = step;
        }
        int bin = (int) ((step - firstStep) / binWidth);
        while (bin >= MAX_BINS) {
            fold();
            bin = (int) ((step - firstStep) / binWidth);
        }
        if (bin >= binCount) {
            for (int b = binCount; b <= bin; b++) {
                for (float[] row : bins) {
                    row[b] = Float.NaN;
                }
            }
            binCount = bin + 1;
        }
        for (int l = 0; l < layers.size() && l < values.length; l++) {
            float v = values[l];
            if (v > 0 && Float.isFinite(v)) {
                float old = bins[l][bin];
                if (Float.isNaN(old) || v > old) {
                    bins[l][bin] = v;
                }
                double lv = Math.log10(v);
                logMin = Math.min(logMin, lv);
                logMax = Math.max(logMax, lv);
            }
        }
        lastStep = step;
        rowsInBin++;
        dirty = true;
    }

    /** Halves the number of bins: each new bin is the maximum of two old ones. */
    private void fold() {
        int half = (binCount + 1) / 2;
        for (float[] row : bins) {
            for (int b = 0; b < half; b++) {
                float a = row[2 * b];
                float c = 2 * b + 1 < binCount ? row[2 * b + 1] : Float.NaN;
                row[b] = Float.isNaN(a) ? c : Float.isNaN(c) ? a : Math.max(a, c);
            }
        }
        binCount = half;
        binWidth *= 2;
    }

    /** Steps per bin now (1 until more than {@value #MAX_BINS} steps arrived). */
    public long binWidth() {
        return binWidth;
    }

    public int binCount() {
        return binCount;
    }

    /** The maximum kept for layer {@code layer} in bin {@code bin} (NaN for none). */
    public float binValue(int layer, int bin) {
        return bins[layer][bin];
    }

    public long lastRedrawNanos() {
        return lastRedrawNanos;
    }

    /** Redraws when something changed since the last call. Call once per frame. */
    public void refresh() {
        if (!dirty) {
            return;
        }
        dirty = false;
        long t0 = System.nanoTime();
        redraw();
        lastRedrawNanos = System.nanoTime() - t0;
    }

    private void redrawNow() {
        dirty = true;
        refresh();
    }

    /** Colour for position {@code t} in [0, 1] on a perceptual dark-blue to yellow scale (viridis-like). */
    static Color colour(double t) {
        double[][] stops = {
            {0.267, 0.005, 0.329}, {0.231, 0.322, 0.545}, {0.129, 0.569, 0.549}, {0.369, 0.788, 0.384}, {0.992, 0.906, 0.145},
        };
        double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(x));
        double f = x - i;
        return Color.color(stops[i][0] + (stops[i + 1][0] - stops[i][0]) * f, stops[i][1] + (stops[i + 1][1] - stops[i][1]) * f,
                stops[i][2] + (stops[i + 1][2] - stops[i][2]) * f);
    }

    private double widestName(Font font) {
        double w = 0;
        for (String name : layers) {
            w = Math.max(w, textWidth(name, font));
        }
        return w;
    }

    private static double textWidth(String s, Font font) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    /** {@code name} as drawn in {@code room} pixels: whole, or cut with an ellipsis (the tooltip lists the names). */
    private static String fit(String name, Font font, double room) {
        if (textWidth(name, font) <= room) {
            return name;
        }
        String s = name;
        while (s.length() > 1 && textWidth(s + "\u2026", font) > room) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "\u2026";
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        Paint bg = backgroundStyle.getTextFill() == null ? Color.WHITE : backgroundStyle.getTextFill();
        Paint axis = axisStyle.getTextFill() == null ? Color.gray(0.3) : axisStyle.getTextFill();
        g.setFill(bg);
        g.fillRect(0, 0, w, h);
        Font font = axisStyle.getFont() == null ? Font.font(11) : Font.font(axisStyle.getFont().getFamily(),
                Math.max(9, axisStyle.getFont().getSize() - 1));
        // the layer names' column as wide as the longest name, up to a third of the width
        double nameRoom = Math.min(w / 3, widestName(font));
        double left = Math.max(40, nameRoom + 10);
        double pw = Math.max(10, w - left - RIGHT);
        double ph = Math.max(10, h - TOP - BOTTOM);
        g.setFont(font);
        g.setFill(axis);
        g.setTextBaseline(VPos.CENTER);
        int rows = layers.size();
        if (rows == 0 || binCount == 0 || !(logMax >= logMin)) {
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("No data yet", left + pw / 2, TOP + ph / 2);
            return;
        }
        // colour scale: whole decades around the data
        double lo = Math.floor(logMin);
        double hi = Math.ceil(logMax);
        if (hi <= lo) {
            hi = lo + 1;
        }
        int columns = (int) Math.max(1, Math.min(Math.round(pw), binCount));
        WritableImage img = new WritableImage(columns, rows);
        PixelWriter px = img.getPixelWriter();
        Color empty = Color.gray(0.5, 0.15);
        for (int c = 0; c < columns; c++) {
            int from = (int) ((long) c * binCount / columns);
            int to = Math.max(from + 1, (int) ((long) (c + 1) * binCount / columns));
            for (int l = 0; l < rows; l++) {
                float m = Float.NaN;
                for (int b = from; b < to && b < binCount; b++) {
                    float v = bins[l][b];
                    if (!Float.isNaN(v) && (Float.isNaN(m) || v > m)) {
                        m = v;
                    }
                }
                px.setColor(c, l, Float.isNaN(m) ? empty : colour((Math.log10(m) - lo) / (hi - lo)));
            }
        }
        g.setImageSmoothing(false);
        g.drawImage(img, left, TOP, pw, ph);
        g.setStroke(axis);
        g.setLineWidth(1);
        g.strokeRect(left + 0.5, TOP + 0.5, pw, ph);
        // layer names: as many as fit, first and last always
        double rowH = ph / rows;
        int every = Math.max(1, (int) Math.ceil(14 / rowH));
        g.setTextAlign(TextAlignment.RIGHT);
        for (int l = 0; l < rows; l++) {
            boolean last = l == rows - 1 && l % every >= (every + 1) / 2;
            if (l % every == 0 || last) {
                String name = layers.get(l);
                g.fillText(fit(name, font, nameRoom), left - 5, TOP + (l + 0.5) * rowH);
            }
        }
        // step axis
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(compact(firstStep), left, TOP + ph + 4);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(compact(lastStep) + " step", left + pw, TOP + ph + 4);
        // legend: colour bar with decades
        double bx = left + pw + 10;
        double bw = 12;
        for (int y = 0; y < (int) ph; y++) {
            g.setFill(colour(1 - y / ph));
            g.fillRect(bx, TOP + y, bw, 1.5);
        }
        g.setStroke(axis);
        g.strokeRect(bx + 0.5, TOP + 0.5, bw, ph);
        g.setFill(axis);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        int decades = (int) (hi - lo);
        int tickEvery = Math.max(1, (int) Math.ceil(decades / Math.max(1.0, ph / 18)));
        for (int d = 0; d <= decades; d += tickEvery) {
            double y = TOP + ph - d * ph / decades;
            g.fillText(powerOfTen(lo + d), bx + bw + 4, y);
        }
    }

    static String powerOfTen(double exponent) {
        int e = (int) Math.round(exponent);
        return e == 0 ? "1" : "1e" + e;
    }

    private static String compact(long v) {
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (v >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        return Long.toString(v);
    }

    /** Layer names shown, for tests. */
    List<String> layerNamesForTest() {
        return new ArrayList<>(layers);
    }
}
