package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.spec.SpecJson;

import dev.trainbench.spec.TrainingSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run folders saved by earlier (and pretend later) versions, kept in src/test/resources/runs/. */
class SavedRunFixturesTest {

    static final String V1 = "20240305-101500-iris-tiny-mlp-a1b2";
    static final String NEWER = "20990101-000000-from-newer-version-ffff";
    static final String NEWER_SPEC = "20990202-000000-newer-spec-eeee";
    static final String BEFORE_DEAD_FRACTION = "20260301-090000-blobs-before-dead-fraction-b0b0";
    static final String NEWER_METRICS = "20990102-000000-newer-metrics-eeee";

    @TempDir
    Path workspace;

    private void install(String id, String... files) throws IOException {
        Path dir = workspace.resolve("runs").resolve(id);
        Files.createDirectories(dir);
        for (String f : files) {
            try (InputStream in = getClass().getResourceAsStream("/runs/" + id + "/" + f)) {
                assertTrue(in != null, "missing fixture /runs/" + id + "/" + f);
                Files.copy(in, dir.resolve(f));
            }
        }
    }

    @Test
    void version1RunJsonLoads() throws IOException {
        install(V1, "run.json");
        RunRecord r = new RunStore(workspace).load(V1);
        assertEquals(1, r.formatVersion());
        assertEquals(RunStatus.COMPLETED, r.status());
        assertEquals("tiny-mlp", r.spec().model().preset());
        assertEquals(50, r.spec().training().epochs());
        assertEquals(TrainingSpec.Loss.CROSS_ENTROPY, r.spec().training().loss());
        assertEquals(259L, r.parameterCount());
        assertEquals(0.9666666666666667, r.testAccuracy());
        assertArrayEquals(new int[] {0, 9, 1}, r.test().confusion()[1]);
        assertEquals(List.of("baseline"), r.tags());
        assertEquals("first try", r.notes());
        assertEquals("standardize", r.preprocessing().get("mode"));
    }

    @Test
    void version1EpochsCsvReads() throws IOException {
        install(V1, "run.json", "epochs.csv");
        MetricsTable t = new RunStore(workspace).readEpochs(V1);
        assertEquals(2, t.rows());
        assertEquals(0.73, t.column("validation_accuracy")[1], 1e-9);
    }

    @Test
    void version1RunIsListedWithoutProblems() throws IOException {
        install(V1, "run.json");
        RunStore store = new RunStore(workspace);
        assertEquals(List.of(V1), store.list().stream().map(RunRecord::id).toList());
        assertEquals(List.of(), store.problems());
    }

    @Test
    void runJsonWithFieldsFromANewerVersionStillLoadsAndIsMarked() throws IOException {
        install(NEWER, "run.json");
        RunRecord r = new RunStore(workspace).load(NEWER);
        assertEquals("from-newer-version", r.name());
        assertEquals(RunStatus.COMPLETED, r.status());
        assertTrue(r.fromNewerVersion());
        assertTrue(r.unread().fields().containsAll(List.of("energyJoules", "hardware", "spec")), r.unread().toString());
        // a spec with a field this version does not know is not the recipe that ran: never used half-read
        assertNull(r.spec());
        assertTrue(r.unread().specProblem().contains("mixedPrecision"), r.unread().specProblem());
    }

    @Test
    void aRunWhoseSpecThisVersionCannotReadIsListedFromWhatCanBeRead() throws IOException {
        install(NEWER_SPEC, "run.json", "epochs.csv");
        install(V1, "run.json");
        RunStore store = new RunStore(workspace);
        List<RunRecord> runs = store.list();
        assertEquals(List.of(NEWER_SPEC, V1), runs.stream().map(RunRecord::id).toList());
        assertEquals(List.of(), store.problems());
        RunRecord r = runs.get(0);
        assertEquals("newer-spec", r.name());
        assertTrue(r.fromNewerVersion());
        assertNull(r.status());
        assertEquals("archived", r.unread().rawStatus());
        assertEquals(0.91, r.bestValidationAccuracy());
        assertEquals(3, r.epochsCompleted());
        assertEquals(0.9, r.testAccuracy());
        assertEquals("table.parquet", r.dataLabel());
        assertEquals(List.of("future"), r.tags());
        assertNull(r.spec());
        assertTrue(r.unread().specProblem().contains("version 2"), r.unread().specProblem());
        // a known field in a shape this version does not expect is left out, not fatal
        assertNull(r.samplesPerSecond());
        assertTrue(r.unread().fields().containsAll(List.of("status", "queuePriority", "carbonReport", "energyJoules",
                "samplesPerSecond", "spec", "test.topKAccuracy", "checkpoints.best.sha256")), r.unread().fields().toString());
        assertEquals(3, store.readEpochs(NEWER_SPEC).rows());
        assertFalse(runs.get(1).fromNewerVersion());
    }

