package dev.trainbench.ui;

import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** A two-column form (label, control) with section headings. */
public final class Forms {
    private final GridPane grid = new GridPane();
    private int row;

    public Forms() {
        grid.setHgap(8);
        // no vgap: each row carries its own top margin, so a hidden row (showWhen) leaves no gap
        grid.setVgap(0);
        grid.setPadding(new Insets(10));
        grid.getStyleClass().add("form");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(110);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, controls);
    }

    public Forms section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("form-section");
        GridPane.setMargin(l, new Insets(row == 0 ? 0 : 16, 0, 0, 0));
        grid.add(l, 0, row++, 2, 1);
        return this;
    }

    public Forms row(String label, Node control) {
        return row(label, control, null);
    }

    public Forms row(String label, Node control, String help) {
        Label l = new Label(label);
        l.setLabelFor(control);
        if (help != null) {
            Tooltip t = new Tooltip(help);
            t.setWrapText(true);
            t.setMaxWidth(360);
            l.setTooltip(t);
            if (control instanceof javafx.scene.control.Control c) {
                c.setTooltip(t);
            }
        }
        GridPane.setMargin(l, new Insets(ROW_GAP, 0, 0, 0));
        if (GridPane.getMargin(control) == null) {
            GridPane.setMargin(control, new Insets(ROW_GAP, 0, 0, 0));
        }
        grid.add(l, 0, row);
        grid.add(control, 1, row++);
        return this;
    }

    public Forms full(Node node) {
        if (GridPane.getMargin(node) == null) {
            GridPane.setMargin(node, new Insets(ROW_GAP, 0, 0, 0));
        }
        grid.add(node, 0, row++, 2, 1);
        return this;
    }

    private static final double ROW_GAP = 6;

    /** Binds both rows' visibility (and layout presence) to a condition. */
    public static void showWhen(javafx.beans.value.ObservableValue<Boolean> condition, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(condition);
            n.managedProperty().bind(condition);
            Node label = labelOf(n);
            if (label != null) {
                label.visibleProperty().bind(condition);
                label.managedProperty().bind(condition);
            }
        }
    }

    private static Node labelOf(Node control) {
        if (control.getParent() instanceof GridPane g) {
            for (Node n : g.getChildren()) {
                if (n instanceof Label l && l.getLabelFor() == control) {
                    return l;
                }
            }
        }
        return null;
    }

    public GridPane node() {
        return grid;
    }

    /**
     * A text field for a number that writes to {@code target} when it parses (and is accepted by
     * {@code onValid}), and turns red with the reason as tooltip when it does not.
     */
    public static TextField numberField(double initial, Consumer<Double> onValid) {
        TextField field = new TextField(format(initial));
        field.textProperty().addListener((o, a, text) -> {
            try {
                double v = Double.parseDouble(text.strip());
                onValid.accept(v);
                field.getStyleClass().remove("invalid");
                field.setTooltip(null);
            } catch (RuntimeException e) {
                if (!field.getStyleClass().contains("invalid")) {
                    field.getStyleClass().add("invalid");
                }
                field.setTooltip(new Tooltip(e instanceof NumberFormatException ? "not a number" : e.getMessage()));
            }
        });
        return field;
    }

    /** True when the text already shows this number (so a field need not be rewritten under the user's cursor). */
    public static boolean sameNumber(String text, double v) {
        try {
            return Double.parseDouble(text.strip()) == v;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    public static void bindPercent(Label label, DoubleProperty value) {
        label.textProperty().bind(value.asString("%.0f%%"));
    }
}
