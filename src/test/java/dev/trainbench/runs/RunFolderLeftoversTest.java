package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a process killed while writing leaves in a run folder is settled by the next open (issue 10,
 * item 3): half-written temporary files are removed, and checkpoint weights end up described by the
 * record, whichever side of the commit the kill fell on. A live run is never touched.
 */
class RunFolderLeftoversTest {

    @TempDir
    Path workspace;

    private static RunFiles.Writer text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private RunRecord closedRunWithBest(RunStore store, String weights) throws IOException {
        try (RunFolder f = store.create(RunStoreTest.SPEC, null,
                RunStoreTest.record(null, RunStatus.RUNNING, "2024-01-01T00:00:00Z"))) {
            f.saveCheckpoints(f.record().toBuilder().epochsCompleted(2).stepsCompleted(20L).bestEpoch(2).build(),
                    Map.of("best", text(weights)));
            f.update(f.record().withStatus(RunStatus.COMPLETED, null));
            return f.record();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savedCheckpointsAreDescribedByTheRecordAndNothingElseIsLeft() throws IOException {
        RunStore store = new RunStore(workspace);
        RunRecord r = closedRunWithBest(store, "epoch 2");
        assertEquals(new Checkpoint(2, 20), store.load(r.id()).checkpoints().get("best"));
        assertEquals(List.of("best.params"), names(store.dir(r.id()).resolve("checkpoints")));
        assertEquals("epoch 2", Files.readString(store.dir(r.id()).resolve("checkpoints/best.params")));
    }

    @Test
    void temporaryFilesLeftByAKillAreRemovedOnTheNextOpen() throws IOException {
        RunStore store = new RunStore(workspace);
        RunRecord r = closedRunWithBest(store, "epoch 2");
        Path dir = store.dir(r.id());
        Files.writeString(dir.resolve(".run.json8123.tmp"), "{\"half");
        Files.writeString(dir.resolve("checkpoints/.best.params.40.pending4411.tmp"), "half");
        Files.writeString(dir.resolve("checkpoints/.last.params99.tmp"), "half");
        // a list of every run leaves a finished run's leftovers to its next open (a rename killed
        // mid-write), which is where they go
        assertEquals(1, store.list().size());
        assertEquals("epoch 2", Files.readString(dir.resolve("checkpoints/best.params")));
        store.load(r.id());
        assertTrue(Files.exists(dir.resolve("run.json")));
        assertFalse(names(dir).stream().anyMatch(n -> n.endsWith(".tmp")), names(dir).toString());
        assertEquals(List.of("best.params"), names(dir.resolve("checkpoints")));
        assertEquals(List.of(), store.problems());
    }

    @Test
    void weightsWrittenAndCommittedButNotYetRenamedAreRenamedIntoPlace() throws IOException {
        RunStore store = new RunStore(workspace);
        RunRecord r = closedRunWithBest(store, "epoch 2");
        Path ckpt = store.dir(r.id()).resolve("checkpoints");
        // the kill fell between the record naming epoch 3 (step 30) and the rename of its weights
        store.update(store.load(r.id()).toBuilder().bestEpoch(3).epochsCompleted(3).stepsCompleted(30L)
                .checkpoints(Map.of("best", new Checkpoint(3, 30))).build());
        Files.writeString(ckpt.resolve("best.params.30.pending"), "epoch 3");
        RunRecord loaded = store.load(r.id());
        assertEquals(3, loaded.bestEpoch());
        assertEquals(List.of("best.params"), names(ckpt));
        assertEquals("epoch 3", Files.readString(ckpt.resolve("best.params")));
    }

    @Test
    void weightsWrittenButNeverCommittedAreDroppedAndThePreviousOnesStay() throws IOException {
        RunStore store = new RunStore(workspace);
        RunRecord r = closedRunWithBest(store, "epoch 2");
        Path ckpt = store.dir(r.id()).resolve("checkpoints");
        // the kill fell after epoch 3's weights were written, before the record named them: the
        // record on disk still says running
        store.update(store.load(r.id()).withStatus(RunStatus.RUNNING, null));
        Files.writeString(ckpt.resolve("best.params.30.pending"), "epoch 3");
        Files.writeString(ckpt.resolve(".best.params.40.pending77.tmp"), "epoch 4, half written");
        RunRecord loaded = new RunStore(workspace).list().get(0);
        assertEquals(RunStatus.INTERRUPTED, loaded.status());
        assertEquals(2, loaded.bestEpoch());
        assertEquals(List.of("best.params"), names(ckpt));
        assertEquals("epoch 2", Files.readString(ckpt.resolve("best.params")));
    }

    @Test
    void aLiveRunsFilesAreNeverTouched() throws IOException {
        RunStore store = new RunStore(workspace);
        try (RunFolder live = store.create(RunStoreTest.SPEC, null,
                RunStoreTest.record(null, RunStatus.RUNNING, "2024-01-01T00:00:00Z"))) {
            Files.createDirectories(live.dir().resolve("checkpoints"));
            Path tmp = live.dir().resolve("checkpoints/.best.params123.tmp");
            Path pending = live.dir().resolve("checkpoints/best.params.10.pending");
            Files.writeString(tmp, "being written");
            Files.writeString(pending, "about to be committed");
            assertEquals(RunStatus.RUNNING, store.list().get(0).status());
            assertEquals(RunStatus.RUNNING, new RunStore(workspace).load(live.id()).status());
            assertTrue(Files.exists(tmp));
            assertTrue(Files.exists(pending));
        }
    }

    @Test
    void aRunFolderWhoseCreationWasKilledBeforeItsRecordIsRemoved() throws IOException {
        Path abandoned = workspace.resolve("runs/20240101-000000-killed-early-1234");
        Files.createDirectories(abandoned);
        Files.writeString(abandoned.resolve("run.lock"), "");
        Files.writeString(abandoned.resolve(".run.json5551.tmp"), "{\"formatVer");
        Path userFiles = workspace.resolve("runs/20240101-000000-no-record-5678");
        Files.createDirectories(userFiles);
        Files.writeString(userFiles.resolve("metrics.csv"), "# trainbench-metrics 1\n");
        RunStore store = new RunStore(workspace);
        assertEquals(List.of(), store.list());
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(userFiles.resolve("metrics.csv")), "anything but leftovers is left alone");
    }
}
