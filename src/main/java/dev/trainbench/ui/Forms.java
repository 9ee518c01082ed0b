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
    private final GridPane grid;
    private int row;

    private Forms(GridPane grid, int row) {
        this.grid = grid;
        this.row = row;
    }

    public Forms() {
        this.grid = new GridPane();
        grid.setHgap(8);
        // no vgap: each row carries its own top margin, so a hidden row (showWhen) leaves no gap
        grid.setVgap(0);
        grid.setPadding(new Insets(10));
        grid.getStyleClass().add("form");
        // the label column is as wide as its longest label at the current font size (presentation
        // mode's too): a label is never cut off; the controls' column gives way instead
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, controls);
    }

    public Forms section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("form-section");
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
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
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        keepTextWhole(control);
        if (help != null) {
            // made when first hovered: a form has many (Tips.install)
            Tips.install(l, help, HELP_WIDTH);
            if (control instanceof javafx.scene.control.Control c) {
                Tips.install(c, help, HELP_WIDTH);
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

    /**
     * Short texts inside a row (a unit after a spinner, a button, a check box's text, a choice's
     * value) keep their width; a check box's longer text wraps.
     */
    private static void keepTextWhole(Node control) {
        keepTextWhole(control, 0);
    }

    private static void keepTextWhole(Node control, int depth) {
        if (control instanceof javafx.scene.control.CheckBox c) {
            c.setWrapText(true);
            c.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        } else if (control instanceof javafx.scene.control.Labeled l) {
            // a unit or value beside a control, a button: short; a longer text wraps instead
            if (l.isWrapText()) {
                l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            } else if (!l.textProperty().isBound() && l.getText() != null && l.getText().length() <= 32) {
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        } else if (control instanceof javafx.scene.control.Spinner<?> spinner) {
            // a spinner in a row with other controls (Subset: a check box, the spinner, "samples")
            // shrank until it showed no digit in presentation mode: room for seven digits and its arrows
            spinner.setStyle(spinner.getStyle() + "-fx-min-width: " + SPINNER_MIN_EM + "em;");
        } else if (control instanceof javafx.scene.control.ChoiceBox || control instanceof javafx.scene.control.ComboBoxBase) {
            ((javafx.scene.layout.Region) control).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        } else if (control instanceof javafx.scene.layout.Pane p && !(control instanceof GridPane)) {
            for (Node child : p.getChildren()) {
                keepTextWhole(child, depth + 1);
            }
        }
    }

    public Forms full(Node node) {
        if (!(node instanceof javafx.scene.control.Labeled) || node instanceof javafx.scene.control.CheckBox) {
            keepTextWhole(node);
        }
        if (GridPane.getMargin(node) == null) {
            GridPane.setMargin(node, new Insets(ROW_GAP, 0, 0, 0));
        }
        grid.add(node, 0, row++, 2, 1);
        return this;
    }

    private static final double ROW_GAP = 6;
    /** A spinner's least width in em: seven digits and the arrow buttons. */
    static final double SPINNER_MIN_EM = 7.5;
    /** The widest a row's help tooltip grows before it wraps. */
    private static final double HELP_WIDTH = 360;

    /** Grid rows reserved for each group of {@link #lazyRows}: unused rows take no room (the grid's vgap is 0). */
    static final int LAZY_ROWS = 32;
    private static final String KEEP = "trainbench.forms.lazy";

    /**
     * Rows that show only under {@code when}, added by {@code rows} the first time {@code when} holds
     * (at once if it already does) in their place in the form. A form's hidden rows (another data
     * source's options, say) would otherwise cost their controls, skins and CSS when the screen is
     * first shown. Each row still binds its own visibility ({@link #showWhen}), which must imply
     * {@code when}.
     */
    public Forms lazyRows(javafx.beans.value.ObservableValue<Boolean> when, Consumer<Forms> rows) {
        int first = row;
        row += LAZY_ROWS;
        Runnable build = () -> {
            int before = grid.getChildren().size();
            Forms group = new Forms(grid, first);
            rows.accept(group);
            if (group.row > first + LAZY_ROWS) {
                throw new IllegalStateException("a lazy group of rows has " + (group.row - first) + " rows, at most "
                        + LAZY_ROWS);
            }
            // the children's order is the keyboard's Tab order: put the group's where its rows are
            java.util.List<Node> added = new java.util.ArrayList<>(grid.getChildren().subList(before, grid.getChildren().size()));
            int at = before;
            for (int i = 0; i < before; i++) {
                Integer r = GridPane.getRowIndex(grid.getChildren().get(i));
                if (r != null && r >= first + LAZY_ROWS) {
                    at = i;
                    break;
                }
            }
            if (at < before) {
                grid.getChildren().remove(before, grid.getChildren().size());
                grid.getChildren().addAll(at, added);
            }
        };
        if (Boolean.TRUE.equals(when.getValue())) {
            build.run();
            return this;
        }
        @SuppressWarnings("unchecked")
        java.util.List<Object> keep = (java.util.List<Object>) grid.getProperties().computeIfAbsent(KEEP, k -> new java.util.ArrayList<>());
        keep.add(when); // a binding listens weakly to what it depends on: the form holds it until it fires
        javafx.beans.value.ChangeListener<Boolean> once = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (Boolean.TRUE.equals(now)) {
                    when.removeListener(this);
                    keep.remove(when);
                    build.run();
                }
            }
        };
        when.addListener(once);
        return this;
    }

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
     * The form in a vertical scroll pane that is never narrower than the form's minimum width (its
     * labels and short texts whole), so a split pane gives the form that room at any font size.
     */
    public ScrollPaneOfForm scrolling() {
        return new ScrollPaneOfForm(grid);
    }

    /** A scroll pane whose minimum width follows its form's. */
    public static final class ScrollPaneOfForm extends javafx.scene.control.ScrollPane {
        private final GridPane form;

        ScrollPaneOfForm(GridPane form) {
            super(form);
            this.form = form;
            setFitToWidth(true);
            setHbarPolicy(ScrollBarPolicy.NEVER);
        }

        @Override
        protected double computeMinWidth(double height) {
            // the form, its border and a vertical scroll bar's width
            return form.minWidth(-1) + snappedLeftInset() + snappedRightInset() + 16;
        }
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
                field.setTooltip(Tips.of(e instanceof NumberFormatException ? "not a number" : e.getMessage()));
            }
        });
        return field;
    }

    /**
     * An editable spinner tied to a view-model property both ways: a value typed or stepped sets the
     * property, and the property's changes (a spec opened, a preset, a run cloned, a test) show in
     * the spinner. Values outside [min, max] are shown clamped, as the spinner allows no others.
     */
    public static javafx.scene.control.Spinner<Integer> intSpinner(int min, int max, javafx.beans.property.IntegerProperty p, int step) {
        javafx.scene.control.Spinner<Integer> s = new javafx.scene.control.Spinner<>(min, max, clamp(p.get(), min, max), step);
        s.setEditable(true);
        s.valueProperty().addListener((o, a, v) -> {
            if (v != null && v != p.get()) {
                p.set(v);
            }
        });
        p.addListener((o, a, v) -> {
            int shown = clamp(v.intValue(), min, max);
            if (s.getValue() == null || s.getValue() != shown) {
                s.getValueFactory().setValue(shown);
            }
        });
        return s;
    }

    /** As {@link #intSpinner}, for a decimal value. */
    public static javafx.scene.control.Spinner<Double> doubleSpinner(double min, double max, javafx.beans.property.DoubleProperty p,
                                                                     double step) {
        javafx.scene.control.Spinner<Double> s = new javafx.scene.control.Spinner<>(min, max, Math.max(min, Math.min(max, p.get())), step);
        s.setEditable(true);
        s.valueProperty().addListener((o, a, v) -> {
            if (v != null && v != p.get()) {
                p.set(v);
            }
        });
        p.addListener((o, a, v) -> {
            double shown = Math.max(min, Math.min(max, v.doubleValue()));
            if (s.getValue() == null || s.getValue() != shown) {
                s.getValueFactory().setValue(shown);
            }
        });
        return s;
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
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
        // "100%" never cut to "1..."
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
}
