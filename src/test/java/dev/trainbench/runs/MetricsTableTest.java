package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTableTest {

    @TempDir
    Path dir;

    private static final String HEAD = "# trainbench-metrics 1\nstep,loss,accuracy\n";

    private MetricsTable read(String text) throws IOException {
        return MetricsTable.read(Files.writeString(dir.resolve("metrics.csv"), text));
    }

    @Test
    void readsColumnsAndRows() throws IOException {
        MetricsTable t = read(HEAD + "1,2.5,0.1\n2,1.5,0.4\n");
        assertEquals(List.of("step", "loss", "accuracy"), t.columns());
        assertEquals(2, t.rows());
        assertArrayEquals(new double[] {2.5, 1.5}, t.column("loss"));
    }

    @Test
    void emptyCellsReadAsNaN() throws IOException {
        MetricsTable t = read(HEAD + "1,,0.1\n2,1.5,\n");
        assertTrue(Double.isNaN(t.column("loss")[0]));
        assertTrue(Double.isNaN(t.column("accuracy")[1]));
        assertEquals(1.5, t.column("loss")[1]);
    }

    @Test
    void lastLineCutBeforeItsLastCellIsSkipped() throws IOException {
        MetricsTable t = read(HEAD + "1,2.5,0.1\n2,1.5,0.4\n3,1.2");
        assertEquals(2, t.rows());
        assertArrayEquals(new double[] {1, 2}, t.column("step"));
    }

    @Test
    void lastLineCutRightAfterAcommaIsSkippedNotReadAsAnEmptyCell() throws IOException {
        MetricsTable t = read(HEAD + "1,2.5,0.1\n2,1.5,0.4\n3,1.2,");
        assertEquals(2, t.rows());
    }

    @Test
    void lastLineCutInsideItsLastNumberIsSkippedNotReadAsAShorterNumber() throws IOException {
        // the process died while writing "3,1.25,0.4375\n": what is on disk parses, but is wrong
        MetricsTable t = read(HEAD + "1,2.5,0.1\n2,1.5,0.4\n3,1.25,0.4");
        assertEquals(2, t.rows());
        assertArrayEquals(new double[] {0.1, 0.4}, t.column("accuracy"));
    }

    @Test
    void fileCutInsideTheHeaderHasNoRows() throws IOException {
        assertEquals(0, read("# trainbench-metrics 1\nstep,lo").rows());
    }

    @Test
    void headerOnlyHasColumnsAndNoRows() throws IOException {
        MetricsTable t = read(HEAD);
        assertEquals(3, t.columns().size());
        assertEquals(0, t.rows());
    }

    @Test
    void missingFileIsAnEmptyTable() throws IOException {
        MetricsTable t = MetricsTable.read(dir.resolve("absent.csv"));
        assertEquals(0, t.rows());
        assertEquals(List.of(), t.columns());
    }

    @Test
    void unknownColumnIsNull() throws IOException {
        assertNull(read(HEAD + "1,2,3\n").column("nope"));
        assertEquals(-1, read(HEAD + "1,2,3\n").columnIndex("nope"));
    }

    @Test
    void quotedHeaderNamesWithCommasAreOneColumn() throws IOException {
        MetricsTable t = read("# trainbench-metrics 1\nstep,\"grad_norm[2 dense 1,2]\"\n1,0.5\n");
        assertEquals(List.of("step", "grad_norm[2 dense 1,2]"), t.columns());
        assertEquals(0.5, t.column("grad_norm[2 dense 1,2]")[0]);
    }

    @Test
    void csvLogRowsReadBackIncludingNaN() throws IOException {
        Path file = dir.resolve("log.csv");
        try (CsvLog log = new CsvLog(file, "metrics", List.of("step", "loss", "grad_norm[a,b]"))) {
            log.append(new double[] {1, 0.125, Double.NaN});
            log.append(new double[] {2, 3e-9, 1e20});
        }
        MetricsTable t = MetricsTable.read(file);
        assertEquals(List.of("step", "loss", "grad_norm[a,b]"), t.columns());
        assertArrayEquals(new double[] {1, 2}, t.column("step"));
        assertEquals(0.125, t.column("loss")[0]);
        assertEquals(3e-9, t.column("loss")[1], 1e-15);
        assertTrue(Double.isNaN(t.column("grad_norm[a,b]")[0]));
        assertEquals(1e20, t.column("grad_norm[a,b]")[1], 1e14);
    }
}
