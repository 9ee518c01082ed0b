package dev.trainbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.DataSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV options of the spec (skipLines, header, delimiter, task, categoricalColumns) and files read alike. */
class CsvOptionsTest {

    @TempDir
    Path dir;

    /** A scikit-learn-style wine CSV: a preamble "178,13,class_0,class_1,class_2", then 13 features and the class. */
    static String wineStyle(int rows) {
        StringBuilder s = new StringBuilder(rows + ",13,class_0,class_1,class_2\n");
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 13; j++) {
                s.append(String.format(java.util.Locale.ROOT, "%.2f,", 10 + i * 0.1 + j));
            }
            s.append(i % 3).append('\n');
        }
        return s.toString();
    }

    /** scikit-learn's iris.csv shape: "150,4,setosa,versicolor,virginica", then 4 features and 0/1/2. */
    static String irisStyle() {
        return "6,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,0\n7.0,3.2,4.7,1.4,1\n"
                + "6.4,3.2,4.5,1.5,1\n6.3,3.3,6.0,2.5,2\n5.8,2.7,5.1,1.9,2\n";
    }

    private CsvLoader.Parsed load(String text, CsvLoader.Options options) {
        return CsvLoader.load(Fixtures.write(dir.resolve("t.csv"), text), options, w -> { });
    }

    private static CsvLoader.Options options(DataSpec spec) {
        return CsvLoader.Options.of(spec);
    }

    private static DataSpec csv() {
        return DataSpec.csv("t.csv", null);
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message should contain '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void skipLinesReadsScikitLearnStyleCsvWithPreamble() {
        CsvLoader.Parsed p = load(wineStyle(9), options(csv().withSkipLines(1)));
        assertEquals(9, p.dataset().size());
        assertEquals(13, p.dataset().sampleSize());
        assertEquals(List.of("0", "1", "2"), p.dataset().classNames());
        assertFalse(p.layout().hasHeader());
        assertTrue(p.warnings().isEmpty(), p.warnings().toString());
    }

    @Test
    void preambleWithoutSkipLinesIsRefusedNamingTheLineAndTheOption() {
        DataException e = assertThrows(DataException.class, () -> load(wineStyle(9), CsvLoader.Options.defaults()));
        assertMentions(e, "t.csv", "line 1", "5 cells", "14", "preamble", "data.skipLines to 1", "'Skip lines'");
    }

    @Test
    void preambleTakenAsHeaderGivesAWarningNamingTheLineAndTheOptions() {
        CsvLoader.Parsed p = load(irisStyle(), CsvLoader.Options.defaults());
        assertEquals(List.of("6", "4", "setosa", "versicolor"), p.dataset().featureNames());
        assertEquals(1, p.warnings().size(), p.warnings().toString());
        String w = p.warnings().get(0);
        for (String part : List.of("t.csv, line 1", "header", "6, 4", "data.skipLines to 1", "data.header to false")) {
            assertTrue(w.contains(part), () -> "warning should contain '" + part + "': " + w);
        }
    }

    @Test
    void preambleSkippedWithClassNamesGivesNamedClassesAndNoWarning() {
        Path f = Fixtures.write(dir.resolve("iris.csv"), irisStyle());
        List<String> warnings = new ArrayList<>();
        Dataset d = DatasetLoader.load(DataSpec.csv(f.toString(), null).withSkipLines(1)
                .withClassNames(List.of("setosa", "versicolor", "virginica")), null, 1, warnings::add);
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, d.labels());
        assertEquals(List.of("col0", "col1", "col2", "col3"), d.featureNames());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aRealHeaderGivesNoWarning() {
        assertTrue(load("a,b,label\n1,2,x\n3,4,y\n", CsvLoader.Options.defaults()).warnings().isEmpty());
    }

    @Test
    void skippingMoreLinesThanTheFileHasNamesTheCountAndTheFix() {
        DataException e = assertThrows(DataException.class, () -> load("a,b\n1,2\n3,4\n", options(csv().withSkipLines(5))));
        assertMentions(e, "t.csv", "data.skipLines is 5", "only 3 lines", "at most 2");
    }

    @Test
    void skippingEveryLineLeavesAnEmptyFileAndSaysSo() {
        DataException e = assertThrows(DataException.class, () -> load("a,b\n1,2\n3,4", options(csv().withSkipLines(3))));
        assertMentions(e, "empty", "after the 3 skipped lines", "lower data.skipLines");
    }

    @Test
    void lineNumbersInMessagesCountTheSkippedLines() {
        DataException e = assertThrows(DataException.class,
                () -> load("# exported\n# by a tool\na,b,label\n1,2,x\n3,oops,y\n5,6,x\n", options(csv().withSkipLines(2))));
        assertMentions(e, "line 5", "column 2", "oops");
    }

    @Test
    void whitespaceDelimiterSplitsOnRunsOfSpacesAndTabs() {
        CsvLoader.Parsed p = load("  x    y\tlabel\n 1.5   2  a\n3 \t 4 b\n", options(csv().withDelimiter(DataSpec.Delimiter.WHITESPACE)));
        assertEquals(List.of("x", "y"), p.dataset().featureNames());
        assertArrayEquals(new float[] {1.5f, 2, 3, 4}, p.dataset().features());
        assertEquals(' ', p.layout().delimiter());
    }

    @Test
    void whitespaceIsDetectedWhenNoOtherDelimiterOccurs() {
        CsvLoader.Parsed p = load("1 2 0\n3 4 1\n5 6 0\n", CsvLoader.Options.defaults());
        assertEquals(3, p.dataset().size());
        assertEquals(2, p.dataset().sampleSize());
    }

    @Test
    void forcedSemicolonDelimiterWins() {
        CsvLoader.Parsed p = load("a,1;b;label\nx,2;3;u\ny,4;5;v\n", options(csv().withDelimiter(DataSpec.Delimiter.SEMICOLON)));
        assertEquals(';', p.layout().delimiter());
        assertEquals(List.of("a,1", "b"), p.layout().columns().subList(0, 2));
    }

    @Test
    void headerYesMakesTheFirstRowNamesEvenWhenItIsNumeric() {
        CsvLoader.Parsed p = load("10,20,30\n1,2,0\n3,4,1\n", options(csv().withHeader(true)));
        assertEquals(List.of("10", "20"), p.dataset().featureNames());
        assertEquals(1, p.warnings().size(), "a numeric header is still worth a warning");
    }

    @Test
    void gzippedCsvIsReadAsCsv() {
        Path f = Fixtures.write(dir.resolve("data.csv.gz"), Fixtures.gzip("a,b,label\n1,2,x\n3,4,y\n".getBytes()));
        Dataset d = DatasetLoader.load(DataSpec.csv(f.toString(), null), null, 1);
        assertEquals(2, d.size());
        assertEquals(List.of("x", "y"), d.classNames());
    }

    @Test
    void corruptGzipIsAnErrorNamingTheFile() {
        byte[] gz = Fixtures.gzip("a,b,label\n1,2,x\n3,4,y\n".getBytes());
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length - 12);
        Path f = Fixtures.write(dir.resolve("data.csv.gz"), cut);
        DataException e = assertThrows(DataException.class, () -> DatasetLoader.load(DataSpec.csv(f.toString(), null), null, 1));
        assertMentions(e, "data.csv.gz", "gzip");
    }

    @Test
    void categoricalColumnsOneHotEncodeANumericColumn() {
        CsvLoader.Parsed p = load("zone,size,price\n3,1.5,10\n7,2,12\n3,2.5,11\n",
                options(csv().withCategoricalColumns(List.of("zone")).withTask(DataSpec.Task.REGRESSION)));
        assertEquals(List.of("zone=3", "zone=7", "size"), p.dataset().featureNames());
        assertEquals("categorical (forced)", p.layout().kind(0));
        assertArrayEquals(new float[] {1, 0, 1.5f, 0, 1, 2, 1, 0, 2.5f}, p.dataset().features());
    }

    @Test
    void categoricalColumnThatDoesNotExistListsTheColumns() {
        DataException e = assertThrows(DataException.class,
                () -> load("a,b,label\n1,2,x\n3,4,y\n", options(csv().withCategoricalColumns(List.of("colour")))));
        assertMentions(e, "no column 'colour'", "data.categoricalColumns", "[a, b, label]");
    }

    @Test
    void theTargetCannotBeACategoricalFeature() {
        DataException e = assertThrows(DataException.class,
                () -> load("a,b,label\n1,2,x\n3,4,y\n", options(csv().withCategoricalColumns(List.of("label")))));
        assertMentions(e, "target", "remove it from data.categoricalColumns");
    }

    @Test
    void targetColumnThatDoesNotExistNamesTheOptionAndTheColumns() {
        DataException e = assertThrows(DataException.class,
                () -> load("a,b,label\n1,2,x\n3,4,y\n", options(csv().withTargetColumn("price"))));
        assertMentions(e, "no target column 'price'", "data.targetColumn", "'Target'", "[a, b, label]");
    }

    @Test
    void detectedTaskIsReportedEvenWhenTheTaskIsForced() {
        CsvLoader.Parsed p = load("a,b\n1,0\n2,1\n3,0\n", options(csv().withTask(DataSpec.Task.REGRESSION)));
        assertFalse(p.layout().classification());
        assertEquals(DataSpec.Task.CLASSIFICATION, p.layout().detectedTask());
    }

    // ------------------------------------------------------------------ a second file read like the first

    private CsvLoader.Parsed like(String train, String other, DataSpec spec) {
        CsvLoader.Parsed first = load(train, options(spec));
        return CsvLoader.loadLike(Fixtures.write(dir.resolve("test.csv"), other), options(spec), first.layout(), w -> { });
    }

    @Test
    void aTestFileGetsTheTrainingFilesCategoriesAndClassNumbers() {
        CsvLoader.Parsed p = like("colour,x,label\nred,1,a\nblue,2,b\ngreen,3,c\n",
                "colour,x,label\ngreen,5,c\nred,6,c\n", csv());
        assertEquals(List.of("colour=blue", "colour=green", "colour=red", "x"), p.dataset().featureNames());
        assertArrayEquals(new float[] {0, 1, 0, 5, 0, 0, 1, 6}, p.dataset().features());
        assertEquals(List.of("a", "b", "c"), p.dataset().classNames());
        assertArrayEquals(new int[] {2, 2}, p.dataset().labels());
    }

    @Test
    void aTestFileWithOtherColumnsIsRefused() {
        DataException e = assertThrows(DataException.class,
                () -> like("a,b,label\n1,2,x\n3,4,y\n", "a,c,label\n1,2,x\n", csv()));
        assertMentions(e, "test.csv", "[a, c, label]", "[a, b, label]", "same columns");
    }

    @Test
    void aTestFileWithMoreColumnsIsRefused() {
        DataException e = assertThrows(DataException.class,
                () -> like("a,b,label\n1,2,x\n3,4,y\n", "a,b,c,label\n1,2,3,x\n", csv()));
        assertMentions(e, "test.csv", "4 columns", "training file has 3");
    }

    @Test
    void aTestFileWithAClassTheTrainingDataLacksIsRefused() {
        DataException e = assertThrows(DataException.class,
                () -> like("a,b,label\n1,2,x\n3,4,y\n", "a,b,label\n1,2,x\n5,6,z\n", csv()));
        assertMentions(e, "test.csv", "line 3", "class 'z'", "does not occur in the training data", "[x, y]");
    }

    @Test
    void aTestFileWithAnUnseenCategoryIsRefused() {
        DataException e = assertThrows(DataException.class,
                () -> like("c,b,label\nred,2,x\nblue,4,y\n", "c,b,label\npink,2,x\n", csv()));
        assertMentions(e, "test.csv", "line 2", "'pink'", "training categories: [blue, red]");
    }

    @Test
    void aTestFileKeepsTheTrainingTaskEvenWhenItsOwnTargetLooksDifferent() {
        // 25 distinct integer targets: regression in training; the test file's three values alone would look like classes
        StringBuilder train = new StringBuilder("x,y\n");
        for (int i = 0; i < 25; i++) {
            train.append(i).append(',').append(i * 2).append('\n');
        }
        CsvLoader.Parsed p = like(train.toString(), "x,y\n1,2\n2,4\n3,6\n", csv());
        assertFalse(p.dataset().isClassification());
    }

    // ------------------------------------------------------------------ preview

    @Test
    void previewShowsRowsAsParsedWithColumnKindsAndTheGuessedTask() {
        Path f = Fixtures.write(dir.resolve("w.csv"), wineStyle(12));
        CsvLoader.Preview p = CsvLoader.preview(f, options(csv().withSkipLines(1)), 5);
        assertNull(p.error());
        assertEquals(14, p.columns().size());
        assertEquals(5, p.rows().size());
        assertEquals(12, p.dataRows());
        assertEquals("target", p.kinds().get(13));
        assertEquals("numeric", p.kinds().get(0));
        assertEquals(DataSpec.Task.CLASSIFICATION, p.layout().detectedTask());
    }

    @Test
    void previewOfAFileThatCannotLoadCarriesTheErrorAndTheRawCells() {
        Path f = Fixtures.write(dir.resolve("w.csv"), wineStyle(12));
        CsvLoader.Preview p = CsvLoader.preview(f, CsvLoader.Options.defaults(), 5);
        assertNotNull(p.error());
        assertTrue(p.error().contains("data.skipLines to 1"), p.error());
        assertEquals(6, p.rows().size(), "the preamble and five rows");
        assertEquals(5, p.rows().get(0).size());
    }

    @Test
    void previewOfAMissingFileSaysSo() {
        CsvLoader.Preview p = CsvLoader.preview(dir.resolve("nope.csv"), CsvLoader.Options.defaults(), 5);
        assertTrue(p.error().contains("not found"), p.error());
    }
}
