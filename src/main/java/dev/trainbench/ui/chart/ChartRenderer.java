package dev.trainbench.ui.chart;

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

    private double[] pixX = new double[0];
    private double[] pixY = new double[0];

    /** Background, grid lines, tick labels and the plot's border. */
    void frame(GraphicsContext g, Viewport v, Theme t, boolean logY, double xUnit, double yUnit,
               DoubleFunction<String> yFormatter, DoubleFunction<String> xFormatter, double canvasWidth, double canvasHeight) {
        g.setFill(t.background());
        g.fillRect(0, 0, canvasWidth, canvasHeight);
        g.setFont(t.font());
        g.setLineWidth(1);
        g.setStroke(t.grid());
        g.setFill(t.axis());
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        double left = Viewport.LEFT;
        double top = Viewport.TOP;
        for (double y : ChartAxis.ticks(v.yMin, v.yMax, yUnit)) {
            double py = Math.round(v.toPixelY(y)) + 0.5;
            g.strokeLine(left, py, left + v.plotWidth(), py);
            g.fillText(logY ? ChartAxis.powerOfTen(y) : ChartAxis.formatY(y, yUnit, yFormatter), left - 5, py);
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (double x : ChartAxis.ticks(v.xMin, v.xMax, xUnit)) {
            double px = Math.round(v.toPixelX(x)) + 0.5;
            g.strokeLine(px, top, px, top + v.plotHeight());
            g.fillText(xFormatter == null ? ChartAxis.compact(x) : xFormatter.apply(x), px, top + v.plotHeight() + 4);
        }
        g.setStroke(t.axis());
        g.strokeRect(left + 0.5, top + 0.5, v.plotWidth(), v.plotHeight());
    }

    /** Clips what follows to the plot rectangle until {@link #endClip}. */
    void beginClip(GraphicsContext g, Viewport v) {
        g.save();
        g.beginPath();
        g.rect(Viewport.LEFT, Viewport.TOP, v.plotWidth(), v.plotHeight());
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

    /** A dashed horizontal line at y (data units, log10 on a log axis) with a label at its right end. */
    void referenceLine(GraphicsContext g, Viewport v, double y, String label, Paint paint) {
        double py = Math.round(v.toPixelY(y)) + 0.5;
        g.setStroke(paint);
        g.setLineWidth(1.2);
        g.setLineDashes(6, 4);
        g.strokeLine(Viewport.LEFT, py, Viewport.LEFT + v.plotWidth(), py);
        g.setLineDashes((double[]) null);
        g.setFill(paint);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(label, Viewport.LEFT + v.plotWidth() - 4, py - 2);
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
