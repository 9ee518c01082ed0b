package dev.trainbench.runs;

/**
 * One column of {@code metrics.csv} (a training step per row) or {@code epochs.csv} (an epoch per
 * row), defined once in {@link MetricColumns}. A per-layer column is one CSV column per layer with
 * parameters, headed {@code key[layer name]}.
 *
 * @param key      the CSV header (per-layer: the part before the brackets)
 * @param table    the file it belongs to
 * @param perLayer one column per layer instead of one in all
 * @param detail   measured only every few steps ({@code detailEvery}); empty (NaN) in between
 * @param position the column's place among its table's columns, assigned by {@link MetricColumns}
 * @param meaning  what it measures, as docs/file-formats.md says it
 */
public record MetricColumn(String key, Table table, boolean perLayer, boolean detail, int position, String meaning) {

    /** The file a column belongs to. */
    public enum Table { STEPS, EPOCHS }

    public MetricColumn {
        if (key == null || key.isEmpty() || key.contains("[") || key.contains(",")) {
            throw new IllegalArgumentException("bad column key: " + key);
        }
    }

    /** The CSV header of a whole-run column. */
    public String header() {
        if (perLayer) {
            throw new IllegalStateException(key + " is a per-layer column: name the layer");
        }
        return key;
    }

    /** The CSV header of this column for one layer: {@code key[layer]}. */
    public String header(String layer) {
        if (!perLayer) {
            throw new IllegalStateException(key + " is not a per-layer column");
        }
        return key + "[" + layer + "]";
    }

    /** The layer named by {@code header} when it is one of this column's per-layer headers, else null. */
    public String layerOf(String header) {
        if (perLayer && header.length() > key.length() + 2 && header.startsWith(key) && header.charAt(key.length()) == '['
                && header.endsWith("]")) {
            return header.substring(key.length() + 1, header.length() - 1);
        }
        return null;
    }
}
