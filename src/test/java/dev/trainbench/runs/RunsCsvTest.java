package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.trainbench.spec.SpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCsvTest {

    @TempDir
    Path dir;

    static List<List<String>> parse(String csv) throws Exception {
        try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerForListOf(String.class).readValues(csv)) {
            return it.readAll();
        }
    }

    static RunSummary run(String name, String notes) {
        return new RunRecord.Builder().id("20250101-000000-x-abcd").name(name).status(RunStatus.COMPLETED)
                .spec(SpecJson.read(Path.of("examples/mnist-mlp.json"))).seed(42).bestValidationAccuracy(0.9684)
                .parameterCount(118_282L).epochsCompleted(30).tags(List.of("a", "b")).notes(notes).groupId("g-1").build().summary();
    }

    @Test
    void oneRowPerRunWithAHeaderAndTheSpecsSettings() throws Exception {
        List<List<String>> rows = parse(RunsCsv.toCsv(List.of(run("mlp", ""), run("cnn", ""))));
        assertEquals(3, rows.size());
        assertEquals(RunsCsv.COLUMNS, rows.get(0));
        List<String> mlp = rows.get(1);
        assertEquals("mlp", mlp.get(RunsCsv.COLUMNS.indexOf("name")));
        assertEquals("completed", mlp.get(RunsCsv.COLUMNS.indexOf("status")));
        assertEquals("adam", mlp.get(RunsCsv.COLUMNS.indexOf("optimizer")));
        assertEquals("0.001", mlp.get(RunsCsv.COLUMNS.indexOf("learningRate")));
        assertEquals("64", mlp.get(RunsCsv.COLUMNS.indexOf("batchSize")));
        assertEquals("0.9684", mlp.get(RunsCsv.COLUMNS.indexOf("bestValidationAccuracy")));
        assertEquals("", mlp.get(RunsCsv.COLUMNS.indexOf("testAccuracy")));
        assertEquals("g-1", mlp.get(RunsCsv.COLUMNS.indexOf("groupId")));
        assertEquals("a b", mlp.get(RunsCsv.COLUMNS.indexOf("tags")));
    }

    @Test
    void commasQuotesAndNewlinesInNotesSurviveARoundTrip() throws Exception {
        String notes = "lr \"too high\", diverged\nsecond line";
        List<List<String>> rows = parse(RunsCsv.toCsv(List.of(run("x", notes))));
        assertEquals(notes, rows.get(1).get(RunsCsv.COLUMNS.indexOf("notes")));
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaStaysText() throws Exception {
        List<List<String>> rows = parse(RunsCsv.toCsv(List.of(run("=HYPERLINK(\"x\")", "@SUM(1)"))));
        assertEquals("'=HYPERLINK(\"x\")", rows.get(1).get(RunsCsv.COLUMNS.indexOf("name")));
        assertEquals("'@SUM(1)", rows.get(1).get(RunsCsv.COLUMNS.indexOf("notes")));
    }

    @Test
    void writesAFileAtomically() throws Exception {
        Path file = dir.resolve("runs.csv");
        RunsCsv.write(List.of(run("mlp", "")), file);
        assertTrue(Files.readString(file).startsWith("id,name,status,"));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }
}
