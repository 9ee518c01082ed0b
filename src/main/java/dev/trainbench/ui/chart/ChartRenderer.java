package dev.trainbench.ui.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws a chart's frame and contents on a canvas: background, grid and tick labels, polylines with
 * optional dots, min-max bands and dashed reference lines, all through a {@link Viewport}. Holds
 * only reusable pixel buffers; what to draw comes from the caller.
 */
final class ChartRenderer {

    /** The theme's paints and font, read from CSS by the chart. */
    record Theme(Paint background, Paint axis, Paint grid, Font font) {
    }

    private final TextMeasure measure = new TextMeasure();
    private final List<ChartText> texts = new ArrayList<>();
    private double[] pixX = new double[0];
    private double[] pixY = new double[0];

    /**
     * Background, grid lines, tick labels and the plot's border. The margins follow the labels at
     * the theme's font (presentation mode's is larger): the left one is as wide as the widest Y
     * label, the bottom one as tall as a line; an X label at either end is moved in so it stays
     * whole on the canvas, and a label that would run into its neighbour is left out (its grid
     * line stays).
     */
    void frame(GraphicsContext g, Viewport v, Theme t, boolean logY, double xUnit, double yUnit,
               DoubleFunction<String> yFormatter, DoubleFunction<String> xFormatter, double canvasWidth, double canvasHeight) {
        texts.clear();
        measure.font(t.font());
        double th = measure.height();
        v.top = Math.max(Viewport.TOP, Math.ceil(th / 2) + 1);
        v.bottom = Math.max(Viewport.BOTTOM, th + 8);
        // fewer Y ticks where their labels would meet (a short chart, a large font)
        for (int guard = 0; guard < 12 && v.yMax > v.yMin; guard++) {
            if (yUnit / (v.yMax - v.yMin) * v.plotHeight() >= th + 2) {
                break;
            }
            yUnit = ChartAxis.nextUnit(yUnit);
        }
        List<Double> yTicks = ChartAxis.ticks(v.yMin, v.yMax, yUnit);
        String[] yLabels = new String[yTicks.size()];
        double widest = 0;
        for (int i = 0; i < yLabels.length; i++) {
            double y = yTicks.get(i);
            yLabels[i] = logY ? ChartAxis.powerOfTen(y) : ChartAxis.formatY(y, yUnit, yFormatter);
            widest = Math.max(widest, measure.width(yLabels[i]));
        }
        v.left = Math.max(Viewport.LEFT, widest + 10);
        // the right margin holds half the widest X label, so the last one sits whole under its tick
        double widestX = 0;
        for (double x : ChartAxis.ticks(v.xMin, v.xMax, xUnit)) {
            widestX = Math.max(widestX, measure.width(xLabel(x, xFormatter)));
        }
        v.right = Math.max(Viewport.RIGHT, Math.ceil(widestX / 2) + 2);
        // fewer X ticks where their labels would meet (a narrow chart, a large font)
        double span = v.xMax - v.xMin;
        for (int guard = 0; guard < 12 && span > 0; guard++) {
            List<Double> xs = ChartAxis.ticks(v.xMin, v.xMax, xUnit);
            double need = 0;
            for (double x : xs) {
                need = Math.max(need, measure.width(xLabel(x, xFormatter)));
            }
            if (xs.size() <= 1 || xUnit / span * v.plotWidth() >= need + 8) {
                break;
            }
            xUnit = ChartAxis.nextUnit(xUnit);
        }
        lastXUnit = xUnit;

        g.setFill(t.background());
        g.fillRect(0, 0, canvasWidth, canvasHeight);
        g.setFont(t.font());
        g.setLineWidth(1);
        g.setStroke(t.grid());
        g.setFill(t.axis());
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        double left = v.left;
        double top = v.top;
        double lastTop = Double.POSITIVE_INFINITY;
        for (int i = 0; i < yLabels.length; i++) {
            double py = Math.round(v.toPixelY(yTicks.get(i))) + 0.5;
            g.strokeLine(left, py, left + v.plotWidth(), py);
            double w = measure.width(yLabels[i]);
            // the lowest label stays above the X labels' row (at a large font they met in the corner)
            double boxY = Math.max(0, Math.min(Math.min(canvasHeight - th, top + v.plotHeight() + 3 - th), py - th / 2));
            // ticks go up the axis: a label reaching into the one below it is left out
            if (boxY + th > lastTop - 1) {
                continue;
            }
            g.fillText(yLabels[i], left - 5 - w, boxY + th / 2);
            texts.add(new ChartText(yLabels[i], yLabels[i], left - 5 - w, boxY, w, th));
            lastTop = boxY;
        }
        g.setTextBaseline(VPos.TOP);
        double lastRight = Double.NEGATIVE_INFINITY;
        double labelY = top + v.plotHeight() + 4;
        for (double x : ChartAxis.ticks(v.xMin, v.xMax, xUnit)) {
            double px = Math.round(v.toPixelX(x)) + 0.5;
            g.strokeLine(px, top, px, top + v.plotHeight());
            String label = xLabel(x, xFormatter);
            double w = measure.width(label);
            // centred under its tick, but never past the canvas's edges (the last label was cut off in presentation mode)
            double lx = Math.max(0, Math.min(canvasWidth - w - 1, px - w / 2));
            if (lx < lastRight + 6) {
                continue;
            }
            g.fillText(label, lx, labelY);
            texts.add(new ChartText(label, label, lx, labelY, w, th));
            lastRight = lx + w;
        }
        g.setStroke(t.axis());
        g.strokeRect(left + 0.5, top + 0.5, v.plotWidth(), v.plotHeight());
    }

