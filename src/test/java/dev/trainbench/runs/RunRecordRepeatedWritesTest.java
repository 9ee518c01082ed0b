package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run being trained rewrites its run.json after every epoch, merging into what it wrote last
 * instead of reading the file back ({@link RunStore.Written}). That must write exactly the bytes the
 * full rewrite (read, bind, merge) writes, keep what a newer TrainBench wrote at any depth through
 * any number of writes, and notice a file replaced or edited by someone else in between.
 */
class RunRecordRepeatedWritesTest {

    @TempDir
    Path workspace;

    /** A run.json as a newer TrainBench wrote it: unknown fields at the top level, nested, in map entries and in the spec. */
    private Path newerRun(String id) throws IOException {
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put("mode", "standardize");
        preprocessing.put("offsets", new float[] {33.425266f, 0.1f});
        preprocessing.put("scales", new double[] {78.70672, 1.0 / 3});
        Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
        checkpoints.put("best", new Checkpoint(1, 10));
        RunRecord r = RunStoreTest.record(id, RunStatus.RUNNING, "2024-01-01T00:00:00Z").toBuilder()
                .versions(Map.of("trainbench", "9.9"))
                .preprocessing(preprocessing)
                .checkpoints(checkpoints)
                .epochsCompleted(1).stepsCompleted(10L).lastTrainLoss(0.75)
                .test(new TestResult("2024-01-01T00:00:00Z", "best", 10, 0.5, 0.8, List.of("a", "b"),
                        new int[][] {{4, 1}, {1, 4}}, new double[] {0.8, 0.8}, null, null, null))
                .message("training").build();
        Path dir = workspace.resolve("runs").resolve(id);
        Files.createDirectories(dir);
        ObjectNode t = SpecJson.mapper().valueToTree(r);
        t.putObject("hardware").put("gpu", "H100").putArray("links").add(1).add(2);
        t.put("energyJoules", 12.5);
        ((ObjectNode) t.get("test")).put("topKAccuracy", 0.99);
        ((ObjectNode) t.get("versions")).put("cuda", "12.8");
        ((ObjectNode) t.get("checkpoints").get("best")).put("sha256", "abc");
        ((ObjectNode) t.get("preprocessing")).putObject("future").put("x", 1);
        ((ObjectNode) t.get("spec")).putObject("futureSpecPart").put("y", true);
        Files.writeString(dir.resolve(RunStore.RECORD_FILE), SpecJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(t));
        return dir;
    }

    private static ObjectNode tree(Path dir) throws IOException {
        return (ObjectNode) SpecJson.mapper().readTree(dir.resolve(RunStore.RECORD_FILE).toFile());
    }

    private static void assertKeptUnknownFields(ObjectNode t, boolean testKept, boolean bestKept) {
        assertEquals("H100", t.path("hardware").path("gpu").asText(), t.toString());
        assertEquals(2, t.path("hardware").path("links").size(), t.toString());
        assertEquals(12.5, t.path("energyJoules").asDouble(), t.toString());
        assertEquals("12.8", t.path("versions").path("cuda").asText(), t.toString());
        assertEquals(1, t.path("preprocessing").path("future").path("x").asInt(), t.toString());
        assertTrue(t.path("spec").path("futureSpecPart").path("y").asBoolean(), t.toString());
        if (testKept) {
            assertEquals(0.99, t.path("test").path("topKAccuracy").asDouble(), t.toString());
        }
        if (bestKept) {
            assertEquals("abc", t.path("checkpoints").path("best").path("sha256").asText(), t.toString());
        }
    }