    @Test
    void actionsThatNeedTheSpecOfANewerRunAreRefusedWithTheReason() throws IOException {
        install(NEWER_SPEC, "run.json");
        RunRecord r = new RunStore(workspace).load(NEWER_SPEC);
        RunStoreException e = assertThrows(RunStoreException.class, () -> r.specFor("the final test"));
        assertTrue(e.getMessage().contains("newer TrainBench") && e.getMessage().contains("the final test")
                && e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void listingAnArchivedRunFromANewerVersionLeavesItsFileUntouched() throws IOException {
        install(NEWER_SPEC, "run.json");
        Path json = workspace.resolve("runs").resolve(NEWER_SPEC).resolve(RunStore.RECORD_FILE);
        byte[] before = Files.readAllBytes(json);
        RunStore store = new RunStore(workspace);
        store.list();
        store.load(NEWER_SPEC);
        assertArrayEquals(before, Files.readAllBytes(json));
    }

    @Test
    void editingARunFromANewerVersionChangesOnlyWhatWasEdited() throws IOException {
        install(NEWER_SPEC, "run.json");
        Path json = workspace.resolve("runs").resolve(NEWER_SPEC).resolve(RunStore.RECORD_FILE);
        ObjectNode expected = (ObjectNode) SpecJson.mapper().readTree(json.toFile());
        RunStore store = new RunStore(workspace);
        store.rename(NEWER_SPEC, "renamed");
        store.setNotes(NEWER_SPEC, "seen by an older version");
        store.setTags(NEWER_SPEC, List.of("future", "kept"));
        expected.put("name", "renamed");
        expected.put("notes", "seen by an older version");
        expected.set("tags", SpecJson.mapper().valueToTree(List.of("future", "kept")));
        assertEquals(expected, SpecJson.mapper().readTree(json.toFile()));
        RunRecord again = store.load(NEWER_SPEC);
        assertEquals("archived", again.unread().rawStatus());
        assertEquals("renamed", again.name());
    }

    @Test
    void editingAVersion1RunKeepsItsSpecExactlyAsWritten() throws IOException {
        install(V1, "run.json");
        Path json = workspace.resolve("runs").resolve(V1).resolve(RunStore.RECORD_FILE);
        JsonNode before = SpecJson.mapper().readTree(json.toFile());
        new RunStore(workspace).setNotes(V1, "second look");
        JsonNode after = SpecJson.mapper().readTree(json.toFile());
        assertEquals(before.get("spec"), after.get("spec"));
        assertEquals("second look", after.get("notes").asText());
        assertFalse(new RunStore(workspace).load(V1).fromNewerVersion());
    }

    @Test
    void runJsonWithFieldsFromANewerVersionIsListedWithoutProblems() throws IOException {
        install(NEWER, "run.json");
        install(V1, "run.json");
        RunStore store = new RunStore(workspace);
        assertEquals(List.of(NEWER, V1), store.list().stream().map(RunRecord::id).toList());
        assertEquals(List.of(), store.problems());
    }

    @Test
    void metricsWrittenBeforeTheDeadReluColumnReadByTheColumnRegistry() throws IOException {
        install(BEFORE_DEAD_FRACTION, "run.json", "metrics.csv", "epochs.csv");
        RunStore store = new RunStore(workspace);
        MetricsTable steps = store.readSteps(BEFORE_DEAD_FRACTION);
        assertEquals(12, steps.rows());
        assertEquals(List.of("1 dense 16", "4 dense 16", "output dense 2"), steps.layers(MetricColumns.Step.LAYER_GRAD_NORM));
        assertEquals(0.6287923, steps.column(MetricColumns.Step.LOSS)[0], 1e-7);
        assertEquals(0.0067822947, steps.column(MetricColumns.Step.LAYER_UPDATE_RATIO, "1 dense 16")[0], 1e-10);
        assertTrue(Double.isNaN(steps.column(MetricColumns.Step.LAYER_UPDATE_RATIO, "1 dense 16")[1]));
        assertEquals(List.of(), steps.layers(MetricColumns.Step.LAYER_DEAD_FRACTION));
        assertEquals(null, steps.column(MetricColumns.Step.LAYER_DEAD_FRACTION, "1 dense 16"));
        MetricsTable epochs = store.readEpochs(BEFORE_DEAD_FRACTION);
        assertEquals(3, epochs.rows());
        assertEquals(3, epochs.value(MetricColumns.Epoch.EPOCH, 2));
    }

    @Test
    void metricsFromANewerVersionWithUnknownColumnsReadAsFarAsTheyGo() throws IOException {
        install(NEWER_METRICS, "run.json", "metrics.csv", "epochs.csv");
        RunStore store = new RunStore(workspace);
        MetricsTable steps = store.readSteps(NEWER_METRICS);
        assertEquals(2, steps.rows());
        assertArrayEquals(new double[] {1.1, 1.05}, steps.column(MetricColumns.Step.LOSS));
        assertEquals(List.of("1 dense 16", "output dense 3"), steps.layers(MetricColumns.Step.LAYER_GRAD_NORM));
        assertEquals(0.125, steps.column(MetricColumns.Step.LAYER_DEAD_FRACTION, "1 dense 16")[0]);
        assertTrue(Double.isNaN(steps.column(MetricColumns.Step.LAYER_DEAD_FRACTION, "output dense 3")[0]));
        MetricsTable epochs = store.readEpochs(NEWER_METRICS);
        assertEquals(1.02, epochs.value(MetricColumns.Epoch.VALIDATION_LOSS, 0));
        assertEquals(0.2, epochs.value(MetricColumns.Epoch.SECONDS, 0));
        assertEquals(5050, epochs.value(MetricColumns.Epoch.SAMPLES_PER_SECOND, 0));
    }
}
