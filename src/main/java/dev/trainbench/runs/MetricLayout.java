package dev.trainbench.runs;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each column of one table sits in a row, for one run's layers: the whole-run columns in
 * {@link MetricColumns} order, then each per-layer column for every layer in turn (first layer
 * first). The CSV writer, the in-memory history and the step record all use one layout, so a column
 * added to {@link MetricColumns} reaches all of them without further code.
 */
public final class MetricLayout {
    private final MetricColumn.Table table;
    private final List<MetricColumn> columns;
    private final List<String> layers;
    /** First row index of each column, by {@link MetricColumn#position()}. */
    private final int[] base;
    private final int width;

    private MetricLayout(MetricColumn.Table table, List<MetricColumn> columns, List<String> layers) {
        this.table = table;
        this.columns = columns;
        this.layers = List.copyOf(layers);
        this.base = new int[columns.size()];
        int at = 0;
        for (MetricColumn c : columns) {
            if (!c.perLayer()) {
                base[c.position()] = at++;
            }
        }
        for (MetricColumn c : columns) {
            if (c.perLayer()) {
                base[c.position()] = at;
                at += this.layers.size();
            }
        }
        this.width = at;
    }

    /** The layout of {@code metrics.csv} for a model whose layers with parameters are {@code layers}. */
    public static MetricLayout steps(List<String> layers) {
        return new MetricLayout(MetricColumn.Table.STEPS, MetricColumns.Step.ALL, layers);
    }

    /** The layout of {@code epochs.csv}. */
    public static MetricLayout epochs() {
        return new MetricLayout(MetricColumn.Table.EPOCHS, MetricColumns.Epoch.ALL, List.of());
    }

    public List<MetricColumn> columns() {
        return columns;
    }

    public List<String> layers() {
        return layers;
    }

    /** Values per row. */
    public int width() {
        return width;
    }

    /** The row index of a whole-run column. */
    public int index(MetricColumn column) {
        check(column);
        if (column.perLayer()) {
            throw new IllegalArgumentException(column.key() + " is a per-layer column: name the layer");
        }
        return base[column.position()];
    }

    /** The row index of a per-layer column for layer {@code layer} (0 = first layer with parameters). */
    public int index(MetricColumn column, int layer) {
        check(column);
        if (!column.perLayer()) {
            throw new IllegalArgumentException(column.key() + " is not a per-layer column");
        }
        if (layer < 0 || layer >= layers.size()) {
            throw new IndexOutOfBoundsException("layer " + layer + " of " + layers.size());
        }
        return base[column.position()] + layer;
    }

    /** The CSV header, one name per row index. */
    public List<String> header() {
        List<String> out = new ArrayList<>(width);
        for (MetricColumn c : columns) {
            if (!c.perLayer()) {
                out.add(c.header());
            }
        }
        for (MetricColumn c : columns) {
            if (c.perLayer()) {
                for (String l : layers) {
                    out.add(c.header(l));
                }
            }
        }
        return out;
    }

    private void check(MetricColumn column) {
        if (column.table() != table || columns.get(column.position()) != column) {
            throw new IllegalArgumentException(column.key() + " is not a column of " + table.name().toLowerCase());
        }
    }
}
