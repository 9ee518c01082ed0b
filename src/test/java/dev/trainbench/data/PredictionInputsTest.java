package dev.trainbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs for a trained model are read as its training data was, and what cannot fit is refused by name. */
class PredictionInputsTest {

    @TempDir
    Path dir;

    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    static final InputEncoding MNIST = InputEncoding.image(1, 28, 28, InputEncoding.RESIZE_NONE);
    static final InputEncoding FOLDER = InputEncoding.image(1, 28, 28, InputEncoding.RESIZE_BILINEAR);
    static final int[] SHAPE = {1, 28, 28};

    Path png(String name, int w, int h, Color background, Color dot) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x == w / 2 && y == h / 2 ? dot : background).getRGB());
            }
        }
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    PredictionInputs.Samples read(Path p, InputEncoding e, PredictionInputs.Options o) {
        return PredictionInputs.read(p, null, e, SHAPE, DIGITS, o);
    }

    String refused(Path p, Path labels, InputEncoding e, int[] shape) {
        return assertThrows(DataException.class,
                () -> PredictionInputs.read(p, labels, e, shape, DIGITS, PredictionInputs.Options.defaults())).getMessage();
    }

    @Test
    void rgbImageForAGreyModelIsConvertedByLumaAsTrainingDid() throws Exception {
        Path p = png("red.png", 28, 28, Color.BLACK, new Color(200, 100, 50));
        PredictionInputs.Samples s = read(p, MNIST, PredictionInputs.Options.defaults());
        assertEquals(1, s.count());
        assertNull(s.labels());
        assertEquals(0.299 * 200 + 0.587 * 100 + 0.114 * 50, s.features()[14 * 28 + 14], 1e-3);
        assertEquals(0f, s.features()[0]);
        PredictionInputs.Samples inverted = read(p, MNIST, new PredictionInputs.Options(true, false));
        assertEquals(255f, inverted.features()[0], "--invert: dark paper becomes light");
    }

    @Test
    void imageOfAnotherSizeIsResizedOnlyWhenTrainingResized() throws Exception {
        Path big = png("big.png", 56, 56, Color.WHITE, Color.BLACK);
        String msg = refused(big, null, MNIST, SHAPE);
        assertTrue(msg.contains("56x56") && msg.contains("28x28") && msg.contains("not resized"), msg);
        assertEquals(784, read(big, FOLDER, PredictionInputs.Options.defaults()).features().length,
                "an image-folder model resizes, as its training did");
        assertEquals(784, read(big, MNIST, new PredictionInputs.Options(false, true)).features().length, "--resize");
    }

    @Test
    void imageForAModelWithOtherChannelsOrATableIsRefused() throws Exception {
        Path p = png("x.png", 28, 28, Color.WHITE, Color.BLACK);
        String four = refused(p, null, InputEncoding.image(4, 28, 28, "none"), new int[] {4, 28, 28});
        assertTrue(four.contains("4 channels") && four.contains("IDX"), four);
        InputEncoding table = InputEncoding.table(List.of(new InputEncoding.Column("a", null),
                new InputEncoding.Column("b", null)), "y", 2, true);
        String tab = refused(p, null, table, new int[] {2});
        assertTrue(tab.contains("is an image, but the model takes table rows (columns a, b)"), tab);
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        String notImage = refused(csv, null, MNIST, SHAPE);
        assertTrue(notImage.contains("neither an image") && notImage.contains("1x28x28 grey images"), notImage);
    }

    @Test
    void folderOfClassSubFoldersIsLabelledByFolderName() throws Exception {
        png("set/3/a.png", 28, 28, Color.BLACK, Color.WHITE);
        png("set/3/b.png", 28, 28, Color.BLACK, Color.WHITE);
        png("set/7/c.png", 28, 28, Color.BLACK, Color.WHITE);
        Files.writeString(dir.resolve("set/7/notes.txt"), "x");
        PredictionInputs.Samples s = read(dir.resolve("set"), MNIST, PredictionInputs.Options.defaults());
        assertEquals(3, s.count());
        assertArrayEquals(new int[] {3, 3, 7}, s.labels());
        assertEquals(List.of("3/a.png", "3/b.png", "7/c.png"), s.names());
        png("set/cat/d.png", 28, 28, Color.BLACK, Color.WHITE);
        String msg = refused(dir.resolve("set"), null, MNIST, SHAPE);
        assertTrue(msg.contains("[cat] are not classes of the model"), msg);
        png("flat/a.png", 28, 28, Color.BLACK, Color.WHITE);
        assertNull(read(dir.resolve("flat"), MNIST, PredictionInputs.Options.defaults()).labels(), "no sub-folders: unlabelled");
    }

    static byte[] idx(int type, int[] dims, byte[] values) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(values);
        return b.toByteArray();
    }

    @Test
    void idxWithTheRightShapeIsReadWithItsLabelsAndAnyOtherShapeIsRefused() throws Exception {
        Path images = dir.resolve("x.idx");
        Files.write(images, idx(0x08, new int[] {2, 28, 28}, new byte[2 * 784]));
        Path labels = dir.resolve("y.idx");
        Files.write(labels, idx(0x08, new int[] {2}, new byte[] {4, 9}));
        PredictionInputs.Samples s = PredictionInputs.read(images, labels, MNIST, SHAPE, DIGITS, PredictionInputs.Options.defaults());
        assertEquals(2, s.count());
        assertArrayEquals(new int[] {4, 9}, s.labels());

        Path wrong = dir.resolve("small.idx");
        Files.write(wrong, idx(0x08, new int[] {3, 16, 16}, new byte[3 * 256]));
        String msg = refused(wrong, null, MNIST, SHAPE);
        assertTrue(msg.contains("[1, 16, 16]") && msg.contains("[1, 28, 28]"), msg);
        Path three = dir.resolve("y3.idx");
        Files.write(three, idx(0x08, new int[] {3}, new byte[] {1, 2, 3}));
        assertTrue(refused(images, three, MNIST, SHAPE).contains("3 labels for 2 samples"));
        Path big = dir.resolve("y12.idx");
        Files.write(big, idx(0x08, new int[] {2}, new byte[] {1, 12}));
        assertTrue(refused(images, big, MNIST, SHAPE).contains("label 12 is not a class"));
        Path png = png("p.png", 28, 28, Color.WHITE, Color.BLACK);
        assertTrue(refused(png, labels, MNIST, SHAPE).contains("--labels"), "labels only for IDX");
    }
}
