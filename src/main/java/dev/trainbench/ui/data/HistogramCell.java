package dev.trainbench.ui.data;

import dev.trainbench.data.DataProfile;
import java.util.Locale;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.util.Duration;

/**
 * A small bar chart of one feature's (or channel's) histogram: {@link DataProfile#HISTOGRAM_BINS} bins from min to
 * max. Heights are logarithmic (log(1 + count)): pixel data is dominated by one bin (MNIST: ~80% zeros) and
 * linear bars would show a single spike. The bar colour comes from the theme (style class {@code histogram-bar}, its text fill), so
 * it follows light/dark and row selection.
 */
public final class HistogramCell extends TableCell<DataProfile.FeatureStats, DataProfile.FeatureStats> {
    public static final double WIDTH = 120;
    public static final double HEIGHT = 22;

    private final Canvas canvas = new Canvas(WIDTH, HEIGHT);
    private final Label barStyle = new Label();
    private final Label baseStyle = new Label();
    private final StackPane graphic;
    private final Tooltip tooltip = dev.trainbench.ui.Tips.of("");
    private int barsDrawn;

    public HistogramCell() {
        getStyleClass().add("histogram-cell");
        barStyle.getStyleClass().add("histogram-bar");
        baseStyle.getStyleClass().add("histogram-baseline");
        for (Label l : new Label[] {barStyle, baseStyle}) {
            l.setManaged(false);
            l.setOpacity(0);
            l.setMouseTransparent(true);
        }
        graphic = new StackPane(canvas, barStyle, baseStyle);
        graphic.setMinSize(WIDTH, HEIGHT);
        graphic.setPrefSize(WIDTH, HEIGHT);
        graphic.setMaxSize(WIDTH, HEIGHT);
        barStyle.textFillProperty().addListener((o, a, b) -> redraw());
        baseStyle.textFillProperty().addListener((o, a, b) -> redraw());
        tooltip.setShowDelay(Duration.millis(200));
        setText(null);
    }

    @Override
    protected void updateItem(DataProfile.FeatureStats item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            setTooltip(null);
        } else {
            setGraphic(graphic);
            tooltip.setText(tooltipText(item));
            setTooltip(tooltip);
        }
        redraw();
    }

    private void redraw() {
        DataProfile.FeatureStats item = isEmpty() ? null : getItem();
        barsDrawn = draw(canvas.getGraphicsContext2D(), item == null ? null : item.histogram(), WIDTH, HEIGHT,
                paintOr(barStyle.getTextFill(), Color.web("#2f6fd6")), paintOr(baseStyle.getTextFill(), Color.gray(0.6)));
    }

    /** The canvas drawn into (for tests). */
    public Canvas canvas() {
        return canvas;
    }

    /** Bars drawn at the last redraw: the non-empty bins (for tests). */
    public int barsDrawn() {
        return barsDrawn;
    }

    /**
     * Draws the histogram into a w x h area: a baseline and one bar per bin, height proportional to log(1 + count)
     * (a non-empty bin is at least one pixel high, so rare values still show). Returns the bars drawn.
     */
    static int draw(GraphicsContext g, int[] histogram, double w, double h, Paint bar, Paint baseline) {
        g.clearRect(0, 0, w, h);
        if (histogram == null || histogram.length == 0) {
            return 0;
        }
        int max = 0;
        for (int c : histogram) {
            max = Math.max(max, c);
        }
        g.setFill(baseline);
        g.fillRect(0, h - 1, w, 1);
        if (max == 0) {
            return 0;
        }
        double slot = w / histogram.length;
        double gap = slot >= 4 ? 1 : 0;
        double top = 1;
        double usable = h - 1 - top;
        g.setFill(bar);
        int drawn = 0;
        for (int i = 0; i < histogram.length; i++) {
            if (histogram[i] <= 0) {
                continue;
            }
            double bh = Math.max(1, Math.round(usable * Math.log1p(histogram[i]) / Math.log1p(max)));
            double x = Math.round(i * slot);
            double x2 = Math.round((i + 1) * slot) - gap;
            g.fillRect(x, h - 1 - bh, Math.max(1, x2 - x), bh);
            drawn++;
        }
        return drawn;
    }

    /** "min 0 .. max 1 (20 bins of 0.05); largest bin 0 .. 0.05 with 6,543,210 values". */
    static String tooltipText(DataProfile.FeatureStats s) {
        int[] hist = s.histogram();
        if (hist == null || hist.length == 0) {
            return s.name() + ": no finite values";
        }
        int best = 0;
        long total = 0;
        for (int i = 0; i < hist.length; i++) {
            total += hist[i];
            if (hist[i] > hist[best]) {
                best = i;
            }
        }
        if (total == 0) {
            return s.name() + ": no finite values";
        }
        double width = (s.max() - s.min()) / hist.length;
        String largest = width > 0
                ? String.format(Locale.ROOT, "%s .. %s", num(s.min() + best * width), num(s.min() + (best + 1) * width))
                : "all at " + num(s.min());
        return String.format(Locale.ROOT, "%s: min %s, max %s (%d bins, log heights)%nlargest bin %s: %,d of %,d values (%.1f%%)",
                s.name(), num(s.min()), num(s.max()), hist.length, largest, hist[best], total, 100.0 * hist[best] / total);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-3) ? "%.3e" : "%.4g", v);
    }

    private static Paint paintOr(Paint p, Paint fallback) {
        return p == null ? fallback : p;
    }
}
