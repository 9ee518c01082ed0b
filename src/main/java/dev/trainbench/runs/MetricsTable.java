package dev.trainbench.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric CSV written by {@link CsvLog}, read back column-wise; empty cells read as NaN. Columns
 * are found by name ({@link MetricColumns}), never by position, so files with fewer columns (older
 * versions) or more (newer versions) read as far as they go.
 */
public record MetricsTable(List<String> columns, double[][] values) {

    public int rows() {
        return values.length == 0 ? 0 : values[0].length;
    }

    public int columnIndex(String name) {
        return columns.indexOf(name);
    }

    /** The column's values, or null when there is no such column. */
    public double[] column(String name) {
        int i = columns.indexOf(name);
        return i < 0 ? null : values[i];
    }

    /** A whole-run column's values, or null when this file has no such column (e.g. an older run). */
    public double[] column(MetricColumn column) {
        return column(column.header());
    }

    /** A per-layer column's values for {@code layer}, or null when this file has none. */
    public double[] column(MetricColumn column, String layer) {
        return column(column.header(layer));
    }

    /** The layers this file has a {@code column[layer]} for, in file order (first layer first). */
    public List<String> layers(MetricColumn column) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            String layer = column.layerOf(c);
            if (layer != null) {
                out.add(layer);
            }
        }
        return out;
    }

    /** Row {@code row} of a whole-run column, NaN when the column is absent. */
    public double value(MetricColumn column, int row) {
        double[] v = column(column);
        return v == null || row < 0 || row >= v.length ? Double.NaN : v[row];
    }

    public static MetricsTable empty() {
        return new MetricsTable(List.of(), new double[0][]);
    }

    public static MetricsTable read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return empty();
        }
        String text = Files.readString(file);
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (!text.isEmpty() && !text.endsWith("\n")) {
            // CsvLog ends every row with a newline: a last line without one was cut by a kill, and
            // may still parse ("0.4375" cut to "0.4", "12," read as 12 and an empty cell)
            lines.remove(lines.size() - 1);
        }
        int i = 0;
        while (i < lines.size() && lines.get(i).startsWith("#")) {
            i++;
        }
        if (i >= lines.size()) {
            return empty();
        }
        List<String> columns = splitHeader(lines.get(i));
        List<double[]> rows = new ArrayList<>();
        for (int r = i + 1; r < lines.size(); r++) {
            double[] row = parseRow(lines.get(r), columns.size());
            if (row != null) {
                rows.add(row);
            }
        }
        double[][] values = new double[columns.size()][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                values[c][r] = rows.get(r)[c];
            }
        }
        return new MetricsTable(List.copyOf(columns), values);
    }

    private static List<String> splitHeader(String header) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < header.length() && header.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    /** A row, or null when it is cut short (the last line of a killed run) or unreadable. */
    private static double[] parseRow(String line, int width) {
        String[] cells = line.split(",", -1);
        if (cells.length != width) {
            return null;
        }
        double[] row = new double[width];
        for (int c = 0; c < width; c++) {
            try {
                row[c] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return row;
    }
}
