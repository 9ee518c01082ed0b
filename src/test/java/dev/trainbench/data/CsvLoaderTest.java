package dev.trainbench.data;

import dev.trainbench.spec.DataSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvLoaderTest {

    @TempDir
    Path dir;

    private Dataset load(String text) {
        return CsvLoader.load(Fixtures.write(dir.resolve("t.csv"), text), null, null, null);
    }

    private DataException fails(String text) {
        return assertThrows(DataException.class, () -> load(text));
    }

    private static void assertMentions(DataException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message should contain '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void detectsHeaderAndUsesLastColumnAsTarget() {
        Dataset d = load("a,b,label\n1,2,x\n3,4,y\n5,6,x\n");
        assertEquals(3, d.size());
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(List.of("x", "y"), d.classNames());
        assertArrayEquals(new int[] {0, 1, 0}, d.labels());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.features());
    }

    @Test
    void readsFileWithoutHeaderAsData() {
        Dataset d = load("1,2,0\n3,4,1\n5,6,0\n");
        assertEquals(3, d.size());
        assertEquals(List.of("col0", "col1"), d.featureNames());
        assertEquals(List.of("0", "1"), d.classNames());
    }

    @Test
    void headerCanBeForcedOff() {
        Path f = Fixtures.write(dir.resolve("t.csv"), "1,2,0\n3,4,1\n");
        assertEquals(2, CsvLoader.load(f, null, false, null).size());
    }

    @Test
    void choosesTargetByName() {
        Dataset d = CsvLoader.load(Fixtures.write(dir.resolve("t.csv"), "label,a,b\nx,1,2\ny,3,4\n"), "label", null, null);
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(List.of("x", "y"), d.classNames());
    }

    @Test
    void choosesTargetByZeroBasedIndex() {
        Dataset d = CsvLoader.load(Fixtures.write(dir.resolve("t.csv"), "label,a,b\nx,1,2\ny,3,4\n"), "0", null, null);
        assertEquals(List.of("a", "b"), d.featureNames());
    }

    @Test
    void unknownTargetColumnListsTheColumns() {
        Path f = Fixtures.write(dir.resolve("t.csv"), "a,b\n1,x\n2,y\n");
        DataException e = assertThrows(DataException.class, () -> CsvLoader.load(f, "price", null, null));
        assertMentions(e, "t.csv", "price", "[a, b]");
    }

    @Test
    void oneHotEncodesTextColumns() {
        Dataset d = load("color,size,y\nred,1,a\nblue,2,b\nred,3,a\n");
        assertEquals(List.of("color=blue", "color=red", "size"), d.featureNames());
        assertArrayEquals(new float[] {0, 1, 1, 1, 0, 2, 0, 1, 3}, d.features());
    }

    @Test
    void integerTargetWithFewValuesIsClassification() {
        assertTrue(load("a,y\n1.5,0\n2.5,1\n3.5,2\n").isClassification());
    }

    @Test
    void fractionalTargetIsRegression() {
        Dataset d = load("a,y\n1,0.5\n2,1.5\n3,2.25\n");
        assertFalse(d.isClassification());
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.25f}, d.targets());
    }

    @Test
    void integerTargetWithManyValuesIsRegression() {
        StringBuilder s = new StringBuilder("a,y\n");
        for (int i = 0; i < 30; i++) {
            s.append(i).append(',').append(i * 7).append('\n');
        }
        assertFalse(load(s.toString()).isClassification());
    }

    @Test
    void explicitTaskOverridesDetection() {
        Path f = Fixtures.write(dir.resolve("t.csv"), "a,y\n1,0\n2,1\n3,2\n");
        assertFalse(CsvLoader.load(f, null, null, DataSpec.Task.REGRESSION).isClassification());
    }

    @Test
    void numericClassLabelsAreOrderedByValue() {
        Dataset d = load("a,y\n1,10\n2,2\n3,1\n");
        assertEquals(List.of("1", "2", "10"), d.classNames());
    }

    @Test
    void readsQuotedFieldsWithCommasAndQuotes() {
        Dataset d = load("name,a,y\n\"Smith, J\",1,x\n\"say \"\"hi\"\"\",2,y\n");
        assertEquals(List.of("name=Smith, J", "name=say \"hi\"", "a"), d.featureNames());
    }

    @Test
    void readsCrlfBomAndSkipsEmptyLines() {
        Dataset d = load("\uFEFFa,b,y\r\n\r\n1,2,x\r\n\r\n3,4,y\r\n,,\r\n");
        assertEquals(2, d.size());
        assertEquals(List.of("a", "b"), d.featureNames());
    }

    @Test
    void detectsSemicolonDelimiter() {
        Dataset d = load("a;b;y\n1;2;x\n3;4;y\n");
        assertEquals(List.of("a", "b"), d.featureNames());
    }

    @Test
    void semicolonFilesReadDecimalCommas() {
        Dataset d = load("a;b;y\n1,5;2;x\n3;4,25;y\n");
        assertArrayEquals(new float[] {1.5f, 2, 3, 4.25f}, d.features());
    }

    @Test
    void detectsTabDelimiter() {
        Dataset d = load("a\tb\ty\n1\t2\tx\n3\t4\ty\n");
        assertEquals(List.of("a", "b"), d.featureNames());
    }

    @Test
    void raggedRowNamesLineAndCellCounts() {
        DataException e = fails("a,b,y\n1,2,x\n3,y\n");
        assertMentions(e, "t.csv", "line 3", "has 2 cells", "has 3");
    }

    @Test
    void nonNumericCellInNumericColumnNamesLineColumnAndValue() {
        DataException e = fails("a,b,y\n1,2,x\n3,oops,y\n5,6,x\n");
        assertMentions(e, "t.csv", "line 3", "column 2 (b)", "'oops'", "not a number");
    }

    @Test
    void missingCellIsAnErrorNamingLineAndColumn() {
        DataException e = fails("a,b,y\n1,2,x\n3,,y\n5,6,x\n");
        assertMentions(e, "line 3", "column 2 (b)", "missing", "Fix");
    }

    @Test
    void naCellIsAnErrorNamingLineAndColumn() {
        DataException e = fails("a,b,y\n1,2,x\nNA,4,y\n5,6,x\n");
        assertMentions(e, "line 3", "column 1 (a)", "missing");
    }

    @Test
    void nanValueIsAnErrorNamingLineAndColumn() {
        DataException e = fails("a,b,y\n1,2,x\n3,NaN,y\n5,6,x\n");
        assertMentions(e, "line 3", "column 2 (b)", "NaN");
    }

    @Test
    void infiniteValueIsAnError() {
        DataException e = fails("a,b,y\n1,2,x\n3,4,y\n-Infinity,6,x\n");
        assertMentions(e, "line 4", "column 1 (a)", "not a finite number");
    }

    @Test
    void hugeValueIsAnError() {
        DataException e = fails("a,b,y\n1,2,x\n3,4e31,y\n");
        assertMentions(e, "line 3", "column 2 (b)", "too large");
    }

    @Test
    void emptyFileIsAnError() {
        assertMentions(fails(""), "t.csv", "empty");
    }

    @Test
    void blankLinesOnlyIsAnEmptyFile() {
        assertMentions(fails("\n\r\n  \n"), "empty");
    }

    @Test
    void headerOnlyIsAnError() {
        assertMentions(fails("a,b,label\n"), "only a header", "line 1");
    }

    @Test
    void singleClassIsAnError() {
        assertMentions(fails("a,label\n1,x\n2,x\n"), "column 2 (label)", "same class 'x'", "at least two");
    }

    @Test
    void singleColumnIsAnError() {
        assertMentions(fails("a\n1\n2\n"), "only one column");
    }

    @Test
    void unterminatedQuoteNamesItsLine() {
        assertMentions(fails("a,b,y\n1,2,x\n3,\"4,y\n"), "line 3", "never closed");
    }

    @Test
    void missingTargetIsAnError() {
        assertMentions(fails("a,y\n1,x\n2,\n3,y\n"), "line 3", "target is missing");
    }

    @Test
    void textTargetUnderRegressionIsAnError() {
        Path f = Fixtures.write(dir.resolve("t.csv"), "a,y\n1,x\n2,y\n");
        DataException e = assertThrows(DataException.class, () -> CsvLoader.load(f, null, null, DataSpec.Task.REGRESSION));
        assertMentions(e, "line 2", "'x'", "classification");
    }

    @Test
    void idLikeTextColumnIsAnError() {
        StringBuilder s = new StringBuilder("id,a,y\n");
        for (int i = 0; i < 150; i++) {
            s.append("id").append(i).append(',').append(i).append(',').append(i % 2).append('\n');
        }
        assertMentions(fails(s.toString()), "column 1 (id)", "ID or free text");
    }

    @Test
    void missingFileIsAnError() {
        DataException e = assertThrows(DataException.class, () -> CsvLoader.load(dir.resolve("nope.csv"), null, null, null));
        assertMentions(e, "nope.csv", "not found");
    }
}