    /** What a run does to its record, epoch after epoch, and what an edit or a final test does. */
    private static List<UnaryOperator<RunRecord>> changes() {
        List<UnaryOperator<RunRecord>> c = new ArrayList<>();
        c.add(r -> r); // unchanged
        c.add(r -> r.toBuilder().epochsCompleted(2).stepsCompleted(20L).lastTrainLoss(0.5).build());
        c.add(r -> r); // unchanged again
        c.add(r -> {
            Map<String, Checkpoint> k = new LinkedHashMap<>(r.checkpoints());
            k.put("last", new Checkpoint(2, 20));
            return r.toBuilder().checkpoints(k).message(null).bestEpoch(2).build();
        });
        c.add(r -> {
            Map<String, Checkpoint> k = new LinkedHashMap<>(r.checkpoints());
            k.put("best", new Checkpoint(3, 30)); // a new best: its entry is replaced whole
            return r.toBuilder().checkpoints(k).epochsCompleted(3).stepsCompleted(30L).build();
        });
        c.add(r -> r.toBuilder().preprocessing(new LinkedHashMap<>(r.preprocessing())).build()); // equal, not the same
        c.add(r -> r.toBuilder().status(RunStatus.COMPLETED).endedAt("2024-01-01T01:00:00Z").wallSeconds(3.5).build());
        c.add(r -> r.toBuilder().test(new TestResult("2024-01-02T00:00:00Z", "best", 10, 0.4, 0.9, List.of("a", "b"),
                new int[][] {{5, 0}, {1, 4}}, new double[] {1.0, 0.8}, null, null, null)).build());
        c.add(r -> r.toBuilder().tags(List.of("x")).notes("a note").build());
        return c;
    }

    @Test
    void writesThatRememberTheLastOneWriteTheBytesAFullRewriteWrites() throws IOException {
        Path remembering = newerRun("20240101-000000-remembering-1234");
        Path reading = newerRun("20240101-000000-reading-1234");
        RunStore store = new RunStore(workspace);
        RunRecord r = store.load(remembering.getFileName().toString());
        RunRecord s = store.load(reading.getFileName().toString());
        RunStore.Written last = new RunStore.Written();
        int step = 0;
        for (UnaryOperator<RunRecord> change : changes()) {
            r = change.apply(r);
            s = change.apply(s);
            store.writeRecord(remembering, r, last);
            store.writeRecord(reading, s);
            step++;
            String a = Files.readString(remembering.resolve(RunStore.RECORD_FILE))
                    .replace(remembering.getFileName().toString(), "ID");
            String b = Files.readString(reading.resolve(RunStore.RECORD_FILE)).replace(reading.getFileName().toString(), "ID");
            assertEquals(b, a, "write " + step);
            assertKeptUnknownFields(tree(remembering), step < 8, step < 5);
        }
    }

    @Test
    void theSameRecordWrittenAgainAndAgainLeavesTheFileAsItWas() throws IOException {
        Path dir = newerRun("20240101-000000-again-1234");
        RunStore store = new RunStore(workspace);
        RunRecord r = store.load(dir.getFileName().toString());
        RunStore.Written last = new RunStore.Written();
        store.writeRecord(dir, r, last);
        String first = Files.readString(dir.resolve(RunStore.RECORD_FILE));
        ObjectNode original = tree(dir);
        assertKeptUnknownFields(original, true, true);
        for (int i = 0; i < 5; i++) {
            store.writeRecord(dir, r, last);
            assertEquals(first, Files.readString(dir.resolve(RunStore.RECORD_FILE)), "write " + (i + 2));
        }
    }

    @Test
    void aFileReplacedOrEditedBySomeoneElseInBetweenIsReadBack() throws IOException {
        Path dir = newerRun("20240101-000000-edited-1234");
        RunStore store = new RunStore(workspace);
        RunRecord r = store.load(dir.getFileName().toString());
        RunStore.Written last = new RunStore.Written();
        store.writeRecord(dir, r, last);

        // Replaced (a new file, as another writer's atomic rename leaves it).
        ObjectNode t = tree(dir);
        t.put("addedByAnotherWriter", "kept");
        Path tmp = dir.resolve("other.tmp");
        Files.writeString(tmp, SpecJson.mapper().writeValueAsString(t));
        Files.move(tmp, dir.resolve(RunStore.RECORD_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        r = r.toBuilder().epochsCompleted(5).build();
        store.writeRecord(dir, r, last);
        assertEquals("kept", tree(dir).path("addedByAnotherWriter").asText());
        assertEquals(5, tree(dir).path("epochsCompleted").asInt());

        // Edited in place (the same file, same size, a later modification time).
        String text = Files.readString(dir.resolve(RunStore.RECORD_FILE));
        String edited = text.replace("\"kept\"", "\"KEPT\"");
        Files.writeString(dir.resolve(RunStore.RECORD_FILE), edited);
        Files.setLastModifiedTime(dir.resolve(RunStore.RECORD_FILE),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        store.writeRecord(dir, r.toBuilder().epochsCompleted(6).build(), last);
        assertEquals("KEPT", tree(dir).path("addedByAnotherWriter").asText());
        assertKeptUnknownFields(tree(dir), true, true);
    }
}
