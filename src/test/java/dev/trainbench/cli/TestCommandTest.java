package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trainbench test RUN} on run folders that are not what they should be (issue 10, items 5, 6
 * and 9): one clear message and exit 2 for a checkpoint that cannot be used, never a Java class
 * name, "null" or exit 3; the folder, not the record inside it, says which run is tested.
 */
class TestCommandTest {

    @TempDir
    static Path trained;
    @TempDir
    Path dir;

    static String runA;
    static String runOther;

    static final String SPIRAL = """
            {"name": "%s", "seed": 3,
             "data": {"source": "toy", "name": "spiral", "samples": 300},
             "model": {"layers": [{"type": "dense", "units": %d}, {"type": "relu"}], "init": {"type": "he"}},
             "training": {"optimizer": {"type": "adam", "learningRate": 0.01}, "batchSize": 32, "epochs": 2}}
            """;

    /** Two runs trained once for the whole class: "a" (dense 32) and "other" (dense 8, another model). */
    @BeforeAll
    static void trainTwoRuns() throws IOException {
        runA = train("a", 32);
        runOther = train("other", 8);
    }

    private static String train(String name, int units) throws IOException {
        Path spec = trained.resolve(name + ".json");
        Files.writeString(spec, SPIRAL.formatted(name, units));
        CliOutcome o = CliOutcome.of("run", spec.toString(), "-q", "--json", "-w", trained.resolve("ws").toString());
        assertEquals(0, o.code(), o.err());
        String[] lines = o.out().strip().split("\n");
        return SpecJson.mapper().readTree(lines[lines.length - 1]).get("runId").asText();
    }

    /** A copy of the trained workspace for one test to damage. */
    private Path workspace() throws IOException {
        Path ws = dir.resolve("ws");
        Path from = trained.resolve("ws");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = ws.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (!p.getFileName().toString().equals("run.lock")) {
                    Files.copy(p, to);
                }
            }
        }
        return ws;
    }

    private static Path best(Path ws, String run) {
        return ws.resolve("runs").resolve(run).resolve("checkpoints").resolve("best.params");
    }

    private static void assertOneClearMessage(CliOutcome o, String... parts) {
        assertEquals(2, o.code(), o.out() + o.err());
        String err = o.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: "), err);
        for (String p : parts) {
            assertTrue(err.contains(p), "'" + p + "' missing from: " + err);
        }
        assertFalse(err.contains("null"), err);
        assertFalse(err.matches(".*[A-Z][a-z]+(Exception|Error)\\b.*"), "a Java class name in: " + err);
        assertFalse(err.contains("overflow"), err);
    }

    @Test
    void aTruncatedCheckpointGetsOneClearMessage() throws IOException {
        Path ws = workspace();
        byte[] bytes = Files.readAllBytes(best(ws, runA));
        Files.write(best(ws, runA), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertOneClearMessage(CliOutcome.of("test", runA, "-w", ws.toString()), runA, "best.params", "damaged");
    }

    @Test
    void aCheckpointOfAnotherModelGetsTheSameMessage() throws IOException {
        Path ws = workspace();
        Files.copy(best(ws, runOther), best(ws, runA), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertOneClearMessage(CliOutcome.of("test", runA, "-w", ws.toString()), runA, "best.params", "damaged");
    }

    @Test
    void craftedCheckpointHeadersNeverCrashTheCommand() throws IOException {
        Path ws = workspace();
        byte[] original = Files.readAllBytes(best(ws, runA));
        for (int at = 0; at < Math.min(160, original.length - 4); at += 7) {
            for (int value : new int[] {0x7fffffff, 0x80000000, -1}) {
                byte[] crafted = original.clone();
                java.nio.ByteBuffer.wrap(crafted).putInt(at, value);
                Files.write(best(ws, runA), crafted);
                CliOutcome o = CliOutcome.of("test", runA, "-w", ws.toString());
                // a change that still loads is a model with other weights: a result, not a crash
                if (o.code() != 0) {
                    assertOneClearMessage(o, runA, "best.params");
                }
            }
        }
    }

    @Test
    void aMissingCheckpointAfterTwoEpochsSaysItIsMissingNotThatTheRunEndedEarly() throws IOException {
        Path ws = workspace();
        Files.delete(best(ws, runA));
        CliOutcome o = CliOutcome.of("test", runA, "-w", ws.toString());
        assertOneClearMessage(o, runA, "best.params", "missing", "epoch 2");
        assertFalse(o.err().contains("before its first epoch"), o.err());
    }

    @Test
    void theFolderNotTheRecordInsideItSaysWhichRunIsTested() throws IOException {
        Path ws = workspace();
        Path runsDir = ws.resolve("runs");
        // run "other"'s folder now holds a copy of run a's record and weights (copied by hand)
        Files.copy(runsDir.resolve(runA).resolve("run.json"), runsDir.resolve(runOther).resolve("run.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(best(ws, runA), best(ws, runOther), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] aBefore = Files.readAllBytes(runsDir.resolve(runA).resolve("run.json"));
        CliOutcome o = CliOutcome.of("test", runOther, "-w", ws.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("run " + runOther), o.out());
        assertEquals(new String(aBefore), Files.readString(runsDir.resolve(runA).resolve("run.json")));
        JsonNode other = SpecJson.mapper().readTree(runsDir.resolve(runOther).resolve("run.json").toFile());
        assertEquals(runOther, other.get("id").asText());
        assertTrue(other.has("test"), other.toString());
        assertFalse(SpecJson.mapper().readTree(aBefore).has("test"));
    }

    @Test
    void testingARunThatIsStillTrainingSaysSoAndNothingAboutRenaming() throws IOException {
        Path ws = workspace();
        RunStore store = new RunStore(ws);
        RunRecord r = store.load(runA);
        // a run of the same spec being trained right now, with a's weights already saved
        try (RunFolder live = store.create(r.spec(), null, r.toBuilder().status(RunStatus.RUNNING).test(null).build())) {
            Files.createDirectories(live.dir().resolve("checkpoints"));
            Files.copy(best(ws, runA), live.dir().resolve("checkpoints").resolve("best.params"));
            CliOutcome o = CliOutcome.of("test", live.id(), "-w", ws.toString());
            assertEquals(2, o.code(), o.err());
            assertTrue(o.err().contains("training"), o.err());
            assertFalse(o.err().toLowerCase().contains("rename"), o.err());
            assertEquals(null, store.load(live.id()).test());
        }
    }
}
