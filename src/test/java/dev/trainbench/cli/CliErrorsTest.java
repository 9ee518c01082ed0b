package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.model.Presets;
import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line rough edges a new user hits (issue 10, items 8, 9, 10 and 12). */
class CliErrorsTest {

    @TempDir
    Path dir;

    Path workspace() {
        return dir.resolve("ws");
    }

    Path spec() throws IOException {
        Path p = dir.resolve("s.json");
        Files.writeString(p, CliTest.SPIRAL);
        return p;
    }

    private static JsonNode lastJsonLine(String out) throws IOException {
        String[] lines = out.strip().split("\n");
        return SpecJson.mapper().readTree(lines[lines.length - 1]);
    }

    private boolean noRunFolders() throws IOException {
        Path runs = workspace().resolve("runs");
        if (!Files.exists(runs)) {
            return true;
        }
        try (var s = Files.list(runs)) {
            return s.findAny().isEmpty();
        }
    }

    /** A run folder written the way the trainer leaves one, without training. */
    private RunRecord savedRun(String name, String notes, RunStatus status) throws IOException {
        ExperimentSpec spec = new ExperimentSpec(null, "s", 1L, DataSpec.sample("iris"), null, null, null,
                Presets.get("tiny-mlp").model(), null);
        RunStore store = new RunStore(workspace());
        try (RunFolder f = store.create(spec, null, new RunRecord.Builder().name(name).notes(notes).status(status)
                .spec(spec).seed(1).createdAt("2024-01-01T00:00:00Z").dataLabel("iris").modelLabel(name).build())) {
            return f.record();
        }
    }

    // item 8

    @Test
    void threadsZeroOrNegativeIsBadInputAndCreatesNoRun() throws IOException {
        for (String n : List.of("0", "-2")) {
            CliOutcome o = CliOutcome.of("run", spec().toString(), "--threads", n, "-q", "-w", workspace().toString());
            assertEquals(2, o.code(), o.err());
            assertTrue(o.err().contains("--threads must be at least 1"), o.err());
            assertTrue(noRunFolders());
        }
        CliOutcome bench = CliOutcome.of("bench", "startup", spec().toString(), "--threads", "0");
        assertEquals(2, bench.code(), bench.err());
    }

