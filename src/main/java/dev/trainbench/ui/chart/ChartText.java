package dev.trainbench.ui.chart;

/**
 * A text drawn on a chart's canvas (a tick label, a layer name, a reference line's label) and the
 * box it takes in canvas pixels: what a chart reports so that a test can check no text is cut off
 * at the canvas's edge or drawn over another.
 *
 * @param text   the text as drawn (an ellipsis where it was shortened)
 * @param full   the text it stands for (the same as {@code text} unless shortened)
 */
public record ChartText(String text, String full, double x, double y, double width, double height) {
    /** True when the box lies inside a canvas of {@code w} x {@code h} (half a pixel of slack for rounding). */
    public boolean inside(double w, double h) {
        return x >= -0.5 && y >= -0.5 && x + width <= w + 0.5 && y + height <= h + 0.5;
    }

    /** True when the two boxes share more than a pixel in both directions. */
    public boolean overlaps(ChartText o) {
        return Math.min(x + width, o.x + o.width) - Math.max(x, o.x) > 1 && Math.min(y + height, o.y + o.height) - Math.max(y, o.y) > 1;
    }

    public boolean shortened() {
        return !text.equals(full);
    }
}
