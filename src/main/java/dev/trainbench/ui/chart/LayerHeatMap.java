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
    private static final double RIGHT_MIN = 40;
    private static final double BAR_GAP = 10;
    private static final double BAR_WIDTH = 12;
    private static final double TOP = 6;
    private static final double BOTTOM = 22;
    private final TextMeasure measure = new TextMeasure();
    private final List<ChartText> texts = new ArrayList<>();

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
        return SCALE[scaleIndex(t)];
    }

    private static int scaleIndex(double t) {
        return (int) Math.round(Math.max(0, Math.min(1, t)) * (SCALE_STEPS - 1));
    }

    /**
     * The scale in 1,024 steps (finer than a 8-bit channel can show), made once: a redraw colours
     * every cell and the bar from the table instead of making a {@code Color} per cell (a fifth of
     * what the UI thread allocated in a long run).
     */
    private static final int SCALE_STEPS = 1024;
    private static final Color[] SCALE = new Color[SCALE_STEPS];
    private static final int[] SCALE_ARGB = new int[SCALE_STEPS];

    static {
        double[][] stops = {
            {0.267, 0.005, 0.329}, {0.231, 0.322, 0.545}, {0.129, 0.569, 0.549}, {0.369, 0.788, 0.384}, {0.992, 0.906, 0.145},
        };
        for (int k = 0; k < SCALE_STEPS; k++) {
            double x = k / (double) (SCALE_STEPS - 1) * (stops.length - 1);
            int i = Math.min(stops.length - 2, (int) Math.floor(x));
            double f = x - i;
            Color c = Color.color(stops[i][0] + (stops[i + 1][0] - stops[i][0]) * f, stops[i][1] + (stops[i + 1][1] - stops[i][1]) * f,
                    stops[i][2] + (stops[i + 1][2] - stops[i][2]) * f);
            SCALE[k] = c;
            SCALE_ARGB[k] = 0xff000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                    | (int) Math.round(c.getBlue() * 255);
        }
    }

    /**
     * The texts the last redraw drew on the canvas (layer names, step labels, the colour bar's
     * decades) with their boxes in canvas pixels; a layer name cut short has its full name in
     * {@link ChartText#full()} and in the heat map's tooltip.
     */
    public List<ChartText> drawnTexts() {
        return List.copyOf(texts);
    }

    /** The pane holding the canvas. */
    public javafx.scene.layout.Region plotArea() {
        return plot;
    }

    private void text(GraphicsContext g, String shown, String full, double x, double y) {
        double w = measure.width(shown);
        double h = measure.height();
        g.fillText(shown, x, y + h / 2);
        texts.add(new ChartText(shown, full, x, y, w, h));
    }

    private void redraw() {
        texts.clear();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        Paint bg = backgroundStyle.getTextFill() == null ? Color.WHITE : backgroundStyle.getTextFill();
        Paint axis = axisStyle.getTextFill() == null ? Color.gray(0.3) : axisStyle.getTextFill();
        g.setFill(bg);
        g.fillRect(0, 0, w, h);
        Font font = axisStyle.getFont() == null ? Font.font(11) : Font.font(axisStyle.getFont().getFamily(),
                Math.max(9, axisStyle.getFont().getSize() - 1));
        measure.font(font);
        double th = measure.height();
        // colour scale: whole decades around the data
        double lo = Math.floor(logMin);
        double hi = Math.ceil(logMax);
        if (hi <= lo) {
            hi = lo + 1;
        }
        boolean data = !layers.isEmpty() && binCount > 0 && logMax >= logMin;
        double decadeWidth = 0;
        for (int d = (int) lo; data && d <= (int) hi; d++) {
            decadeWidth = Math.max(decadeWidth, measure.width(powerOfTen(d)));
        }
        // the layer names' column as wide as the longest name, up to a third of the width; the colour
        // bar's column as wide as its labels; a line's height above and below (presentation mode's font is larger)
        double widest = 0;
        for (String name : layers) {
            widest = Math.max(widest, measure.width(name));
        }
        double nameRoom = Math.min(w / 3, widest);
        double left = Math.max(40, nameRoom + 10);
        double right = Math.max(RIGHT_MIN, BAR_GAP + BAR_WIDTH + 4 + decadeWidth + 2);
        double top = Math.max(TOP, Math.ceil(th / 2) + 1);
        double bottom = Math.max(BOTTOM, th + 6);
        double pw = Math.max(10, w - left - right);
        double ph = Math.max(10, h - top - bottom);
        g.setFont(font);
        g.setFill(axis);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        int rows = layers.size();
        if (!data) {
            String empty = measure.fit("No data yet", Math.max(10, w - 8));
            text(g, empty, "No data yet", Math.max(0, (w - measure.width(empty)) / 2), Math.max(0, (h - th) / 2));
            return;
        }
        int columns = (int) Math.max(1, Math.min(Math.round(pw), binCount));
        WritableImage img = new WritableImage(columns, rows);
        PixelWriter px = img.getPixelWriter();
        int empty = 0x26808080; // grey 0.5 at 15 % opacity
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
                px.setArgb(c, l, Float.isNaN(m) ? empty : SCALE_ARGB[scaleIndex((Math.log10(m) - lo) / (hi - lo))]);
            }
        }
        g.setImageSmoothing(false);
        g.drawImage(img, left, top, pw, ph);
        g.setStroke(axis);
        g.setLineWidth(1);
        g.strokeRect(left + 0.5, top + 0.5, pw, ph);
        // layer names: as many as fit a line each, first and last always
        double rowH = ph / rows;
        int every = Math.max(1, (int) Math.ceil((th + 1) / rowH));
        double below = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < rows; l++) {
            boolean last = l == rows - 1 && l % every >= (every + 1) / 2;
            double y = Math.max(0, Math.min(h - th, top + (l + 0.5) * rowH - th / 2));
            // never over the name above (two layers in a short map at a large font)
            if ((l % every == 0 || last) && y >= below + 1) {
                String name = layers.get(l);
                String shown = measure.fit(name, nameRoom);
                text(g, shown, name, left - 5 - measure.width(shown), y);
                below = y + th;
            }
        }
        // step axis: the last step at the right end; the first at the left unless they would meet
        String lastText = compact(lastStep) + " step";
        double lastX = Math.max(0, left + pw - measure.width(lastText));
        String firstText = compact(firstStep);
        if (left + measure.width(firstText) + 8 <= lastX) {
            text(g, firstText, firstText, left, top + ph + 4);
        }
        text(g, lastText, lastText, lastX, top + ph + 4);
        // legend: colour bar with decades
        double bx = left + pw + BAR_GAP;
        for (int y = 0; y < (int) ph; y++) {
            g.setFill(colour(1 - y / ph));
            g.fillRect(bx, top + y, BAR_WIDTH, 1.5);
        }
        g.setStroke(axis);
        g.strokeRect(bx + 0.5, top + 0.5, BAR_WIDTH, ph);
        g.setFill(axis);
        int decades = (int) (hi - lo);
        int tickEvery = Math.max(1, (int) Math.ceil(decades / Math.max(1.0, ph / (th + 4))));
        for (int d = 0; d <= decades; d += tickEvery) {
            double y = top + ph - d * ph / decades;
            String label = powerOfTen(lo + d);
            text(g, label, label, bx + BAR_WIDTH + 4, Math.max(0, Math.min(h - th, y - th / 2)));
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
