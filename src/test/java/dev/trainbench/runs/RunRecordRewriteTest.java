package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rewriting run.json never loses what this version does not know (issue 10, items 2, 4 and 5): fields
 * from a newer TrainBench survive every rewrite, run ids never collide, and the folder is the run's
 * identity.
 */
class RunRecordRewriteTest {

    @TempDir
    Path workspace;

    private Path writeRun(RunRecord record) throws IOException {
        Path dir = workspace.resolve("runs").resolve(record.id());
        Files.createDirectories(dir);
        SpecJson.mapper().writeValue(dir.resolve(RunStore.RECORD_FILE).toFile(), record);
        return dir;
    }

    private static ObjectNode tree(Path dir) throws IOException {
        return (ObjectNode) SpecJson.mapper().readTree(dir.resolve(RunStore.RECORD_FILE).toFile());
    }

    /** A run as a newer TrainBench wrote it: fields this version does not know, at the top level and nested. */
    private Path newerRun(String id, RunStatus status) throws IOException {
        Path dir = writeRun(RunStoreTest.record(id, status, "2024-01-01T00:00:00Z").toBuilder()
                .test(new TestResult("2024-01-01T00:00:00Z", "best", 10, 0.5, 0.8, List.of("a", "b"),
                        new int[][] {{4, 1}, {1, 4}}, new double[] {0.8, 0.8}, null, null, null))
                .message("something to clear").build());
        ObjectNode t = tree(dir);
        t.putObject("hardware").put("gpu", "H100").putArray("links").add(1).add(2);
        t.put("energyJoules", 12.5);
        ((ObjectNode) t.get("test")).put("topKAccuracy", 0.99);
        Files.writeString(dir.resolve(RunStore.RECORD_FILE), SpecJson.mapper().writeValueAsString(t));
        return dir;
    }

    private static void assertKeptUnknownFields(ObjectNode t) {
        assertEquals("H100", t.get("hardware").get("gpu").asText(), t.toString());
        assertEquals(2, t.get("hardware").get("links").size(), t.toString());
        assertEquals(12.5, t.get("energyJoules").asDouble(), t.toString());
        assertEquals(0.99, t.get("test").get("topKAccuracy").asDouble(), t.toString());
    }

    @Test
    void markingARunInterruptedKeepsFieldsThisVersionDoesNotKnow() throws IOException {
        Path dir = newerRun("20240101-000000-killed-1234", RunStatus.RUNNING);
        RunStore store = new RunStore(workspace);
        assertEquals(RunStatus.INTERRUPTED, store.list().get(0).status());
        ObjectNode t = tree(dir);
        assertEquals("interrupted", t.get("status").asText());
        assertKeptUnknownFields(t);
    }

    @Test
    void editsAndUpdatesKeepFieldsThisVersionDoesNotKnow() throws IOException {
        Path dir = newerRun("20240101-000000-edited-1234", RunStatus.COMPLETED);
        RunStore store = new RunStore(workspace);
        String id = store.list().get(0).id();
        store.rename(id, "new name");
        store.setNotes(id, "a note");
        store.setTags(id, List.of("x"));
        store.update(store.load(id).toBuilder().bestEpoch(3).build());
        ObjectNode t = tree(dir);
        assertEquals("new name", t.get("name").asText());
        assertEquals(3, t.get("bestEpoch").asInt());
        assertKeptUnknownFields(t);
    }

    @Test
    void aFieldThisVersionClearsIsRemovedWhileUnknownOnesStay() throws IOException {
        Path dir = newerRun("20240101-000000-cleared-1234", RunStatus.COMPLETED);
        RunStore store = new RunStore(workspace);
        String id = store.list().get(0).id();
        store.update(store.load(id).toBuilder().message(null).build());
        ObjectNode t = tree(dir);
        assertFalse(t.has("message"), t.toString());
        assertKeptUnknownFields(t);
    }

    @Test
    void aNewTestResultReplacesTheOldOneWholly() throws IOException {
        Path dir = newerRun("20240101-000000-retested-1234", RunStatus.COMPLETED);
        RunStore store = new RunStore(workspace);
        String id = store.list().get(0).id();
        TestResult again = new TestResult("2025-01-01T00:00:00Z", "best", 10, 0.4, 0.9, List.of("a", "b"),
                new int[][] {{5, 0}, {1, 4}}, new double[] {1.0, 0.8}, null, null, null);
        store.update(store.load(id).toBuilder().test(again).build());
        ObjectNode t = tree(dir);
        assertEquals(0.9, t.get("test").get("accuracy").asDouble());
        // topKAccuracy described the old evaluation: kept there it would lie about the new one
        assertFalse(t.get("test").has("topKAccuracy"), t.toString());
        assertEquals("H100", t.get("hardware").get("gpu").asText());
    }

