package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.DataFingerprinter;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.OptimizerSpec;
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

/**
 * The workspace's run index: each finished run's summary (no spec), used while run.json is
 * unchanged, never trusted beyond that.
 */
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

    private List<RunSummary> summaries() {
        return new RunStore(workspace).summaries();
    }

    @Test
    void aListWritesTheIndexAndTheNextListGivesEqualSummariesFromIt() throws IOException {
        List<RunRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RunRecord r = full("run-" + i, i == 2 ? RunStatus.DIVERGED : RunStatus.COMPLETED, "2024-01-0" + (i + 1) + "T00:00:00Z",
                    i % 2);
            writeRun(r);
            records.add(0, r);
        }
        List<RunSummary> fromFiles = summaries();
        assertTrue(Files.exists(index()), "the first list writes the index");
        assertEquals(5, RunIndex.read(workspace).size());
        List<RunSummary> fromIndex = summaries();
        assertEquals(fromFiles, fromIndex);
        assertEquals(records.stream().map(RunRecord::summary).toList(), fromIndex, "each run's summary, newest first");
        assertEquals("run-4", fromIndex.get(0).id());
    }

    @Test
    void everyFieldOfASummarySurvivesTheIndexNaNAndOddTextIncluded() throws IOException {
        ExperimentSpec sgd = RunStoreTest.SPEC.withTraining(RunStoreTest.SPEC.training()
                .withOptimizer(OptimizerSpec.sgd(0.1, 0.9, true).withWeightDecay(1e-4)));
        RunRecord r = full("run-a", RunStatus.EARLY_STOPPED, "2024-01-01T00:00:00Z", 3).toBuilder().spec(sgd)
                .name("quote \" and \u00e9 and \n new line").message("stopped early\nat epoch 7").parentId("run-p")
                .wallSeconds(12.5).seed(-7).device("gpu").dataLabel("sample:iris").modelLabel("tiny-mlp").parameterCount(1L << 40)
                .epochsCompleted(7).bestEpoch(5).bestValidationLoss(Double.NaN).bestValidationAccuracy(1.0)
                .bestValidationRmse(Double.POSITIVE_INFINITY).samplesPerSecond(1e6)
                .test(new TestResult("2024-01-02T00:00:00Z", "best", 30, 0.1, 0.93, List.of("a", "b"), new int[][] {{1, 0}, {0, 1}},
                        new double[] {1, 1}, 0.5, 0.25, 0.75))
                .tags(List.of("x", "y z")).notes("=notes, \"quoted\"").groupName("grp").sweepName("lr")
                .sweepPoint(new java.util.LinkedHashMap<>(Map.of("training.optimizer.learningRate", "0.01"))).build();
        RunSummary expected = r.summary();
        assertTrue(expected.setup() != null && expected.setup().nesterov() && expected.tested());
        writeRun(r);
        assertEquals(List.of(expected), summaries());
        assertEquals(List.of(expected), summaries(), "read back from the index");
        assertTrue(RunIndex.read(workspace).containsKey("run-a"));
        RunSummary noSpec = r.toBuilder().id("run-b").spec(null).test(null).tags(List.of()).notes("").build().summary();
        assertEquals(null, noSpec.setup());
        // (a run.json without a readable spec is never indexed: it is read each time, as from a newer TrainBench)
        RunIndex.Stamp stamp = new RunIndex.Stamp(1, 2, null);
        RunIndex.write(workspace, Map.of("run-b", new RunIndex.Entry(stamp, noSpec)));
        assertEquals(Map.of("run-b", new RunIndex.Entry(stamp, noSpec)), RunIndex.read(workspace));
    }

    @Test
    void theIndexHoldsNoSpecsAndListingFromItReadsNoRunJson() throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            files.add(writeRun(full("run-" + i, RunStatus.COMPLETED, "2024-01-0" + (i + 1) + "T00:00:00Z", -1))
                    .resolve(RunStore.RECORD_FILE));
        }
        List<RunSummary> expected = summaries();
        String index = Files.readString(index());
        assertFalse(index.contains("\"spec\"") || index.contains("\"layers\":[") || index.contains("dataFingerprint"),
                "only the columns of the list: " + index.substring(0, Math.min(400, index.length())));
        // every run.json replaced in place by junk of the same length and time: a list that read one would report it
        for (Path file : files) {
            FileTime time = Files.getLastModifiedTime(file);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.write("x".repeat((int) raf.length()).getBytes(StandardCharsets.UTF_8));
            }
            Files.setLastModifiedTime(file, time);
        }
        RunStore store = new RunStore(workspace);
        assertEquals(expected, store.summaries());
        assertEquals(List.of(), store.problems(), "no run.json was read");
        // while the whole records, which need run.json, are read from the files
        assertEquals(List.of(), store.list());
        assertEquals(3, store.problems().size(), store.problems().toString());
    }

    @Test
    void anUnchangedRunJsonIsNotReadAgain() throws IOException {
        Path dir = writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        summaries();
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
        assertEquals("run-a", summaries().get(0).name());
    }

    @Test
    void aRewrittenRunJsonIsReadAgainEvenWithTheSameTimeAndLength() throws IOException {
        Path dir = writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        summaries();
        Path file = dir.resolve(RunStore.RECORD_FILE);
        FileTime time = Files.getLastModifiedTime(file);
        String changed = Files.readString(file).replace("\"name\" : \"run-a\"", "\"name\" : \"run-b\"");
        // the way TrainBench rewrites it: a new file moved into place (another file key)
        RunFiles.writeAtomically(file, o -> o.write(changed.getBytes(StandardCharsets.UTF_8)));
        Files.setLastModifiedTime(file, time);
        assertEquals("run-b", summaries().get(0).name());
    }

    @Test
    void aRenameThroughTheStoreShowsInTheNextList() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        RunStore store = new RunStore(workspace);
        store.summaries();
        store.rename("run-a", "better name");
        assertEquals("better name", summaries().get(0).name());
        assertEquals("better name", store.summaries().get(0).name(), "the same store too");
    }

    @Test
    void deletedAndAddedRunsAreSeenAndTheIndexFollows() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        writeRun(full("run-b", RunStatus.COMPLETED, "2024-01-02T00:00:00Z", -1));
        RunStore store = new RunStore(workspace);
        store.summaries();
        store.delete("run-a");
        writeRun(full("run-c", RunStatus.COMPLETED, "2024-01-03T00:00:00Z", -1));
        assertEquals(List.of("run-c", "run-b"), summaries().stream().map(RunSummary::id).toList());
        assertEquals(java.util.Set.of("run-b", "run-c"), RunIndex.read(workspace).keySet());
    }

    @Test
    void aDamagedIndexIsRebuiltFromTheFolders() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        writeRun(full("run-b", RunStatus.COMPLETED, "2024-01-02T00:00:00Z", -1));
        List<RunSummary> expected = summaries();
        String whole = Files.readString(index());
        for (int cut : new int[] {whole.length() / 2, whole.length() - 4, whole.indexOf("run-b") + 20}) {
            Files.writeString(index(), whole.substring(0, cut)); // a write cut short
            assertTrue(RunIndex.read(workspace).isEmpty(), "a cut index is not used at all (cut at " + cut + ")");
            RunStore store = new RunStore(workspace);
            assertEquals(expected, store.summaries());
            assertEquals(List.of(), store.problems());
            assertEquals(2, RunIndex.read(workspace).size(), "rewritten whole");
        }
    }

    @Test
    void anIndexOfAnotherFormatVersionIsNotReadButReplaced() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        summaries();
        String current = "\"formatVersion\":" + RunIndex.FORMAT_VERSION;
        assertTrue(Files.readString(index()).contains(current));
        for (int other : new int[] {1, RunIndex.FORMAT_VERSION + 1}) {
            // 1: an older TrainBench's index of whole records; FORMAT_VERSION + 1: a newer one's
            Files.writeString(index(), Files.readString(index()).replace(current, "\"formatVersion\":" + other));
            assertTrue(RunIndex.read(workspace).isEmpty());
            assertEquals("run-a", summaries().get(0).id());
            assertEquals(1, RunIndex.read(workspace).size());
            assertTrue(Files.readString(index()).contains(current), "rewritten in this version's format");
        }
    }

    @Test
    void anEntryWithAStatusThisVersionDoesNotKnowIsReadFromRunJsonInstead() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        writeRun(full("run-b", RunStatus.COMPLETED, "2024-01-02T00:00:00Z", -1));
        summaries();
        Files.writeString(index(), Files.readString(index()).replaceFirst(",\"completed\",", ",\"archived\","));
        assertEquals(1, RunIndex.read(workspace).size(), "the other entry is still used");
        assertEquals(List.of(RunStatus.COMPLETED, RunStatus.COMPLETED), summaries().stream().map(RunSummary::status).toList());
    }

    @Test
    void activeRunsAreNeverIndexedSoADeadOnesIsStillMarkedInterrupted() throws IOException {
        writeRun(full("run-a", RunStatus.RUNNING, "2024-01-01T00:00:00Z", -1));
        assertEquals(RunStatus.INTERRUPTED, summaries().get(0).status());
        // the interrupted record, written by that list, is indexed by the next one
        assertEquals(RunStatus.INTERRUPTED, summaries().get(0).status());
        assertEquals(RunStatus.INTERRUPTED, RunIndex.read(workspace).get("run-a").summary().status());
    }

    @Test
    void aListWithNothingChangedDoesNotRewriteTheIndex() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        summaries();
        Object key = Files.readAttributes(index(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        summaries();
        new RunStore(workspace).list();
        assertEquals(key, Files.readAttributes(index(), java.nio.file.attribute.BasicFileAttributes.class).fileKey());
    }

    @Test
    void aReadOnlyWorkspaceStillLists() throws IOException {
        writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        Files.createDirectories(index()); // a folder where the index file would go: it cannot be written
        RunStore store = new RunStore(workspace);
        assertEquals("run-a", store.summaries().get(0).id());
        assertEquals("run-a", store.list().get(0).id());
        assertFalse(Files.isRegularFile(index()));
    }

    @Test
    void aRunFromANewerTrainBenchIsReadEachTimeSoItStaysMarkedAsSuch() throws IOException {
        Path dir = writeRun(full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1));
        Path file = dir.resolve(RunStore.RECORD_FILE);
        Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{ \"energyJoules\" : 12.5,"));
        assertTrue(summaries().get(0).fromNewerVersion());
        assertTrue(summaries().get(0).fromNewerVersion(), "the second list (index written) too");
        assertFalse(RunIndex.read(workspace).containsKey("run-a"));
    }

    @Test
    void theFullRecordsAreStillListedWholeForWhoeverNeedsThem() throws IOException {
        RunRecord r = full("run-a", RunStatus.COMPLETED, "2024-01-01T00:00:00Z", -1);
        writeRun(r);
        summaries(); // index in place
        RunRecord listed = new RunStore(workspace).list().get(0);
        assertEquals(RunStoreTest.SPEC, listed.spec());
        assertEquals(r.dataFingerprint(), listed.dataFingerprint());
    }
}
