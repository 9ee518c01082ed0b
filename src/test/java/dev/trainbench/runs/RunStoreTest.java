package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.model.Presets;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    @TempDir
    Path workspace;

    static final ExperimentSpec SPEC = new ExperimentSpec(null, "iris tiny", 1L, DataSpec.sample("iris"), null, null,
            null, Presets.get("tiny-mlp").model(), null);

    static RunRecord record(String id, RunStatus status, String createdAt) {
        return new RunRecord.Builder().id(id).name(id).status(status).spec(SPEC).seed(1).createdAt(createdAt).build();
    }

    /** Writes a run folder the way a (possibly killed) process left it. */
    private Path writeRun(RunRecord record) throws IOException {
        Path dir = workspace.resolve("runs").resolve(record.id());
        Files.createDirectories(dir);
        SpecJson.mapper().writeValue(dir.resolve(RunStore.RECORD_FILE).toFile(), record);
        return dir;
    }

    private static void assertMentions(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message should contain '" + p + "': " + e.getMessage());
        }
    }

    private RunRecord createClosed(RunStore store, RunStatus status) throws IOException {
        try (RunFolder folder = store.create(SPEC, null, record(null, status, "2024-01-01T00:00:00Z"))) {
            return folder.record();
        }
    }

    @Test
    void aRunIdIsWhatThePatternAllowsWithoutTwoDotsInARow() {
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
        java.util.Random random = new java.util.Random(3);
        String alphabet = "aZ09._-/ \\:é\u0000";
        for (int n = 0; n < 50_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = n % 100 == 0 ? 120 + random.nextInt(20) : random.nextInt(8);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertEquals(id.matcher(s).matches() && !s.contains(".."), RunStore.isRunId(s), "'" + s + "'");
        }
        assertTrue(RunStore.isRunId("20250101-000000-mnist-mlp-a1b2"));
        assertFalse(RunStore.isRunId(null));
        assertFalse(RunStore.isRunId("a..b"));
    }

    @Test
    void createdRunIsListedAndLoadsBackEqual() throws IOException {
        RunStore store = new RunStore(workspace);
        RunRecord created = createClosed(store, RunStatus.COMPLETED);
        assertTrue(created.id().contains("iris-tiny"), created.id());
        assertEquals(List.of(created), store.list());
        assertEquals(created, store.load(created.id()));
        assertEquals(created, new RunStore(workspace).load(created.id()));
    }

    @Test
    void createdRunRecordsItsParent() throws IOException {
        RunStore store = new RunStore(workspace);
        RunRecord parent = createClosed(store, RunStatus.COMPLETED);
        try (RunFolder child = store.create(SPEC, parent.id(), record(null, RunStatus.COMPLETED, "2024-01-02T00:00:00Z"))) {
            assertEquals(parent.id(), store.load(child.id()).parentId());
        }
    }

    @Test
    void listIsNewestFirst() throws IOException {
        writeRun(record("b-run", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        writeRun(record("a-run", RunStatus.COMPLETED, "2024-02-01T00:00:00Z"));
        writeRun(record("c-run", RunStatus.COMPLETED, "2023-12-01T00:00:00Z"));
        assertEquals(List.of("a-run", "b-run", "c-run"), new RunStore(workspace).list().stream().map(RunRecord::id).toList());
    }

    @Test
    void emptyWorkspaceListsNothing() {
        RunStore store = new RunStore(workspace.resolve("does-not-exist"));
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), store.problems());
    }

    @Test
    void runningRunWithoutALiveLockIsListedAsInterrupted() throws IOException {
        writeRun(record("killed", RunStatus.RUNNING, "2024-01-01T00:00:00Z"));
        RunRecord listed = new RunStore(workspace).list().get(0);
        assertEquals(RunStatus.INTERRUPTED, listed.status());
        assertMentions(new IllegalStateException(listed.message()), "ended before it finished");
    }

    @Test
    void interruptedStatusIsWrittenBackToRunJson() throws IOException {
        Path dir = writeRun(record("killed", RunStatus.PAUSED, "2024-01-01T00:00:00Z"));
        new RunStore(workspace).list();
        String json = Files.readString(dir.resolve(RunStore.RECORD_FILE));
        assertTrue(json.contains("\"interrupted\""), json);
    }

    @Test
    void runningRunWithAStaleLockFileIsInterrupted() throws IOException {
        Path dir = writeRun(record("stale", RunStatus.RUNNING, "2024-01-01T00:00:00Z"));
        Files.writeString(dir.resolve(RunFolder.LOCK_FILE), "");
        assertEquals(RunStatus.INTERRUPTED, new RunStore(workspace).load("stale").status());
    }

    @Test
    void openRunFolderIsNotMarkedInterrupted() throws IOException {
        RunStore store = new RunStore(workspace);
        try (RunFolder live = store.create(SPEC, null, record(null, RunStatus.RUNNING, "2024-01-01T00:00:00Z"))) {
            assertEquals(RunStatus.RUNNING, store.list().get(0).status());
            assertEquals(RunStatus.RUNNING, new RunStore(workspace).load(live.id()).status());
            String json = Files.readString(live.dir().resolve(RunStore.RECORD_FILE));
            assertTrue(json.contains("\"running\""), json);
        }
    }

    @Test
    void runLeftRunningAfterItsFolderClosedIsInterrupted() throws IOException {
        RunStore store = new RunStore(workspace);
        RunRecord r = createClosed(store, RunStatus.RUNNING);
        assertEquals(RunStatus.INTERRUPTED, store.load(r.id()).status());
    }

    @Test
    void finishedRunIsNotRewrittenOnLoad() throws IOException {
        Path dir = writeRun(record("done", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        String before = Files.readString(dir.resolve(RunStore.RECORD_FILE));
        new RunStore(workspace).list();
        assertEquals(before, Files.readString(dir.resolve(RunStore.RECORD_FILE)));
    }

    @Test
    void nonFiniteResultsSurviveARoundTrip() throws IOException {
        RunStore store = new RunStore(workspace);
        RunRecord diverged = record("diverged", RunStatus.DIVERGED, "2024-01-01T00:00:00Z").toBuilder()
                .lastTrainLoss(Double.NaN).bestValidationLoss(Double.POSITIVE_INFINITY).build();
        writeRun(diverged);
        RunRecord loaded = store.load("diverged");
        assertTrue(Double.isNaN(loaded.lastTrainLoss()));
        assertEquals(Double.POSITIVE_INFINITY, loaded.bestValidationLoss());
    }

    @Test
    void unreadableRunJsonIsReportedAndOthersStillList() throws IOException {
        writeRun(record("good", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        Path bad = workspace.resolve("runs").resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve(RunStore.RECORD_FILE), "{ \"id\": \"bad\", \"status\": ");
        RunStore store = new RunStore(workspace);
        assertEquals(List.of("good"), store.list().stream().map(RunRecord::id).toList());
        assertEquals(1, store.problems().size());
        assertMentions(new IllegalStateException(store.problems().get(0)), "bad", "run.json is unreadable");
    }

    @Test
    void loadingAnUnreadableRunJsonFailsWithRunStoreException() throws IOException {
        Path bad = workspace.resolve("runs").resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve(RunStore.RECORD_FILE), "not json");
        RunStoreException e = assertThrows(RunStoreException.class, () -> new RunStore(workspace).load("bad"));
        assertMentions(e, "run bad", "unreadable");
    }

    @Test
    void foldersWithoutRunJsonAreIgnored() throws IOException {
        Files.createDirectories(workspace.resolve("runs").resolve("half-created"));
        RunStore store = new RunStore(workspace);
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), store.problems());
    }

    @Test
    void loadingAMissingRunNamesIt() {
        RunStoreException e = assertThrows(RunStoreException.class, () -> new RunStore(workspace).load("nope"));
        assertMentions(e, "no run 'nope'");
    }

    @Test
    void renamePersists() throws IOException {
        writeRun(record("r1", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        new RunStore(workspace).rename("r1", "  better name ");
        assertEquals("better name", new RunStore(workspace).load("r1").name());
    }

    @Test
    void renameToBlankIsRejected() throws IOException {
        writeRun(record("r1", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        RunStoreException e = assertThrows(RunStoreException.class, () -> new RunStore(workspace).rename("r1", " "));
        assertMentions(e, "cannot be empty");
        assertEquals("r1", new RunStore(workspace).load("r1").name());
    }

    @Test
    void setNotesPersists() throws IOException {
        writeRun(record("r1", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        new RunStore(workspace).setNotes("r1", "lr too high?\nsecond line");
        assertEquals("lr too high?\nsecond line", new RunStore(workspace).load("r1").notes());
    }

    @Test
    void setTagsPersists() throws IOException {
        writeRun(record("r1", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        new RunStore(workspace).setTags("r1", List.of("baseline", "lesson-1"));
        assertEquals(List.of("baseline", "lesson-1"), new RunStore(workspace).load("r1").tags());
    }

    @Test
    void deleteRemovesTheRunFolder() throws IOException {
        RunStore store = new RunStore(workspace);
        RunRecord r = createClosed(store, RunStatus.COMPLETED);
        Files.writeString(store.dir(r.id()).resolve(RunStore.METRICS_FILE), "# trainbench-metrics 1\nstep\n1\n");
        store.delete(r.id());
        assertFalse(Files.exists(store.dir(r.id())));
        assertEquals(List.of(), store.list());
    }

    @Test
    void deleteRefusesALiveRun() throws IOException {
        RunStore store = new RunStore(workspace);
        try (RunFolder live = store.create(SPEC, null, record(null, RunStatus.RUNNING, "2024-01-01T00:00:00Z"))) {
            RunStoreException e = assertThrows(RunStoreException.class, () -> store.delete(live.id()));
            assertMentions(e, live.id(), "is training");
            assertTrue(Files.exists(live.dir().resolve(RunStore.RECORD_FILE)));
        }
    }

    @Test
    void deletingAMissingRunFails() {
        assertThrows(RunStoreException.class, () -> new RunStore(workspace).delete("nope"));
    }

    @Test
    void findsByFullId() throws IOException {
        writeRun(record("20240101-000000-a-1111", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        writeRun(record("20240101-000000-a-1111-copy", RunStatus.COMPLETED, "2024-01-01T00:00:01Z"));
        assertEquals("20240101-000000-a-1111", new RunStore(workspace).find("20240101-000000-a-1111").id());
    }

    @Test
    void findsByUniquePrefix() throws IOException {
        writeRun(record("20240101-000000-a-1111", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        writeRun(record("20240101-000000-b-2222", RunStatus.COMPLETED, "2024-01-01T00:00:01Z"));
        assertEquals("20240101-000000-b-2222", new RunStore(workspace).find("20240101-000000-b").id());
    }

    @Test
    void ambiguousPrefixListsTheMatchesAndAsksForMore() throws IOException {
        writeRun(record("20240101-000000-a-1111", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        writeRun(record("20240101-000000-b-2222", RunStatus.COMPLETED, "2024-01-01T00:00:01Z"));
        RunStoreException e = assertThrows(RunStoreException.class, () -> new RunStore(workspace).find("20240101"));
        assertMentions(e, "'20240101' matches 2 runs", "20240101-000000-a-1111", "20240101-000000-b-2222",
                "give more of the id");
    }

    @Test
    void findsByUniqueName() throws IOException {
        writeRun(record("20240101-000000-a-1111", RunStatus.COMPLETED, "2024-01-01T00:00:00Z").toBuilder()
                .name("baseline").build());
        assertEquals("20240101-000000-a-1111", new RunStore(workspace).find("baseline").id());
    }

    @Test
    void findWithNoMatchSaysSo() throws IOException {
        writeRun(record("20240101-000000-a-1111", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        RunStoreException e = assertThrows(RunStoreException.class, () -> new RunStore(workspace).find("2025"));
        assertMentions(e, "no run matches '2025'");
    }

    @Test
    void findWithAnEmptyArgumentIsRejectedEvenWithOneRun() throws IOException {
        writeRun(record("20240101-000000-a-1111", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        RunStoreException e = assertThrows(RunStoreException.class, () -> new RunStore(workspace).find(""));
        assertMentions(e, "no run id given");
    }

    @Test
    void findWithNullIsRejected() {
        assertThrows(RunStoreException.class, () -> new RunStore(workspace).find(null));
    }

    @Test
    void readsStepAndEpochTables() throws IOException {
        RunStore store = new RunStore(workspace);
        String id;
        try (RunFolder folder = store.create(SPEC, null, record(null, RunStatus.RUNNING, "2024-01-01T00:00:00Z"))) {
            id = folder.id();
            folder.openLogs(List.of("step", "loss"), List.of("epoch", "validation_loss"));
            folder.appendStep(new double[] {1, 2.5});
            folder.appendStep(new double[] {2, Double.NaN});
            folder.appendEpoch(new double[] {1, 0.25});
        }
        assertEquals(2, store.readSteps(id).rows());
        assertTrue(Double.isNaN(store.readSteps(id).column("loss")[1]));
        assertEquals(0.25, store.readEpochs(id).column("validation_loss")[0], 1e-6);
    }

    @Test
    void renamingARunWhileItTrainsIsRefusedSoTheTrainerCannotUndoIt() throws IOException {
        RunStore store = new RunStore(workspace);
        try (RunFolder live = store.create(SPEC, null, record(null, RunStatus.RUNNING, "2024-01-01T00:00:00Z"))) {
            RunStoreException e = assertThrows(RunStoreException.class, () -> store.rename(live.id(), "new name"));
            assertMentions(e, live.id(), "training");
            assertThrows(RunStoreException.class, () -> store.setNotes(live.id(), "notes"));
        }
    }

    @Test
    void aStatusFromANewerVersionStillLists() throws IOException {
        Path dir = writeRun(record("20240101-000000-future-1234", RunStatus.COMPLETED, "2024-01-01T00:00:00Z"));
        Path json = dir.resolve(RunStore.RECORD_FILE);
        Files.writeString(json, Files.readString(json).replace("\"completed\"", "\"cancelled\""));
        RunStore store = new RunStore(workspace);
        assertEquals(1, store.list().size());
        assertEquals(null, store.list().get(0).status());
        assertTrue(store.problems().isEmpty(), store.problems().toString());
    }
}
