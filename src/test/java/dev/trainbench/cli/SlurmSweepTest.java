package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.SpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep on a real one-node Slurm cluster (started by scripts/slurm-local.sh; a machine where it
 * cannot start fails here with the reason), and the same sweep on the local executor: the runs must
 * be ordinary runs with the right fields changed, visible to status and compare, and seeded CPU runs
 * must give the same numbers wherever they trained.
 */
class SlurmSweepTest {

    @TempDir
    Path dir;

    static final String TOY = """
            {"name": "toy", "seed": 3,
             "data": {"source": "toy", "name": "spiral", "samples": 300},
             "model": {"layers": [{"type": "dense", "units": 16}, {"type": "relu"}], "init": {"type": "he"}},
             "training": {"optimizer": {"type": "adam", "learningRate": 0.01}, "batchSize": 32, "epochs": 3}}
            """;

    private Path spec() throws Exception {
        Path p = dir.resolve("toy.json");
        Files.writeString(p, TOY);
        return p;
    }

    @Test
    void aTwoByTwoSeedSweepRunsAsASlurmJobArrayAndGivesTheSameNumbersAsTheLocalExecutor() throws Exception {
        LocalSlurm.ensureRunning();
        Path ws = dir.resolve("shared workspace");
        CliOutcome submitted = CliOutcome.of("sweep", spec().toString(), "--set", "training.optimizer.learningRate=0.003,0.03",
                "--seeds", "2", "--executor", "slurm", "--cpus-per-task", "1", "--json", "-w", ws.toString());
        assertEquals(0, submitted.code(), submitted.err() + submitted.out());
        JsonNode sub = lastJson(submitted.out());
        String sweepId = sub.get("sweepId").asText();
        assertTrue(sub.get("jobId").asText().matches("\\d+"), submitted.out());
        assertEquals(4, sub.get("tasks").asInt());
        assertTrue(Files.readString(ws.resolve("sweeps").resolve(sweepId).resolve("job.sh")).contains("#SBATCH --array=0-3"));

        CliOutcome waited = CliOutcome.of("sweep", "status", sweepId, "--wait", "--timeout", "900", "--json", "-w", ws.toString());
        JsonNode status = SpecJson.mapper().readTree(waited.out());
        assertEquals(0, waited.code(), "every task completed: " + waited.out() + waited.err() + logs(ws, sweepId));
        assertEquals(4, status.get("counts").get("completed").asInt(), waited.out());

        List<RunRecord> slurmRuns = sweepRuns(ws, sweepId);
        assertEquals(4, slurmRuns.size());
        checkRuns(slurmRuns);

        CliOutcome text = CliOutcome.of("sweep", "status", sweepId.substring(0, 20), "-w", ws.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("4 completed"), text.out());
        assertTrue(text.out().contains("learningRate=0.003") && text.out().contains("learningRate=0.03"), text.out());
        assertTrue(text.out().contains("compare: trainbench compare " + sweepId), text.out());

        CliOutcome compare = CliOutcome.of("compare", sweepId, "--json", "-w", ws.toString());
        assertEquals(0, compare.code(), compare.err());
        JsonNode c = SpecJson.mapper().readTree(compare.out());
        assertEquals(2, c.get("units").size(), "one unit per grid point (a seed group of 2): " + c.get("units"));
        assertTrue(c.toString().contains("training.optimizer.learningRate"), "the diff names the swept field");
        assertTrue(c.get("warnings").isEmpty(), "exactly one field changed between the points: " + c.get("warnings"));

        // the same sweep on this machine, two processes at a time with one thread each (as the Slurm tasks had)
        CliOutcome local = CliOutcome.of("sweep", spec().toString(), "--set", "training.optimizer.learningRate=0.003,0.03",
                "--seeds", "2", "--executor", "local", "--parallel", "2", "--threads", "1", "-q", "-w", ws.toString());
        assertEquals(0, local.code(), local.err() + local.out());
        String localId = new dev.trainbench.sweep.Sweeps(ws).list().get(0).id();
        List<RunRecord> localRuns = sweepRuns(ws, localId);
        assertEquals(4, localRuns.size(), local.out());
        checkRuns(localRuns);
        RunStore store = new RunStore(ws);
        Map<String, RunRecord> bySlurmKey = new HashMap<>();
        slurmRuns.forEach(r -> bySlurmKey.put(key(r), r));
        for (RunRecord l : localRuns) {
            RunRecord s = bySlurmKey.get(key(l));
            assertNotNull(s, key(l));
            assertSame(store.readEpochs(s.id()), store.readEpochs(l.id()), List.of("seconds", "samples_per_second"), key(l));
            assertSame(store.readSteps(s.id()), store.readSteps(l.id()), List.of("samples_per_second"), key(l));
            assertEquals(s.bestValidationAccuracy(), l.bestValidationAccuracy(), key(l));
        }
    }

