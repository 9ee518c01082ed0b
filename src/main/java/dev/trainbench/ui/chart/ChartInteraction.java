package dev.trainbench.ui.chart;

import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * The mouse on a chart's plot: drag a rectangle to zoom, scroll to zoom X around the pointer,
 * right-, middle- or shift-drag to pan, double-click to fit everything again, and hover for the
 * exact values at the nearest recorded X (a label and a vertical line). It changes the chart's
 * {@link Viewport} and asks the chart to redraw; what the hover label says is the chart's business.
 */
final class ChartInteraction {

    /** What the interaction needs from its chart. */
    interface Target {
        Viewport viewport();

        /** The hover label's text for the pointer at data X {@code x}; null when there is nothing to show. */
        String hoverText(double x);

        /** The recorded X nearest to {@code x} over the visible curves, NaN when there is none. */
        double nearestX(double x);

        /** The viewport was changed by the user: redraw, and show the reset button. */
        void viewChanged();

        /** Back to fitting everything. */
        void resetZoom();

        /** A right click without a drag (or the context-menu key): the chart's menu at these screen coordinates. */
        void showContextMenu(double screenX, double screenY);
    }

    private final Target target;
    private final Label hoverLabel = new Label();
    private final Line hoverLine = new Line();
    private final Rectangle zoomRect = new Rectangle();
    private double dragStartX;
    private double dragStartY;
    private boolean panning;
    private boolean selecting;
    private boolean moved;

    ChartInteraction(Pane plot, Target target) {
        this.target = target;
        hoverLabel.getStyleClass().add("chart-hover-label");
        hoverLine.getStyleClass().add("chart-hover-line");
        zoomRect.getStyleClass().add("chart-zoom-rect");
        for (javafx.scene.Node n : new javafx.scene.Node[] {hoverLabel, hoverLine, zoomRect}) {
            n.setVisible(false);
            n.setManaged(false);
            n.setMouseTransparent(true);
        }
        plot.getChildren().addAll(hoverLine, zoomRect, hoverLabel);
        plot.addEventHandler(MouseEvent.MOUSE_MOVED, e -> showHover(e.getX(), e.getY()));
        plot.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hideHover());
        plot.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        plot.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        plot.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onRelease);
        plot.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        // the menu opens on release, so that a right-drag pans instead
        plot.addEventHandler(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (e.isKeyboardTrigger()) {
                target.showContextMenu(e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
        plot.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                target.resetZoom();
            }
        });
    }

    /** Shows the hover label for the pointer at (px, py) in plot-pane coordinates. */
    void showHover(double px, double py) {
        Viewport v = target.viewport();
        if (!v.inside(px, py)) {
            hideHover();
            return;
        }
        double x = v.toDataX(px);
        String text = target.hoverText(x);
        if (text == null) {
            hideHover();
            return;
        }
        hoverLabel.setText(text);
        hoverLabel.setVisible(true);
        hoverLabel.applyCss();
        hoverLabel.autosize();
        double right = v.left + v.plotWidth();
        double lx = px + 14;
        if (lx + hoverLabel.getWidth() > right) {
            lx = px - 14 - hoverLabel.getWidth();
        }
        double ly = Math.max(v.top, Math.min(py + 10, v.top + v.plotHeight() - hoverLabel.getHeight()));
        hoverLabel.relocate(Math.max(0, lx), ly);
        double lineX = Math.round(v.toPixelX(target.nearestX(x))) + 0.5;
        hoverLine.setStartX(lineX);
        hoverLine.setEndX(lineX);
        hoverLine.setStartY(v.top);
        hoverLine.setEndY(v.top + v.plotHeight());
        hoverLine.setVisible(true);
    }

    /** The text on screen now, or null when the label is hidden. */
    String hoverLabelText() {
        return hoverLabel.isVisible() ? hoverLabel.getText() : null;
    }

    void hideHover() {
        hoverLabel.setVisible(false);
        hoverLine.setVisible(false);
    }

    private void onPress(MouseEvent e) {
        dragStartX = e.getX();
        dragStartY = e.getY();
        moved = false;
        if (e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && e.isShiftDown())) {
            panning = true;
        } else if (e.getButton() == MouseButton.PRIMARY && target.viewport().inside(e.getX(), e.getY())) {
            selecting = true;
        }
    }

    private void onDrag(MouseEvent e) {
        Viewport v = target.viewport();
        if (Math.abs(e.getX() - dragStartX) > 3 || Math.abs(e.getY() - dragStartY) > 3) {
            moved = true;
        }
        if (panning && moved) {
            double dx = v.toDataX(dragStartX) - v.toDataX(e.getX());
            double dy = v.toDataY(dragStartY) - v.toDataY(e.getY());
            v.panBy(dx, dy);
            dragStartX = e.getX();
            dragStartY = e.getY();
            target.viewChanged();
        } else if (selecting) {
            double x = Math.max(v.left, Math.min(e.getX(), v.left + v.plotWidth()));
            double y = Math.max(v.top, Math.min(e.getY(), v.top + v.plotHeight()));
            zoomRect.setX(Math.min(dragStartX, x));
            zoomRect.setY(Math.min(dragStartY, y));
            zoomRect.setWidth(Math.abs(dragStartX - x));
            zoomRect.setHeight(Math.abs(dragStartY - y));
            zoomRect.setVisible(true);
            hideHover();
        }
    }

    private void onRelease(MouseEvent e) {
        if (e.getButton() == MouseButton.SECONDARY && !moved) {
            target.showContextMenu(e.getScreenX(), e.getScreenY());
        }
        if (selecting && zoomRect.isVisible() && zoomRect.getWidth() > 4 && zoomRect.getHeight() > 4) {
            zoomToPixels(zoomRect.getX(), zoomRect.getY(), zoomRect.getX() + zoomRect.getWidth(), zoomRect.getY() + zoomRect.getHeight());
        }
        zoomRect.setVisible(false);
        selecting = false;
        panning = false;
    }

    /** Zooms to the rectangle between two points in plot-pane pixels. */
    void zoomToPixels(double px0, double py0, double px1, double py1) {
        Viewport v = target.viewport();
        v.zoomTo(v.toDataX(px0), v.toDataX(px1), v.toDataY(py0), v.toDataY(py1));
        target.viewChanged();
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        Viewport v = target.viewport();
        v.zoomXAround(v.toDataX(e.getX()), Math.pow(1.2, -e.getDeltaY() / 40.0));
        target.viewChanged();
        e.consume();
    }
}
