package dev.trainbench.ui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.CsvLoader;
import dev.trainbench.data.SplitSummary;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.ui.TestWorkbench;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Data view model's CSV options, preview and split files, without a stage. */
public class DataFilesViewModelTest {

    @TempDir
    Path dir;

    public static Path wine(Path dir) throws Exception {
        StringBuilder s = new StringBuilder("30,13,class_0,class_1,class_2\n");
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 13; j++) {
                s.append(String.format(Locale.ROOT, "%.2f,", (j == i % 3 ? 3.0 : 0.0) + 0.01 * i));
            }
            s.append(i % 3).append('\n');
        }
        return Files.writeString(dir.resolve("wine.csv"), s.toString());
    }

    static void idxPair(Path dir, String prefix, int n, int side, int classes) throws Exception {
        int[] dims = {n, side, side};
        ByteBuffer x = ByteBuffer.allocate(4 + 12 + n * side * side);
        x.put(new byte[] {0, 0, 8, 3});
        for (int d : dims) {
            x.putInt(d);
        }
        for (int i = 0; i < n * side * side; i++) {
            x.put((byte) ((i * 31) % 256));
        }
        ByteBuffer y = ByteBuffer.allocate(8 + n);
        y.put(new byte[] {0, 0, 8, 1}).putInt(n);
        for (int i = 0; i < n; i++) {
            y.put((byte) (i % classes));
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), gzip(x.array()));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), gzip(y.array()));
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void thePreviewFollowsTheOptionsAndOneOptionLoadsAPreambleCsv() throws Exception {
        Path wine = wine(dir);
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        vm.choiceProperty().set(DataViewModel.Choice.CSV);
        vm.pathProperty().set(wine.toString());
        CsvLoader.Preview bad = vm.csvPreviewProperty().get();
        assertNotNull(bad.error());
        assertTrue(vm.previewStatusProperty().get().contains("data.skipLines to 1"), vm.previewStatusProperty().get());

        vm.skipLinesProperty().set(1);
        CsvLoader.Preview good = vm.csvPreviewProperty().get();
        assertNull(good.error(), good.error());
        assertEquals(14, vm.columns().size());
        assertEquals(DataViewModel.PREVIEW_ROWS, good.rows().size());
        assertEquals(DataSpec.Task.CLASSIFICATION, vm.taskGuessProperty().get());
        assertTrue(vm.previewStatusProperty().get().contains("First 10 of 30 rows"), vm.previewStatusProperty().get());

        vm.load();
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        assertEquals(1, w.model.spec().data().skipLines());
        assertEquals(13, w.model.dataset().sampleSize());
        assertEquals(3, w.model.dataset().numClasses());
    }

    @Test
    void pickingATargetAndATaskRereadsThePreview() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "a,b,c\n1,2,0\n3,4,1\n5,6,0\n");
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        vm.choiceProperty().set(DataViewModel.Choice.CSV);
        vm.pathProperty().set(dir.resolve("t.csv").toString());
        assertEquals("target", vm.csvPreviewProperty().get().kinds().get(2));
        vm.targetColumnProperty().set("a");
        assertEquals("target", vm.csvPreviewProperty().get().kinds().get(0));
        vm.taskProperty().set(DataViewModel.TaskChoice.REGRESSION);
        assertTrue(vm.previewStatusProperty().get().contains("(regression"), vm.previewStatusProperty().get());
        vm.categoricalColumns().add("c");
        assertEquals("categorical (forced)", vm.csvPreviewProperty().get().kinds().get(2));
        vm.targetColumnProperty().set("price");
        assertTrue(vm.previewStatusProperty().get().contains("no target column 'price'"), vm.previewStatusProperty().get());
    }

    @Test
    void loadingEditsTheCurrentSpecSoFieldsTheScreenDoesNotShowSurvive() throws Exception {
        Path wine = wine(dir);
        TestWorkbench w = new TestWorkbench(dir);
        w.model.updateSpec(s -> s.withData(DataSpec.csv(wine.toString(), null).withSkipLines(1)
                .withClassNames(List.of("barolo", "grignolino", "barbera"))));
        DataViewModel vm = new DataViewModel(w.model);
        assertEquals(DataViewModel.Choice.CSV, vm.choiceProperty().get());
        assertEquals(1, vm.skipLinesProperty().get());
        vm.delimiterProperty().set(DataSpec.Delimiter.COMMA);
        vm.load();
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        DataSpec d = w.model.spec().data();
        assertEquals(List.of("barolo", "grignolino", "barbera"), d.classNames(), "not shown here, kept");
        assertEquals(DataSpec.Delimiter.COMMA, d.delimiter());
        assertEquals(List.of("barolo", "grignolino", "barbera"), w.model.dataset().classNames());
    }

    @Test
    void aSpecOpenedLaterShowsItsCsvOptionsAndTestFiles() throws Exception {
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        w.model.setSpec(w.model.spec().withSplit(dev.trainbench.spec.SplitSpec.defaultsFor(false, true))
                .withData(DataSpec.idx("train-images.gz", "train-labels.gz").withTest(DataSpec.files("t10k-images.gz", "t10k-labels.gz"))));
        assertEquals(DataViewModel.Choice.IDX, vm.choiceProperty().get());
        assertTrue(vm.testFromFilesProperty().get());
        assertEquals("t10k-labels.gz", vm.testLabelsPathProperty().get());
        assertEquals(0, vm.testPercentProperty().get(), 1e-9);
    }

    @Test
    void officialTestFilesFromTheGuiBecomeTheTestSplitAndTheCountsShowEachSplit() throws Exception {
        idxPair(dir, "train", 60, 6, 3);
        idxPair(dir, "t10k", 12, 6, 3);
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        vm.choiceProperty().set(DataViewModel.Choice.IDX);
        vm.pathProperty().set(dir.resolve("train-images-idx3-ubyte.gz").toString());
        vm.labelsPathProperty().set(dir.resolve("train-labels-idx1-ubyte.gz").toString());
        vm.testFromFilesProperty().set(true);
        assertEquals(0, w.model.spec().split().test(), 1e-9);
        assertEquals(85, w.model.spec().split().train(), 1e-9);
        vm.testPathProperty().set(dir.resolve("t10k-images-idx3-ubyte.gz").toString());
        vm.testLabelsPathProperty().set(dir.resolve("t10k-labels-idx1-ubyte.gz").toString());
        vm.load();
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        assertEquals("t10k-images-idx3-ubyte.gz", Path.of(w.model.spec().data().test().path()).getFileName().toString());
        SplitSummary s = vm.splitSummaryProperty().get();
        assertEquals(12, s.parts().get(2).samples());
        assertEquals(List.of(4, 4, 4), List.of(s.parts().get(2).classCounts()[0], s.parts().get(2).classCounts()[1],
                s.parts().get(2).classCounts()[2]));
        assertTrue(vm.splitTextProperty().get().contains("test 12 (t10k-images-idx3-ubyte.gz + t10k-labels-idx1-ubyte.gz)"),
                vm.splitTextProperty().get());

        vm.validationPercentProperty().set(30);
        assertEquals(70, vm.trainPercentProperty().get(), 1e-9);
        assertEquals(0, vm.testPercentProperty().get(), 1e-9, "the test share stays 0 while the test split has its own files");
        assertEquals(18, vm.splitSummaryProperty().get().parts().get(1).samples());

        vm.testFromFilesProperty().set(false);
        assertNull(w.model.spec().data().test(), "switching back takes the files out of the spec at once");
        assertEquals(15, w.model.spec().split().test(), 1e-9);
    }

    @Test
    void testFilesWithAClassTheTrainingDataLacksAreReportedNotThrown() throws Exception {
        idxPair(dir, "train", 30, 6, 3);
        idxPair(dir, "t10k", 12, 6, 4);
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        vm.choiceProperty().set(DataViewModel.Choice.IDX);
        vm.pathProperty().set(dir.resolve("train-images-idx3-ubyte.gz").toString());
        vm.labelsPathProperty().set(dir.resolve("train-labels-idx1-ubyte.gz").toString());
        vm.testFromFilesProperty().set(true);
        vm.testPathProperty().set(dir.resolve("t10k-images-idx3-ubyte.gz").toString());
        vm.testLabelsPathProperty().set(dir.resolve("t10k-labels-idx1-ubyte.gz").toString());
        DataSpec before = w.model.spec().data();
        vm.load();
        assertEquals(1, w.errors.size());
        assertTrue(w.errors.get(0).contains("training data lacks"), w.errors.get(0));
        assertEquals(before, w.model.spec().data(), "nothing changes on bad input");
    }
}
