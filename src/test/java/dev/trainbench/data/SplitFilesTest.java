package dev.trainbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.SplitSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation and test sets given as their own files (data.validation, data.test), and IDX class names. */
class SplitFilesTest {

    @TempDir
    Path dir;

    /** A Fashion-MNIST-style pair of IDX files: {@code n} images of {@code side}x{@code side}, labels cycling 0..classes-1. */
    static void idxPair(Path dir, String prefix, int n, int side, int classes) {
        int[] pixels = new int[n * side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 37 + i / (side * side) * 11) % 256;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        Fixtures.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), Fixtures.gzip(Fixtures.idxUbyte(new int[] {n, side, side}, pixels)));
        Fixtures.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), Fixtures.gzip(Fixtures.idxUbyte(new int[] {n}, labels)));
    }

    private DataSpec fashion() {
        return DataSpec.idx("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
                .withTest(DataSpec.files("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message should contain '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void officialTestFilesBecomeTheTestSetAsTheyAre() {
        idxPair(dir, "train", 60, 6, 10);
        idxPair(dir, "t10k", 20, 6, 10);
        LoadedData l = DatasetLoader.loadAll(fashion(), dir, 1, w -> { });
        assertEquals(60, l.data().size());
        assertEquals(20, l.test().size());
        assertNull(l.validation());
        assertArrayEquals(new int[] {1, 6, 6}, l.test().sampleShape());
        assertEquals(l.data().classNames(), l.test().classNames());
        assertEquals(List.of(dir.resolve("t10k-images-idx3-ubyte.gz").toString(), dir.resolve("t10k-labels-idx1-ubyte.gz").toString()),
                l.filesBySplit().get("test"));
        assertEquals(l.files().get("data"), l.filesBySplit().get("train"));
        assertEquals(l.files().get("data"), l.filesBySplit().get("validation"));
        assertEquals(4, l.allFiles().size());
    }

    @Test
    void percentagesSplitOnlyTheTrainingFileWhenTheTestSetHasItsOwn() {
        idxPair(dir, "train", 60, 6, 10);
        idxPair(dir, "t10k", 20, 6, 10);
        LoadedData l = DatasetLoader.loadAll(fashion(), dir, 1, w -> { });
        SplitSummary s = SplitSummary.of(l, SplitSpec.defaultsFor(false, true), 1);
        assertEquals(51, s.parts().get(0).samples());
        assertEquals(9, s.parts().get(1).samples());
        assertEquals(20, s.parts().get(2).samples());
        assertEquals("t10k-images-idx3-ubyte.gz + t10k-labels-idx1-ubyte.gz", s.parts().get(2).source());
        assertEquals("85% of train-images-idx3-ubyte.gz + train-labels-idx1-ubyte.gz", s.parts().get(0).source());
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, s.parts().get(2).classCounts());
        assertTrue(s.toText().contains("validation"), s.toText());
    }

    @Test
    void aTestFileOfAnotherShapeIsRefusedNamingTheFileAndTheFix() {
        idxPair(dir, "train", 30, 6, 3);
        idxPair(dir, "t10k", 9, 7, 3);
        DataException e = assertThrows(DataException.class, () -> DatasetLoader.loadAll(fashion(), dir, 1, w -> { }));
        assertMentions(e, "t10k-images-idx3-ubyte.gz", "data.test", "[1, 7, 7]", "[1, 6, 6]", "same shape");
    }

    @Test
    void aTestFileWithAClassTheTrainingDataLacksIsRefused() {
        idxPair(dir, "train", 30, 6, 3);
        idxPair(dir, "t10k", 12, 6, 4);
        DataException e = assertThrows(DataException.class, () -> DatasetLoader.loadAll(fashion(), dir, 1, w -> { }));
        assertMentions(e, "t10k-labels-idx1-ubyte.gz", "data.test", "class [3]", "training data lacks", "[0, 1, 2]");
    }

    @Test
    void aTestFileMissingSomeClassesLoadsWithAWarning() {
        idxPair(dir, "train", 30, 6, 3);
        idxPair(dir, "t10k", 8, 6, 2);
        List<String> warnings = new ArrayList<>();
        LoadedData l = DatasetLoader.loadAll(fashion(), dir, 1, warnings::add);
        assertEquals(List.of("0", "1", "2"), l.test().classNames());
        assertEquals(1, warnings.size());
        assertMentions(new RuntimeException(warnings.get(0)), "data.test", "no samples of class [2]");
    }

    @Test
    void regressionTestLabelsForAClassificationSetAreRefused() {
        idxPair(dir, "train", 30, 6, 3);
        idxPair(dir, "t10k", 6, 6, 3);
        Fixtures.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), Fixtures.idxFloat(new int[] {6}, new float[] {0, 1, 2, 0.5f, 1, 2}));
        DataException e = assertThrows(DataException.class, () -> DatasetLoader.loadAll(fashion(), dir, 1, w -> { }));
        assertMentions(e, "data.test", "regression targets", "class labels");
    }

    @Test
    void aMissingTestFileIsNamed() {
        idxPair(dir, "train", 30, 6, 3);
        DataException e = assertThrows(DataException.class, () -> DatasetLoader.loadAll(fashion(), dir, 1, w -> { }));
        assertMentions(e, "t10k-images-idx3-ubyte.gz", "not found");
    }

    @Test
    void aValidationCsvIsReadWithTheTrainingFilesOptionsAndLayout() {
        Fixtures.write(dir.resolve("train.csv"), "# preamble\nc,x,label\nred,1,a\nblue,2,b\nred,3,a\nblue,4,b\n");
        Fixtures.write(dir.resolve("valid.csv"), "# preamble\nc,x,label\nblue,9,b\n");
        DataSpec spec = DataSpec.csv("train.csv", "label").withSkipLines(1).withValidation(DataSpec.files("valid.csv", null));
        LoadedData l = DatasetLoader.loadAll(spec, dir, 1, w -> { });
        assertEquals(1, l.validation().size());
        assertArrayEquals(new float[] {1, 0, 9}, l.validation().features());
        assertArrayEquals(new int[] {1}, l.validation().labels());
    }

    @Test
    void classNamesFromTheSpecNameIdxClassesOnEverySplit() {
        idxPair(dir, "train", 30, 6, 3);
        idxPair(dir, "t10k", 6, 6, 3);
        LoadedData l = DatasetLoader.loadAll(fashion().withClassNames(List.of("shirt", "shoe", "bag")), dir, 1, w -> { });
        assertEquals(List.of("shirt", "shoe", "bag"), l.data().classNames());
        assertEquals(List.of("shirt", "shoe", "bag"), l.test().classNames());
    }

    @Test
    void classNamesFromAFileGiveEveryNamedClassEvenWithoutSamples() {
        idxPair(dir, "train", 30, 6, 3);
        Fixtures.write(dir.resolve("classes.txt"), "T-shirt/top\nTrouser\nPullover\nDress\n\n");
        Dataset d = DatasetLoader.load(DataSpec.idx("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
                .withClassNamesPath("classes.txt"), dir, 1);
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress"), d.classNames());
        assertEquals(4, d.outputWidth());
    }

    @Test
    void tooFewClassNamesIsAnErrorSayingHowMany() {
        idxPair(dir, "train", 30, 6, 4);
        DataException e = assertThrows(DataException.class, () -> DatasetLoader.load(DataSpec.idx("train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz").withClassNames(List.of("a", "b", "c")), dir, 1));
        assertMentions(e, "label 3", "3 names", "one name per class");
    }

    @Test
    void aMissingClassNamesFileIsNamedWithTheField() {
        idxPair(dir, "train", 30, 6, 3);
        DataException e = assertThrows(DataException.class, () -> DatasetLoader.load(DataSpec.idx("train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz").withClassNamesPath("names.txt"), dir, 1));
        assertMentions(e, "names.txt", "not found", "data.classNamesPath");
    }

    @Test
    void aClassNamesFileWithADuplicateNamesTheLine() {
        idxPair(dir, "train", 30, 6, 3);
        Fixtures.write(dir.resolve("classes.txt"), "a\nb\na\n");
        DataException e = assertThrows(DataException.class, () -> DatasetLoader.load(DataSpec.idx("train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz").withClassNamesPath("classes.txt"), dir, 1));
        assertMentions(e, "classes.txt, line 3", "twice");
    }

    @Test
    void classNamesForTextLabelsAreRefused() {
        Fixtures.write(dir.resolve("t.csv"), "a,b,label\n1,2,x\n3,4,y\n");
        DataException e = assertThrows(DataException.class, () -> DatasetLoader.load(DataSpec.csv("t.csv", null)
                .withClassNames(List.of("p", "q")), dir, 1));
        assertMentions(e, "'x' is text", "remove data.classNames");
    }

    @Test
    void anImageFolderTestSetMapsClassesByFolderName() {
        for (String c : List.of("cat", "dog", "owl")) {
            for (int i = 0; i < 3; i++) {
                Fixtures.write(dir.resolve("train/" + c + "/" + i + ".png"), Fixtures.png(8, 8, 0x102030 * (i + 1)));
            }
        }
        for (String c : List.of("dog", "owl")) {
            Fixtures.write(dir.resolve("test/" + c + "/0.png"), Fixtures.png(8, 8, 0x405060));
        }
        DataSpec spec = DataSpec.images("train", 8, true).withTest(DataSpec.files("test", null));
        LoadedData l = DatasetLoader.loadAll(spec, dir, 1, w -> { });
        assertEquals(List.of("cat", "dog", "owl"), l.test().classNames());
        assertArrayEquals(new int[] {1, 2}, l.test().labels());
    }

    @Test
    void anImageFolderTestSetWithAnUnknownClassIsRefused() {
        for (String c : List.of("cat", "dog")) {
            Fixtures.write(dir.resolve("train/" + c + "/0.png"), Fixtures.png(8, 8, 0x102030));
            Fixtures.write(dir.resolve("test/" + (c.equals("cat") ? "cow" : c) + "/0.png"), Fixtures.png(8, 8, 0x405060));
        }
        DataSpec spec = DataSpec.images("train", 8, true).withTest(DataSpec.files("test", null));
        DataException e = assertThrows(DataException.class, () -> DatasetLoader.loadAll(spec, dir, 1, w -> { }));
        assertMentions(e, "test (data.test)", "class [cow]", "training data lacks");
    }
}
