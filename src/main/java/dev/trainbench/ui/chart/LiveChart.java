package dev.trainbench.ui.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A line chart for long, live, noisy series, drawn on a {@link Canvas}.
 *
 * <p>Each series keeps its full history in primitive arrays ({@link SeriesBuffer}); once per frame
 * ({@link #refresh()}, and only when something changed) the visible X range is reduced to at most
 * two points per pixel column (min and max, see {@link Decimator}) and stroked as one polyline.
 * Drawing cost therefore follows the screen width, not the run length. A JavaFX {@code LineChart}
 * fed the same decimated points was measured first and cost about 45-70 ms per frame for four
 * polylines of ~1,600 points (it builds a Data object with properties per point and a path element
 * per point on every layout); the canvas draws the same frame in a few ms (numbers in
 * {@code ChartBenchmark}).
 *
 * <p>The smoothed curve is a debiased EMA over steps computed on the full series and drawn over
 * the raw one, which stays visible, faint. Y can be on a true log scale (log10 plotted, ticks
 * labelled as powers of ten). Drag a rectangle to zoom, scroll to zoom X, right-drag or
 * shift-drag to pan, double-click (or the reset button) to fit all again; hovering shows the
 * exact values of the nearest recorded point of every series. Colours and fonts come from CSS
 * (style classes {@code live-chart-axis}, {@code live-chart-grid}, {@code live-chart-background}).
 */
public class LiveChart extends BorderPane {

    /** One named series: its full data and how it is drawn. */
    public final class Series {
        private final String name;
        private final Color color;
        private final SeriesBuffer buffer;
        private final boolean smoothable;
        private boolean visible = true;
        private final Label legendItem;
        private int renderedPoints;
        private double[] decX = new double[0];
        private double[] decY = new double[0];

        private Series(String name, Color color, boolean smoothable) {
            this.name = name;
            this.color = color;
            this.smoothable = smoothable;
            this.buffer = new SeriesBuffer(smoothable ? smoothing.get() : 0);
            // a new run usually has the same series: reuse their legend entries, so that starting
            // a run changes nothing in the scene graph (no CSS pass, no relayout of the charts)
            Label reused = spareLegendItems.remove(name + '|' + web(color));
            legendItem = reused != null ? reused : legendItem(name, color);
            legendItem.setOpacity(1.0);
            legendItem.setOnMouseClicked(e -> setVisible(!visible));
        }

        public String name() {
            return name;
        }

        public Color color() {
            return color;
        }

        public SeriesBuffer buffer() {
            return buffer;
        }

        public void append(double x, double y) {
            buffer.append(x, y);
            dirty = true;
        }

        public void clear() {
            buffer.clear();
            dirty = true;
        }

        public int size() {
            return buffer.size();
        }

        public boolean isVisible() {
            return visible;
        }

        public void setVisible(boolean value) {
            visible = value;
            legendItem.setOpacity(value ? 1.0 : 0.4);
            dirty = true;
            refresh();
        }

        /** Points of the raw curve drawn at the last refresh. */
        public int renderedPoints() {
            return renderedPoints;
        }
    }

    private static final double LEFT = 58;
    private static final double RIGHT = 12;
    private static final double TOP = 8;
    private static final double BOTTOM = 24;

    private final Canvas canvas = new Canvas();
    private final Pane plotPane = new Pane();
    private final FlowPane legend = new FlowPane(10, 2);
    private final Label title = new Label();
    private final CheckBox logToggle = new CheckBox("log");
    private final Button resetButton = new Button("Reset zoom");
    private final Label hoverLabel = new Label();
    private final Line hoverLine = new Line();
    private final Rectangle zoomRect = new Rectangle();
    private final Label emptyLabel = new Label("No data yet");
    // never shown: they carry the theme's colours and font from CSS to the canvas
    private final Label axisStyle = new Label();
    private final Label gridStyle = new Label();
    private final Label backgroundStyle = new Label();
    private final List<Series> series = new ArrayList<>();
    private final List<double[]> referenceLines = new ArrayList<>();
    private final List<String> referenceLabels = new ArrayList<>();

    private final BooleanProperty logY = new SimpleBooleanProperty(this, "logY", false);
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.0);

    private boolean dirty = true;
    private boolean legendStale;
    private final java.util.Map<String, Label> spareLegendItems = new java.util.HashMap<>();
    private boolean zoomedX;
    private boolean zoomedY;
    private double viewXMin;
    private double viewXMax;
    private double viewYMin;
    private double viewYMax;
    // what is on screen now
    private double xMin = 0;
    private double xMax = 1;
    private double yMin = 0;
    private double yMax = 1;
    private double[] bufX = new double[0];
    private double[] bufY = new double[0];
    private double[] pixX = new double[0];
    private double[] pixY = new double[0];
    private double dragStartX;
    private double dragStartY;
    private boolean panning;
    private boolean selecting;
    private String xLabel = "step";
    private DoubleFunction<String> yFormatter;
    private long lastRedrawNanos;

    public LiveChart(String titleText) {
        getStyleClass().add("live-chart");
        title.setText(titleText);
        title.getStyleClass().add("live-chart-title");

        axisStyle.getStyleClass().add("live-chart-axis");
        gridStyle.getStyleClass().add("live-chart-grid");
        backgroundStyle.getStyleClass().add("live-chart-background");
        for (Label l : List.of(axisStyle, gridStyle, backgroundStyle)) {
            l.setManaged(false);
            l.setOpacity(0);
            l.setMouseTransparent(true);
        }
        hoverLabel.getStyleClass().add("chart-hover-label");
        hoverLabel.setVisible(false);
        hoverLabel.setManaged(false);
        hoverLabel.setMouseTransparent(true);
        hoverLine.getStyleClass().add("chart-hover-line");
        hoverLine.setVisible(false);
        hoverLine.setManaged(false);
        hoverLine.setMouseTransparent(true);
        zoomRect.getStyleClass().add("chart-zoom-rect");
        zoomRect.setVisible(false);
        zoomRect.setManaged(false);
        zoomRect.setMouseTransparent(true);
        emptyLabel.getStyleClass().add("chart-empty-label");
        emptyLabel.setManaged(false);
        emptyLabel.setMouseTransparent(true);
        plotPane.getChildren().addAll(canvas, axisStyle, gridStyle, backgroundStyle, emptyLabel, hoverLine, zoomRect, hoverLabel);
        plotPane.setMinSize(120, 80);
        plotPane.setPrefSize(480, 260);
        plotPane.getStyleClass().add("live-chart-plot");
        canvas.widthProperty().bind(plotPane.widthProperty());
        canvas.heightProperty().bind(plotPane.heightProperty());
        canvas.widthProperty().addListener((obs, was, now) -> redrawNow());
        canvas.heightProperty().addListener((obs, was, now) -> redrawNow());
        setCenter(plotPane);

        logToggle.selectedProperty().bindBidirectional(logY);
        logToggle.setFocusTraversable(false);
        resetButton.getStyleClass().add("small-button");
        resetButton.setVisible(false);
        resetButton.setManaged(false);
        resetButton.setOnAction(e -> resetZoom());
        resetButton.setFocusTraversable(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, legend, spacer, resetButton, logToggle);
        HBox.setHgrow(legend, Priority.SOMETIMES);
        title.setMinWidth(Region.USE_PREF_SIZE);
        logToggle.setMinWidth(Region.USE_PREF_SIZE);
        resetButton.setMinWidth(Region.USE_PREF_SIZE);
        legend.setMinWidth(0);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(2, 8, 0, 8));
        header.getStyleClass().add("live-chart-header");
        setTop(header);

        logY.addListener((obs, was, now) -> {
            zoomedY = false;
            redrawNow();
        });
        smoothing.addListener((obs, was, now) -> {
            for (Series s : series) {
                if (s.smoothable) {
                    s.buffer.setSmoothing(now.doubleValue());
                }
            }
            redrawNow();
        });
        // theme or font changes arrive through CSS
        axisStyle.textFillProperty().addListener((obs, was, now) -> redrawNow());
        axisStyle.fontProperty().addListener((obs, was, now) -> redrawNow());
        backgroundStyle.textFillProperty().addListener((obs, was, now) -> redrawNow());
        installMouseHandlers();
    }

    private static Label legendItem(String name, Color color) {
        Label item = new Label(name);
        item.getStyleClass().add("chart-legend-entry");
        Region swatch = new Region();
        swatch.setMinSize(14, 4);
        swatch.setPrefSize(14, 4);
        swatch.setMaxSize(14, 4);
        swatch.setStyle("-fx-background-color: " + web(color) + ";");
        item.setGraphic(swatch);
        return item;
    }

    /** Puts the legend entries of the current series in the legend, touching the scene graph only when they differ. */
    private void syncLegend() {
        List<Label> want = new ArrayList<>(series.size());
        for (Series s : series) {
            want.add(s.legendItem);
        }
        if (!legend.getChildren().equals(want)) {
            legend.getChildren().setAll(want);
        }
    }

    /**
     * Draws a throwaway chart off-screen (linear and log, smoothed, with dots and a reference line)
     * enough times for the JIT to compile the drawing code, so the first frames of the first run
     * do not pay for it. Call once on the FX thread at start-up, after the window is shown.
     */
    public static void warmUp() {
        LiveChart c = new LiveChart("warm-up");
        c.plotPane.resize(480, 260);
        c.setSmoothing(0.6);
        c.addReferenceLine(1e-3, "warm-up");
        Series a = c.addSeries("a", Color.GRAY);
        Series b = c.addSeries("b", Color.GRAY, false);
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < 100; i++) {
                double x = round * 100 + i;
                a.append(x, 1.0 / (1 + x) + 0.01 * Math.sin(x));
                if (i == 0) {
                    b.append(x, 0.5 / (1 + x));
                }
            }
            c.setLogY(round % 2 == 1);
            c.refresh();
            c.hoverText(round * 50.0);
        }
        c.removeAllSeries();
        c.refresh();
    }

    /** Adds a series whose smoothed curve follows the chart's smoothing setting. */
    public Series addSeries(String name, Color color) {
        return addSeries(name, color, true);
    }

    /**
     * Adds a series. A series that is not smoothable (e.g. one point per epoch) is always drawn
     * as is, at full opacity, with a dot on each point.
     */
    public Series addSeries(String name, Color color, boolean smoothable) {
        Series s = new Series(name, color, smoothable);
        series.add(s);
        legendStale = true;
        dirty = true;
        return s;
    }

    /** A dashed horizontal line at {@code y} (data units) with a label, e.g. a rule-of-thumb level. */
    public void addReferenceLine(double y, String label) {
        referenceLines.add(new double[] {y});
        referenceLabels.add(label);
        dirty = true;
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    /**
     * Removes every series. The legend is brought up to date at the next {@link #refresh()}, so
     * that removing and adding back the same series leaves its nodes alone.
     */
    public void removeAllSeries() {
        for (Series s : series) {
            spareLegendItems.put(s.name + '|' + web(s.color), s.legendItem);
        }
        series.clear();
        legendStale = true;
        // no redraw now: the series that usually follow at once are drawn at the next refresh
        zoomedX = false;
        zoomedY = false;
        showReset();
        dirty = true;
    }

    public void clearData() {
        for (Series s : series) {
            s.clear();
        }
        resetZoom();
    }

    public BooleanProperty logYProperty() {
        return logY;
    }

    public boolean isLogY() {
        return logY.get();
    }

    public void setLogY(boolean value) {
        logY.set(value);
    }

    /** The EMA weight of history per step, in [0, 1); 0 draws the raw curve only. */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    public void setSmoothing(double value) {
        smoothing.set(value);
    }

    public void setLogToggleVisible(boolean value) {
        logToggle.setVisible(value);
        logToggle.setManaged(value);
    }

    /** Name of the X quantity in the hover text (default "step"). */
    public void setXLabel(String label) {
        xLabel = label;
    }

    /** How Y values are written on the axis (linear scale only); null for the default. */
    public void setYFormatter(DoubleFunction<String> formatter) {
        yFormatter = formatter;
        dirty = true;
    }

    public void setTitle(String text) {
        title.setText(text);
    }

    public void setEmptyText(String text) {
        emptyLabel.setText(text);
    }

    public boolean isZoomed() {
        return zoomedX || zoomedY;
    }

    /** Lower and upper X bound now on screen. */
    public double[] visibleXRange() {
        return new double[] {xMin, xMax};
    }

    /** Lower and upper Y bound now on screen (log10 units on a log scale). */
    public double[] visibleYRange() {
        return new double[] {yMin, yMax};
    }

    /** Shows only x in [min, max] and fits Y to what is visible there. */
    public void zoomX(double min, double max) {
        if (!(max > min)) {
            return;
        }
        zoomedX = true;
        viewXMin = min;
        viewXMax = max;
        zoomedY = false;
        showReset();
        redrawNow();
    }

    public void resetZoom() {
        zoomedX = false;
        zoomedY = false;
        showReset();
        redrawNow();
    }

    /** Nanoseconds the last redraw took (decimation and drawing commands; rasterizing comes in the pulse). */
    public long lastRedrawNanos() {
        return lastRedrawNanos;
    }

    public void markDirty() {
        dirty = true;
    }

    /** Redraws when data or view changed since the last call; cheap otherwise. Call once per frame. */
    public void refresh() {
        if (legendStale) {
            legendStale = false;
            syncLegend();
            spareLegendItems.clear();
        }
        if (!dirty) {
            return;
        }
        dirty = false;
        long start = System.nanoTime();
        redraw();
        lastRedrawNanos = System.nanoTime() - start;
    }

    private void redrawNow() {
        dirty = true;
        refresh();
    }

    // ----------------------------------------------------------------------------- drawing

    private double plotWidth() {
        return Math.max(10, canvas.getWidth() - LEFT - RIGHT);
    }

    private double plotHeight() {
        return Math.max(10, canvas.getHeight() - TOP - BOTTOM);
    }

    private double toPixelX(double x) {
        return LEFT + (x - xMin) / (xMax - xMin) * plotWidth();
    }

    private double toPixelY(double y) {
        return TOP + (1 - (y - yMin) / (yMax - yMin)) * plotHeight();
    }

    private double toDataX(double px) {
        return xMin + (px - LEFT) / plotWidth() * (xMax - xMin);
    }

    private double toDataY(double py) {
        return yMin + (1 - (py - TOP) / plotHeight()) * (yMax - yMin);
    }

    private void redraw() {
        boolean log = logY.get();
        computeXRange();
        int columns = Math.max(16, (int) Math.round(plotWidth()));
        ensureBuffers(2 * columns);

        // decimate once per series; the Y range comes from the decimated visible data, since
        // min/max per column keep every extreme
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        boolean anyData = false;
        for (Series s : series) {
            if (!s.visible) {
                s.renderedPoints = 0;
                continue;
            }
            SeriesBuffer b = s.buffer;
            anyData |= b.size() > 0;
            if (s.decX.length < 2 * columns) {
                s.decX = new double[2 * columns];
                s.decY = new double[2 * columns];
            }
            int n = Decimator.minMax(b.xArray(), b.yArray(), b.size(), xMin, xMax, columns, log, s.decX, s.decY);
            s.renderedPoints = n;
            for (int i = 0; i < n; i++) {
                if (s.decX[i] >= xMin && s.decX[i] <= xMax) {
                    yLo = Math.min(yLo, s.decY[i]);
                    yHi = Math.max(yHi, s.decY[i]);
                }
            }
        }
        if (anyData) {
            for (double[] ref : referenceLines) {
                double v = log ? (ref[0] > 0 ? Math.log10(ref[0]) : Double.NaN) : ref[0];
                if (Double.isFinite(v)) {
                    yLo = Math.min(yLo, v);
                    yHi = Math.max(yHi, v);
                }
            }
        }
        double yUnit = computeYRange(log, yLo, yHi);
        double xUnit = niceUnit(xMax - xMin, Math.max(2, (int) (plotWidth() / 90)));

        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(paintOr(backgroundStyle.getTextFill(), Color.WHITE));
        g.fillRect(0, 0, w, h);
        Paint axisPaint = paintOr(axisStyle.getTextFill(), Color.gray(0.3));
        Paint gridPaint = paintOr(gridStyle.getTextFill(), Color.gray(0.88));
        Font font = axisStyle.getFont() == null ? Font.font(11) : Font.font(axisStyle.getFont().getFamily(),
                Math.max(9, axisStyle.getFont().getSize() - 1));
        g.setFont(font);
        g.setLineWidth(1);

        // grid and tick labels
        g.setStroke(gridPaint);
        g.setFill(axisPaint);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (double v : ticks(yMin, yMax, yUnit)) {
            double py = Math.round(toPixelY(v)) + 0.5;
            g.strokeLine(LEFT, py, LEFT + plotWidth(), py);
            g.fillText(log ? powerOfTen(v) : formatY(v, yUnit), LEFT - 5, py);
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (double v : ticks(xMin, xMax, xUnit)) {
            double px = Math.round(toPixelX(v)) + 0.5;
            g.strokeLine(px, TOP, px, TOP + plotHeight());
            g.fillText(compact(v), px, TOP + plotHeight() + 4);
        }
        g.setStroke(axisPaint);
        g.strokeRect(LEFT + 0.5, TOP + 0.5, plotWidth(), plotHeight());

        // series, clipped to the plot; raw curves first so smoothed ones lie on top
        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, plotWidth(), plotHeight());
        g.clip();
        g.setLineJoin(StrokeLineJoin.ROUND);
        double smoothingValue = smoothing.get();
        for (Series s : series) {
            if (!s.visible) {
                s.renderedPoints = 0;
                continue;
            }
            boolean drawSmooth = s.smoothable && smoothingValue > 0;
            g.setStroke(drawSmooth ? s.color.deriveColor(0, 1, 1, 0.28) : s.color);
            g.setLineWidth(drawSmooth ? 1.0 : 1.6);
            stroke(g, s.decX, s.decY, s.renderedPoints, !s.smoothable);
        }
        for (Series s : series) {
            if (s.visible && s.smoothable && smoothingValue > 0) {
                SeriesBuffer b = s.buffer;
                int n = Decimator.minMax(b.xArray(), b.smoothedArray(), b.size(), xMin, xMax, columns, log, bufX, bufY);
                g.setStroke(s.color);
                g.setLineWidth(2.0);
                stroke(g, bufX, bufY, n, false);
            }
        }
        for (int r = 0; r < referenceLines.size(); r++) {
            double v = referenceLines.get(r)[0];
            double ly = log ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
            if (!Double.isFinite(ly) || ly < yMin || ly > yMax) {
                continue;
            }
            double py = Math.round(toPixelY(ly)) + 0.5;
            g.setStroke(axisPaint);
            g.setLineWidth(1.2);
            g.setLineDashes(6, 4);
            g.strokeLine(LEFT, py, LEFT + plotWidth(), py);
            g.setLineDashes((double[]) null);
            g.setFill(axisPaint);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(referenceLabels.get(r), LEFT + plotWidth() - 4, py - 2);
        }
        g.restore();
        emptyLabel.setVisible(!anyData);
        if (!anyData) {
            emptyLabel.autosize();
            emptyLabel.relocate(LEFT + (plotWidth() - emptyLabel.getWidth()) / 2, TOP + (plotHeight() - emptyLabel.getHeight()) / 2);
        }
    }

    private void stroke(GraphicsContext g, double[] xs, double[] ys, int n, boolean dots) {
        for (int i = 0; i < n; i++) {
            pixX[i] = toPixelX(xs[i]);
            pixY[i] = toPixelY(ys[i]);
        }
        if (n == 1 || dots) {
            g.setFill(g.getStroke());
            for (int i = 0; i < n; i++) {
                g.fillOval(pixX[i] - 2.5, pixY[i] - 2.5, 5, 5);
            }
        }
        if (n > 1) {
            g.strokePolyline(pixX, pixY, n);
        }
    }

    private void ensureBuffers(int n) {
        if (bufX.length < n) {
            bufX = new double[n];
            bufY = new double[n];
            pixX = new double[n];
            pixY = new double[n];
        }
    }

    private void computeXRange() {
        if (zoomedX) {
            xMin = viewXMin;
            xMax = viewXMax;
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            if (s.visible && s.buffer.size() > 0) {
                lo = Math.min(lo, s.buffer.x(0));
                hi = Math.max(hi, s.buffer.x(s.buffer.size() - 1));
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            lo = 0;
            hi = 1;
        }
        if (hi <= lo) {
            hi = lo + 1;
        }
        double unit = niceUnit(hi - lo, 6);
        xMin = Math.floor(lo / unit) * unit;
        xMax = Math.ceil(hi / unit) * unit;
        if (lo >= 0 && xMin < 0) {
            xMin = 0;
        }
    }

    private double computeYRange(boolean log, double lo, double hi) {
        if (zoomedY) {
            yMin = viewYMin;
            yMax = viewYMax;
            return log ? Math.max(1, Math.ceil((yMax - yMin) / 6)) : niceUnit(yMax - yMin, 5);
        }
        if (lo == Double.POSITIVE_INFINITY) {
            lo = log ? -1 : 0;
            hi = log ? 0 : 1;
        }
        if (log) {
            yMin = Math.floor(lo);
            yMax = Math.ceil(hi);
            if (yMax <= yMin) {
                yMax = yMin + 1;
            }
            return Math.max(1, Math.ceil((yMax - yMin) / 6));
        }
        double pad = (hi - lo) * 0.05;
        if (pad == 0) {
            pad = Math.abs(hi) * 0.1 + 1e-9;
        }
        double unit = niceUnit(hi - lo + 2 * pad, 5);
        yMin = Math.floor((lo - pad) / unit) * unit;
        yMax = Math.ceil((hi + pad) / unit) * unit;
        if (lo >= 0 && yMin < 0) {
            yMin = 0;
        }
        return unit;
    }

    private static List<Double> ticks(double min, double max, double unit) {
        List<Double> out = new ArrayList<>();
        if (!(unit > 0) || !Double.isFinite(min) || !Double.isFinite(max)) {
            return out;
        }
        long first = (long) Math.ceil(min / unit - 1e-9);
        long last = (long) Math.floor(max / unit + 1e-9);
        for (long k = first; k <= last && out.size() < 50; k++) {
            out.add(k * unit);
        }
        return out;
    }

    private String formatY(double v, double unit) {
        if (yFormatter != null) {
            return yFormatter.apply(v);
        }
        if (Math.abs(v) < unit * 1e-6) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(unit) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static Paint paintOr(Paint p, Paint fallback) {
        return p == null ? fallback : p;
    }

    // ----------------------------------------------------------------------------- interaction

    private void installMouseHandlers() {
        plotPane.addEventHandler(MouseEvent.MOUSE_MOVED, e -> showHover(e.getX(), e.getY()));
        plotPane.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hideHover());
        plotPane.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        plotPane.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        plotPane.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onRelease);
        plotPane.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        plotPane.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                resetZoom();
            }
        });
    }

    private boolean insidePlot(double px, double py) {
        return px >= LEFT && px <= LEFT + plotWidth() && py >= TOP && py <= TOP + plotHeight();
    }

    /** Shows the hover label for the pointer at (px, py) in plot-pane coordinates. */
    public void showHover(double px, double py) {
        if (!insidePlot(px, py)) {
            hideHover();
            return;
        }
        double x = toDataX(px);
        String text = hoverText(x);
        if (text == null) {
            hideHover();
            return;
        }
        hoverLabel.setText(text);
        hoverLabel.setVisible(true);
        hoverLabel.applyCss();
        hoverLabel.autosize();
        double lx = px + 14;
        if (lx + hoverLabel.getWidth() > LEFT + plotWidth()) {
            lx = px - 14 - hoverLabel.getWidth();
        }
        double ly = Math.max(TOP, Math.min(py + 10, TOP + plotHeight() - hoverLabel.getHeight()));
        hoverLabel.relocate(Math.max(0, lx), ly);
        double lineX = Math.round(toPixelX(nearestX(x))) + 0.5;
        hoverLine.setStartX(lineX);
        hoverLine.setEndX(lineX);
        hoverLine.setStartY(TOP);
        hoverLine.setEndY(TOP + plotHeight());
        hoverLine.setVisible(true);
    }

    private double nearestX(double x) {
        double best = Double.NaN;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Series s : series) {
            int i = s.visible ? s.buffer.nearest(x) : -1;
            if (i >= 0 && Math.abs(s.buffer.x(i) - x) < bestDistance) {
                bestDistance = Math.abs(s.buffer.x(i) - x);
                best = s.buffer.x(i);
            }
        }
        return best;
    }

    /**
     * The exact values (from the full series, not the decimated one) of every visible series at
     * the recorded point nearest to x, or null when there is no data.
     */
    public String hoverText(double x) {
        double at = nearestX(x);
        if (Double.isNaN(at)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(xLabel).append(' ').append(formatX(at));
        for (Series s : series) {
            int i = s.visible ? s.buffer.nearest(at) : -1;
            if (i < 0) {
                continue;
            }
            sb.append('\n').append(s.name).append(": ").append(formatValue(s.buffer.y(i)));
            if (s.buffer.x(i) != at) {
                sb.append(" (at ").append(formatX(s.buffer.x(i))).append(')');
            }
            if (s.smoothable && smoothing.get() > 0) {
                sb.append(", smoothed ").append(formatValue(s.buffer.smoothed(i)));
            }
        }
        return sb.toString();
    }

    public String hoverLabelText() {
        return hoverLabel.isVisible() ? hoverLabel.getText() : null;
    }

    private void hideHover() {
        hoverLabel.setVisible(false);
        hoverLine.setVisible(false);
    }

    private void onPress(MouseEvent e) {
        dragStartX = e.getX();
        dragStartY = e.getY();
        if (e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE
                || (e.getButton() == MouseButton.PRIMARY && e.isShiftDown())) {
            panning = true;
        } else if (e.getButton() == MouseButton.PRIMARY && insidePlot(e.getX(), e.getY())) {
            selecting = true;
        }
    }

    private void onDrag(MouseEvent e) {
        if (panning) {
            double dx = toDataX(dragStartX) - toDataX(e.getX());
            double dy = toDataY(dragStartY) - toDataY(e.getY());
            viewXMin = xMin + dx;
            viewXMax = xMax + dx;
            viewYMin = yMin + dy;
            viewYMax = yMax + dy;
            zoomedX = true;
            zoomedY = true;
            dragStartX = e.getX();
            dragStartY = e.getY();
            showReset();
            redrawNow();
        } else if (selecting) {
            double x = Math.max(LEFT, Math.min(e.getX(), LEFT + plotWidth()));
            double y = Math.max(TOP, Math.min(e.getY(), TOP + plotHeight()));
            zoomRect.setX(Math.min(dragStartX, x));
            zoomRect.setY(Math.min(dragStartY, y));
            zoomRect.setWidth(Math.abs(dragStartX - x));
            zoomRect.setHeight(Math.abs(dragStartY - y));
            zoomRect.setVisible(true);
            hideHover();
        }
    }

    private void onRelease(MouseEvent e) {
        if (selecting && zoomRect.isVisible() && zoomRect.getWidth() > 4 && zoomRect.getHeight() > 4) {
            zoomTo(zoomRect.getX(), zoomRect.getY(), zoomRect.getX() + zoomRect.getWidth(), zoomRect.getY() + zoomRect.getHeight());
        }
        zoomRect.setVisible(false);
        selecting = false;
        panning = false;
    }

    /** Zooms to the rectangle between two points in plot-pane pixels. */
    void zoomTo(double px0, double py0, double px1, double py1) {
        double x0 = toDataX(px0);
        double x1 = toDataX(px1);
        double y0 = toDataY(py0);
        double y1 = toDataY(py1);
        viewXMin = Math.min(x0, x1);
        viewXMax = Math.max(x0, x1);
        viewYMin = Math.min(y0, y1);
        viewYMax = Math.max(y0, y1);
        zoomedX = true;
        zoomedY = true;
        showReset();
        redrawNow();
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        double factor = Math.pow(1.2, -e.getDeltaY() / 40.0);
        double center = toDataX(e.getX());
        viewXMin = center - (center - xMin) * factor;
        viewXMax = center + (xMax - center) * factor;
        zoomedX = true;
        zoomedY = false;
        showReset();
        redrawNow();
        e.consume();
    }

    private void showReset() {
        boolean zoomed = zoomedX || zoomedY;
        resetButton.setVisible(zoomed);
        resetButton.setManaged(zoomed);
    }

    // ----------------------------------------------------------------------------- formatting

    static double niceUnit(double range, int targetTicks) {
        if (!(range > 0) || !Double.isFinite(range)) {
            return 1;
        }
        double raw = range / Math.max(1, targetTicks);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * magnitude;
    }

    static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return String.format(Locale.ROOT, "%.5g", v);
    }

    static String formatX(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** A log10 tick value v written as the number 10^v (0.01, 1, 1000, 1e-5). */
    static String powerOfTen(double e) {
        if (Math.abs(e - Math.rint(e)) > 1e-9) {
            return String.format(Locale.ROOT, "%.2g", Math.pow(10, e));
        }
        int k = (int) Math.rint(e);
        if (k >= -3 && k <= 4) {
            return k >= 0 ? Long.toString((long) Math.pow(10, k)) : "0." + "0".repeat(-k - 1) + "1";
        }
        return "1e" + k;
    }

    static String compact(double d) {
        double a = Math.abs(d);
        if (a >= 1e6) {
            return trim(String.format(Locale.ROOT, "%.2f", d / 1e6)) + "M";
        }
        if (a >= 1e4) {
            return trim(String.format(Locale.ROOT, "%.1f", d / 1e3)) + "k";
        }
        if (d == Math.rint(d)) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.3g", d);
    }

    private static String trim(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    static String web(Color c) {
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.3f)", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255), c.getOpacity());
    }
}
