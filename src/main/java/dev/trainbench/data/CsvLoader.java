package dev.trainbench.data;

import dev.trainbench.spec.DataSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.regex.Pattern;

/**
 * Reads a table from a CSV file. The rules (header detection, delimiters, target column,
 * categorical columns, missing values and the errors) are written down in docs/data-formats.md;
 * in short:
 * <ul>
 *   <li>UTF-8 with or without BOM; LF, CRLF or CR line ends; empty rows (and rows whose cells are
 *       all empty) are skipped; RFC 4180 quoting ({@code "a, b"}, {@code ""} for a quote).</li>
 *   <li>Delimiter: tab, then {@code ;}, then {@code ,}: the first that splits the first rows into
 *       the same number of cells (above one). With {@code ;} a decimal comma ({@code 1,5}) is read
 *       as a decimal point.</li>
 *   <li>Header: detected when the first row has a non-numeric cell in a column whose other rows
 *       are numeric (or, for an all-text table, when no first-row cell repeats further down).</li>
 *   <li>Missing cells (empty, NA, N/A, null, ?) are an error naming line and column: we never
 *       impute silently, the user fills or drops the rows.</li>
 * </ul>
 * Options ({@link Options}, the spec's CSV fields): lines to skip before the header, header on/off,
 * delimiter (including runs of whitespace), target column, task and categorical columns. A gzip
 * file ({@code .csv.gz}) is recognised by its magic bytes. A validation or test file is read with
 * the training file's {@link Layout}, so it encodes to the same features and classes.
 * Line and column numbers in messages count from 1, like a spreadsheet.
 *
 * <p>Why not jackson-dataformat-csv (Jackson is already a dependency): tried on the cases this
 * loader must get right, it reports an unclosed quote at the end of the file instead of the line
 * it opened on, cannot split on runs of whitespace (it yields empty cells), keeps a byte-order
 * mark in the first cell, and gives the line after a record rather than the record's own; the
 * skipping, BOM, line numbers and whitespace handling would all still be ours, around a tokenizer
 * of some 60 lines that is already fuzzed (ParserFuzzTest).
 */
public final class CsvLoader {

