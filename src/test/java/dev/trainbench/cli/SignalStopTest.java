package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.SpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM on a real {@code trainbench run} (issue 10, item 7): the run stops at the next
 * step and is saved as stopped, the summary and the {@code --json} line are always printed, and the
 * process exits 130 (SIGINT) or 143 (SIGTERM), as the README documents.
 */
class SignalStopTest {

    @TempDir
    Path dir;

    private TrainbenchProcess start() throws Exception {
        return TrainbenchProcess.start(dir, "run", longSpec().toString(), "--json", "--threads", "1", "-w",
                dir.resolve("ws").toString());
    }

    /** A spec that trains far longer than any test waits. */
    private Path longSpec() throws Exception {
        Path spec = dir.resolve("long.json");
        Files.writeString(spec, """
                {"name": "signalled", "seed": 3,
                 "data": {"source": "toy", "name": "spiral", "samples": 240},
                 "model": {"layers": [{"type": "dense", "units": 16}, {"type": "relu"}]},
                 "training": {"optimizer": {"type": "adam", "learningRate": 0.01}, "batchSize": 64, "epochs": 100000}}
                """);
        return spec;
    }

    private void assertStoppedAndReported(TrainbenchProcess p, int exitCode, int expected) throws Exception {
        assertEquals(expected, exitCode, p.out() + "\n" + p.err());
        String[] lines = p.out().strip().split("\n");
        assertTrue(lines[0].startsWith("run ") && lines[0].contains(" stopped after "), p.out());
        JsonNode json = SpecJson.mapper().readTree(lines[lines.length - 1]);
        assertEquals("stopped", json.get("status").asText(), p.out());
        RunRecord saved = new RunStore(dir.resolve("ws")).load(json.get("runId").asText());
        assertEquals(RunStatus.STOPPED, saved.status());
        assertEquals(json.get("epochs").asInt(), saved.epochsCompleted() == null ? 0 : saved.epochsCompleted());
    }

    @Test
    void ctrlCStopsTheRunSavesItPrintsTheSummaryAndTheJsonLineAndExits130() throws Exception {
        try (TrainbenchProcess p = start()) {
            assertTrue(p.awaitErrLine(l -> l.startsWith("epoch 2/"), 120_000), p.err());
            p.signal("INT");
            assertStoppedAndReported(p, p.waitFor(60), 130);
        }
    }

    @Test
    void sigtermStopsTheRunTheSameWayAndExits143() throws Exception {
        try (TrainbenchProcess p = start()) {
            assertTrue(p.awaitErrLine(l -> l.startsWith("epoch 1/"), 120_000), p.err());
            // what Process.destroy() sends; destroy() itself would also close our ends of the pipes
            p.signal("TERM");
            assertStoppedAndReported(p, p.waitFor(60), 143);
        }
    }

    @Test
    void ctrlCBeforeTheFirstStepStillEndsWithTheSummaryAndTheJsonLine() throws Exception {
        try (TrainbenchProcess p = start()) {
            assertTrue(p.awaitErrLine(l -> l.startsWith("engine:"), 120_000), p.err());
            p.signal("INT");
            assertStoppedAndReported(p, p.waitFor(60), 130);
        }
    }

    @Test
    void ctrlCDuringASeedGroupStopsTheRestAndStillPrintsTheGroupLine() throws Exception {
        try (TrainbenchProcess p = TrainbenchProcess.start(dir, "run", longSpec().toString(), "--seeds", "3", "--json",
                "--threads", "1", "-w", dir.resolve("ws-group").toString())) {
            assertTrue(p.awaitErrLine(l -> l.startsWith("epoch 2/"), 120_000), p.err());
            p.signal("INT");
            assertEquals(130, p.waitFor(60), p.out() + "\n" + p.err());
            String[] lines = p.out().strip().split("\n");
            JsonNode group = SpecJson.mapper().readTree(lines[lines.length - 1]);
            assertTrue(group.has("groupId"), p.out());
            assertEquals(3, group.get("planned").asInt(), p.out());
            assertTrue(p.out().contains(" stopped after "), p.out());
        }
    }
}
