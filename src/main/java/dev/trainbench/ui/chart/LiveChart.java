package dev.trainbench.ui.chart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;

/**
 * A line chart for long, live, noisy series, drawn on a {@link Canvas}; the Train view, a finished
 * run's chart window and the Compare view all use it.
 *
 * <p>Each series keeps its full history in primitive arrays ({@link SeriesBuffer}); once per frame
 * ({@link #refresh()}, and only when something changed) the visible X range is reduced to at most
 * two points per pixel column (min and max, see {@link Decimator}, answered from a min/max pyramid
 * kept up to date as points arrive) and stroked as one polyline. Drawing cost therefore follows the
 * screen width, not the run length. A JavaFX {@code LineChart} fed the same decimated points was
 * measured first and cost about 45-70 ms per frame for four polylines of ~1,600 points; the canvas
 * draws the same frame in a few ms (numbers in {@code ChartBenchmark}).
 *
 * <p>The smoothed curve is a debiased EMA over steps computed on the full series and drawn over
 * the raw one, which stays visible, faint. A {@link Group} (runs that differ only in seed) is drawn
 * as its mean with a min-max band. Y can be on a true log scale (log10 plotted, ticks labelled as
 * powers of ten). Drag a rectangle to zoom, scroll to zoom X, right-drag or shift-drag to pan,
 * double-click (or the reset button) to fit all again; hovering shows the exact values of the
 * nearest recorded point of every series; right-click for PNG export. Charts that share an
 * {@link XLink} show the same X range. The pieces: {@link ChartAxis} (ranges, ticks, labels),
 * {@link Viewport} (what is on screen), {@link ChartRenderer} (drawing), {@link ChartInteraction}
 * (mouse). Colours and fonts come from CSS (style classes {@code live-chart-axis},
 * {@code live-chart-grid}, {@code live-chart-background}).
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
        private double[] dashes;
        private boolean dots;
        private int renderedPoints;
        private double[] decX = new double[0];
        private double[] decY = new double[0];

        private Series(String name, Color color, boolean smoothable) {
            this.name = name;
            this.color = color;
            this.smoothable = smoothable;
            this.buffer = new SeriesBuffer(smoothable ? smoothing.get() : 0);
            this.dots = !smoothable;
            // a new run usually has the same series: reuse their legend entries, so that starting
            // a run changes nothing in the scene graph (no CSS pass, no relayout of the charts)
            legendItem = legendEntry(name, color);
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
            buffer.append(plotX(x), y);
            dirty = true;
        }

        /** Replaces the series with whole arrays (a finished run's curve), much faster than appending each point. */
        public void setData(double[] x, double[] keys, double[] y) {
            buffer.load(plotX(x), keys, y);
            dirty = true;
        }

        /** Appends a point plotted at x that belongs to step {@code key} (see {@link SeriesBuffer#appendAt}). */
        public void appendAt(double x, double key, double y) {
            buffer.appendAt(plotX(x), key, y);
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
            redrawNow();
        }

        /** Points of the raw curve drawn at the last refresh. */
        public int renderedPoints() {
            return renderedPoints;
        }

        /** Draws the curve dashed (e.g. validation against training); null for a solid line. */
        public void setDashes(double... pattern) {
            dashes = pattern == null || pattern.length == 0 ? null : pattern.clone();
            dirty = true;
        }

        /** A dot on every point (default: for series that are not smoothed, e.g. one point per epoch). */
        public void setDots(boolean value) {
            dots = value;
            dirty = true;
        }
    }

    /**
     * Runs that differ only in their seed, drawn as one curve: the mean across members with a band
     * from the lowest to the highest member. With smoothing on, the band and the bold mean are
     * taken across the members' smoothed curves and the raw mean is drawn faint.
     */
    public final class Group {
        private final String name;
        private final Color color;
        private final boolean smoothable;
        private final List<SeriesBuffer> members = new ArrayList<>();
        // finished runs' curves, aligned by step across members and between mean and band: every
        // point is kept (a live run's growing series are the bounded ones)
        private final SeriesBuffer mean = new SeriesBuffer(1024, 0, SeriesBuffer.UNBOUNDED);
        private final SeriesBuffer lo = new SeriesBuffer(1024, 0, SeriesBuffer.UNBOUNDED);
        private final SeriesBuffer hi = new SeriesBuffer(1024, 0, SeriesBuffer.UNBOUNDED);
        private final SeriesBuffer smoothMean = new SeriesBuffer(1024, 0, SeriesBuffer.UNBOUNDED);
        private final SeriesBuffer smoothLo = new SeriesBuffer(1024, 0, SeriesBuffer.UNBOUNDED);
        private final SeriesBuffer smoothHi = new SeriesBuffer(1024, 0, SeriesBuffer.UNBOUNDED);
        private final Label legendItem;
        private boolean visible = true;
        private boolean stale = true;
        private double[] dashes;
        private boolean dots;
        private int mostMembers;
        private int[] summaryRuns;
        private double[] decX = new double[0];
        private double[] decY = new double[0];
        private double[] decX2 = new double[0];
        private double[] decY2 = new double[0];

        private Group(String name, Color color, boolean smoothable) {
            this.name = name;
            this.color = color;
            this.smoothable = smoothable;
            this.dots = !smoothable;
            legendItem = legendEntry(name, color);
            legendItem.setOnMouseClicked(e -> setVisible(!visible));
        }

        public String name() {
            return name;
        }

        public Color color() {
            return color;
        }

        /** A dot on every point of the mean (default: for groups that are not smoothed). */
        public void setDots(boolean value) {
            dots = value;
            dirty = true;
        }

        /** Adds one member's curve: x to plot at, the step each point belongs to, and the values. */
        public void addMember(double[] xs, double[] keys, double[] ys) {
            if (summaryRuns != null) {
                throw new IllegalStateException("group '" + name + "' is drawn from a summary; it takes no members");
            }
            SeriesBuffer b = new SeriesBuffer(Math.max(16, xs.length), smoothable ? smoothing.get() : 0, SeriesBuffer.UNBOUNDED);
            b.load(plotX(xs), keys, ys);
            members.add(b);
            stale = true;
            dirty = true;
        }

        /**
         * Draws the group from statistics computed elsewhere (a sweep's final metric per value:
         * one number per run, summarised by the caller) instead of from member curves: at each x
         * the mean, the band from lo to hi, and how many runs they summarise. Not smoothed.
         */
        public void setSummary(double[] xs, double[] means, double[] lows, double[] highs, int[] runs) {
            if (!members.isEmpty()) {
                throw new IllegalStateException("group '" + name + "' has member curves; it takes no summary");
            }
            double[] px = plotX(xs);
            mean.load(px, xs, means);
            lo.load(px, xs, lows);
            hi.load(px, xs, highs);
            summaryRuns = runs.clone();
            mostMembers = java.util.Arrays.stream(runs).max().orElse(0);
            stale = false;
            dirty = true;
        }

        /** Runs behind the point at index i of the mean: the members, or the summary's count there. */
        int runsAt(int i) {
            return summaryRuns != null && i < summaryRuns.length ? summaryRuns[i] : members.size();
        }

        public int memberCount() {
            return members.size();
        }

        /** The mean curve (raw values), for tests and hover. */
        public SeriesBuffer mean() {
            update();
            return mean;
        }

        /** The lower edge of the band as drawn now (smoothed when smoothing is on). */
        public SeriesBuffer bandLow() {
            update();
            return smoothed() ? smoothLo : lo;
        }

        /** The upper edge of the band as drawn now (smoothed when smoothing is on). */
        public SeriesBuffer bandHigh() {
            update();
            return smoothed() ? smoothHi : hi;
        }

        public boolean isVisible() {
            return visible;
        }

        public void setVisible(boolean value) {
            visible = value;
            legendItem.setOpacity(value ? 1.0 : 0.4);
            redrawNow();
        }

        /** Draws the mean dashed; null for a solid line. */
        public void setDashes(double... pattern) {
            dashes = pattern == null || pattern.length == 0 ? null : pattern.clone();
            dirty = true;
        }

        /** Runs that share the step where most do (a member that stopped early leaves the later steps). */
        public int mostMembers() {
            update();
            return mostMembers;
        }

        private boolean smoothed() {
            return smoothable && smoothing.get() > 0;
        }

        private void update() {
            if (!stale || summaryRuns != null) {
                return;
            }
            stale = false;
            mostMembers = GroupAggregate.aggregate(members, false, mean, lo, hi);
            if (smoothable) {
                GroupAggregate.aggregate(members, true, smoothMean, smoothLo, smoothHi);
            }
        }

        private void setSmoothing(double value) {
            if (smoothable) {
                for (SeriesBuffer b : members) {
                    b.setSmoothing(value);
                }
                stale = true;
            }
        }
    }

    private final Canvas canvas = new Canvas();
    private final Pane plotPane = new Pane();
    private final FlowPane legend = new FlowPane(10, 2);
    private final Label title = new Label();
    private final CheckBox logToggle = new CheckBox("log");
    private final Button resetButton = new Button("Reset zoom");
    private final Label emptyLabel = new Label("No data yet");
    /** Says so when the view is zoomed into steps a long series keeps only as bucket extremes. */
    private final Label detailNote = new Label();
    // never shown: they carry the theme's colours and font from CSS to the canvas
    private final Label axisStyle = new Label();
    private final Label gridStyle = new Label();
    private final Label backgroundStyle = new Label();
    private final List<Series> series = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<double[]> referenceLines = new ArrayList<>();
    private final List<String> referenceLabels = new ArrayList<>();
    private final Viewport view = new Viewport();
    private final ChartRenderer renderer = new ChartRenderer();
    private final ChartInteraction interaction;
    private final ChartExport.Menu menu;

    private final BooleanProperty logY = new SimpleBooleanProperty(this, "logY", false);
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.0);

    private boolean dirty = true;
    private boolean legendStale;
    private final Map<String, Label> spareLegendItems = new HashMap<>();
    private double[] bufX = new double[0];
    private double[] bufY = new double[0];
    private String xLabel = "step";
    private DoubleFunction<String> yFormatter;
    private DoubleFunction<String> xTickFormatter;
    private boolean logX;
    private XLink xLink;
    private boolean legendShown = true;
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
        emptyLabel.getStyleClass().add("chart-empty-label");
        emptyLabel.setManaged(false);
        emptyLabel.setMouseTransparent(true);
        detailNote.getStyleClass().add("chart-detail-note");
        detailNote.setManaged(false);
        detailNote.setMouseTransparent(true);
        detailNote.setWrapText(true);
        detailNote.setVisible(false);
        plotPane.getChildren().addAll(canvas, axisStyle, gridStyle, backgroundStyle, emptyLabel, detailNote);
        plotPane.setMinSize(120, 80);
        plotPane.setPrefSize(480, 260);
        plotPane.getStyleClass().add("live-chart-plot");
        canvas.widthProperty().bind(plotPane.widthProperty());
        canvas.heightProperty().bind(plotPane.heightProperty());
        canvas.widthProperty().addListener((obs, was, now) -> redrawNow());
        canvas.heightProperty().addListener((obs, was, now) -> redrawNow());
        setCenter(plotPane);

        interaction = new ChartInteraction(plotPane, new ChartInteraction.Target() {
            @Override
            public Viewport viewport() {
                return view;
            }

            @Override
            public String hoverText(double x) {
                return LiveChart.this.hoverText(x);
            }

            @Override
            public double nearestX(double x) {
                return LiveChart.this.nearestX(x);
            }

            @Override
            public void viewChanged() {
                showReset();
                redrawNow();
                if (xLink != null) {
                    xLink.changed(LiveChart.this);
                }
            }

            @Override
            public void resetZoom() {
                LiveChart.this.resetZoom();
            }

            @Override
            public void showContextMenu(double screenX, double screenY) {
                menu.show(plotPane, screenX, screenY);
            }
        });
        menu = new ChartExport.Menu(this, () -> title.getText(), this::resetZoom);

        logToggle.selectedProperty().bindBidirectional(logY);
        logToggle.setFocusTraversable(false);
        resetButton.getStyleClass().add("small-button");
        resetButton.setVisible(false);
        resetButton.setManaged(false);
        resetButton.setOnAction(e -> resetZoom());
        resetButton.setFocusTraversable(false);
        ChartHeader header = new ChartHeader(title, legend, resetButton, logToggle);
        // a title longer than a narrow chart wraps (a word longer than the chart: cut, whole in the tooltip)
        title.setWrapText(true);
        title.setTooltip(dev.trainbench.ui.Tips.following(title.textProperty()));
        logToggle.setMinWidth(Region.USE_PREF_SIZE);
        resetButton.setMinWidth(Region.USE_PREF_SIZE);
        legend.setMinWidth(0);
        header.setPadding(new Insets(2, 8, 0, 8));
        header.getStyleClass().add("live-chart-header");
        setTop(header);

        logY.addListener((obs, was, now) -> {
            view.zoomedY = false;
            redrawNow();
        });
        smoothing.addListener((obs, was, now) -> {
            for (Series s : series) {
                if (s.smoothable) {
                    s.buffer.setSmoothing(now.doubleValue());
                }
            }
            for (Group g : groups) {
                g.setSmoothing(now.doubleValue());
            }
            redrawNow();
        });
        // theme or font changes arrive through CSS
        axisStyle.textFillProperty().addListener((obs, was, now) -> redrawNow());
        axisStyle.fontProperty().addListener((obs, was, now) -> redrawNow());
        backgroundStyle.textFillProperty().addListener((obs, was, now) -> redrawNow());
    }

    /**
     * Title, legend, then the zoom reset and log toggle on the right, in one row when they fit;
     * otherwise the legend takes a row (or more, wrapping) of its own under the title, so it never
     * runs over the title or past the chart. A title wider than the room left of the controls
     * wraps: the header never asks for more width than a short title and its controls (it did, and
     * a narrow chart's header ran past the chart into its neighbour).
     */
    static final class ChartHeader extends Region {
        private static final double GAP = 10;
        private final Label title;
        private final FlowPane legend;
        private final Region[] right;

        ChartHeader(Label title, FlowPane legend, Region... right) {
            this.title = title;
            this.legend = legend;
            this.right = right;
            getChildren().add(title);
            getChildren().add(legend);
            getChildren().addAll(right);
        }

        private double rightWidth() {
            double w = 0;
            for (Region r : right) {
                if (r.isManaged() && r.isVisible()) {
                    w += GAP + r.prefWidth(-1);
                }
            }
            return w;
        }

        private double legendWidth() {
            return legend.getChildren().isEmpty() ? 0 : legend.prefWidth(-1);
        }

        /** True when title, legend and the controls fit in one row of {@code width}. */
        private boolean oneRow(double width) {
            double inner = width - snappedLeftInset() - snappedRightInset();
            return title.prefWidth(-1) + (legendWidth() > 0 ? GAP + legendWidth() : 0) + rightWidth() <= inner;
        }

        /** The title's width in a header {@code width} wide: its one-line width, or what the controls leave. */
        private double titleWidth(double width) {
            double inner = width - snappedLeftInset() - snappedRightInset();
            return Math.max(Math.min(title.prefWidth(-1), MIN_TITLE_WIDTH), Math.min(title.prefWidth(-1), inner - rightWidth()));
        }

        private double rowHeight(double width) {
            double h = width < 0 ? title.prefHeight(-1) : title.prefHeight(titleWidth(width));
            for (Region r : right) {
                if (r.isManaged() && r.isVisible()) {
                    h = Math.max(h, r.prefHeight(-1));
                }
            }
            return h;
        }

        @Override
        public javafx.geometry.Orientation getContentBias() {
            return javafx.geometry.Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefWidth(double height) {
            return snappedLeftInset() + title.prefWidth(-1) + (legendWidth() > 0 ? GAP + legendWidth() : 0) + rightWidth() + snappedRightInset();
        }

        @Override
        protected double computeMinWidth(double height) {
            return snappedLeftInset() + Math.min(title.prefWidth(-1), MIN_TITLE_WIDTH) + rightWidth() + snappedRightInset();
        }

        private static final double MIN_TITLE_WIDTH = 60;

        @Override
        protected double computePrefHeight(double width) {
            double row = rowHeight(width);
            if (width < 0 || oneRow(width)) {
                return snappedTopInset() + Math.max(row, legend.getChildren().isEmpty() ? 0 : legend.prefHeight(-1)) + snappedBottomInset();
            }
            double inner = width - snappedLeftInset() - snappedRightInset();
            return snappedTopInset() + row + legend.prefHeight(inner) + snappedBottomInset();
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }

        @Override
        protected void layoutChildren() {
            double left = snappedLeftInset();
            double top = snappedTopInset();
            double width = getWidth() - left - snappedRightInset();
            double row = rowHeight(getWidth());
            double x = left + width;
            for (int i = right.length - 1; i >= 0; i--) {
                Region r = right[i];
                if (r.isManaged() && r.isVisible()) {
                    double w = r.prefWidth(-1);
                    x -= w;
                    r.resizeRelocate(x, top + (row - r.prefHeight(-1)) / 2, w, r.prefHeight(-1));
                    x -= GAP;
                }
            }
            double tw = titleWidth(getWidth());
            double th = title.prefHeight(tw);
            // an entry wider than the chart (a long layer name in a narrow chart) is cut short, its
            // name in its tooltip, instead of running past the chart's edge
            for (Node n : legend.getChildren()) {
                if (n instanceof Region r && r.getMaxWidth() != width) {
                    r.setMaxWidth(width);
                }
            }
            title.resizeRelocate(left, top + (row - th) / 2, tw, th);
            if (oneRow(getWidth())) {
                double lx = left + tw + GAP;
                double lw = Math.max(0, x - lx);
                double lh = legend.prefHeight(lw);
                legend.resizeRelocate(lx, top + Math.max(0, (row - lh) / 2), lw, lh);
            } else {
                legend.resizeRelocate(left, top + row, width, legend.prefHeight(width));
            }
        }
    }

    private Label legendEntry(String name, Color color) {
        Label reused = spareLegendItems.remove(name + '|' + web(color));
        Label item = reused != null ? reused : legendItem(name, color);
        item.setOpacity(1.0);
        return item;
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
        // names can be long (run names in Compare): the full name on hover, click to hide the curve
        item.setTooltip(dev.trainbench.ui.Tips.of(name + " (click to hide or show)"));
        item.setMinWidth(0);
        return item;
    }

    /** Puts the legend entries of the current series in the legend, touching the scene graph only when they differ. */
    private void syncLegend() {
        List<Label> want = new ArrayList<>(series.size() + groups.size());
        if (!legendShown) {
            legend.getChildren().clear();
            return;
        }
        for (Group g : groups) {
            want.add(g.legendItem);
        }
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

    /**
     * The highest Y the automatic range shows (data units; infinity for none): 1 for an accuracy
     * (an axis to 110 % shows values that cannot happen), or the level where a range test's loss
     * blew up so the useful part is not flattened. Zooming can still go past it.
     */
    public void setYCeiling(double ceiling) {
        if (ceiling != yCeiling) {
            yCeiling = ceiling;
            redrawNow();
        }
    }

    private double yCeiling = Double.POSITIVE_INFINITY;

    /** Multiplies line widths and dot sizes (1 normal; presentation mode uses more so a projector shows them). */
    public void setLineScale(double scale) {
        if (scale != renderer.lineScale) {
            renderer.lineScale = scale;
            redrawNow();
        }
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

    /**
     * Adds a seed group, drawn as the mean of its members with a min-max band; add the members'
     * curves with {@link Group#addMember}. Not smoothable: one point per epoch, drawn with dots.
     */
    public Group addGroup(String name, Color color, boolean smoothable) {
        Group g = new Group(name, color, smoothable);
        groups.add(g);
        legendStale = true;
        dirty = true;
        return g;
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

    public List<Group> groups() {
        return List.copyOf(groups);
    }

    /**
     * Removes every series and group. The legend is brought up to date at the next
     * {@link #refresh()}, so that removing and adding back the same series leaves its nodes alone.
     */
    public void removeAllSeries() {
        for (Series s : series) {
            spareLegendItems.put(s.name + '|' + web(s.color), s.legendItem);
        }
        for (Group g : groups) {
            spareLegendItems.put(g.name + '|' + web(g.color), g.legendItem);
        }
        series.clear();
        groups.clear();
        legendStale = true;
        // no redraw now: the series that usually follow at once are drawn at the next refresh
        view.reset();
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

    /** How X tick labels are written; null for the default (950, 12.5k, 1.25M). */
    public void setXTickFormatter(DoubleFunction<String> formatter) {
        xTickFormatter = formatter;
        dirty = true;
    }

    /**
     * Draws X on a log scale: every x given from now on must be above zero and is plotted as
     * log10(x), with ticks at decades labelled as numbers (0.001, 0.01) and hover values in the
     * data's own units. Set before adding data; for a chart whose X is a value such as a learning
     * rate, not steps.
     */
    public void setLogX(boolean value) {
        if (value != logX && (!series.isEmpty() || !groups.isEmpty())) {
            throw new IllegalStateException("set the X scale before adding data");
        }
        logX = value;
        dirty = true;
    }

    public boolean isLogX() {
        return logX;
    }

    /** An x as plotted: log10(x) on a log X axis, where x must be above zero. */
    private double plotX(double x) {
        if (!logX) {
            return x;
        }
        if (!(x > 0)) {
            throw new IllegalArgumentException("x = " + x + " cannot be drawn on a log axis: values must be above zero");
        }
        return Math.log10(x);
    }

    private double[] plotX(double[] xs) {
        if (!logX) {
            return xs;
        }
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = plotX(xs[i]);
        }
        return out;
    }

    /** A plotted x written in the data's units, for hover labels. */
    private String xText(double plotted) {
        return logX ? ChartAxis.formatLogValue(Math.pow(10, plotted)) : ChartAxis.formatX(plotted);
    }

    /** Hides the chart's own legend (when a screen shows one legend for several charts). */
    public void setLegendVisible(boolean value) {
        legendShown = value;
        legendStale = true;
    }

    /** Shares the X range with every other chart on the same link (Compare: zoom one, all follow). */
    public void setXLink(XLink link) {
        if (xLink != null) {
            xLink.remove(this);
        }
        xLink = link;
        if (link != null) {
            link.add(this);
        }
        dirty = true;
    }

    public void setTitle(String text) {
        title.setText(text);
    }

    public String getTitle() {
        return title.getText();
    }

    public void setEmptyText(String text) {
        emptyLabel.setText(text);
    }

    public boolean isZoomed() {
        return view.isZoomed();
    }

    boolean isZoomedX() {
        return view.zoomedX;
    }

    /** Lower and upper X bound now on screen. */
    public double[] visibleXRange() {
        return new double[] {view.xMin, view.xMax};
    }

    /** Lower and upper Y bound now on screen (log10 units on a log scale). */
    public double[] visibleYRange() {
        return new double[] {view.yMin, view.yMax};
    }

    /** Shows only x in [min, max] and fits Y to what is visible there. */
    public void zoomX(double min, double max) {
        if (!(max > min)) {
            return;
        }
        view.zoomX(min, max);
        showReset();
        redrawNow();
        if (xLink != null) {
            xLink.changed(this);
        }
    }

    public void resetZoom() {
        view.reset();
        showReset();
        redrawNow();
        if (xLink != null) {
            xLink.changed(this);
        }
    }

    /** Takes the X view of a linked chart without telling the link again. */
    void followX(boolean zoomed, double min, double max) {
        if (zoomed) {
            view.zoomX(min, max);
        } else {
            view.reset();
        }
        showReset();
        redrawNow();
    }

    /** Zooms to the rectangle between two points in plot-pane pixels. */
    void zoomTo(double px0, double py0, double px1, double py1) {
        interaction.zoomToPixels(px0, py0, px1, py1);
    }

    /**
     * The texts the last redraw drew on the canvas (tick labels, reference line labels) with their
     * boxes in canvas pixels; the canvas is as large as {@link #plotArea()}.
     */
    public List<ChartText> drawnTexts() {
        return List.copyOf(renderer.texts());
    }

    /** The distance between X ticks at the last redraw (for tests). */
    double xTickUnit() {
        return renderer.lastXUnit();
    }

    /** The pane holding the canvas (and the empty-chart text, which must stay inside it). */
    public Region plotArea() {
        return plotPane;
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

    private void showReset() {
        boolean zoomed = view.isZoomed();
        resetButton.setVisible(zoomed);
        resetButton.setManaged(zoomed);
    }

    // ----------------------------------------------------------------------------- data extents

    /** Lowest and highest X of the visible data, {+inf, -inf} when there is none. */
    double[] dataXExtent() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            if (s.visible && s.buffer.size() > 0) {
                lo = Math.min(lo, s.buffer.x(0));
                hi = Math.max(hi, s.buffer.x(s.buffer.size() - 1));
            }
        }
        for (Group g : groups) {
            SeriesBuffer m = g.mean();
            if (g.visible && m.size() > 0) {
                lo = Math.min(lo, m.x(0));
                hi = Math.max(hi, m.x(m.size() - 1));
            }
        }
        return new double[] {lo, hi};
    }

    private void computeXRange() {
        if (view.zoomedX) {
            view.xMin = view.viewXMin;
            view.xMax = view.viewXMax;
            return;
        }
        double[] extent = xLink != null ? xLink.extent() : dataXExtent();
        ChartAxis.Range r = logX ? ChartAxis.fitLogX(extent[0], extent[1], xTickTarget()) : ChartAxis.fitX(extent[0], extent[1]);
        view.xMin = r.min();
        view.xMax = r.max();
    }

    private double computeYRange(boolean log, double lo, double hi) {
        if (view.zoomedY) {
            view.yMin = view.viewYMin;
            view.yMax = view.viewYMax;
            return ChartAxis.unitFor(log, view.yMin, view.yMax);
        }
        ChartAxis.Range r = ChartAxis.capY(ChartAxis.fitY(log, lo, hi), log, yCeiling);
        view.yMin = r.min();
        view.yMax = r.max();
        return r.unit();
    }

    // ----------------------------------------------------------------------------- drawing

    private void redraw() {
        boolean log = logY.get();
        view.setSize(canvas.getWidth(), canvas.getHeight());
        computeXRange();
        int columns = view.columns();
        ensureBuffers(2 * columns);
        boolean smooth = smoothing.get() > 0;

        // decimate once per curve; the Y range comes from the decimated visible data, since
        // min/max per column keep every extreme
        double[] yRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        boolean anyData = false;
        for (Series s : series) {
            if (!s.visible) {
                s.renderedPoints = 0;
                continue;
            }
            anyData |= s.buffer.size() > 0;
            if (s.decX.length < 2 * columns) {
                s.decX = new double[2 * columns];
                s.decY = new double[2 * columns];
            }
            s.renderedPoints = Decimator.minMax(s.buffer, false, view.xMin, view.xMax, columns, log, s.decX, s.decY);
            include(yRange, s.decX, s.decY, s.renderedPoints);
        }
        for (Group g : groups) {
            if (!g.visible) {
                continue;
            }
            g.update();
            anyData |= g.mean.size() > 0;
            if (g.decX.length < 2 * columns) {
                g.decX = new double[2 * columns];
                g.decY = new double[2 * columns];
                g.decX2 = new double[2 * columns];
                g.decY2 = new double[2 * columns];
            }
            boolean bandSmoothed = smooth && g.smoothable;
            int n = Decimator.minMax(bandSmoothed ? g.smoothLo : g.lo, false, view.xMin, view.xMax, columns, log, g.decX, g.decY);
            include(yRange, g.decX, g.decY, n);
            n = Decimator.minMax(bandSmoothed ? g.smoothHi : g.hi, false, view.xMin, view.xMax, columns, log, g.decX, g.decY);
            include(yRange, g.decX, g.decY, n);
            n = Decimator.minMax(g.mean, false, view.xMin, view.xMax, columns, log, g.decX, g.decY);
            include(yRange, g.decX, g.decY, n);
        }
        if (anyData) {
            for (double[] ref : referenceLines) {
                double v = log ? (ref[0] > 0 ? Math.log10(ref[0]) : Double.NaN) : ref[0];
                if (Double.isFinite(v)) {
                    yRange[0] = Math.min(yRange[0], v);
                    yRange[1] = Math.max(yRange[1], v);
                }
            }
        }
        double yUnit = computeYRange(log, yRange[0], yRange[1]);
        double xUnit = logX ? ChartAxis.logXUnit(view.xMin, view.xMax, xTickTarget())
                : ChartAxis.niceUnit(view.xMax - view.xMin, xTickTarget());
        if (!logX && ("step".equals(xLabel) || "epoch".equals(xLabel))) {
            // steps and epochs are whole: no tick at step 0.5 (a chart with one point spans 0..1)
            xUnit = Math.max(1, xUnit);
        }

        GraphicsContext g = canvas.getGraphicsContext2D();
        Paint axisPaint = paintOr(axisStyle.getTextFill(), Color.gray(0.3));
        Font font = axisStyle.getFont() == null ? Font.font(11) : Font.font(axisStyle.getFont().getFamily(),
                Math.max(9, axisStyle.getFont().getSize() - 1));
        ChartRenderer.Theme theme = new ChartRenderer.Theme(paintOr(backgroundStyle.getTextFill(), Color.WHITE), axisPaint,
                paintOr(gridStyle.getTextFill(), Color.gray(0.88)), font);
        renderer.frame(g, view, theme, log, xUnit, yUnit, yFormatter,
                xTickFormatter == null && logX ? ChartAxis::powerOfTen : xTickFormatter, canvas.getWidth(), canvas.getHeight());

        // curves, clipped to the plot: bands first, then raw curves, then smoothed ones on top
        renderer.beginClip(g, view);
        for (Group grp : groups) {
            if (!grp.visible) {
                continue;
            }
            boolean bandSmoothed = smooth && grp.smoothable;
            int nLo = Decimator.minMax(bandSmoothed ? grp.smoothLo : grp.lo, false, view.xMin, view.xMax, columns, log, grp.decX, grp.decY);
            int nHi = Decimator.minMax(bandSmoothed ? grp.smoothHi : grp.hi, false, view.xMin, view.xMax, columns, log, grp.decX2, grp.decY2);
            renderer.band(g, view, grp.decX, grp.decY, nLo, grp.decX2, grp.decY2, nHi, ChartRenderer.faint(grp.color, 0.22));
        }
        for (Group grp : groups) {
            if (!grp.visible) {
                continue;
            }
            boolean drawSmooth = smooth && grp.smoothable;
            int n = Decimator.minMax(grp.mean, false, view.xMin, view.xMax, columns, log, grp.decX, grp.decY);
            renderer.line(g, view, grp.decX, grp.decY, n, drawSmooth ? ChartRenderer.faint(grp.color, 0.35) : grp.color,
                    drawSmooth ? 1.0 : 2.0, grp.dots, drawSmooth ? null : grp.dashes);
        }
        for (Series s : series) {
            if (s.visible) {
                boolean drawSmooth = s.smoothable && smooth;
                renderer.line(g, view, s.decX, s.decY, s.renderedPoints, drawSmooth ? ChartRenderer.faint(s.color, 0.28) : s.color,
                        drawSmooth ? 1.0 : 1.6, s.dots, drawSmooth ? null : s.dashes);
            }
        }
        for (Group grp : groups) {
            if (grp.visible && grp.smoothable && smooth) {
                int n = Decimator.minMax(grp.smoothMean, false, view.xMin, view.xMax, columns, log, bufX, bufY);
                renderer.line(g, view, bufX, bufY, n, grp.color, 2.2, false, grp.dashes);
            }
        }
        for (Series s : series) {
            if (s.visible && s.smoothable && smooth) {
                int n = Decimator.minMax(s.buffer, true, view.xMin, view.xMax, columns, log, bufX, bufY);
                renderer.line(g, view, bufX, bufY, n, s.color, 2.0, false, s.dashes);
            }
        }
        for (int r = 0; r < referenceLines.size(); r++) {
            double v = referenceLines.get(r)[0];
            double ly = log ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
            if (Double.isFinite(ly) && ly >= view.yMin && ly <= view.yMax) {
                renderer.referenceLine(g, view, ly, referenceLabels.get(r), axisPaint);
            }
        }
        renderer.endClip(g);
        showDetailNote(columns);
        emptyLabel.setVisible(!anyData);
        if (!anyData) {
            // wraps inside the plot area instead of spilling past a narrow chart
            emptyLabel.setWrapText(true);
            double w = Math.max(40, view.plotWidth() - 8);
            emptyLabel.resize(Math.min(w, emptyLabel.prefWidth(-1)), emptyLabel.prefHeight(Math.min(w, emptyLabel.prefWidth(-1))));
            emptyLabel.relocate(view.left + (view.plotWidth() - emptyLabel.getWidth()) / 2,
                    view.top + (view.plotHeight() - emptyLabel.getHeight()) / 2);
        }
    }

    /**
     * Shows, at the top of the plot, which steps are drawn from bucket extremes when the view is
     * zoomed in further than a compacted series' buckets (fewer steps per pixel column than per
     * bucket): zoomed out the curve is the full one's, zoomed in it is not, and the user should know.
     */
    private void showDetailNote(int columns) {
        SeriesBuffer coarsest = null;
        for (Series s : series) {
            SeriesBuffer b = s.buffer;
            int edge = b.fullResolutionFrom();
            if (!s.visible || edge == 0 || view.xMin >= b.x(edge)) {
                continue;
            }
            int first = Math.min(b.size() - 1, b.lowerBound(view.xMin));
            int last = Math.max(first, Math.min(b.size() - 1, b.lowerBound(view.xMax)));
            double stepsPerColumn = (b.key(last) - b.key(first)) / Math.max(1, columns);
            if (stepsPerColumn < b.bucketSteps() && (coarsest == null || b.bucketSteps() > coarsest.bucketSteps())) {
                coarsest = b;
            }
        }
        detailNote.setVisible(coarsest != null);
        if (coarsest != null) {
            detailNote.setText(String.format(Locale.ROOT, "before step %,.0f: lowest and highest of every %,.0f steps",
                    coarsest.key(coarsest.fullResolutionFrom()), coarsest.bucketSteps()));
            double w = Math.max(40, view.plotWidth() - 8);
            double pw = Math.min(w, detailNote.prefWidth(-1));
            detailNote.resize(pw, detailNote.prefHeight(pw));
            detailNote.relocate(view.left + 4, view.top + 2);
        }
    }

    /** The note shown when the view is zoomed into compacted steps, or null when none is shown. */
    public String detailNote() {
        return detailNote.isVisible() ? detailNote.getText() : null;
    }

    private int xTickTarget() {
        return Math.max(2, (int) (view.plotWidth() / 90));
    }

    /** Widens {lo, hi} by the decimated points that lie in the visible X range. */
    private void include(double[] range, double[] xs, double[] ys, int n) {
        for (int i = 0; i < n; i++) {
            if (xs[i] >= view.xMin && xs[i] <= view.xMax) {
                range[0] = Math.min(range[0], ys[i]);
                range[1] = Math.max(range[1], ys[i]);
            }
        }
    }

    private void ensureBuffers(int n) {
        if (bufX.length < n) {
            bufX = new double[n];
            bufY = new double[n];
        }
    }

    private static Paint paintOr(Paint p, Paint fallback) {
        return p == null ? fallback : p;
    }

    // ----------------------------------------------------------------------------- hover

    /** Shows the hover label for the pointer at (px, py) in plot-pane coordinates. */
    public void showHover(double px, double py) {
        interaction.showHover(px, py);
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
        for (Group g : groups) {
            SeriesBuffer m = g.mean();
            int i = g.visible ? m.nearest(x) : -1;
            if (i >= 0 && Math.abs(m.x(i) - x) < bestDistance) {
                bestDistance = Math.abs(m.x(i) - x);
                best = m.x(i);
            }
        }
        return best;
    }

    /**
     * The exact values (from the full series, not the decimated one) of every visible series at
     * the recorded point nearest to x, or null when there is no data. A group shows its mean, the
     * band's range and how many members it averages.
     */
    public String hoverText(double x) {
        double at = nearestX(x);
        if (Double.isNaN(at)) {
            return null;
        }
        boolean smooth = smoothing.get() > 0;
        StringBuilder sb = new StringBuilder();
        sb.append(xLabel).append(' ').append(xText(at));
        for (Group g : groups) {
            SeriesBuffer m = g.mean();
            int i = g.visible ? m.nearest(at) : -1;
            if (i < 0) {
                continue;
            }
            sb.append('\n').append(g.name).append(": mean ").append(ChartAxis.formatValue(m.y(i)));
            SeriesBuffer lo = g.lo;
            SeriesBuffer hi = g.hi;
            sb.append(", min-max ").append(ChartAxis.formatValue(lo.y(i))).append("..").append(ChartAxis.formatValue(hi.y(i)));
            if (m.x(i) != at) {
                sb.append(" (at ").append(xText(m.x(i))).append(')');
            }
            if (g.smoothable && smooth) {
                sb.append(", smoothed ").append(ChartAxis.formatValue(g.smoothMean.y(i)));
            }
            int runs = g.runsAt(i);
            sb.append(" [").append(runs).append(runs == 1 ? " run]" : " runs]");
        }
        for (Series s : series) {
            int i = s.visible ? s.buffer.nearest(at) : -1;
            if (i < 0) {
                continue;
            }
            sb.append('\n').append(s.name).append(": ").append(ChartAxis.formatValue(s.buffer.y(i)));
            if (s.buffer.x(i) != at) {
                sb.append(" (at ").append(xText(s.buffer.x(i))).append(')');
            }
            if (s.smoothable && smooth) {
                sb.append(", smoothed ").append(ChartAxis.formatValue(s.buffer.smoothed(i)));
            }
        }
        return sb.toString();
    }

    public String hoverLabelText() {
        return interaction.hoverLabelText();
    }

    // ----------------------------------------------------------------------------- export

    /** The chart's menu (Save as PNG..., Copy image, Reset zoom), shown on a right click. */
    public ChartExport.Menu contextMenu() {
        return menu;
    }

    // ----------------------------------------------------------------------------- formatting (kept for callers)

    static double niceUnit(double range, int targetTicks) {
        return ChartAxis.niceUnit(range, targetTicks);
    }

    static String formatValue(double v) {
        return ChartAxis.formatValue(v);
    }

    static String formatX(double v) {
        return ChartAxis.formatX(v);
    }

    /** A log10 tick value v written as the number 10^v (0.01, 1, 1000, 1e-5). */
    static String powerOfTen(double e) {
        return ChartAxis.powerOfTen(e);
    }

    static String compact(double d) {
        return ChartAxis.compact(d);
    }

    static String web(Color c) {
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.3f)", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255), c.getOpacity());
    }
}
