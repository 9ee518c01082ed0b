package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.spec.SpecJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data as people have it, from the command line: official test files (Fashion-MNIST-style
 * train/t10k IDX pairs), scikit-learn-style CSVs with a preamble line, no validation split; and
 * the bad inputs of each option: exit 2, a message naming the file and the fix, no run folder.
 */
class CliDataFilesTest {

    @TempDir
    Path dir;

    Path ws() {
        return dir.resolve("ws");
    }

    /** An IDX file of unsigned bytes, gzipped. */
    static byte[] idx(int[] dims, int[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + values.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        for (int v : values) {
            b.put((byte) v);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b.array());
        }
        return out.toByteArray();
    }

    /**
     * A small Fashion-MNIST-style pair: {@code n} images {@code side}x{@code side}; class k lights up
     * row k (plus seeded noise), so a small MLP learns it in one epoch.
     */
    static void fashionPair(Path dir, String prefix, int n, int side, int classes, long seed) throws IOException {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] pixels = new int[n * side * side];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(classes);
            for (int p = 0; p < side * side; p++) {
                pixels[i * side * side + p] = r.nextInt(60) + (p / side == labels[i] ? 180 : 0);
            }
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), idx(new int[] {n, side, side}, pixels));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), idx(new int[] {n}, labels));
    }

    static final String MLP = "\"model\": {\"layers\": [{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 16},"
            + " {\"type\": \"relu\"}], \"init\": {\"type\": \"he\"}},"
            + " \"training\": {\"optimizer\": {\"type\": \"adam\", \"learningRate\": 0.01}, \"batchSize\": 16, \"epochs\": 2}";

    Path spec(String name, String data, String split) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "{\"name\": \"" + name.replace(".json", "") + "\", \"seed\": 5, \"data\": " + data
                + (split == null ? "" : ", \"split\": " + split) + ", " + MLP + "}");
        return p;
    }

    static final String FASHION = """
            {"source": "idx", "path": "train-images-idx3-ubyte.gz", "labelsPath": "train-labels-idx1-ubyte.gz",
             "classNames": ["top", "trouser", "pullover", "dress"],
             "test": {"path": "t10k-images-idx3-ubyte.gz", "labelsPath": "t10k-labels-idx1-ubyte.gz"}}""";

    private void assertNoRunWritten() throws IOException {
        Path runs = ws().resolve("runs");
        if (Files.isDirectory(runs)) {
            try (Stream<Path> s = Files.list(runs)) {
                assertEquals(0, s.filter(Files::isDirectory).count(), "no run folder may be written for bad input");
            }
        }
    }

    private static void assertMentions(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), () -> "should contain '" + p + "': " + text);
        }
    }

    @Test
    void officialTestFilesAreTheTestSplitAndTheRunRecordsWhichFilesEachSplitCameFrom() throws Exception {
        fashionPair(dir, "train", 240, 8, 4, 1);
        fashionPair(dir, "t10k", 60, 8, 4, 2);
        CliOutcome o = CliOutcome.of("run", spec("fashion.json", FASHION, null).toString(), "--test", "--json", "-q",
                "-w", ws().toString());
        assertEquals(0, o.code(), o.err());
        String[] lines = o.out().strip().split("\n");
        JsonNode last = SpecJson.mapper().readTree(lines[lines.length - 1]);
        assertTrue(last.get("testAccuracy").asDouble() > 0.5, o.out());
        assertMentions(o.out(), "train 204 / validation 36 / test 60", "test: t10k-images-idx3-ubyte.gz + t10k-labels-idx1-ubyte.gz",
                "on 60 held-back samples");

        JsonNode run = SpecJson.mapper().readTree(ws().resolve("runs").resolve(last.get("runId").asText()).resolve("run.json").toFile());
        assertEquals(60, run.get("testSamples").asInt());
        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz").toString(), run.get("dataFiles").get("test").get(0).asText());
        assertEquals(dir.resolve("train-labels-idx1-ubyte.gz").toString(), run.get("dataFiles").get("train").get(1).asText());
        assertEquals("trouser", run.get("test").get("classNames").get(1).asText());

        CliOutcome show = CliOutcome.of("show", last.get("runId").asText(), "-w", ws().toString());
        assertMentions(show.out(), "test       from " + dir.resolve("t10k-images-idx3-ubyte.gz"), "trouser");
    }

    @Test
    void profileOfTheSpecShowsEachSplitsClassCounts() throws Exception {
        fashionPair(dir, "train", 240, 8, 4, 1);
        fashionPair(dir, "t10k", 60, 8, 4, 2);
        CliOutcome o = CliOutcome.of("profile", spec("fashion.json", FASHION, null).toString());
        assertEquals(0, o.code(), o.err());
        assertMentions(o.out(), "splits", "85% of train-images-idx3-ubyte.gz", "from t10k-images-idx3-ubyte.gz", "trouser",
                "validation");
    }

    @Test
    void testFilesOfAnotherShapeExitTwoNamingTheFileAndWriteNothing() throws Exception {
        fashionPair(dir, "train", 40, 8, 4, 1);
        fashionPair(dir, "t10k", 10, 9, 4, 2);
        CliOutcome o = CliOutcome.of("run", spec("fashion.json", FASHION, null).toString(), "-w", ws().toString());
        assertEquals(2, o.code(), o.err());
        assertMentions(o.err(), "t10k-images-idx3-ubyte.gz", "[1, 9, 9]", "[1, 8, 8]", "Fix:");
        assertNoRunWritten();
    }

    @Test
    void aTestFileWithAClassTheTrainingDataLacksExitsTwoAndWritesNothing() throws Exception {
        fashionPair(dir, "train", 40, 8, 3, 1);
        fashionPair(dir, "t10k", 40, 8, 4, 2);
        CliOutcome o = CliOutcome.of("run", spec("fashion.json", FASHION.replace("\"classNames\": [\"top\", \"trouser\", \"pullover\", \"dress\"],", ""), null).toString(),
                "-w", ws().toString());
        assertEquals(2, o.code(), o.err());
        assertMentions(o.err(), "t10k-labels-idx1-ubyte.gz", "class [3]", "training data lacks", "Fix:");
        assertNoRunWritten();
    }

    @Test
    void aTestPercentageNextToTestFilesExitsTwoWithTheFix() throws Exception {
        fashionPair(dir, "train", 40, 8, 4, 1);
        fashionPair(dir, "t10k", 10, 8, 4, 2);
        CliOutcome o = CliOutcome.of("run", spec("fashion.json", FASHION, "{\"train\": 70, \"validation\": 15, \"test\": 15}").toString(),
                "-w", ws().toString());
        assertEquals(2, o.code(), o.err());
        assertMentions(o.err(), "split.test is 15%", "set split.test to 0");
        assertNoRunWritten();
    }

    /** scikit-learn's wine.csv shape, made here: "178,13,class_0,class_1,class_2" then 13 features and the class. */
    Path wine() throws IOException {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        StringBuilder s = new StringBuilder("90,13,class_0,class_1,class_2\n");
        for (int i = 0; i < 90; i++) {
            int c = i % 3;
            for (int j = 0; j < 13; j++) {
                s.append(String.format(Locale.ROOT, "%.3f,", (j == c ? 3.0 : 0.0) + r.nextDouble()));
            }
            s.append(c).append('\n');
        }
        return Files.writeString(dir.resolve("wine.csv"), s.toString());
    }

    @Test
    void aScikitLearnCsvWithAPreambleTrainsWithOneOption() throws Exception {
        wine();
        CliOutcome o = CliOutcome.of("run", spec("wine.json", "{\"source\": \"csv\", \"path\": \"wine.csv\", \"skipLines\": 1,"
                + " \"classNames\": [\"class_0\", \"class_1\", \"class_2\"]}", null).toString(), "-q", "-w", ws().toString());
        assertEquals(0, o.code(), o.err());
        assertFalse(o.err().contains("warning"), o.err());
    }

    @Test
    void theSameCsvWithoutTheOptionExitsTwoNamingTheLineAndTheOption() throws Exception {
        wine();
        CliOutcome o = CliOutcome.of("run", spec("wine.json", "{\"source\": \"csv\", \"path\": \"wine.csv\"}", null).toString(),
                "-w", ws().toString());
        assertEquals(2, o.code(), o.err());
        assertMentions(o.err(), "wine.csv, line 1", "preamble", "data.skipLines to 1");
        assertNoRunWritten();
    }

    @Test
    void skippingMoreLinesThanTheFileHasExitsTwoAndWritesNothing() throws Exception {
        Files.writeString(dir.resolve("tiny.csv"), "a,b,label\n1,2,x\n3,4,y\n");
        CliOutcome o = CliOutcome.of("run", spec("tiny.json", "{\"source\": \"csv\", \"path\": \"tiny.csv\", \"skipLines\": 10}",
                null).toString(), "-w", ws().toString());
        assertEquals(2, o.code(), o.err());
        assertMentions(o.err(), "tiny.csv", "data.skipLines is 10", "only 3 lines");
        assertNoRunWritten();
    }

    @Test
    void aTargetColumnThatDoesNotExistExitsTwoAndWritesNothing() throws Exception {
        Files.writeString(dir.resolve("tiny.csv"), "a,b,label\n1,2,x\n3,4,y\n");
        CliOutcome o = CliOutcome.of("run", spec("tiny.json", "{\"source\": \"csv\", \"path\": \"tiny.csv\", \"targetColumn\": \"price\"}",
                null).toString(), "-w", ws().toString());
        assertEquals(2, o.code(), o.err());
        assertMentions(o.err(), "tiny.csv", "no target column 'price'", "[a, b, label]");
        assertNoRunWritten();
    }

    @Test
    void profileTakesCsvOptionsAsFlagsAndNamesThemInMessages() throws Exception {
        Path wine = wine();
        CliOutcome bad = CliOutcome.of("profile", wine.toString());
        assertEquals(2, bad.code());
        assertMentions(bad.err(), "--skip-lines to 1");
        CliOutcome ok = CliOutcome.of("profile", wine.toString(), "--skip-lines", "1");
        assertEquals(0, ok.code(), ok.err());
        assertMentions(ok.out(), "Rows: 90");
        CliOutcome gz = CliOutcome.of("profile", dir.resolve("nope.csv.gz").toString());
        assertEquals(2, gz.code());
        assertMentions(gz.err(), "nope.csv.gz", "not found");
    }

    @Test
    void withoutAValidationSplitEpochLinesHaveNoNaNAndSayWhatPicksTheBestCheckpoint() throws Exception {
        wine();
        CliOutcome o = CliOutcome.of("run", spec("wine.json", "{\"source\": \"csv\", \"path\": \"wine.csv\", \"skipLines\": 1}",
                "{\"train\": 80, \"validation\": 0, \"test\": 20}").toString(), "-w", ws().toString());
        assertEquals(0, o.code(), o.err());
        assertFalse(o.err().contains("NaN"), o.err());
        assertMentions(o.err(), "no validation split");
        assertMentions(o.out(), "chosen by the training loss (no validation split)");
    }
}
