package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.data.InputEncoding;
import dev.trainbench.model.Presets;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files are read with limits and checks: anything but an intact archive of a known version is refused by name. */
class ModelArchiveTest {

    @TempDir
    Path dir;

    static final byte[] PARAMS = "not really DJL parameters, but bytes with a checksum".getBytes(StandardCharsets.UTF_8);

    static ModelManifest manifest() {
        ExperimentSpec spec = new ExperimentSpec(null, "m", 1L, DataSpec.sample("mnist"), null, null, null,
                Presets.get("tiny-mlp").model(), null);
        return new ModelManifest(null, 0, "2025-01-01T00:00:00Z", "TrainBench test",
                new ModelManifest.Run("run-1", "m", "completed", null, null, null, 1L, "cpu", Map.of("djl", "0.36.0")),
                new ModelManifest.Checkpoint("best", 3),
                new ModelManifest.Input(new int[] {1, 28, 28}, InputEncoding.image(1, 28, 28, InputEncoding.RESIZE_NONE),
                        new ModelManifest.Scaling("standardize", "train", new float[] {33.3f}, new float[] {78.5f})),
                new ModelManifest.Output("classification", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 10),
                null, null, null, spec);
    }

    Path valid() {
        Path p = dir.resolve("valid.tbmodel.zip");
        ModelArchive.write(p, manifest(), PARAMS, "# trainbench-epochs 1\nepoch\n1\n".getBytes(StandardCharsets.UTF_8));
        return p;
    }