    private static String xLabel(double x, DoubleFunction<String> xFormatter) {
        return xFormatter == null ? ChartAxis.compact(x) : xFormatter.apply(x);
    }

    /** The X tick spacing the last {@link #frame} used (wider than asked where labels would meet). */
    double lastXUnit() {
        return lastXUnit;
    }

    private double lastXUnit = 1;

    /** The texts the last {@link #frame} and {@link #referenceLine} calls drew, with their boxes. */
    List<ChartText> texts() {
        return texts;
    }

    /** Clips what follows to the plot rectangle until {@link #endClip}. */
    void beginClip(GraphicsContext g, Viewport v) {
        g.save();
        g.beginPath();
        g.rect(v.left, v.top, v.plotWidth(), v.plotHeight());
        g.clip();
        g.setLineJoin(StrokeLineJoin.ROUND);
    }

    void endClip(GraphicsContext g) {
        g.restore();
    }

    /** Line widths and dot sizes are multiplied by this (presentation mode draws thicker lines for a projector). */
    double lineScale = 1.0;

    /** A polyline through n points (data units), with a dot on each when {@code dots} or when there is only one. */
    void line(GraphicsContext g, Viewport v, double[] xs, double[] ys, int n, Paint stroke, double width, boolean dots) {
        line(g, v, xs, ys, n, stroke, width, dots, null);
    }

    /** As above, dashed when {@code dashes} is not null. */
    void line(GraphicsContext g, Viewport v, double[] xs, double[] ys, int n, Paint stroke, double width, boolean dots,
              double[] dashes) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            pixX[i] = v.toPixelX(xs[i]);
            pixY[i] = v.toPixelY(ys[i]);
        }
        g.setStroke(stroke);
        g.setLineWidth(width * lineScale);
        if (n == 1 || dots) {
            g.setFill(stroke);
            double r = 2.5 * lineScale;
            for (int i = 0; i < n; i++) {
                g.fillOval(pixX[i] - r, pixY[i] - r, 2 * r, 2 * r);
            }
        }
        if (n > 1) {
            if (dashes != null) {
                g.setLineDashes(dashes);
            }
            g.strokePolyline(pixX, pixY, n);
            if (dashes != null) {
                g.setLineDashes((double[]) null);
            }
        }
    }

    /**
     * A filled band between a lower and an upper curve (data units, each in X order): the upper
     * curve forwards, the lower one backwards, as one polygon.
     */
    void band(GraphicsContext g, Viewport v, double[] loX, double[] loY, int nLo, double[] hiX, double[] hiY, int nHi, Paint fill) {
        if (nLo < 1 || nHi < 1) {
            return;
        }
        int n = nLo + nHi;
        ensure(n);
        for (int i = 0; i < nHi; i++) {
            pixX[i] = v.toPixelX(hiX[i]);
            pixY[i] = v.toPixelY(hiY[i]);
        }
        for (int i = 0; i < nLo; i++) {
            int j = nLo - 1 - i;
            pixX[nHi + i] = v.toPixelX(loX[j]);
            pixY[nHi + i] = v.toPixelY(loY[j]);
        }
        g.setFill(fill);
        g.fillPolygon(pixX, pixY, n);
    }

    /**
     * A dashed horizontal line at y (data units, log10 on a log axis) with a label at its right end,
     * above the line (below it near the plot's top); in a chart too narrow for the label, only its
     * first word (the level, "1e-3").
     */
    void referenceLine(GraphicsContext g, Viewport v, double y, String label, Paint paint) {
        double py = Math.round(v.toPixelY(y)) + 0.5;
        g.setStroke(paint);
        g.setLineWidth(1.2);
        g.setLineDashes(6, 4);
        g.strokeLine(v.left, py, v.left + v.plotWidth(), py);
        g.setLineDashes((double[]) null);
        g.setFill(paint);
        double th = measure.height();
        // the whole label where it fits, else its first word (the level: "1e-3"), else none
        double room = v.plotWidth() - 8;
        String shown = measure.width(label) <= room ? label : label.split(" ", 2)[0];
        if (measure.width(shown) > room) {
            return;
        }
        double w = measure.width(shown);
        double x = v.left + v.plotWidth() - 4 - w;
        double boxY = py - 2 - th >= v.top ? py - 2 - th : py + 2;
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(shown, x, boxY + th / 2);
        texts.add(new ChartText(shown, shown, x, boxY, w, th));
    }

    /** The faint version of a series colour, for the raw curve under a smoothed one and for bands. */
    static Color faint(Color c, double opacity) {
        return c.deriveColor(0, 1, 1, opacity);
    }

    private void ensure(int n) {
        if (pixX.length < n) {
            pixX = new double[Math.max(n, 2 * pixX.length)];
            pixY = new double[pixX.length];
        }
    }
}
