package dev.trainbench.runs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runs table as CSV (R5), for a spreadsheet or a script: one row per run, in the order given
 * (the GUI passes its sorted and filtered rows; {@code trainbench list --csv} the whole workspace,
 * newest first). UTF-8, comma-separated, a header row, quoting as RFC 4180 (Jackson's CSV
 * module). Accuracies are fractions (0.968), times seconds, empty cells unknown. Text that a
 * spreadsheet would run as a formula (a name or note starting with {@code = + - @}) is written
 * with a leading apostrophe, as spreadsheets expect for text.
 */
public final class RunsCsv {

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("id", "name", "status", "createdAt", "groupId", "groupName",
            "parentId", "data", "model", "parameters", "optimizer", "learningRate", "batchSize", "epochs", "plannedEpochs",
            "seed", "device", "bestEpoch", "bestValidationLoss", "bestValidationAccuracy", "testAccuracy", "wallSeconds",
            "samplesPerSecond", "dataFingerprint", "tags", "notes");

    /** Quote only the cells that need it (a comma, a quote, a line break), not every id that starts with a digit. */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private RunsCsv() {
    }

    /** Writes the table to {@code file} atomically (a reader never sees half of it). */
    public static void write(List<RunSummary> runs, Path file) throws IOException {
        RunFiles.writeAtomically(file.toAbsolutePath(), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            write(runs, w);
            w.flush();
        });
    }

    /** The table as text. */
    public static String toCsv(List<RunSummary> runs) {
        StringWriter w = new StringWriter();
        try {
            write(runs, w);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return w.toString();
    }

    private static void write(List<RunSummary> runs, Writer out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        try (SequenceWriter rows = CSV.writer(schema.build()).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out)) {
            for (RunSummary r : runs) {
                // every cell as text: an absent value is an empty cell in its own column
                rows.write(row(r).stream().map(v -> v == null ? "" : v.toString()).toList());
            }
        }
    }

    private static List<Object> row(RunSummary r) {
        RunSummary.Setup s = r.setup();
        List<Object> row = new ArrayList<>();
        row.add(r.id());
        row.add(text(r.name()));
        row.add(r.status() == null ? "" : r.status().name().toLowerCase(Locale.ROOT));
        row.add(r.createdAt());
        row.add(r.groupId());
        row.add(text(r.groupName()));
        row.add(r.parentId());
        row.add(text(r.dataLabel()));
        row.add(text(r.modelLabel()));
        row.add(r.parameterCount());
        row.add(s == null ? null : s.optimizer());
        row.add(s == null ? null : s.learningRate());
        row.add(s == null ? null : s.batchSize());
        row.add(r.epochsCompleted());
        row.add(s == null ? null : s.epochs());
        row.add(r.seed());
        row.add(r.device());
        row.add(r.bestEpoch());
        row.add(r.bestValidationLoss());
        row.add(r.bestValidationAccuracy());
        row.add(r.testAccuracy());
        row.add(r.wallSeconds());
        row.add(r.samplesPerSecond());
        row.add(r.fingerprint());
        row.add(text(String.join(" ", r.tags())));
        row.add(text(r.notes()));
        return row;
    }

    /** A leading = + - @ (or tab, CR) makes a spreadsheet evaluate the cell: keep such text as text. */
    static String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }
}
