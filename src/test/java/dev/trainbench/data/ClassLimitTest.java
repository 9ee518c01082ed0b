package dev.trainbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.DataSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One class-count limit and one message for every loader (issue 10, item 11), and an image-folder
 * error about one class names only that class's files.
 */
class ClassLimitTest {

    @TempDir
    Path dir;

    private static final String LIMIT_TEXT = "more classes than the " + String.format("%,d", DataLimits.MAX_CLASSES)
            + " TrainBench can classify";

    private static void assertLimitMessage(DataException e, String where) {
        assertTrue(e.getMessage().startsWith(where), e.getMessage());
        assertTrue(e.getMessage().contains(LIMIT_TEXT), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: "), e.getMessage());
    }

    @Test
    void csvWithOneClassTooManyIsRefusedWithTheSharedMessage() {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i <= DataLimits.MAX_CLASSES; i++) {
            csv.append(i).append(",c").append(i).append('\n');
        }
        DataException e = assertThrows(DataException.class,
                () -> CsvLoader.parse(csv.toString(), "many.csv", null, null, DataSpec.Task.CLASSIFICATION));
        assertLimitMessage(e, "many.csv");
    }

    @Test
    void csvAtTheLimitLoads() {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < DataLimits.MAX_CLASSES; i++) {
            csv.append(i).append(",c").append(i).append('\n');
        }
        assertEquals(DataLimits.MAX_CLASSES, CsvLoader.parse(csv.toString(), "many.csv", null, null,
                DataSpec.Task.CLASSIFICATION).numClasses());
    }

    @Test
    void idxLabelsBeyondTheLimitAreRefusedWithTheSharedMessage() {
        int n = 4;
        Path images = Fixtures.write(dir.resolve("images.idx"), Fixtures.idxUbyte(new int[] {n, 2, 2}, Fixtures.ramp(n * 4)));
        Path intLabels = Fixtures.write(dir.resolve("labels16.idx"), idxShort(new int[] {0, 1, 2, DataLimits.MAX_CLASSES}));
        DataException e = assertThrows(DataException.class, () -> IdxLoader.load(images, intLabels));
        assertLimitMessage(e, "labels16.idx");
    }

    @Test
    void idxLabelsAtTheLimitLoad() {
        int n = 4;
        Path images = Fixtures.write(dir.resolve("images.idx"), Fixtures.idxUbyte(new int[] {n, 2, 2}, Fixtures.ramp(n * 4)));
        Path intLabels = Fixtures.write(dir.resolve("labels16.idx"), idxShort(new int[] {0, 1, 2, DataLimits.MAX_CLASSES - 1}));
        assertEquals(DataLimits.MAX_CLASSES, IdxLoader.load(images, intLabels).numClasses());
    }

    /** An IDX file of 16-bit signed integers (type 0x0B), one dimension. */
    private static byte[] idxShort(int[] values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 * values.length);
        b.put(new byte[] {0, 0, 0x0B, 1}).putInt(values.length);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    @Test
    void anImageFolderWithMoreClassFoldersThanTheLimitIsRefusedWithTheSharedMessage() throws Exception {
        for (int c = 0; c <= DataLimits.MAX_CLASSES; c++) {
            Files.createDirectories(dir.resolve("imgs").resolve(String.format("class%04d", c)));
        }
        DataException e = assertThrows(DataException.class, () -> ImageFolderLoader.load(dir.resolve("imgs"), 8, true));
        assertLimitMessage(e, dir.resolve("imgs").toString());
    }

    @Test
    void anImageFolderErrorAboutOneClassNamesOnlyThatClassesFiles() throws Exception {
        Fixtures.write(dir.resolve("imgs/a/broken.png"), "not a png");
        Fixtures.write(dir.resolve("imgs/b/good.png"), Fixtures.png(4, 4, 0xffffff));
        Fixtures.write(dir.resolve("imgs/b/also-broken.png"), "not a png either");
        DataException e = assertThrows(DataException.class, () -> ImageFolderLoader.load(dir.resolve("imgs"), 8, true));
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("broken.png"), e.getMessage());
        assertFalse(e.getMessage().contains("also-broken.png"), e.getMessage());
        assertFalse(e.getMessage().contains("b/"), e.getMessage());
    }

    @Test
    void everyLoaderSaysTheSameAboutTheLimit() {
        List<String> messages = List.of(DataLimits.tooManyClasses("x.csv", "1,001 values", "Fix: a."),
                DataLimits.tooManyClasses("labels.idx", "label 1000", "Fix: b."),
                DataLimits.tooManyClasses("folder", "1,001 class folders", "Fix: c."));
        for (String m : messages) {
            assertTrue(m.contains(LIMIT_TEXT), m);
        }
    }
}
