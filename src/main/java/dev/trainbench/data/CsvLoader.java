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
 * Line and column numbers in messages count from 1, like a spreadsheet.
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
     * Loads a CSV file.
     *
     * @param targetColumn the target's header name or 0-based index as a string; null for the last column
     * @param header       true/false to force, null to detect
     * @param task         null to detect (classification if the target is text or has at most 20 integer values)
     */
    public static Dataset load(Path file, String targetColumn, Boolean header, DataSpec.Task task) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataException(file + ": file not found. Check the path (data.path) and that the file exists.");
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read (" + e.getMessage() + "). Check the file's permissions.", e);
        } catch (OutOfMemoryError e) {
            throw new DataException(file + ": too large to load into memory. Use a smaller file or give TrainBench more memory (-Xmx).");
        }
        return parse(decode(bytes), file.getFileName().toString(), targetColumn, header, task);
    }

    /** Loads CSV from a stream (e.g. a shipped sample); {@code fileName} names it in messages. */
    public static Dataset read(InputStream in, String fileName, String targetColumn, Boolean header, DataSpec.Task task) {
        try (in) {
            return parse(decode(in.readAllBytes()), fileName, targetColumn, header, task);
        } catch (IOException e) {
            throw new DataException(fileName + ": cannot be read (" + e.getMessage() + ").", e);
        }
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

    /** Parses CSV text; {@code fileName} names the source in messages. */
    public static Dataset parse(String text, String fileName, String targetColumn, Boolean header, DataSpec.Task task) {
        char delimiter = detectDelimiter(text);
        List<Row> rows = split(text, delimiter, fileName);
        if (rows.isEmpty()) {
            throw new DataException(fileName + ": the file is empty (no rows with data). Choose a CSV file with a header "
                    + "row and at least two data rows.");
        }
        int width = rows.get(0).cells().size();
        for (Row row : rows) {
            if (row.cells().size() != width) {
                throw new DataException(fileName + ", line " + row.line() + ": has " + row.cells().size()
                        + " cells but line " + rows.get(0).line() + " has " + width + " (delimiter '" + show(delimiter)
                        + "'). Fix: give every row the same number of cells; quote cells that contain the delimiter.");
            }
        }
        if (width < 2) {
            throw new DataException(fileName + ": only one column was found (delimiter '" + show(delimiter) + "'). "
                    + "Fix: a table needs at least one feature column and a target column, separated by ',', ';' or a tab.");
        }
        boolean hasHeader = header != null ? header : detectHeader(rows);
        List<String> names = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            String name = hasHeader ? rows.get(0).cells().get(j) : "";
            names.add(name.isEmpty() ? "col" + j : name);
        }
        List<Row> data = hasHeader ? rows.subList(1, rows.size()) : rows;
        if (data.isEmpty()) {
            throw new DataException(fileName + ": has only a header row (line " + rows.get(0).line() + ") and no data. "
                    + "Fix: add data rows below the header" + (header == null ? "" : ", or set data.header to false") + ".");
        }
        int target = resolveTarget(targetColumn, names, fileName);

        Column[] columns = new Column[width];
        for (int j = 0; j < width; j++) {
            columns[j] = Column.classify(data, j);
        }

        // Features: numeric columns as they are, text columns one-hot.
        List<String> featureNames = new ArrayList<>();
        List<Map<String, Integer>> categoryIndex = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            categoryIndex.add(null);
            if (j == target) {
                continue;
            }
            Column c = columns[j];
            if (c.numeric) {
                featureNames.add(names.get(j));
            } else {
                TreeSet<String> values = new TreeSet<>();
                for (Row r : data) {
                    String cell = r.cells().get(j);
                    if (isMissing(cell)) {
                        throw missing(fileName, r.line(), j, names.get(j));
                    }
                    values.add(cell);
                    if (values.size() > MAX_CATEGORIES) {
                        throw new DataException(fileName + ", column " + (j + 1) + " (" + names.get(j) + "): has more than "
                                + MAX_CATEGORIES + " different text values, so it looks like an ID or free text rather "
                                + "than a category. Fix: remove the column, or make it numeric.");
                    }
                }
                Map<String, Integer> index = new HashMap<>();
                for (String v : values) {
                    index.put(v, featureNames.size());
                    featureNames.add(names.get(j) + "=" + v);
                }
                categoryIndex.set(j, index);
            }
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
        boolean classification;
        if (task != null) {
            classification = task == DataSpec.Task.CLASSIFICATION;
        } else if (!tc.numeric) {
            classification = true;
        } else {
            classification = tc.integerValued(data, target) && tc.distinct(data, target) <= AUTO_CLASS_LIMIT;
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
            return Dataset.regression(name, x, new int[] {d}, y, 1, featureNames);
        }
        // Classification: numeric labels are ordered by value ("2" before "10"), text labels alphabetically.
        Map<String, String> canonical = new HashMap<>();
        TreeMap<Object, String> classes = new TreeMap<>((a, b) -> a instanceof Double da && b instanceof Double db
                ? Double.compare(da, db) : a.toString().compareTo(b.toString()));
        boolean numericLabels = tc.numeric;
        for (Row r : data) {
            String cell = r.cells().get(target);
            if (numericLabels) {
                if (!isNumber(cell)) {
                    throw new DataException(fileName + ", line " + r.line() + ", column " + (target + 1) + " (" + targetName
                            + "): the class label '" + clip(cell) + "' is not a number while the other labels are. "
                            + "Fix: correct the cell or delete the row.");
                }
                double v = Double.parseDouble(cell);
                String label = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
                canonical.put(cell, label);
                classes.put(v, label);
            } else {
                canonical.put(cell, cell);
                classes.put(cell, cell);
            }
            if (classes.size() > MAX_CLASSES) {
                throw new DataException(DataLimits.tooManyClasses(fileName + ", column " + (target + 1) + " (" + targetName + ")",
                        String.format(java.util.Locale.ROOT, "over %,d different values", MAX_CLASSES),
                        "Fix: set data.task to regression or choose another target column."));
            }
        }
        if (classes.size() < 2) {
            throw new DataException(fileName + ", column " + (target + 1) + " (" + targetName + "): every row has the same "
                    + "class '" + clip(classes.firstEntry().getValue()) + "', and a classifier needs at least two. "
                    + "Fix: choose another target column (data.targetColumn) or add rows of other classes.");
        }
        List<String> classNames = new ArrayList<>(classes.values());
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            classIndex.put(classNames.get(c), c);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = classIndex.get(canonical.get(data.get(i).cells().get(target)));
        }
        return Dataset.classification(name, x, new int[] {d}, labels, classNames, featureNames);
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

    private static int resolveTarget(String targetColumn, List<String> names, String fileName) {
        if (targetColumn == null || targetColumn.isBlank()) {
            return names.size() - 1;
        }
        String wanted = targetColumn.strip();
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
        throw new DataException(fileName + ": there is no target column '" + clip(wanted) + "'. Fix: set data.targetColumn "
                + "to one of the column names " + names + " or to an index 0.." + (names.size() - 1) + ".");
    }

    /** Tab, then ';', then ',': the first that splits the first rows into equal numbers (above one) of cells. */
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
        return bestCount > 0 ? best : ',';
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
    private static List<Row> split(String text, char delimiter, String fileName) {
        List<Row> rows = records(text, delimiter, fileName);
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

    private static List<Row> records(String text, char delimiter, String fileName) {
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int recordLine = 1;
        int quoteLine = 1;
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
            } else if (ch == delimiter) {
                cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                cell.setLength(0);
                wasQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
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
        return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
    }

    /** Cells are echoed in messages; a megabyte of garbage must not be. */
    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