    /** The entries of a valid archive, in order, to rebuild altered copies from. */
    Map<String, byte[]> entries(Path archive) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return p;
    }

    String refused(Path p) {
        return assertThrows(ModelFileException.class, () -> ModelArchive.read(p)).getMessage();
    }

    @Test
    void writtenArchiveReadsBackWithEveryField() {
        ModelArchive.Contents c = ModelArchive.read(valid());
        ModelManifest m = c.manifest();
        assertEquals(ModelArchive.FORMAT, m.format());
        assertEquals(1, m.formatVersion(), "a model without target scaling is written as version 1, for older readers");
        assertArrayEquals(PARAMS, c.parameters());
        assertEquals(PARAMS.length, m.parameters().bytes());
        assertEquals(64, m.parameters().sha256().length());
        assertArrayEquals(new float[] {33.3f}, m.input().scaling().offsets());
        assertEquals(28, m.input().encoding().image().width());
        assertEquals("none", m.input().encoding().image().resize());
        assertEquals(10, m.output().classNames().size());
        assertEquals(manifest().spec(), m.spec());
        assertTrue(new String(c.epochs(), StandardCharsets.UTF_8).startsWith("# trainbench-epochs 1"));
    }

    @Test
    void newerFormatVersionIsRefusedWithTheFix() throws Exception {
        Map<String, byte[]> e = entries(valid());
        ObjectNode m = (ObjectNode) SpecJson.mapper().readTree(e.get("model.json"));
        int newer = ModelArchive.FORMAT_VERSION + 1;
        m.put("formatVersion", newer);
        m.putObject("somethingNew").put("x", 1);
        e.put("model.json", SpecJson.mapper().writeValueAsBytes(m));
        String msg = refused(zip("newer.zip", e));
        assertTrue(msg.contains("newer TrainBench (model format " + newer + ")") && msg.contains("update TrainBench"), msg);
    }

    static ModelManifest regression(ModelManifest.TargetScaling targets) {
        ModelManifest m = manifest();
        return new ModelManifest(null, 0, m.createdAt(), m.createdBy(), m.run(), m.checkpoint(),
                new ModelManifest.Input(new int[] {2}, InputEncoding.table(List.of(new InputEncoding.Column("a", null),
                        new InputEncoding.Column("b", null)), "y", 2, true),
                        new ModelManifest.Scaling("standardize", "train", new float[] {0, 0}, new float[] {1, 1})),
                new ModelManifest.Output(ModelManifest.Output.REGRESSION, null, 1, targets), null, null, null, m.spec());
    }

    @Test
    void targetScalingIsWrittenAsVersionTwoAndReadBackExactly() {
        double offset = 14.123456789012345;
        double scale = 4.987654321098765;
        Path p = dir.resolve("scaled.tbmodel.zip");
        ModelManifest written = ModelArchive.write(p, regression(new ModelManifest.TargetScaling("standardize", "train",
                new double[] {offset}, new double[] {scale})), PARAMS, null);
        assertEquals(2, written.formatVersion(), "version 1 readers must refuse a file they would read in scaled units");
        ModelManifest read = ModelArchive.read(p).manifest();
        assertEquals(2, read.formatVersion());
        assertArrayEquals(new double[] {offset}, read.output().targetScaling().offsets(), 0.0);
        assertArrayEquals(new double[] {scale}, read.output().targetScaling().scales(), 0.0);
        assertEquals(1, ModelArchive.write(dir.resolve("plain.tbmodel.zip"), regression(null), PARAMS, null).formatVersion());
    }

    @Test
    void unusableTargetScalingIsRefusedByName() {
        for (ModelManifest.TargetScaling bad : List.of(
                new ModelManifest.TargetScaling("standardize", "train", new double[] {1}, new double[] {-2}),
                new ModelManifest.TargetScaling("standardize", "train", new double[] {1, 2}, new double[] {1, 1}),
                new ModelManifest.TargetScaling("standardize", "train", null, new double[] {1}))) {
            Path p = dir.resolve("bad.tbmodel.zip");
            ModelArchive.write(p, regression(bad), PARAMS, null);
            String msg = refused(p);
            assertTrue(msg.contains("damaged") && msg.contains("output.targetScaling"), msg);
        }
    }

    @Test
    void unknownFieldsOfTheSameVersionAreIgnored() throws Exception {
        Map<String, byte[]> e = entries(valid());
        ObjectNode m = (ObjectNode) SpecJson.mapper().readTree(e.get("model.json"));
        m.putObject("addedLater").put("x", 1);
        ((ObjectNode) m.get("input")).put("alsoNew", true);
        e.put("model.json", SpecJson.mapper().writeValueAsBytes(m));
        assertEquals(10, ModelArchive.read(zip("same.zip", e)).manifest().output().classNames().size());
    }

    @Test
    void truncatedArchiveIsRefused() throws Exception {
        byte[] all = Files.readAllBytes(valid());
        for (int keep : new int[] {all.length - 1, all.length / 2, 30, 4}) {
            Path cut = dir.resolve("cut" + keep + ".zip");
            Files.write(cut, Arrays.copyOf(all, keep));
            String msg = refused(cut);
            assertTrue(msg.contains("truncated or corrupted") || msg.contains("damaged"), keep + ": " + msg);
        }
    }

    @Test
    void everyFlippedByteIsCaught() throws Exception {
        byte[] all = Files.readAllBytes(valid());
        int caught = 0;
        int accepted = 0;
        for (int i = 0; i < all.length; i += 7) {
            byte[] bad = all.clone();
            bad[i] ^= 0x5a;
            Path p = dir.resolve("flip.zip");
            Files.write(p, bad);
            try {
                ModelArchive.Contents c = ModelArchive.read(p);
                // Only bytes no reader looks at (timestamps, the zip comment, ...) may change unnoticed.
                assertArrayEquals(PARAMS, c.parameters(), "byte " + i);
                assertEquals(manifest().spec(), c.manifest().spec(), "byte " + i);
                accepted++;
            } catch (ModelFileException e) {
                caught++;
            }
        }
        assertTrue(caught > accepted, caught + " caught, " + accepted + " harmless");
    }

    @Test
    void changedParametersFailTheChecksum() throws Exception {
        Map<String, byte[]> e = entries(valid());
        byte[] p = e.get("parameters.params").clone();
        p[3] ^= 1;
        e.put("parameters.params", p);
        String msg = refused(zip("params.zip", e));
        assertTrue(msg.contains("checksum") && msg.contains("damaged"), msg);
    }

    @Test
    void zipBombIsRefusedWithoutInflatingIt() throws Exception {
        Map<String, byte[]> e = entries(valid());
        byte[] spaces = new byte[(int) ModelArchive.MAX_MANIFEST_BYTES + 1024];
        Arrays.fill(spaces, (byte) ' ');
        byte[] json = e.get("model.json");
        System.arraycopy(json, 0, spaces, 0, json.length);
        e.put("model.json", spaces);
        Path bomb = zip("bomb.zip", e);
        assertTrue(Files.size(bomb) < 200_000, "compresses to " + Files.size(bomb));
        String msg = refused(bomb);
        assertTrue(msg.contains("zip bomb"), msg);
    }

    @Test
    void entryNamesOutsideTheArchiveAreRefused() throws Exception {
        for (String name : List.of("../x", "a/../../x", "/etc/x", "C:x", "a\\..\\x", "./model.json")) {
            Map<String, byte[]> e = entries(valid());
            e.put(name, new byte[] {1});
            String msg = refused(zip("evil.zip", e));
            assertTrue(msg.contains("points outside"), name + ": " + msg);
        }
        assertTrue(ModelArchive.safeName("model.json"));
        assertTrue(ModelArchive.safeName("extra/notes.txt"));
        assertFalse(ModelArchive.safeName(".."));
    }

    @Test
    void otherFilesAreNamedForWhatTheyAre() throws Exception {
        Path png = dir.resolve("digit.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10});
        assertTrue(refused(png).contains("not a zip file"), refused(png));
        Path empty = dir.resolve("empty.zip");
        Files.write(empty, new byte[0]);
        assertTrue(refused(empty).contains("empty"), refused(empty));
        assertTrue(refused(dir.resolve("nope.zip")).contains("file not found"));
        Path other = zip("other.zip", Map.of("readme.txt", new byte[] {1}));
        assertTrue(refused(other).contains("without model.json"), refused(other));
        Map<String, byte[]> e = entries(valid());
        ObjectNode m = (ObjectNode) SpecJson.mapper().readTree(e.get("model.json"));
        m.put("format", "keras");
        e.put("model.json", SpecJson.mapper().writeValueAsBytes(m));
        assertTrue(refused(zip("keras.zip", e)).contains("not a TrainBench model"));
        e.put("model.json", "{\"format\": \"trainbench-model\", \"formatVersion\": 1".getBytes(StandardCharsets.UTF_8));
        assertTrue(refused(zip("broken.zip", e)).contains("not valid JSON"));
    }

    @Test
    void inconsistentManifestIsRefused() throws Exception {
        Map<String, byte[]> e = entries(valid());
        ObjectNode m = (ObjectNode) SpecJson.mapper().readTree(e.get("model.json"));
        ((ObjectNode) m.get("input").get("scaling")).putArray("offsets").add(1).add(2);
        e.put("model.json", SpecJson.mapper().writeValueAsBytes(m));
        String msg = refused(zip("scaling.zip", e));
        assertTrue(msg.contains("input.scaling needs 1 offsets"), msg);
    }

    @Test
    void failedWriteLeavesNothing() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertThrows(ModelFileException.class, () -> ModelArchive.write(blocker.resolve("m.zip"), manifest(), PARAMS, null));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(blocker), files.toList());
        }
        ByteArrayOutputStream unused = new ByteArrayOutputStream();
        assertEquals(0, unused.size());
    }
}