    @Test
    void aStatusThisVersionDoesNotKnowSurvivesEdits() throws IOException {
        Path dir = writeRun(RunStoreTest.record("20240101-000000-archived-1234", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        ObjectNode t = tree(dir);
        t.put("status", "archived");
        Files.writeString(dir.resolve(RunStore.RECORD_FILE), SpecJson.mapper().writeValueAsString(t));
        RunStore store = new RunStore(workspace);
        RunRecord r = store.list().get(0);
        assertEquals("archived", r.unread().rawStatus());
        store.setNotes(r.id(), "still archived");
        assertEquals("archived", tree(dir).get("status").asText());
    }

    @Test
    void theFolderIsTheRunsIdentityWhateverItsRecordSays() throws IOException {
        RunStore store = new RunStore(workspace);
        Path a = writeRun(RunStoreTest.record("20240101-000000-a-1111", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        Path b = workspace.resolve("runs").resolve("20240101-000000-b-2222");
        Files.createDirectories(b);
        // a copy of a's record in b's folder (copied by hand, or restored from a backup)
        Files.copy(a.resolve(RunStore.RECORD_FILE), b.resolve(RunStore.RECORD_FILE));
        byte[] aBefore = Files.readAllBytes(a.resolve(RunStore.RECORD_FILE));

        assertEquals(List.of("20240101-000000-b-2222", "20240101-000000-a-1111"),
                store.list().stream().map(RunRecord::id).toList());
        RunRecord rb = store.load("20240101-000000-b-2222");
        assertEquals("20240101-000000-b-2222", rb.id());
        store.setNotes(rb.id(), "only b");
        assertEquals("only b", store.load("20240101-000000-b-2222").notes());
        assertEquals("20240101-000000-b-2222", tree(b).get("id").asText());
        assertEquals(new String(aBefore), Files.readString(a.resolve(RunStore.RECORD_FILE)));
        assertEquals("", store.load("20240101-000000-a-1111").notes());
    }

    @Test
    void runsCreatedInTheSameSecondWithTheSameRandomSuffixGetTheirOwnFolders() throws IOException {
        Clock sameSecond = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);
        int[] suffixes = {0xabcd, 0xabcd, 0xabcd, 0xbeef};
        int[] next = {0};
        RunStore store = new RunStore(workspace, sameSecond, () -> suffixes[Math.min(next[0]++, suffixes.length - 1)]);
        RunRecord first;
        try (RunFolder f = store.create(RunStoreTest.SPEC, null,
                RunStoreTest.record(null, RunStatus.COMPLETED, "2024-01-01T00:00:00Z").toBuilder().notes("first").build())) {
            first = f.record();
        }
        RunRecord second;
        try (RunFolder f = store.create(RunStoreTest.SPEC, null,
                RunStoreTest.record(null, RunStatus.COMPLETED, "2024-01-01T00:00:00Z").toBuilder().notes("second").build())) {
            second = f.record();
        }
        assertNotEquals(first.id(), second.id());
        assertEquals("first", store.load(first.id()).notes());
        assertEquals("second", store.load(second.id()).notes());
        try (Stream<Path> dirs = Files.list(workspace.resolve("runs"))) {
            assertEquals(2, dirs.count());
        }
    }

    @Test
    void twoRunsCreatedAtOnceFromTwoThreadsNeverShareAFolder() throws Exception {
        Clock sameSecond = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);
        RunStore store = new RunStore(workspace, sameSecond, () -> 0xabcd);
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ConcurrentLinkedQueue<Object> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Runnable create = () -> {
            try {
                barrier.await();
                try (RunFolder f = store.create(RunStoreTest.SPEC, null,
                        RunStoreTest.record(null, RunStatus.COMPLETED, "2024-01-01T00:00:00Z"))) {
                    results.add(f.id());
                }
            } catch (Exception | Error e) {
                results.add(e);
            }
        };
        Thread t1 = new Thread(create);
        Thread t2 = new Thread(create);
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        // with the random part forced equal, the second creation must fail cleanly or get its own folder
        List<String> ids = results.stream().filter(o -> o instanceof String).map(o -> (String) o).toList();
        assertTrue(ids.size() >= 1, results.toString());
        assertEquals(ids.stream().distinct().count(), ids.size(), results.toString());
        results.stream().filter(o -> !(o instanceof String)).forEach(o ->
                assertTrue(o instanceof RunStoreException, "unexpected " + o));
    }

    @Test
    void aRecordThatIsNotAnObjectIsReportedUnreadable() throws IOException {
        Path dir = workspace.resolve("runs").resolve("20240101-000000-array-1234");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(RunStore.RECORD_FILE), "[1, 2]");
        RunStore store = new RunStore(workspace);
        assertEquals(List.of(), store.list());
        assertEquals(1, store.problems().size());
        assertTrue(store.problems().get(0).contains("20240101-000000-array-1234"), store.problems().toString());
    }
}
