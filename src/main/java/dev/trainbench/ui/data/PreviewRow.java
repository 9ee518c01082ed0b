package dev.trainbench.ui.data;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;

/**
 * The Data screen's previews (a table's scatter matrix, the data itself, the augmentation grid)
 * side by side while they fit the width, each at its preferred size, and a child set to grow
 * ({@link HBox#setHgrow} {@link Priority#ALWAYS}, the parsed CSV rows) taking the rest of its row;
 * a child that does not fit starts the next row, so nothing is cut off or squeezed in a narrow
 * window (presentation mode). Every child gets its preferred height: the screen's scroll pane
 * scrolls instead.
 */
final class PreviewRow extends Pane {
    private final double gap;

    PreviewRow(double gap) {
        this.gap = gap;
    }

    private List<Node> shown() {
        List<Node> out = new ArrayList<>();
        for (Node n : getChildren()) {
            if (n.isManaged()) {
                out.add(n);
            }
        }
        return out;
    }

    private static boolean grows(Node n) {
        return HBox.getHgrow(n) == Priority.ALWAYS;
    }

    /** The least width a child needs in a row: a growing one its minimum, the others their preferred width. */
    private static double need(Node n) {
        return grows(n) ? n.minWidth(-1) : n.prefWidth(-1);
    }

    /** The children split into rows for {@code width} (all in one row for a negative width). */
    private List<List<Node>> rows(double width) {
        List<List<Node>> rows = new ArrayList<>();
        List<Node> row = new ArrayList<>();
        double used = 0;
        for (Node n : shown()) {
            double w = need(n);
            if (!row.isEmpty() && width >= 0 && used + gap + w > width) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            used += (row.isEmpty() ? 0 : gap) + w;
            row.add(n);
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    /** Widths of a row's children in {@code width}: growing ones share what the others leave. */
    private double[] widths(List<Node> row, double width) {
        double[] w = new double[row.size()];
        double fixed = gap * (row.size() - 1);
        int growing = 0;
        for (int i = 0; i < row.size(); i++) {
            if (grows(row.get(i))) {
                growing++;
            } else {
                w[i] = Math.min(row.get(i).prefWidth(-1), Math.max(0, width));
                fixed += w[i];
            }
        }
        for (int i = 0; i < row.size(); i++) {
            if (grows(row.get(i))) {
                Node n = row.get(i);
                w[i] = Math.max(n.minWidth(-1), Math.min(n.maxWidth(-1), (width - fixed) / growing));
                if (width < 0) {
                    w[i] = n.prefWidth(-1);
                }
            }
        }
        return w;
    }

    private static double height(Node n, double width) {
        return Math.max(n.minHeight(width), n.prefHeight(width));
    }

    private double rowHeight(List<Node> row, double[] widths) {
        double h = 0;
        for (int i = 0; i < row.size(); i++) {
            h = Math.max(h, height(row.get(i), widths[i]));
        }
        return h;
    }

    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        double w = 0;
        for (Node n : shown()) {
            w = Math.max(w, n.minWidth(-1));
        }
        return snappedLeftInset() + w + snappedRightInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        double w = 0;
        for (Node n : shown()) {
            w += (w == 0 ? 0 : gap) + n.prefWidth(-1);
        }
        return snappedLeftInset() + w + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        double inner = width < 0 ? -1 : width - snappedLeftInset() - snappedRightInset();
        double h = 0;
        for (List<Node> row : rows(inner)) {
            h += (h == 0 ? 0 : gap) + rowHeight(row, widths(row, inner));
        }
        return snappedTopInset() + h + snappedBottomInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double inner = getWidth() - snappedLeftInset() - snappedRightInset();
        double y = snappedTopInset();
        for (List<Node> row : rows(inner)) {
            double[] w = widths(row, inner);
            double h = rowHeight(row, w);
            double x = snappedLeftInset();
            for (int i = 0; i < row.size(); i++) {
                Node n = row.get(i);
                n.resizeRelocate(x, y, w[i], height(n, w[i]));
                x += w[i] + gap;
            }
            y += h + gap;
        }
    }
}