    @Test
    void gpuOnAMachineWithoutOneIsRefusedBeforeARunIsCreated() throws IOException {
        Assumptions.assumeTrue(ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU");
        CliOutcome o = CliOutcome.of("run", spec().toString(), "--device", "gpu", "-q", "-w", workspace().toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("GPU"), o.err());
        assertTrue(noRunFolders(), "no failed run folder left behind");
    }

    // item 9

    @Test
    void errorsNameNoJavaClass() {
        CliOutcome o = CliOutcome.of("show", "nothing-here", "-w", workspace().toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: no run matches 'nothing-here'"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void showOfAPrefixOfAnUnreadableRunSaysWhyItCannotBeRead() throws IOException {
        Path run = workspace().resolve("runs").resolve("20240101-000000-broken-1234");
        Files.createDirectories(run);
        Files.writeString(run.resolve("run.json"), "{\"id\": \"20240101-000000-broken-1234\", \"name\": ");
        CliOutcome o = CliOutcome.of("show", "20240101-000000-bro", "-w", workspace().toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("20240101-000000-broken-1234") && o.err().contains("unreadable"), o.err());
        assertFalse(o.err().contains("no run matches"), o.err());
    }

    @Test
    void showOfARunKilledBeforeItsFirstEpochPrintsNoNull() throws IOException {
        RunRecord r = savedRun("early", "", RunStatus.RUNNING);
        CliOutcome o = CliOutcome.of("show", r.id(), "-w", workspace().toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("interrupted"), o.out());
        assertFalse(o.out().contains("null"), o.out());
    }

    @Test
    void aParentThatDoesNotExistIsRefusedBeforeTraining() throws IOException {
        CliOutcome o = CliOutcome.of("run", spec().toString(), "--parent", "no-such-run", "-q", "-w", workspace().toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--parent") && o.err().contains("no-such-run"), o.err());
        assertTrue(noRunFolders());
    }

    @Test
    void aParentGivenByPrefixIsStoredAsItsFullId() throws IOException {
        RunRecord parent = savedRun("parent", "", RunStatus.COMPLETED);
        CliOutcome o = CliOutcome.of("run", spec().toString(), "--epochs", "1", "--parent", parent.id().substring(0, parent.id().length() - 3),
                "-q", "--json", "-w", workspace().toString());
        assertEquals(0, o.code(), o.err());
        String child = lastJsonLine(o.out()).get("runId").asText();
        assertEquals(parent.id(), new RunStore(workspace()).load(child).parentId());
    }

    @Test
    void testOfARunFromANewerVersionIsRefusedWithTheReason() throws IOException {
        Path run = workspace().resolve("runs").resolve("20990202-000000-newer-spec-eeee");
        Files.createDirectories(run);
        try (InputStream in = getClass().getResourceAsStream("/runs/20990202-000000-newer-spec-eeee/run.json")) {
            Files.copy(in, run.resolve("run.json"));
        }
        CliOutcome o = CliOutcome.of("test", "20990202", "-w", workspace().toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("newer TrainBench"), o.err());
        CliOutcome list = CliOutcome.of("list", "-w", workspace().toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("20990202-000000-newer-spec-eeee"), list.out());
        assertTrue(list.out().contains("archived"), list.out());
        CliOutcome show = CliOutcome.of("show", "20990202", "-w", workspace().toString());
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("newer TrainBench"), show.out());
        assertTrue(show.out().contains("diagnosis: not available"), show.out());
        CliOutcome showSpec = CliOutcome.of("show", "20990202", "--spec", "-w", workspace().toString());
        assertEquals(0, showSpec.code(), showSpec.err());
        assertTrue(showSpec.out().contains("attention"), showSpec.out());
    }

    // item 10

    @Test
    void controlCharactersInNamesAndNotesArePrintedEscaped() throws IOException {
        String title = "\u001b]0;pwned\u0007";
        RunRecord r = savedRun("evil" + title + "\u009b31m", "note\u001b[2J\nsecond line\u202e", RunStatus.COMPLETED);
        for (CliOutcome o : List.of(CliOutcome.of("list", "-w", workspace().toString()),
                CliOutcome.of("show", r.id(), "-w", workspace().toString()))) {
            assertEquals(0, o.code(), o.err());
            for (char c : o.out().toCharArray()) {
                assertFalse(c < 0x20 && c != '\n' || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u202e',
                        "raw control character U+" + Integer.toHexString(c) + " in: " + o.out());
            }
        }
        CliOutcome show = CliOutcome.of("show", r.id(), "-w", workspace().toString());
        assertTrue(show.out().contains("evil\\e]0;pwned\\a"), show.out());
        assertTrue(show.out().contains("second line"), show.out());
    }

    // item 12

    @Test
    void everyCommandPrintsItsHelp() {
        for (String command : List.of("run", "check", "list", "show", "test", "profile", "presets", "lr-find", "bench")) {
            CliOutcome o = CliOutcome.of(command, "--help");
            assertEquals(0, o.code(), command + ": " + o.err());
            assertTrue(o.out().contains("Usage: trainbench " + command), command + ": " + o.out());
        }
    }

    @Test
    void checkAndLrFindAcceptAWorkspaceLikeEveryOtherCommand() throws IOException {
        CliOutcome check = CliOutcome.of("check", spec().toString(), "--steps", "5", "-w", workspace().toString());
        assertTrue(check.code() == 0 || check.code() == 1, check.err());
        CliOutcome lr = CliOutcome.of("lr-find", spec().toString(), "--steps", "10", "--workspace", workspace().toString());
        assertEquals(0, lr.code(), lr.err());
        assertTrue(noRunFolders(), "neither saves a run");
    }

    @Test
    void profileNamesItsOwnFlagForTheLabelsFile() throws IOException {
        Path images = dir.resolve("digits-images-idx3-ubyte.gz");
        Files.copy(Path.of("sample-datasets/mnist/digits-images-idx3-ubyte.gz"), images);
        CliOutcome o = CliOutcome.of("profile", images.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--labels"), o.err());
        assertFalse(o.err().contains("data.labelsPath"), o.err());
    }

    @Test
    void withJsonEveryErrorEndsWithAJsonLine() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"name\": \"x\", \"data\": {");
        List<List<String>> cases = List.of(
                List.of("run", bad.toString(), "--json", "-w", workspace().toString()),
                List.of("run", spec().toString(), "--json", "--threads", "0", "-w", workspace().toString()),
                List.of("run", "--json", "--no-such-option"),
                List.of("run", "--json"),
                List.of("run", spec().toString(), "--json", "--parent", "nope", "-w", workspace().toString()),
                List.of("compare", "no-such-run", "nor-this-one", "--json", "-w", workspace().toString()));
        for (List<String> args : cases) {
            CliOutcome o = CliOutcome.of(args.toArray(String[]::new));
            assertEquals(2, o.code(), args + ": " + o.err());
            JsonNode j = lastJsonLine(o.out());
            assertEquals("error", j.get("status").asText(), args + ": " + o.out());
            assertEquals(2, j.get("exitCode").asInt(), args + ": " + o.out());
            assertFalse(j.get("message").asText().isBlank(), args + ": " + o.out());
            assertTrue(o.err().contains(j.get("message").asText()), o.err() + " / " + j);
        }
    }

    @Test
    void samplesPerSecondInJsonIsTheWholeRunsRateNotTheLastEpochs() throws IOException {
        CliOutcome o = CliOutcome.of("run", spec().toString(), "--epochs", "3", "-q", "--json", "-w", workspace().toString());
        assertEquals(0, o.code(), o.err());
        JsonNode j = lastJsonLine(o.out());
        MetricsTable epochs = new RunStore(workspace()).readEpochs(j.get("runId").asText());
        double samples = 0;
        double seconds = 0;
        for (int i = 0; i < epochs.rows(); i++) {
            samples += epochs.column("samples_per_second")[i] * epochs.column("seconds")[i];
            seconds += epochs.column("seconds")[i];
        }
        assertEquals(samples / seconds, j.get("samplesPerSecond").asDouble(), 1e-3 * samples / seconds);
    }
}
