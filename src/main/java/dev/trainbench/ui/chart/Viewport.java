package dev.trainbench.ui.chart;

/**
 * What part of the data a chart shows and where: the plot rectangle inside the canvas (fixed
 * margins for tick labels), the data ranges on screen, and whether the user zoomed or panned away
 * from "fit everything". Converts between data and pixel coordinates. Y is in log10 units on a log
 * scale.
 */
public final class Viewport {
    /** The margins a chart starts with; the renderer widens them to the tick labels' size at the current font. */
    static final double LEFT = 58;
    static final double RIGHT = 12;
    static final double TOP = 8;
    static final double BOTTOM = 24;

    /** Margins around the plot rectangle for the tick labels (pixels), set by the renderer for its font and labels. */
    double left = LEFT;
    double right = RIGHT;
    double top = TOP;
    double bottom = BOTTOM;

    private double width = 1;
    private double height = 1;
    double xMin = 0;
    double xMax = 1;
    double yMin = 0;
    double yMax = 1;
    /** Fixed by the user (zoom, pan, a linked chart); otherwise fitted to the data at every redraw. */
    boolean zoomedX;
    boolean zoomedY;
    double viewXMin;
    double viewXMax;
    double viewYMin;
    double viewYMax;

    void setSize(double canvasWidth, double canvasHeight) {
        width = canvasWidth;
        height = canvasHeight;
    }

    double canvasWidth() {
        return width;
    }

    double canvasHeight() {
        return height;
    }

    double plotWidth() {
        return Math.max(10, width - left - right);
    }

    double plotHeight() {
        return Math.max(10, height - top - bottom);
    }

    /** One decimation column per pixel of plot width (at least 16). */
    int columns() {
        return Math.max(16, (int) Math.round(plotWidth()));
    }

    double toPixelX(double x) {
        return left + (x - xMin) / (xMax - xMin) * plotWidth();
    }

    double toPixelY(double y) {
        return top + (1 - (y - yMin) / (yMax - yMin)) * plotHeight();
    }

    double toDataX(double px) {
        return xMin + (px - left) / plotWidth() * (xMax - xMin);
    }

    double toDataY(double py) {
        return yMin + (1 - (py - top) / plotHeight()) * (yMax - yMin);
    }

    boolean inside(double px, double py) {
        return px >= left && px <= left + plotWidth() && py >= top && py <= top + plotHeight();
    }

    boolean isZoomed() {
        return zoomedX || zoomedY;
    }

    /** Back to "fit everything". */
    void reset() {
        zoomedX = false;
        zoomedY = false;
    }

    /** Fixes both axes to a rectangle in data units. */
    void zoomTo(double x0, double x1, double y0, double y1) {
        viewXMin = Math.min(x0, x1);
        viewXMax = Math.max(x0, x1);
        viewYMin = Math.min(y0, y1);
        viewYMax = Math.max(y0, y1);
        zoomedX = true;
        zoomedY = true;
    }

    /** Fixes X to [min, max]; Y fits what is visible there. */
    void zoomX(double min, double max) {
        viewXMin = min;
        viewXMax = max;
        zoomedX = true;
        zoomedY = false;
    }

    /** Moves the view by (dx, dy) data units from where it is now. */
    void panBy(double dx, double dy) {
        zoomTo(xMin + dx, xMax + dx, yMin + dy, yMax + dy);
    }

    /** Scales the X range by {@code factor} around {@code center}; Y fits what is visible. */
    void zoomXAround(double center, double factor) {
        zoomX(center - (center - xMin) * factor, center + (xMax - center) * factor);
    }
}
