package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.DataFingerprinter;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace's run index: used while run.json is unchanged, never trusted beyond that. */
class RunIndexTest {

    @TempDir
    Path workspace;

    private RunRecord full(String id, RunStatus status, String createdAt, int group) {
        return RunStoreTest.record(id, status, createdAt).toBuilder()
                .versions(Map.of("trainbench", "0.1.0", "djl", "0.36.0"))
                .preprocessing(Map.of("mode", "standardize", "scales", List.of(0.5, 0.25)))
                .sanity(List.of("OK initial loss 1.10 vs ln 3 = 1.10"))
                .dataFingerprint(DataFingerprinter.of(RunStoreTest.SPEC, workspace))
                .bestValidationAccuracy(0.9).lastTrainLoss(Double.NaN).tags(List.of("a", "b")).notes("n")
                .groupId(group < 0 ? null : "g-" + group).groupIndex(group < 0 ? null : 0).groupSize(group < 0 ? null : 2)
                .sweepId("s-1").sweepTask(3).sweepPoint(Map.of("training.optimizer.learningRate", "0.01"))
                .build();
    }

    private Path writeRun(RunRecord record) throws IOException {
        Path dir = workspace.resolve("runs").resolve(record.id());
        Files.createDirectories(dir);
        RunFiles.writeAtomically(dir.resolve(RunStore.RECORD_FILE), o -> SpecJson.mapper().writeValue(o, record));
        return dir;
    }

    private Path index() {
        return workspace.resolve(RunIndex.FILE);
    }

    @Test
    void aListWritesTheIndexAndTheNextListGivesEqualRecordsFromIt() throws IOException {
        for (int i = 0; i < 5; i++) {
            writeRun(full("run-" + i, i == 2 ? RunStatus.DIVERGED : RunStatus.COMPLETED, "2024-01-0" + (i + 1) + "T00:00:00Z",
                    i % 2));
        }
        List<RunRecord> fromFiles = new RunStore(workspace).list();
        assertTrue(Files.exists(index()), "the first list writes the index");
        assertEquals(5, RunIndex.read(workspace).size());
        List<RunRecord> fromIndex = new RunStore(workspace).list();
        assertEquals(fromFiles, fromIndex);
        assertEquals("run-4", fromIndex.get(0).id());
        // values shared between runs are written once and read as one object
        assertSame(fromIndex.get(0).dataFingerprint(), fromIndex.get(1).dataFingerprint());
    }

    @Test
    void anUnchangedRunJsonIsNotReadAgain() throws IOException {
        Path dir = writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        new RunStore(workspace).list();
        // Overwrite run.json in place with the same length and time: only the index can still give the name.
        Path file = dir.resolve(RunStore.RECORD_FILE);
        FileTime time = Files.getLastModifiedTime(file);
        String text = Files.readString(file);
        String changed = text.replace("\"name\" : \"run-a\"", "\"name\" : \"run-b\"");
        assertNotEquals(text, changed);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(changed.getBytes(StandardCharsets.UTF_8));
        }
        Files.setLastModifiedTime(file, time);
        assertEquals("run-a", new RunStore(workspace).list().get(0).name());
    }

    @Test
    void aRewrittenRunJsonIsReadAgainEvenWithTheSameTimeAndLength() throws IOException {
        Path dir = writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        new RunStore(workspace).list();
        Path file = dir.resolve(RunStore.RECORD_FILE);
        FileTime time = Files.getLastModifiedTime(file);
        String changed = Files.readString(file).replace("\"name\" : \"run-a\"", "\"name\" : \"run-b\"");
        // the way TrainBench rewrites it: a new file moved into place (another file key)
        RunFiles.writeAtomically(file, o -> o.write(changed.getBytes(StandardCharsets.UTF_8)));
        Files.setLastModifiedTime(file, time);
        assertEquals("run-b", new RunStore(workspace).list().get(0).name());
    }

    @Test
    void aRenameThroughTheStoreShowsInTheNextList() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        RunStore store = new RunStore(workspace);
        store.list();
        store.rename("run-a", "better name");
        assertEquals("better name", new RunStore(workspace).list().get(0).name());
    }

    @Test
    void deletedAndAddedRunsAreSeenAndTheIndexFollows() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        writeRun(full("run-b", RunStatus.COMPLETED, "2024-01-02T00:00:00Z", -1));
        RunStore store = new RunStore(workspace);
        store.list();
        store.delete("run-a");
        writeRun(full("run-c", RunStatus.COMPLETED, "2024-01-03T00:00:00Z", -1));
        assertEquals(List.of("run-c", "run-b"), new RunStore(workspace).list().stream().map(RunRecord::id).toList());
        assertEquals(java.util.Set.of("run-b", "run-c"), RunIndex.read(workspace).keySet());
    }

    @Test
    void aDamagedIndexIsRebuiltFromTheFolders() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        List<RunRecord> expected = new RunStore(workspace).list();
        String whole = Files.readString(index());
        Files.writeString(index(), whole.substring(0, whole.length() / 2)); // a write cut short
        RunStore store = new RunStore(workspace);
        assertEquals(expected, store.list());
        assertEquals(List.of(), store.problems());
        assertEquals(1, RunIndex.read(workspace).size(), "rewritten whole");
    }

    @Test
    void anIndexOfANewerFormatIsNotReadButReplaced() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        new RunStore(workspace).list();
        Files.writeString(index(), Files.readString(index()).replace("\"formatVersion\":1", "\"formatVersion\":2"));
        assertTrue(RunIndex.read(workspace).isEmpty());
        assertEquals("run-a", new RunStore(workspace).list().get(0).id());
        assertEquals(1, RunIndex.read(workspace).size());
    }

    @Test
    void activeRunsAreNeverIndexedSoADeadOnesIsStillMarkedInterrupted() throws IOException {
        writeRun(full("run-a", RunStatus.RUNNING, "2024-01-01T00:00:00Z", -1));
        assertEquals(RunStatus.INTERRUPTED, new RunStore(workspace).list().get(0).status());
        // the interrupted record, written by that list, is indexed by the next one
        assertEquals(RunStatus.INTERRUPTED, new RunStore(workspace).list().get(0).status());
        assertEquals(RunStatus.INTERRUPTED, RunIndex.read(workspace).get("run-a").record().status());
    }

    @Test
    void aListWithNothingChangedDoesNotRewriteTheIndex() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        new RunStore(workspace).list();
        Object key = Files.readAttributes(index(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        new RunStore(workspace).list();
        assertEquals(key, Files.readAttributes(index(), java.nio.file.attribute.BasicFileAttributes.class).fileKey());
    }

    @Test
    void aReadOnlyWorkspaceStillLists() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        Files.createDirectories(index()); // a folder where the index file would go: it cannot be written
        RunStore store = new RunStore(workspace);
        assertEquals("run-a", store.list().get(0).id());
        assertFalse(Files.isRegularFile(index()));
    }

    @Test
    void aRunFromANewerTrainBenchIsReadEachTimeSoItStaysMarkedAsSuch() throws IOException {
        Path dir = writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        Path file = dir.resolve(RunStore.RECORD_FILE);
        Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{ \"energyJoules\" : 12.5,"));
        assertTrue(new RunStore(workspace).list().get(0).fromNewerVersion());
        assertTrue(new RunStore(workspace).list().get(0).fromNewerVersion(), "the second list (index written) too");
        assertFalse(RunIndex.read(workspace).containsKey("run-a"));
    }
}
