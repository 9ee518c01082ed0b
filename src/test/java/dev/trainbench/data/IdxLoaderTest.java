package dev.trainbench.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxLoaderTest {

    @TempDir
    Path dir;

    private Path images(byte[] bytes) {
        return Fixtures.write(dir.resolve("images.idx"), bytes);
    }

    private Path labels(int... values) {
        return Fixtures.write(dir.resolve("labels.idx"), Fixtures.idxUbyte(new int[] {values.length}, values));
    }

    private static void assertMentions(DataException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message should contain '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void readsThreeDimensionalImagesAsOneChannel() {
        Dataset d = IdxLoader.load(images(Fixtures.idxUbyte(new int[] {3, 2, 2}, Fixtures.ramp(12))), labels(0, 1, 2));
        assertArrayEquals(new int[] {1, 2, 2}, d.sampleShape());
        assertEquals(3, d.size());
        assertEquals(11f, d.features()[11]);
        assertEquals(java.util.List.of("0", "1", "2"), d.classNames());
    }

    @Test
    void readsGzipByMagicBytesWhateverTheName() {
        byte[] gz = Fixtures.gzip(Fixtures.idxUbyte(new int[] {2, 2, 2}, Fixtures.ramp(8)));
        Dataset d = IdxLoader.load(images(gz), labels(0, 1));
        assertEquals(2, d.size());
        assertEquals(7f, d.features()[7]);
    }

    @Test
    void readsTwoDimensionalFeatures() {
        Path x = Fixtures.write(dir.resolve("x.idx"), Fixtures.idxFloat(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6.5f}));
        Dataset d = IdxLoader.load(x, labels(1, 0));
        assertArrayEquals(new int[] {3}, d.sampleShape());
        assertEquals(6.5f, d.features()[5]);
    }

    @Test
    void readsFourDimensionalImagesChannelsFirst() {
        // 1 image, 1x2 pixels, 3 channels: pixel 0 = (0,1,2), pixel 1 = (3,4,5).
        Dataset d = IdxLoader.load(images(Fixtures.idxUbyte(new int[] {2, 1, 2, 3}, Fixtures.ramp(12))), labels(0, 1));
        assertArrayEquals(new int[] {3, 1, 2}, d.sampleShape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, Arrays.copyOf(d.features(), 6));
    }

    @Test
    void floatLabelsGiveRegression() {
        Path y = Fixtures.write(dir.resolve("y.idx"), Fixtures.idxFloat(new int[] {2}, new float[] {0.5f, 1.5f}));
        Dataset d = IdxLoader.load(images(Fixtures.idxUbyte(new int[] {2, 2, 2}, Fixtures.ramp(8))), y);
        assertFalse(d.isClassification());
    }

    @Test
    void wrongMagicSaysWhatTheBytesWere() {
        Path x = Fixtures.write(dir.resolve("data.csv"), "a,b\n1,2\n");
        DataException e = assertThrows(DataException.class, () -> IdxLoader.load(x, labels(0, 1)));
        assertMentions(e, "data.csv", "61 2C 62 0A", "00 00", "not an IDX file");
    }

    @Test
    void unknownTypeByteIsAnError() {
        byte[] b = Fixtures.idxUbyte(new int[] {2, 2, 2}, Fixtures.ramp(8));
        b[2] = 0x07;
        assertMentions(assertThrows(DataException.class, () -> IdxLoader.load(images(b), labels(0, 1))), "type 0x07");
    }

    @Test
    void truncatedFileSaysExpectedAndFoundBytes() {
        byte[] b = Arrays.copyOf(Fixtures.idxUbyte(new int[] {2, 2, 2}, Fixtures.ramp(8)), 20);
        DataException e = assertThrows(DataException.class, () -> IdxLoader.load(images(b), labels(0, 1)));
        assertMentions(e, "images.idx", "truncated", "need 24 bytes", "found 20");
    }

    @Test
    void truncatedGzipIsAnError() {
        byte[] gz = Fixtures.gzip(Fixtures.idxUbyte(new int[] {50, 10, 10}, Fixtures.ramp(5000)));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        DataException e = assertThrows(DataException.class, () -> IdxLoader.load(images(cut), labels(0, 1)));
        assertMentions(e, "images.idx", "truncated");
    }

    @Test
    void countMismatchBetweenImagesAndLabelsIsAnError() {
        DataException e = assertThrows(DataException.class,
                () -> IdxLoader.load(images(Fixtures.idxUbyte(new int[] {3, 2, 2}, Fixtures.ramp(12))), labels(0, 1)));
        assertMentions(e, "labels.idx", "2 labels", "3 samples");
    }

    @Test
    void absurdDimensionsAreRefusedBeforeAllocating() {
        byte[] b = Fixtures.idxUbyte(new int[] {2_000_000_000, 2_000, 2_000}, new int[0]);
        DataException e = assertThrows(DataException.class, () -> IdxLoader.load(images(b), labels(0, 1)));
        assertMentions(e, "images.idx", "more than");
    }

    @Test
    void largeDeclaredSizeInSmallFileIsTruncatedNotAllocated() {
        byte[] b = Fixtures.idxUbyte(new int[] {1_000_000, 16, 16}, Fixtures.ramp(100));
        DataException e = assertThrows(DataException.class, () -> IdxLoader.load(images(b), labels(0, 1)));
        assertMentions(e, "truncated", "found " + b.length);
    }

    @Test
    void largeDeclaredSizeInSmallGzipIsTruncated() {
        byte[] gz = Fixtures.gzip(Fixtures.idxUbyte(new int[] {1_000_000, 16, 16}, Fixtures.ramp(100)));
        DataException e = assertThrows(DataException.class, () -> IdxLoader.load(images(gz), labels(0, 1)));
        assertMentions(e, "truncated");
    }

    @Test
    void zeroDimensionIsAnError() {
        byte[] b = Fixtures.idxUbyte(new int[] {0, 2, 2}, new int[0]);
        assertMentions(assertThrows(DataException.class, () -> IdxLoader.load(images(b), labels(0, 1))), "dimension 1");
    }

    @Test
    void extraBytesAfterTheDataAreAnError() {
        byte[] b = Arrays.copyOf(Fixtures.idxUbyte(new int[] {2, 2, 2}, Fixtures.ramp(8)), 30);
        assertMentions(assertThrows(DataException.class, () -> IdxLoader.load(images(b), labels(0, 1))), "extra");
    }

    @Test
    void emptyFileIsAnError() {
        assertMentions(assertThrows(DataException.class, () -> IdxLoader.load(images(new byte[0]), labels(0, 1))),
                "images.idx", "empty");
    }

    @Test
    void labelsFileWithTwoDimensionsIsAnError() {
        Path y = Fixtures.write(dir.resolve("y.idx"), Fixtures.idxUbyte(new int[] {2, 1}, new int[] {0, 1}));
        DataException e = assertThrows(DataException.class,
                () -> IdxLoader.load(images(Fixtures.idxUbyte(new int[] {2, 2, 2}, Fixtures.ramp(8))), y));
        assertMentions(e, "y.idx", "1 dimension");
    }

    @Test
    void singleClassLabelsAreAnError() {
        DataException e = assertThrows(DataException.class,
                () -> IdxLoader.load(images(Fixtures.idxUbyte(new int[] {2, 2, 2}, Fixtures.ramp(8))), labels(3, 3)));
        assertMentions(e, "labels.idx", "at least two");
    }

    @Test
    void nanInFloatFileNamesTheEntry() {
        Path x = Fixtures.write(dir.resolve("x.idx"), Fixtures.idxFloat(new int[] {2, 2}, new float[] {1, 2, Float.NaN, 4}));
        assertMentions(assertThrows(DataException.class, () -> IdxLoader.load(x, labels(0, 1))), "x.idx", "entry 2");
    }

    @Test
    void missingLabelsPathIsAnError() {
        Path x = images(Fixtures.idxUbyte(new int[] {2, 2, 2}, Fixtures.ramp(8)));
        assertMentions(assertThrows(DataException.class, () -> IdxLoader.load(x, null)), "labelsPath");
    }
}