    /** More distinct values than this in a text column means an ID or free text, not a category. */
    static final int MAX_CATEGORIES = 100;
    /** More classes than this under an explicit classification task means the target is continuous. */
    static final int MAX_CLASSES = DataLimits.MAX_CLASSES;
    /** An integer-valued numeric target with at most this many values is taken as class labels. */
    static final int AUTO_CLASS_LIMIT = 20;
    /** Larger magnitudes overflow float training arithmetic (squares, sums) long before 3.4e38. */
    static final double HUGE = 1e30;

    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+([eE][+-]?\\d+)?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> MISSING = Set.of("", "na", "n/a", "null", "none", "?", "-");
    private static final Set<String> NON_FINITE = Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf",
            "infinity", "+infinity", "-infinity");

    private CsvLoader() {
    }

    /**
     * How to read a CSV file: the spec's CSV fields. Null fields mean "detect" (header, delimiter,
     * task), "the last column" (target), "none" (skipLines, categoricalColumns).
     */
    public record Options(String targetColumn, Boolean header, Integer skipLines, DataSpec.Delimiter delimiter,
                          DataSpec.Task task, List<String> categoricalColumns) {
        public Options {
            categoricalColumns = categoricalColumns == null ? List.of() : List.copyOf(categoricalColumns);
        }

        public static Options defaults() {
            return new Options(null, null, null, null, null, null);
        }

        public static Options of(DataSpec d) {
            return new Options(d.targetColumn(), d.header(), d.skipLines(), d.delimiter(), d.task(), d.categoricalColumns());
        }

        int skip() {
            return skipLines == null ? 0 : skipLines;
        }
    }

    /**
     * What reading the training file decided (columns, their kinds and categories, the target, the
     * task and the classes). A validation or test file is read with its layout so that it encodes
     * to the same features in the same order, with the same class numbers.
     */
    public static final class Layout {
        private final List<String> names;
        private final boolean header;
        private final int target;
        private final boolean[] numeric;
        private final boolean[] forced;
        private final List<List<String>> categories;
        private final boolean classification;
        private final boolean detectedClassification;
        private final List<String> classNames;
        private final char delimiter;
        private final boolean headerDetected;

        Layout(List<String> names, boolean header, boolean headerDetected, char delimiter, int target, boolean[] numeric,
               boolean[] forced, List<List<String>> categories, boolean classification, boolean detectedClassification,
               List<String> classNames) {
            this.names = List.copyOf(names);
            this.header = header;
            this.headerDetected = headerDetected;
            this.delimiter = delimiter;
            this.target = target;
            this.numeric = numeric.clone();
            this.forced = forced.clone();
            this.categories = categories;
            this.classification = classification;
            this.detectedClassification = detectedClassification;
            this.classNames = classNames == null ? null : List.copyOf(classNames);
        }

        /** Column names as read (or col0, col1, ... without a header). */
        public List<String> columns() {
            return names;
        }

        public boolean hasHeader() {
            return header;
        }

        /** True when the header decision was detected rather than forced by data.header. */
        public boolean headerDetected() {
            return headerDetected;
        }

        /** The delimiter used: ',', ';', '\t', or ' ' for runs of whitespace. */
        public char delimiter() {
            return delimiter;
        }

        public int targetIndex() {
            return target;
        }

        /** The kind of column j: "target", "numeric", "categorical" (text) or "categorical (forced)". */
        public String kind(int j) {
            if (j == target) {
                return "target";
            }
            if (forced[j]) {
                return "categorical (forced)";
            }
            return numeric[j] ? "numeric" : "categorical";
        }

        public boolean classification() {
            return classification;
        }

        /** What detection says about the task, whatever data.task forces. */
        public DataSpec.Task detectedTask() {
            return detectedClassification ? DataSpec.Task.CLASSIFICATION : DataSpec.Task.REGRESSION;
        }

        /** The class labels as read (canonical text), in class-number order; null for regression. */
        public List<String> classLabels() {
            return classNames;
        }
    }

    /** A parsed file: the data set, the layout it was read with, and warnings about the reading. */
    public record Parsed(Dataset dataset, Layout layout, List<String> warnings) {
        public Parsed {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The first rows of a file as they will be parsed (after skipped lines and the header), with
     * the layout, for a preview; {@code error} is the message loading would fail with (then
     * {@code layout} may be null and {@code rows} shows the raw cells as far as they split).
     */
    public record Preview(List<String> columns, List<String> kinds, List<List<String>> rows, Layout layout,
                          List<String> warnings, String error, int dataRows) {
    }

    /**
     * Loads a CSV file.
     *
     * @param targetColumn the target's header name or 0-based index as a string; null for the last column
     * @param header       true/false to force, null to detect
     * @param task         null to detect (classification if the target is text or has at most 20 integer values)
     */
    public static Dataset load(Path file, String targetColumn, Boolean header, DataSpec.Task task) {
        return load(file, new Options(targetColumn, header, null, null, task, null), w -> { }).dataset();
    }

    /** Loads a CSV file (plain or gzip, recognised by its magic bytes) with {@code options}; warnings go to {@code warnings}. */
    public static Parsed load(Path file, Options options, Consumer<String> warnings) {
        Parsed p = parse(decode(readBytes(file), file.getFileName().toString()), file.getFileName().toString(), options, null);
        p.warnings().forEach(warnings);
        return p;
    }

    /**
     * Loads a validation or test file so that it matches the training file's {@code layout}: the
     * same columns (names, when both have a header), the same one-hot categories and the same
     * classes; anything else is an error naming this file.
     */
    public static Parsed loadLike(Path file, Options options, Layout layout, Consumer<String> warnings) {
        Parsed p = parse(decode(readBytes(file), file.getFileName().toString()), file.getFileName().toString(), options, layout);
        p.warnings().forEach(warnings);
        return p;
    }

    /** Loads CSV from a stream (e.g. a shipped sample); {@code fileName} names it in messages. */
    public static Dataset read(InputStream in, String fileName, String targetColumn, Boolean header, DataSpec.Task task) {
        try (in) {
            return parse(decode(in.readAllBytes(), fileName), fileName, targetColumn, header, task);
        } catch (IOException e) {
            throw new DataException(fileName + ": cannot be read (" + e.getMessage() + ").", e);
        }
    }

    /** Parses CSV text; {@code fileName} names the source in messages. */
    public static Dataset parse(String text, String fileName, String targetColumn, Boolean header, DataSpec.Task task) {
        return parse(text, fileName, new Options(targetColumn, header, null, null, task, null), null).dataset();
    }

    /**
     * The first {@code maxRows} rows of {@code file} as they will be parsed with {@code options}.
     * Never throws for bad content: the message loading would give is in {@link Preview#error()}.
     */
    public static Preview preview(Path file, Options options, int maxRows) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text;
        try {
            text = decode(readBytes(file), name);
        } catch (DataException e) {
            return new Preview(List.of(), List.of(), List.of(), null, List.of(), e.getMessage(), 0);
        }
        return preview(text, name, options, maxRows);
    }

    /** As {@link #preview(Path, Options, int)} for text already read. */
    public static Preview preview(String text, String name, Options options, int maxRows) {
        List<Row> rows;
        char delimiter;
        try {
            String body = skip(text, options.skip(), name);
            delimiter = delimiterFor(body, options.delimiter());
            rows = split(body, delimiter, name, options.skip());
        } catch (DataException e) {
            return new Preview(List.of(), List.of(), List.of(), null, List.of(), e.getMessage(), 0);
        }
        try {
            Parsed p = parse(text, name, options, null);
            Layout l = p.layout();
            List<Row> data = l.hasHeader() ? rows.subList(1, rows.size()) : rows;
            List<List<String>> shown = new ArrayList<>();
            for (Row r : data.subList(0, Math.min(maxRows, data.size()))) {
                shown.add(r.cells());
            }
            List<String> kinds = new ArrayList<>();
            for (int j = 0; j < l.columns().size(); j++) {
                kinds.add(l.kind(j));
            }
            return new Preview(l.columns(), kinds, shown, l, p.warnings(), null, data.size());
        } catch (DataException e) {
            // show the raw cells, so the user can see what the options do to the file
            List<List<String>> shown = new ArrayList<>();
            int width = 0;
            for (Row r : rows.subList(0, Math.min(maxRows + 1, rows.size()))) {
                shown.add(r.cells());
                width = Math.max(width, r.cells().size());
            }
            List<String> cols = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                cols.add("col" + j);
            }
            return new Preview(cols, List.of(), shown, null, List.of(), e.getMessage(), rows.size());
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataException(file + ": file not found. Check the path (data.path) and that the file exists.");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new DataException(file + ": cannot be read (access denied). Check the file's permissions.", e);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new DataException(file + ": is a folder, not a CSV file. Fix: choose the CSV file inside it.");
            }
            throw new DataException(file + ": cannot be read (" + e.getMessage() + "). Check the file's permissions.", e);
        } catch (OutOfMemoryError e) {
            throw new DataException(file + ": too large to load into memory. Use a smaller file or give TrainBench more memory (-Xmx).");
        }
    }

    /** UTF-8 text of the bytes, gunzipped first when they start with the gzip magic (a .csv.gz). */
    private static String decode(byte[] bytes, String fileName) {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes), 1 << 16)) {
                bytes = in.readAllBytes();
            } catch (java.util.zip.ZipException e) {
                throw new DataException(fileName + ": the gzip data is corrupt (" + e.getMessage() + "). Fix: compress the "
                        + "file again, or use the uncompressed CSV.", e);
            } catch (java.io.EOFException e) {
                throw new DataException(fileName + ": the gzip data ends early, so the file is truncated. Fix: download or "
                        + "compress the file again.", e);
            } catch (IOException e) {
                throw new DataException(fileName + ": cannot be decompressed (" + e.getMessage() + ").", e);
            } catch (OutOfMemoryError e) {
                throw new DataException(fileName + ": too large to load into memory once decompressed. Use a smaller file "
                        + "or give TrainBench more memory (-Xmx).");
            }
        }
        return decode(bytes);
    }

    private static String decode(byte[] bytes) {
        try {
            // Malformed bytes become U+FFFD instead of an exception: such a cell is then reported as
            // non-numeric at its line and column, which is more useful than "bad encoding".
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e); // cannot happen with REPLACE
        }
    }

    /** One logical record: its cells and the line it starts on. */
    private record Row(int line, List<String> cells) {
    }

    /** The text after the first {@code lines} physical lines (LF, CRLF or CR). */
    static String skip(String text, int lines, String fileName) {
        int at = 0;
        for (int k = 0; k < lines; k++) {
            if (at >= text.length()) {
                throw new DataException(fileName + ": data.skipLines is " + lines + " but the file has only " + k
                        + " line" + (k == 1 ? "" : "s") + ". Fix: set data.skipLines (CSV option 'Skip lines') to the number"
                        + " of lines before the header, at most " + Math.max(0, k - 1) + ".");
            }
            while (at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '\r') {
                at++;
            }
            if (at < text.length() && text.charAt(at) == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n') {
                at++;
            }
            at++;
        }
        return at >= text.length() ? "" : text.substring(at);
    }

    private static char delimiterFor(String body, DataSpec.Delimiter option) {
        if (option == null) {
            return detectDelimiter(body);
        }
        return switch (option) {
            case AUTO -> detectDelimiter(body);
            case COMMA -> ',';
            case SEMICOLON -> ';';
            case TAB -> '\t';
            case WHITESPACE -> WHITESPACE;
        };
    }

    /** Stands for "any run of spaces and tabs" in the tokenizer. */
    static final char WHITESPACE = ' ';

    private static Parsed parse(String text, String fileName, Options options, Layout like) {
        List<String> warnings = new ArrayList<>();
        int skipped = options.skip();
        String body = skip(text, skipped, fileName);
        char delimiter = delimiterFor(body, options.delimiter());
        List<Row> rows = split(body, delimiter, fileName, skipped);
        if (rows.isEmpty()) {
            throw new DataException(fileName + ": the file is empty (no rows with data"
                    + (skipped > 0 ? " after the " + skipped + " skipped line" + (skipped == 1 ? "" : "s") : "")
                    + "). Choose a CSV file with a header row and at least two data rows"
                    + (skipped > 0 ? ", or lower data.skipLines" : "") + ".");
        }
        checkWidths(rows, delimiter, fileName, skipped);
        int width = rows.get(0).cells().size();
        if (width < 2) {
            throw new DataException(fileName + ": only one column was found (delimiter '" + show(delimiter) + "'). "
                    + "Fix: a table needs at least one feature column and a target column, separated by ',', ';', a tab"
                    + " or spaces (data.delimiter, CSV option 'Delimiter').");
        }
        if (like != null && width != like.columns().size()) {
            throw new DataException(fileName + ": has " + width + " columns but the training file has "
                    + like.columns().size() + " " + like.columns() + ". Fix: give this file the same columns as the"
                    + " training file, in the same order.");
        }
        boolean headerDetected = options.header() == null;
        boolean hasHeader = options.header() != null ? options.header() : detectHeader(rows);
        if (hasHeader) {
            warnIfHeaderLooksLikeData(rows, fileName, skipped, headerDetected, warnings);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            String name = hasHeader ? rows.get(0).cells().get(j) : "";
            names.add(name.isEmpty() ? "col" + j : name);
        }
        List<Row> data = hasHeader ? rows.subList(1, rows.size()) : rows;
        if (data.isEmpty()) {
            throw new DataException(fileName + ": has only a header row (line " + rows.get(0).line() + ") and no data. "
                    + "Fix: add data rows below the header" + (options.header() == null ? "" : ", or set data.header to false") + ".");
        }
        if (like != null && hasHeader && like.hasHeader() && !names.equals(like.columns())) {
            throw new DataException(fileName + ": its columns " + names + " differ from the training file's "
                    + like.columns() + ". Fix: give this file the same columns as the training file, in the same order.");
        }
        int target = like != null ? like.targetIndex() : resolveColumn(options.targetColumn(), names, fileName, "data.targetColumn",
                "CSV option 'Target'");
        boolean[] forced = new boolean[width];
        if (like != null) {
            forced = like.forced.clone();
        } else {
            for (String c : options.categoricalColumns()) {
                int j = resolveColumn(c, names, fileName, "data.categoricalColumns", "CSV option 'Categorical'");
                if (j == target) {
                    throw new DataException(fileName + ": data.categoricalColumns lists '" + clip(c) + "', which is the"
                            + " target column; categorical columns are features (a text target is classified anyway)."
                            + " Fix: remove it from data.categoricalColumns.");
                }
                forced[j] = true;
            }
        }

        Column[] columns = new Column[width];
        for (int j = 0; j < width; j++) {
            columns[j] = Column.classify(data, j);
            if (like != null) {
                columns[j].numeric = like.numeric[j];
            } else if (forced[j]) {
                columns[j].numeric = false;
            }
        }

        // Features: numeric columns as they are, categorical columns one-hot.
        List<String> featureNames = new ArrayList<>();
        List<Map<String, Integer>> categoryIndex = new ArrayList<>();
        List<List<String>> categories = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            categoryIndex.add(null);
            categories.add(null);
            if (j == target) {
                continue;
            }
            Column c = columns[j];
            if (c.numeric) {
                featureNames.add(names.get(j));
                continue;
            }
            TreeSet<String> values = new TreeSet<>();
            if (like != null) {
                values.addAll(like.categories.get(j));
            }
            for (Row r : data) {
                String cell = r.cells().get(j);
                if (isMissing(cell)) {
                    throw missing(fileName, r.line(), j, names.get(j));
                }
                if (like != null && !values.contains(cell)) {
                    throw new DataException(fileName + ", line " + r.line() + ", column " + (j + 1) + " (" + names.get(j)
                            + "): the category '" + clip(cell) + "' does not occur in the training file, so it has no"
                            + " one-hot feature (training categories: " + clipList(like.categories.get(j)) + "). Fix:"
                            + " correct the cell, delete the row, or add rows with this category to the training data.");
                }
                values.add(cell);
                if (values.size() > MAX_CATEGORIES) {
                    throw new DataException(fileName + ", column " + (j + 1) + " (" + names.get(j) + "): has more than "
                            + MAX_CATEGORIES + " different " + (forced[j] ? "" : "text ") + "values, so it looks like an ID or"
                            + " free text rather than a category. Fix: remove the column, or make it numeric"
                            + (forced[j] ? " (take it out of data.categoricalColumns)" : "") + ".");
                }
            }
            Map<String, Integer> index = new HashMap<>();
            for (String v : values) {
                index.put(v, featureNames.size());
                featureNames.add(names.get(j) + "=" + v);
            }
            categoryIndex.set(j, index);
            categories.set(j, List.copyOf(values));
        }

        int n = data.size();
        int d = featureNames.size();
        if ((long) n * d > Integer.MAX_VALUE - 8) {
            throw new DataException(fileName + ": " + n + " rows x " + d + " features is too large to hold in memory. "
                    + "Fix: use fewer rows or fewer categorical values.");
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            Row r = data.get(i);
            int k = 0;
            for (int j = 0; j < width; j++) {
                if (j == target) {
                    continue;
                }
                String cell = r.cells().get(j);
                if (columns[j].numeric) {
                    x[i * d + k] = number(cell, fileName, r.line(), j, names.get(j), columns[j]);
                    k++;
                } else {
                    Map<String, Integer> index = categoryIndex.get(j);
                    x[i * d + index.get(cell)] = 1f;
                    k += index.size();
                }
            }
        }

        String targetName = names.get(target);
        Column tc = columns[target];
        for (Row r : data) {
            if (isMissing(r.cells().get(target))) {
                throw new DataException(fileName + ", line " + r.line() + ", column " + (target + 1) + " (" + targetName
                        + "): the target is missing. Fix: fill in the target of this row or delete the row.");
            }
        }
        boolean detected = !tc.numeric || tc.integerValued(data, target) && tc.distinct(data, target) <= AUTO_CLASS_LIMIT;
        boolean classification;
        if (like != null) {
            classification = like.classification();
        } else if (options.task() != null) {
            classification = options.task() == DataSpec.Task.CLASSIFICATION;
        } else {
            classification = detected;
        }
        String name = fileName;
        if (!classification) {
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                Row r = data.get(i);
                String cell = r.cells().get(target);
                if (!isNumber(cell) && !isNonFinite(cell)) {
                    throw new DataException(fileName + ", line " + r.line() + ", column " + (target + 1) + " (" + targetName
                            + "): the target '" + clip(cell) + "' is not a number, but regression needs numeric targets. "
                            + "Fix: set data.task to classification, choose another target column, or correct the cell.");
                }
                y[i] = number(cell, fileName, r.line(), target, targetName, tc);
            }
            Layout layout = new Layout(names, hasHeader, headerDetected, delimiter, target, numericFlags(columns), forced,
                    categories, false, detected, null);
            return new Parsed(Dataset.regression(name, x, new int[] {d}, y, 1, featureNames), layout, warnings);
        }
        // Classification: numeric labels are ordered by value ("2" before "10"), text labels alphabetically.
        // A file read like the training file keeps the training file's classes and their numbers.
        boolean numericLabels = like != null ? like.numeric[target] : tc.numeric;
        List<String> canonicalOf = new ArrayList<>(n);
        TreeMap<Object, String> classes = new TreeMap<>((a, b) -> a instanceof Double da && b instanceof Double db
                ? Double.compare(da, db) : a.toString().compareTo(b.toString()));
        for (Row r : data) {
            String cell = r.cells().get(target);
            String label;
            if (numericLabels) {
                if (!isNumber(cell)) {
                    throw new DataException(fileName + ", line " + r.line() + ", column " + (target + 1) + " (" + targetName
                            + "): the class label '" + clip(cell) + "' is not a number while the other labels are. "
                            + "Fix: correct the cell or delete the row.");
                }
                double v = Double.parseDouble(cell);
                label = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
                classes.put(v, label);
            } else {
                label = cell;
                classes.put(cell, cell);
            }
            canonicalOf.add(label);
            if (like == null && classes.size() > MAX_CLASSES) {
                throw new DataException(DataLimits.tooManyClasses(fileName + ", column " + (target + 1) + " (" + targetName + ")",
                        String.format(java.util.Locale.ROOT, "over %,d different values", MAX_CLASSES),
                        "Fix: set data.task to regression or choose another target column."));
            }
            if (like != null && !like.classLabels().contains(label)) {
                throw new DataException(fileName + ", line " + r.line() + ", column " + (target + 1) + " (" + targetName
                        + "): the class '" + clip(label) + "' does not occur in the training data (classes: "
                        + clipList(like.classLabels()) + "), so the model has no output for it. Fix: remove these rows,"
                        + " or add examples of the class to the training data.");
            }
        }
        if (like == null && classes.size() < 2) {
            throw new DataException(fileName + ", column " + (target + 1) + " (" + targetName + "): every row has the same "
                    + "class '" + clip(classes.firstEntry().getValue()) + "', and a classifier needs at least two. "
                    + "Fix: choose another target column (data.targetColumn) or add rows of other classes.");
        }
        List<String> classNames = like != null ? like.classLabels() : new ArrayList<>(classes.values());
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            classIndex.put(classNames.get(c), c);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = classIndex.get(canonicalOf.get(i));
        }
        boolean[] numericFlags = numericFlags(columns);
        numericFlags[target] = numericLabels;
        Layout layout = new Layout(names, hasHeader, headerDetected, delimiter, target, numericFlags, forced, categories,
                true, detected, classNames);
        return new Parsed(Dataset.classification(name, x, new int[] {d}, labels, classNames, featureNames), layout, warnings);
    }

    private static boolean[] numericFlags(Column[] columns) {
        boolean[] out = new boolean[columns.length];
        for (int j = 0; j < columns.length; j++) {
            out[j] = columns[j].numeric;
        }
        return out;
    }

    /**
     * Every row must have the first row's cell count. When the first few lines differ and all the
     * rest agree, those lines are a preamble (scikit-learn's CSVs start with "n_samples,n_features,
     * class names"): the message says how many lines to skip.
     */
    private static void checkWidths(List<Row> rows, char delimiter, String fileName, int skipped) {
        int width = rows.get(0).cells().size();
        Row bad = null;
        for (Row row : rows) {
            if (row.cells().size() != width) {
                bad = row;
                break;
            }
        }
        if (bad == null) {
            return;
        }
        // the smallest k (at most 5) after which every row agrees
        int limit = Math.min(5, rows.size() - 2);
        for (int k = 1; k <= limit; k++) {
            int w = rows.get(k).cells().size();
            boolean same = w > 1;
            for (int i = k; i < rows.size() && same; i++) {
                same = rows.get(i).cells().size() == w;
            }
            if (same) {
                int firstLine = rows.get(0).line();
                int skipTo = rows.get(k).line();
                int suggested = skipped + (skipTo - firstLine);
                throw new DataException(fileName + ", line" + (k == 1 ? " " + firstLine : "s " + firstLine + "-" + (skipTo - 1))
                        + ": ha" + (k == 1 ? "s " : "ve ") + width + (k == 1 ? "" : "..") + " cells but every line from line "
                        + skipTo + " on has " + w + " (delimiter '" + show(delimiter) + "'), so "
                        + (k == 1 ? "it looks like a preamble line" : "they look like preamble lines") + ", not part of the table."
                        + " Fix: set data.skipLines to " + suggested + " (CSV option 'Skip lines') to start reading at line "
                        + skipTo + ".");
            }
        }
        throw new DataException(fileName + ", line " + bad.line() + ": has " + bad.cells().size()
                + " cells but line " + rows.get(0).line() + " has " + width + " (delimiter '" + show(delimiter)
                + "'). Fix: give every row the same number of cells; quote cells that contain the delimiter"
                + (delimiter == WHITESPACE ? " or spaces" : "") + ".");
    }

    /**
     * A header whose cells are numbers is probably data or a preamble (scikit-learn's iris.csv
     * starts with "150,4,setosa,versicolor,virginica", which reads as a header naming the target
     * "virginica"). It still loads as asked, with a warning naming the line and the options.
     */
    private static void warnIfHeaderLooksLikeData(List<Row> rows, String fileName, int skipped, boolean detected,
                                                  List<String> warnings) {
        Row head = rows.get(0);
        List<String> numbers = new ArrayList<>();
        for (String c : head.cells()) {
            if (isNumber(c)) {
                numbers.add(c);
            }
        }
        if (numbers.isEmpty()) {
            return;
        }
        String cells = numbers.size() <= 4 ? String.join(", ", numbers) : String.join(", ", numbers.subList(0, 4)) + ", ...";
        warnings.add(fileName + ", line " + head.line() + ": was " + (detected ? "taken" : "read") + " as the header, but "
                + numbers.size() + " of its " + head.cells().size() + " cells (" + cells + ") are numbers, so it looks like"
                + " data or a preamble line, and the columns are named after it. If it is a preamble, set data.skipLines to "
                + (skipped + 1) + " (CSV option 'Skip lines'); if it is data, set data.header to false (CSV option 'Header: no').");
    }

    private static int resolveColumn(String wantedColumn, List<String> names, String fileName, String field, String option) {
        if (wantedColumn == null || wantedColumn.isBlank()) {
            return names.size() - 1;
        }
        String wanted = wantedColumn.strip();
        for (int j = 0; j < names.size(); j++) {
            if (names.get(j).equals(wanted)) {
                return j;
            }
        }
        for (int j = 0; j < names.size(); j++) {
            if (names.get(j).equalsIgnoreCase(wanted)) {
                return j;
            }
        }
        if (wanted.matches("\\d{1,9}")) {
            int j = Integer.parseInt(wanted);
            if (j < names.size()) {
                return j;
            }
        }
        String what = field.equals("data.targetColumn") ? "target column" : "column";
        throw new DataException(fileName + ": there is no " + what + " '" + clip(wanted) + "'. Fix: set " + field
                + " (" + option + ") to one of the column names " + clipList(names) + " or to an index 0.." + (names.size() - 1) + ".");
    }

    /** A list for a message: at most 12 entries. */
    static String clipList(List<String> values) {
        if (values.size() <= 12) {
            return values.stream().map(CsvLoader::clip).toList().toString();
        }
        return values.subList(0, 12).stream().map(CsvLoader::clip).toList().toString().replace("]", ", ... ("
                + values.size() + " in all)]");
    }

    /** Per-column facts found in one pass over the data rows. */
    private static final class Column {
        int numbers;
        int texts;
        boolean numeric;

        static Column classify(List<Row> data, int j) {
            Column c = new Column();
            for (Row r : data) {
                String cell = r.cells().get(j);
                if (isMissing(cell) || isNonFinite(cell)) {
                    continue;
                }
                if (isNumber(cell)) {
                    c.numbers++;
                } else {
                    c.texts++;
                }
            }
            // A column of mostly numbers with a stray word is a numeric column with a typo (reported
            // at its line), not a categorical column; a column with no values at all is numeric so
            // that its first missing cell is what gets reported.
            c.numeric = c.numbers >= c.texts;
            return c;
        }

        boolean integerValued(List<Row> data, int j) {
            for (Row r : data) {
                String cell = r.cells().get(j);
                if (!isNumber(cell)) {
                    return false;
                }
                double v = Double.parseDouble(cell);
                if (v != Math.rint(v)) {
                    return false;
                }
            }
            return true;
        }

        int distinct(List<Row> data, int j) {
            Set<Double> values = new java.util.HashSet<>();
            for (Row r : data) {
                values.add(Double.parseDouble(r.cells().get(j)));
                if (values.size() > AUTO_CLASS_LIMIT) {
                    break;
                }
            }
            return values.size();
        }
    }

    private static float number(String cell, String file, int line, int col, String colName, Column c) {
        String where = file + ", line " + line + ", column " + (col + 1) + " (" + colName + ")";
        if (isMissing(cell)) {
            throw missing(file, line, col, colName);
        }
        if (isNonFinite(cell)) {
            throw new DataException(where + ": the value '" + cell + "' is not a finite number (NaN or infinity), which "
                    + "would turn the loss into NaN. Fix: replace it with a real value or delete the row.");
        }
        if (!isNumber(cell)) {
            throw new DataException(where + ": '" + clip(cell) + "' is not a number, but the column is numeric ("
                    + c.numbers + " of its values are numbers). Fix: correct the cell or delete the row.");
        }
        double v = Double.parseDouble(cell);
        if (Math.abs(v) > HUGE) {
            throw new DataException(where + ": the value " + cell + " is too large (beyond 1e30) to train with in float "
                    + "precision. Fix: rescale the column (e.g. take a logarithm or change units) or correct the cell.");
        }
        return (float) v;
    }

    private static DataException missing(String file, int line, int col, String colName) {
        return new DataException(file + ", line " + line + ", column " + (col + 1) + " (" + colName + "): the value is "
                + "missing. TrainBench does not guess missing values. Fix: fill in the cell (e.g. with the column's "
                + "mean or a category such as 'unknown') or delete the row.");
    }

    static boolean isMissing(String cell) {
        return cell.length() <= 4 && MISSING.contains(cell.toLowerCase(Locale.ROOT));
    }

    static boolean isNonFinite(String cell) {
        return cell.length() <= 9 && NON_FINITE.contains(cell.toLowerCase(Locale.ROOT));
    }

    static boolean isNumber(String cell) {
        return cell.length() < 400 && NUMBER.matcher(cell).matches();
    }

    private static boolean detectHeader(List<Row> rows) {
        if (rows.size() < 2) {
            // A single row: a header if any of it is text (then "only a header" is reported).
            return rows.get(0).cells().stream().anyMatch(c -> !isNumber(c) && !isMissing(c) && !isNonFinite(c));
        }
        List<Row> rest = rows.subList(1, rows.size());
        List<String> first = rows.get(0).cells();
        boolean allText = true;
        for (int j = 0; j < first.size(); j++) {
            String cell = first.get(j);
            boolean text = !isNumber(cell) && !isMissing(cell) && !isNonFinite(cell);
            allText &= text;
            if (text && Column.classify(rest, j).numbers > 0 && Column.classify(rest, j).texts == 0) {
                return true;
            }
        }
        if (!allText) {
            return false;
        }
        // All text: a header unless a first-row value also appears as a value further down its column.
        for (int j = 0; j < first.size(); j++) {
            for (Row r : rest) {
                if (r.cells().get(j).equals(first.get(j))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Tab, then ';', then ',': the first that splits the first rows into equal numbers (above one)
     * of cells; runs of whitespace when none of the three occurs in the first line.
     */
    static char detectDelimiter(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length() && lines.size() < 10) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            if (end > start && !text.substring(start, end).isBlank()) {
                lines.add(text.substring(start, end));
            }
            start = end + 1;
        }
        if (lines.isEmpty()) {
            return ',';
        }
        char best = ',';
        int bestCount = -1;
        for (char d : new char[] {'\t', ';', ','}) {
            int first = countOutsideQuotes(lines.get(0), d);
            boolean same = first > 0;
            for (String line : lines) {
                same &= countOutsideQuotes(line, d) == first;
            }
            if (same) {
                return d;
            }
            if (first > bestCount) {
                best = d;
                bestCount = first;
            }
        }
        if (bestCount > 0) {
            return best;
        }
        // No tab, ';' or ',' in the first line: a whitespace-aligned table when spaces split every line alike.
        int first = whitespaceCells(lines.get(0));
        boolean same = first > 1;
        for (String line : lines) {
            same &= whitespaceCells(line) == first;
        }
        return same ? WHITESPACE : ',';
    }

    private static int whitespaceCells(String line) {
        return line.isBlank() ? 0 : line.strip().split("[ \t]+").length;
    }

    private static int countOutsideQuotes(String line, char d) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == d && !quoted) {
                count++;
            }
        }
        return count;
    }

    /** Splits text into records (RFC 4180 quoting; quoted cells may span lines); skips empty records. */
    private static List<Row> split(String text, char delimiter, String fileName, int skippedLines) {
        List<Row> rows = records(text, delimiter, fileName, skippedLines);
        if (delimiter != ';') {
            return rows;
        }
        // With ';' as delimiter the comma is usually the decimal mark (European spreadsheets): 1,5 means 1.5.
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(r.cells().size());
            for (String c : r.cells()) {
                cells.add(c.length() < 400 && DECIMAL_COMMA.matcher(c).matches() ? c.replace(',', '.') : c);
            }
            out.add(new Row(r.line(), cells));
        }
        return out;
    }

    private static List<Row> records(String text, char delimiter, String fileName, int skippedLines) {
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean whitespace = delimiter == WHITESPACE;
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = skippedLines + 1;
        int recordLine = line;
        int quoteLine = line;
        int i = 0;
        int len = text.length();
        while (i <= len) {
            char ch = i < len ? text.charAt(i) : '\n';
            boolean end = i == len;
            if (quoted) {
                if (end) {
                    throw new DataException(fileName + ", line " + quoteLine + ": a quoted cell opened here is never closed. "
                            + "Fix: add the closing '\"' (a quote inside a quoted cell is written as \"\").");
                }
                if (ch == '"') {
                    if (i + 1 < len && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n' || (ch == '\r' && !(i + 1 < len && text.charAt(i + 1) == '\n'))) {
                        line++;
                    }
                    cell.append(ch);
                }
                i++;
                continue;
            }
            if (ch == '"' && cell.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                quoteLine = line;
                cell.setLength(0);
            } else if (whitespace && (ch == ' ' || ch == '\t')) {
                // a run of spaces and tabs ends a cell once; leading whitespace starts none
                if (wasQuoted || !cell.isEmpty()) {
                    cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                    cell.setLength(0);
                    wasQuoted = false;
                }
            } else if (ch == delimiter && !whitespace) {
                cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                cell.setLength(0);
                wasQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (!whitespace || wasQuoted || !cell.isEmpty()) {
                    cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                }
                cell.setLength(0);
                wasQuoted = false;
                boolean empty = cells.stream().allMatch(String::isEmpty);
                if (!empty) {
                    rows.add(new Row(recordLine, List.copyOf(cells)));
                }
                cells.clear();
                if (ch == '\r' && i + 1 < len && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                recordLine = line;
            } else {
                cell.append(ch);
            }
            i++;
        }
        return rows;
    }

    private static String show(char delimiter) {
        return delimiter == '\t' ? "\\t" : delimiter == WHITESPACE ? "whitespace" : String.valueOf(delimiter);
    }

    /** Cells are echoed in messages; a megabyte of garbage must not be. */
    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
