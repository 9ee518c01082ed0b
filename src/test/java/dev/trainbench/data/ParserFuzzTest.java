package dev.trainbench.data;

import dev.trainbench.spec.DataSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded fuzzing of every parser with random and mutated inputs: the only exception that may
 * escape is {@link DataException}; a corrupt header must not allocate gigabytes, and nothing may
 * hang. A failure names the seed and case so it can be replayed.
 */
class ParserFuzzTest {

    static final long SEED = 20_240_601L;

    @TempDir
    Path dir;

    /** Runs one case; anything but success or DataException fails the test with the case's id. */
    private static void expectOnlyDataException(String id, Runnable parse) {
        try {
            parse.run();
        } catch (DataException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                fail(id + ": DataException without a message");
            }
        } catch (Throwable t) {
            AssertionError err = new AssertionError(id + ": " + t.getClass().getName() + " escaped: " + t.getMessage());
            err.initCause(t);
            throw err;
        }
    }

    private static void checkDataset(Dataset d) {
        assertTrue(d.size() > 0);
        for (float v : d.features()) {
            assertTrue(Float.isFinite(v), "non-finite feature slipped through");
        }
    }

    // ---------------------------------------------------------------- CSV

    static final String[] CSV_SEEDS = {
        "a,b,label\n1,2,x\n3,4,y\n5,6,x\n",
        "color;size;price\nred;1,5;10\nblue;2;12.5\n",
        "\uFEFF\"name, full\",age,ok\r\n\"Smith, J\",31,yes\r\n\"O\"\"Brien\",40,no\r\n",
        "x\ty\tz\n1\t2\t0\n3\t4\t1\n",
        "1,2,3\n4,5,6\n7,8,9\n",
    };
    static final String[] CSV_TOKENS = {",", ";", "\t", "\"", "\"\"", "\n", "\r\n", "\r", " ", "1", "0", "-3.5", "1e40",
        "1e-400", "NaN", "inf", "-Infinity", "NA", "", "?", "abc", "x=y", "\uFEFF", "\u00e9", "\uFFFD", "9".repeat(30),
        ".", "-", "+", "e5", "0x1F", "1d", "label"};

    static final String[] CELL_TOKENS = {"1", "0", "-3.5", "1e40", "1e-400", "NaN", "inf", "NA", "", "?", "abc", "2",
        "7", "0.25", "\"q,uoted\"", "\"\"", "red", "1,5", "+4", "-0", "1E3"};

    @Test
    void csvParserOnlyThrowsDataException() throws IOException {
        String iris;
        try (InputStream in = DatasetLoader.class.getResourceAsStream("/sample-datasets/iris/iris.csv")) {
            iris = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> seeds = new ArrayList<>(List.of(CSV_SEEDS));
        seeds.add(iris);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            SplittableRandom r = new SplittableRandom(SEED);
            for (int i = 0; i < 4000; i++) {
                String text = i % 4 == 0 ? randomCsv(r) : mutate(seeds.get(r.nextInt(seeds.size())), r);
                String target = switch (r.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> Integer.toString(r.nextInt(-1, 5));
                    case 2 -> "label";
                    default -> "zz";
                };
                Boolean header = r.nextInt(3) == 0 ? null : r.nextBoolean();
                DataSpec.Task task = switch (r.nextInt(3)) {
                    case 0 -> null;
                    case 1 -> DataSpec.Task.CLASSIFICATION;
                    default -> DataSpec.Task.REGRESSION;
                };
                int id = i;
                expectOnlyDataException("csv case " + i + " (seed " + SEED + ")", () -> {
                    Dataset d = CsvLoader.parse(text, "fuzz" + id + ".csv", target, header, task);
                    checkDataset(d);
                });
            }
        });
    }

    @Test
    void csvOptionsAndFilesReadAlikeOnlyThrowDataException() throws IOException {
        String iris;
        try (InputStream in = DatasetLoader.class.getResourceAsStream("/sample-datasets/iris/iris.csv")) {
            iris = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> seeds = new ArrayList<>(List.of(CSV_SEEDS));
        seeds.add(iris);
        seeds.add("178,13,class_0,class_1\n1 2 0\n3  4 1\n5\t6 2\n");
        DataSpec.Delimiter[] delimiters = DataSpec.Delimiter.values();
        CsvLoader.Layout layout = CsvLoader.load(Fixtures.write(dir.resolve("train.csv"), CSV_SEEDS[0]),
                CsvLoader.Options.defaults(), w -> { }).layout();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            SplittableRandom r = new SplittableRandom(SEED + 1);
            for (int i = 0; i < 600; i++) {
                String text = i % 4 == 0 ? randomCsv(r) : mutate(seeds.get(r.nextInt(seeds.size())), r);
                CsvLoader.Options options = new CsvLoader.Options(r.nextInt(3) == 0 ? "label" : null,
                        r.nextInt(3) == 0 ? null : r.nextBoolean(), r.nextInt(4),
                        r.nextInt(3) == 0 ? null : delimiters[r.nextInt(delimiters.length)],
                        r.nextInt(3) == 0 ? DataSpec.Task.CLASSIFICATION : null,
                        r.nextInt(4) == 0 ? List.of(Integer.toString(r.nextInt(4))) : List.of());
                Path f = Fixtures.write(dir.resolve("f.csv"), text);
                boolean like = r.nextInt(4) == 0;
                int id = i;
                expectOnlyDataException("csv options case " + id + " (seed " + (SEED + 1) + ")", () -> {
                    CsvLoader.Parsed p = like ? CsvLoader.loadLike(f, CsvLoader.Options.defaults(), layout, w -> { })
                            : CsvLoader.load(f, options, w -> { });
                    checkDataset(p.dataset());
                });
                // the preview never throws: errors are part of what it shows
                CsvLoader.Preview preview = CsvLoader.preview(f, options, 5);
                assertTrue(preview.error() != null || preview.layout() != null, "case " + id);
            }
        });
    }

    private static String randomCsv(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(0, 80);
        for (int k = 0; k < n; k++) {
            s.append(CSV_TOKENS[r.nextInt(CSV_TOKENS.length)]);
        }
        return s.toString();
    }

    private static String mutate(String seed, SplittableRandom r) {
        StringBuilder s = new StringBuilder(seed);
        int edits = r.nextInt(1, 6);
        for (int e = 0; e < edits; e++) {
            int at = s.length() == 0 ? 0 : r.nextInt(s.length());
            switch (r.nextInt(7)) {
                case 0 -> s.insert(at, CSV_TOKENS[r.nextInt(CSV_TOKENS.length)]);
                case 5, 6 -> { // replace one cell's text, keeping the table's shape
                    int from = at;
                    while (from > 0 && ",;\t\n\r".indexOf(s.charAt(from - 1)) < 0) {
                        from--;
                    }
                    int to = at;
                    while (to < s.length() && ",;\t\n\r".indexOf(s.charAt(to)) < 0) {
                        to++;
                    }
                    String token = CELL_TOKENS[r.nextInt(CELL_TOKENS.length)];
                    s.replace(from, to, token);
                }
                case 1 -> {
                    if (s.length() > 0) {
                        s.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (s.length() > 0) {
                        s.setCharAt(at, (char) r.nextInt(0, 0x3000));
                    }
                }
                case 3 -> s.setLength(at);
                default -> s.append(s, at, Math.min(s.length(), at + r.nextInt(1, 40)));
            }
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- IDX

    @Test
    void idxParserOnlyThrowsDataExceptionAndNeverAllocatesFromACorruptHeader() {
        byte[] images = Fixtures.idxUbyte(new int[] {6, 4, 4}, Fixtures.ramp(96));
        byte[] features = Fixtures.idxFloat(new int[] {6, 3}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
            15, 16, 17, 18});
        byte[] labels = Fixtures.idxUbyte(new int[] {6}, new int[] {0, 1, 2, 0, 1, 2});
        List<byte[]> seeds = List.of(images, features, labels, Fixtures.gzip(images), Fixtures.gzip(labels),
                Fixtures.idxUbyte(new int[] {6, 2, 2, 3}, Fixtures.ramp(72)));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            SplittableRandom r = new SplittableRandom(SEED);
            for (int i = 0; i < 6000; i++) {
                byte[] x = mutate(seeds.get(r.nextInt(seeds.size())), r);
                byte[] y = r.nextInt(3) == 0 ? mutate(labels, r) : labels;
                boolean knownLength = r.nextBoolean();
                expectOnlyDataException("idx case " + i + " (seed " + SEED + ")", () -> {
                    if (knownLength) {
                        IdxLoader.read(new ByteArrayInputStream(x), "fuzz.idx", x.length);
                    } else {
                        checkDataset(IdxLoader.read(new ByteArrayInputStream(x), "fuzz.idx",
                                new ByteArrayInputStream(y), "labels.idx", "fuzz"));
                    }
                });
            }
        });
    }

    private static byte[] mutate(byte[] seed, SplittableRandom r) {
        byte[] b = seed.clone();
        switch (r.nextInt(7)) {
            case 0 -> { // flip bits
                for (int k = r.nextInt(1, 4); k > 0; k--) {
                    int at = r.nextInt(b.length);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncate
            case 2 -> { // corrupt the header: type, dimension count or a dimension
                int at = r.nextInt(Math.min(b.length, 20));
                b[at] = (byte) r.nextInt(256);
            }
            case 3 -> { // a huge or negative dimension
                if (b.length >= 8 && b[0] == 0) {
                    int v = r.nextInt(4) == 0 ? -r.nextInt(1, 1000) : r.nextInt(1 << 20, Integer.MAX_VALUE);
                    int at = 4 + 4 * r.nextInt(Math.max(1, Math.min(4, (b.length - 4) / 4)));
                    if (at + 4 <= b.length) {
                        b[at] = (byte) (v >>> 24);
                        b[at + 1] = (byte) (v >>> 16);
                        b[at + 2] = (byte) (v >>> 8);
                        b[at + 3] = (byte) v;
                    }
                }
            }
            case 4 -> { // random garbage
                b = new byte[r.nextInt(0, 64)];
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) r.nextInt(256);
                }
            }
            case 5 -> { // extra bytes
                b = Arrays.copyOf(b, b.length + r.nextInt(1, 10));
            }
            default -> { // overwrite a run of bytes
                int at = r.nextInt(b.length);
                for (int k = at; k < Math.min(b.length, at + r.nextInt(1, 16)); k++) {
                    b[k] = (byte) r.nextInt(256);
                }
            }
        }
        return b;
    }

    // ---------------------------------------------------------------- image folders

    @Test
    void imageFolderLoaderOnlyThrowsDataExceptionOnCorruptFiles() throws IOException {
        List<byte[]> seeds = List.of(picture("png", false), picture("png", true), picture("jpg", false),
                picture("bmp", false), picture("gif", false));
        String[] names = {"a.png", "b.png", "c.jpg", "d.bmp", "e.gif"};
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
            SplittableRandom r = new SplittableRandom(SEED);
            // Many single corrupt files straight through the decoder...
            Path file = dir.resolve("one");
            float[] out = new float[3 * 8 * 8];
            for (int i = 0; i < 2500; i++) {
                int k = r.nextInt(seeds.size());
                byte[] bytes = mutate(seeds.get(k), r);
                Path f = Files.write(file.resolveSibling("one" + names[k].substring(1)), bytes);
                boolean grey = r.nextBoolean();
                expectOnlyDataException("image case " + i + " (seed " + SEED + ")",
                        () -> ImageFolderLoader.decodeInto(f, 8, grey, out, 0));
            }
            // ...and whole folders mixing good, corrupt and non-image files.
            for (int i = 0; i < 60; i++) {
                Path root = Files.createDirectories(dir.resolve("set" + i));
                int classes = r.nextInt(1, 4);
                for (int c = 0; c < classes; c++) {
                    Path cd = Files.createDirectories(root.resolve("class" + c));
                    for (int f = r.nextInt(0, 5); f > 0; f--) {
                        int k = r.nextInt(seeds.size());
                        byte[] bytes = r.nextBoolean() ? seeds.get(k) : mutate(seeds.get(k), r);
                        Files.write(cd.resolve(f + names[k]), bytes);
                    }
                    if (r.nextInt(4) == 0) {
                        Files.writeString(cd.resolve("notes.txt"), "not an image");
                    }
                }
                int id = i;
                expectOnlyDataException("folder case " + i + " (seed " + SEED + ")",
                        () -> checkDataset(ImageFolderLoader.load(root, 8 + id % 3, id % 2 == 0).dataset()));
            }
        });
    }

    private static byte[] picture(String format, boolean alpha) {
        BufferedImage img = new BufferedImage(12, 9, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(1, 1, 9, 6);
        g.dispose();
        return Fixtures.encode(img, format);
    }
}
