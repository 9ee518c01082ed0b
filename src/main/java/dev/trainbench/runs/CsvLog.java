package dev.trainbench.runs;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An append-only numeric CSV ({@code metrics.csv}, {@code epochs.csv}). First line
 * {@code # trainbench-<kind> <version>}, then a header, then one row per record. Flushed at least
 * once a second, so a killed process loses at most the last second of rows; a half-written last
 * line is skipped by {@link MetricsTable#read}.
 */
public final class CsvLog implements Closeable {
    public static final int FORMAT_VERSION = 1;
    private static final long FLUSH_NANOS = 1_000_000_000L;

    private final BufferedWriter out;
    private final int width;
    private final StringBuilder line = new StringBuilder(256);
    private char[] chars = new char[256];
    private long lastFlush = System.nanoTime();

    public CsvLog(Path file, String kind, List<String> columns) throws IOException {
        this.width = columns.size();
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        out.write("# trainbench-" + kind + " " + FORMAT_VERSION + "\n");
        out.write(String.join(",", columns.stream().map(CsvLog::escape).toList()));
        out.write('\n');
        out.flush();
    }

    public void append(double[] values) throws IOException {
        if (values.length != width) {
            throw new IllegalArgumentException("row has " + values.length + " values, header has " + width);
        }
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            double v = values[i];
            if (Double.isNaN(v)) {
                line.append("");
            } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                line.append((long) v);
            } else {
                line.append((float) v);
            }
        }
        line.append('\n');
        // through a reused char array: line.toString() would be a new String (and its array) per row
        int n = line.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        line.getChars(0, n, chars, 0);
        out.write(chars, 0, n);
        long now = System.nanoTime();
        if (now - lastFlush > FLUSH_NANOS) {
            flush();
        }
    }

    public void flush() throws IOException {
        out.flush();
        lastFlush = System.nanoTime();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static String escape(String column) {
        return column.contains(",") || column.contains("\"") ? "\"" + column.replace("\"", "\"\"") + "\"" : column;
    }
}
