package dev.trainbench.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderLoaderTest {

    @TempDir
    Path dir;

    private void image(String path, int rgb) {
        Fixtures.write(dir.resolve(path), Fixtures.png(10, 6, rgb));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message should contain '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void classNamesAreSortedSubFolders() {
        image("b/1.png", 0xffffff);
        image("a/1.png", 0x000000);
        image("a/2.png", 0x000000);
        Dataset d = ImageFolderLoader.load(dir, 8, true).dataset();
        assertEquals(List.of("a", "b"), d.classNames());
        assertArrayEquals(new int[] {0, 0, 1}, d.labels());
    }

    @Test
    void greyImagesAreResizedToOneChannel() {
        image("a/1.png", 0x000000);
        image("b/1.png", 0xffffff);
        Dataset d = ImageFolderLoader.load(dir, 8, true).dataset();
        assertArrayEquals(new int[] {1, 8, 8}, d.sampleShape());
        assertEquals(0f, d.features()[0], 0.5f);
        assertEquals(255f, d.features()[64], 0.5f);
    }

    @Test
    void rgbImagesHaveThreeChannels() {
        image("a/1.png", 0xff0000);
        image("b/1.png", 0x0000ff);
        Dataset d = ImageFolderLoader.load(dir, 4, false).dataset();
        assertArrayEquals(new int[] {3, 4, 4}, d.sampleShape());
        assertEquals(255f, d.features()[0], 0.5f);      // red plane of the red image
        assertEquals(0f, d.features()[16], 0.5f);       // its green plane
        assertEquals(255f, d.features()[48 + 32], 0.5f); // blue plane of the blue image
    }

    @Test
    void readsJpeg() {
        BufferedImage img = new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB);
        Fixtures.write(dir.resolve("a/x.jpg"), Fixtures.encode(img, "jpg"));
        image("b/1.png", 0xffffff);
        assertEquals(2, ImageFolderLoader.load(dir, 8, true).dataset().size());
    }

    @Test
    void nonImageFilesAreSkippedWithAWarning() {
        image("a/1.png", 0);
        image("b/1.png", 0xffffff);
        Fixtures.write(dir.resolve("a/notes.txt"), "hello");
        ImageFolderLoader.Result r = ImageFolderLoader.load(dir, 8, true);
        assertEquals(2, r.dataset().size());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("a/notes.txt"));
    }

    @Test
    void corruptImagesAreSkippedByName() {
        image("a/1.png", 0);
        image("b/1.png", 0xffffff);
        Fixtures.write(dir.resolve("b/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        ImageFolderLoader.Result r = ImageFolderLoader.load(dir, 8, true);
        assertEquals(2, r.dataset().size());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("b/broken.png")), r.warnings()::toString);
    }

    @Test
    void imageDeclaringAHugeSizeIsSkippedWithoutDecoding() {
        image("a/1.png", 0);
        image("b/1.png", 0xffffff);
        byte[] png = Fixtures.png(4, 4, 0);
        // IHDR width and height (bytes 16..23) set to 50,000 x 50,000: 2.5 gigapixels if decoded.
        java.nio.ByteBuffer.wrap(png).putInt(16, 50_000).putInt(20, 50_000);
        Fixtures.write(dir.resolve("a/huge.png"), png);
        ImageFolderLoader.Result r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> ImageFolderLoader.load(dir, 8, true));
        assertEquals(2, r.dataset().size());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("a/huge.png")), r.warnings()::toString);
    }

    @Test
    void classWithOnlyCorruptImagesIsAnError() {
        image("a/1.png", 0);
        Fixtures.write(dir.resolve("b/broken.png"), "not a png");
        DataException e = assertThrows(DataException.class, () -> ImageFolderLoader.load(dir, 8, true));
        assertMentions(e, "'b'", "no readable images", "broken.png");
    }

    @Test
    void emptyFolderIsAnError() {
        assertMentions(assertThrows(DataException.class, () -> ImageFolderLoader.load(dir, 8, true)), "no sub-folders");
    }

    @Test
    void singleClassIsAnError() {
        image("a/1.png", 0);
        assertMentions(assertThrows(DataException.class, () -> ImageFolderLoader.load(dir, 8, true)), "only one class");
    }

    @Test
    void foldersWithoutImagesAreAnError() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Fixtures.write(dir.resolve("b/readme.md"), "x");
        assertMentions(assertThrows(DataException.class, () -> ImageFolderLoader.load(dir, 8, true)), "no image files");
    }

    @Test
    void missingFolderIsAnError() {
        assertMentions(assertThrows(DataException.class, () -> ImageFolderLoader.load(dir.resolve("nope"), 8, true)),
                "nope", "not found");
    }

    @Test
    void reportsProgressUpToTheTotal() {
        for (int i = 0; i < 5; i++) {
            image("a/" + i + ".png", 0);
            image("b/" + i + ".png", 0xffffff);
        }
        AtomicLong last = new AtomicLong();
        AtomicLong total = new AtomicLong();
        ImageFolderLoader.load(dir, 8, true, (done, all) -> {
            last.accumulateAndGet(done, Math::max);
            total.set(all);
        });
        assertEquals(10, last.get());
        assertEquals(10, total.get());
    }
}