    static final String LONG = TOY.replace("\"epochs\": 3", "\"epochs\": 5000");

    @Test
    void cancellingASlurmSweepStopsTheRunningTaskWhichSavesItsRunAndTheQueuedOneNeverStarts() throws Exception {
        LocalSlurm.ensureRunning();
        Path ws = dir.resolve("ws");
        Path spec = dir.resolve("long.json");
        Files.writeString(spec, LONG);
        CliOutcome submitted = CliOutcome.of("sweep", spec.toString(), "--set", "training.batchSize=16,32", "--executor", "slurm",
                "--max-parallel", "1", "--json", "-w", ws.toString());
        assertEquals(0, submitted.code(), submitted.err() + submitted.out());
        String sweepId = lastJson(submitted.out()).get("sweepId").asText();
        RunRecord running = awaitRunning(ws, sweepId);
        assertEquals(0, running.sweepTask().intValue(), "--max-parallel 1: task 0 alone runs");

        CliOutcome cancel = CliOutcome.of("sweep", "cancel", sweepId, "-w", ws.toString());
        assertEquals(0, cancel.code(), cancel.err());
        assertTrue(cancel.out().contains("scancel"), cancel.out());
        CliOutcome waited = CliOutcome.of("sweep", "status", sweepId, "--wait", "--timeout", "120", "--json", "-w", ws.toString());
        JsonNode status = SpecJson.mapper().readTree(waited.out());
        assertEquals(1, waited.code(), "a cancelled sweep did not complete: " + waited.out());
        assertEquals(2, status.get("counts").get("cancelled").asInt(), waited.out() + logs(ws, sweepId));
        RunRecord stopped = new RunStore(ws).load(running.id());
        assertEquals(RunStatus.STOPPED, stopped.status(), "SIGTERM from scancel saved the run as stopped: " + stopped.message());
        assertEquals(1, sweepRuns(ws, sweepId).size(), "the queued task never started");
    }

    /** Waits for the sweep's first run to be training (its run.json says running). */
    static RunRecord awaitRunning(Path ws, String sweepId) throws InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (RunRecord r : sweepRuns(ws, sweepId)) {
                if (r.status() == RunStatus.RUNNING && r.epochsCompleted() != null && r.epochsCompleted() >= 1) {
                    return r;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no run of " + sweepId + " started training within 5 minutes" + logs(ws, sweepId));
    }

    /** Four completed runs: two learning rates times seeds 3 and 4, each point a seed group of two. */
    private static void checkRuns(List<RunRecord> runs) {
        assertTrue(runs.stream().allMatch(r -> r.status() == RunStatus.COMPLETED), runs.stream()
                .map(r -> r.id() + " " + r.status() + " " + r.message()).toList().toString());
        Set<String> combos = runs.stream().map(SlurmSweepTest::key).collect(Collectors.toSet());
        assertEquals(Set.of("0.003/3", "0.03/3", "0.003/4", "0.03/4"), combos);
        for (RunRecord r : runs) {
            assertEquals(Double.parseDouble(r.sweepPoint().get("training.optimizer.learningRate")),
                    r.spec().training().optimizer().learningRate(), "the run trained the point it records");
            assertEquals(3, r.spec().training().epochs(), "nothing else changed");
            assertEquals(16, r.spec().model().layers().get(0).units());
            assertEquals((int) (r.seed() - 3), r.groupIndex().intValue());
        }
        assertEquals(2, runs.stream().map(RunRecord::groupId).distinct().count());
    }

    private static String key(RunRecord r) {
        return r.sweepPoint().get("training.optimizer.learningRate") + "/" + r.seed();
    }

    private static void assertSame(MetricsTable a, MetricsTable b, List<String> except, String what) {
        assertEquals(a.columns(), b.columns(), what);
        assertEquals(a.rows(), b.rows(), what);
        for (String col : a.columns()) {
            if (!except.contains(col)) {
                assertArrayEquals(a.column(col), b.column(col), what + " " + col + ": seeded CPU runs repeat exactly");
            }
        }
    }

    static List<RunRecord> sweepRuns(Path ws, String sweepId) {
        return new RunStore(ws).list().stream().filter(r -> sweepId.equals(r.sweepId())).toList();
    }

    static JsonNode lastJson(String out) throws Exception {
        String[] lines = out.strip().split("\n");
        return SpecJson.mapper().readTree(lines[lines.length - 1]);
    }

    static String logs(Path ws, String sweepId) {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(ws.resolve("sweeps").resolve(sweepId).resolve("logs"))) {
            for (Path f : files.sorted().toList()) {
                b.append("\n--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        } catch (Exception e) {
            b.append("\n(no logs: ").append(e.getMessage()).append(')');
        }
        return b.toString();
    }
}
