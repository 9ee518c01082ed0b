package dev.trainbench.ui;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.util.Callback;

/**
 * Tables whose text is never cut off without a way to read it: every column is at least as wide
 * as its heading (at the current font size, so presentation mode widens them), and a cell whose
 * text does not fit shows the full text as a tooltip. Cells that set their own tooltip keep it.
 */
public final class Tables {
    private static final String OWN_TIP = "trainbench.tables.tip";
    private static final String GROW = "trainbench.tables.grow";

    private Tables() {
    }

    /** Applies both rules to {@code table}'s columns, now and to columns added later. */
    public static <S> void fit(TableView<S> table) {
        fit(table, 0);
    }

    /**
     * As {@link #fit(TableView)}, and a column whose cells' text does not fit widens (its minimum
     * width grows) up to {@code maxColumnWidth} pixels; beyond that the tooltip shows the rest.
     */
    public static <S> void fit(TableView<S> table, double maxColumnWidth) {
        if (table.getProperties().put(GROW, maxColumnWidth) != null) {
            return; // already fitted: the cap is updated, the listeners are in place
        }
        for (TableColumn<S, ?> c : table.getColumns()) {
            fitColumn(c);
        }
        table.getColumns().addListener((ListChangeListener<TableColumn<S, ?>>) change -> {
            while (change.next()) {
                for (TableColumn<S, ?> c : change.getAddedSubList()) {
                    fitColumn(c);
                }
            }
            Platform.runLater(() -> fitHeaders(table));
        });
        // the headers exist once the skin has laid them out; their font follows the theme and mode
        table.skinProperty().addListener((o, was, skin) -> Platform.runLater(() -> fitHeaders(table)));
        table.needsLayoutProperty().addListener((o, was, needs) -> {
            if (!needs) {
                fitHeaders(table);
            }
        });
    }

    private static <S, T> void fitColumn(TableColumn<S, T> column) {
        for (TableColumn<S, ?> nested : column.getColumns()) {
            fitColumn(nested);
        }
        wrap(column);
        if (column.getProperties().put(OWN_TIP + ".watched", Boolean.TRUE) == null) {
            // a view may set its cell factory after adding the column
            column.cellFactoryProperty().addListener((o, was, now) -> wrap(column));
        }
    }

    private static <S, T> void wrap(TableColumn<S, T> column) {
        Callback<TableColumn<S, T>, TableCell<S, T>> factory = column.getCellFactory();
        if (factory == null || factory instanceof CellFactory) {
            return;
        }
        column.setCellFactory(new CellFactory<>(factory));
    }

    private record CellFactory<S, T>(Callback<TableColumn<S, T>, TableCell<S, T>> inner)
            implements Callback<TableColumn<S, T>, TableCell<S, T>> {
        @Override
        public TableCell<S, T> call(TableColumn<S, T> column) {
            TableCell<S, T> cell = inner.call(column);
            Runnable check = () -> tipWhenCut(cell);
            cell.textProperty().addListener((o, a, b) -> check.run());
            cell.widthProperty().addListener((o, a, b) -> check.run());
            cell.fontProperty().addListener((o, a, b) -> check.run());
            return cell;
        }
    }

    /** Sets the full text as the cell's tooltip while it does not fit (unless the cell has a tooltip of its own). */
    static void tipWhenCut(TableCell<?, ?> cell) {
        boolean ours = OWN_TIP.equals(Tips.owner(cell));
        if (Tips.has(cell) && !ours) {
            return;
        }
        String text = cell.getText();
        double need = text == null || text.isEmpty() ? 0 : textWidth(text, cell.getFont()) + cell.snappedLeftInset() + cell.snappedRightInset();
        boolean cut = need > 0 && cell.getWidth() > 0 && need > cell.getWidth() + 0.5;
        if (cut && cell.getTableView() != null && cell.getTableColumn() != null
                && cell.getTableView().getProperties().get(GROW) instanceof Double cap && cap > cell.getTableColumn().getMinWidth()) {
            TableColumn<?, ?> column = cell.getTableColumn();
            double width = Math.min(cap, Math.ceil(need + 2));
            if (width > column.getMinWidth()) {
                column.setMinWidth(width);
                if (column.getPrefWidth() < width) {
                    column.setPrefWidth(width);
                }
            }
        }
        // made at the first hover (Tips.set): a tooltip made per cut cell as rows scroll by cost the
        // Runs view with 10,000 runs a tenth of its first display
        Tips.set(cell, cut ? text : null, OWN_TIP);
    }

    /** Measures cell texts (on the FX thread only); one node for all, not one per measurement. */
    private static final Text MEASURE = new Text();

    private static double textWidth(String text, Font font) {
        MEASURE.setText(text);
        MEASURE.setFont(font);
        return MEASURE.getLayoutBounds().getWidth();
    }

    /** Columns at least as wide as their heading's text (plus room for the sort arrow). */
    static void fitHeaders(TableView<?> table) {
        Node headers = table.lookup(".column-header-background");
        if (headers == null) {
            return;
        }
        for (Node header : headers.lookupAll(".column-header")) {
            if (!(header instanceof javafx.scene.control.skin.TableColumnHeader h) || h.getTableColumn() == null) {
                continue;
            }
            Label label = null;
            for (Node child : h.getChildrenUnmodifiable()) {
                if (child instanceof Label l) {
                    label = l;
                }
            }
            TableColumn<?, ?> column = (TableColumn<?, ?>) h.getTableColumn();
            if (label == null || column.getText() == null || column.getText().isEmpty() || !column.getColumns().isEmpty()) {
                continue;
            }
            double need = Math.ceil(textWidth(column.getText(), label.getFont()) + label.snappedLeftInset() + label.snappedRightInset()
                    + h.snappedLeftInset() + h.snappedRightInset() + (column.isSortable() ? 14 : 4));
            // the column's own minimum (set by its view) stays the floor; the heading's width raises it
            double own = (Double) column.getProperties().computeIfAbsent(OWN_TIP, k -> column.getMinWidth());
            double min = Math.max(own, need);
            if (column.getMinWidth() < min) {
                column.setMinWidth(min);
            }
            if (column.getPrefWidth() < min) {
                column.setPrefWidth(min);
            }
        }
    }
}
