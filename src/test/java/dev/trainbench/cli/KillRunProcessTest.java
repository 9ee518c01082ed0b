package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.train.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code trainbench run} (SIGKILL: no shutdown hook, no cleanup) at 20 random moments
 * spread over a run's phases, and after each kill checks every run in the workspace as a user would
 * find it (issue 10, "Done when"): it lists, it shows, it tests when it has a checkpoint, its best
 * checkpoint holds the weights its record describes, and no temporary file is left.
 *
 * <p>The run is a toy one (a small MLP on 240 spiral points, a checkpoint almost every epoch) so
 * that writes take a large share of its time and random kills land in them. The phases, by what the
 * process has printed: creation (data, engine, run folder), the first steps, mid-run (epochs with
 * their checkpoint and record writes), and the end (last checkpoint, final record, final test).
 */
class KillRunProcessTest {

    @TempDir
    Path dir;

    static final int EPOCHS = 20;

    @Test
    void killedAtTwentyRandomMomentsEveryRunListsShowsAndTestsWithNoLeftovers() throws Exception {
        long seed = Long.getLong("trainbench.killTest.seed", System.nanoTime());
        Random random = new Random(seed);
        Path spec = dir.resolve("kill.json");
        Files.writeString(spec, """
                {"name": "killed", "seed": 3,
                 "data": {"source": "toy", "name": "spiral", "samples": 240},
                 "model": {"layers": [{"type": "dense", "units": 128}, {"type": "relu"}, {"type": "dense", "units": 128},
                   {"type": "relu"}], "init": {"type": "he"}},
                 "training": {"optimizer": {"type": "adam", "learningRate": 0.003}, "batchSize": 48, "epochs": %d}}
                """.formatted(EPOCHS));
        Path ws = dir.resolve("ws");
        List<String> phases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            phases.add("creation");
        }
        for (int i = 0; i < 3; i++) {
            phases.add("first steps");
        }
        for (int i = 0; i < 9; i++) {
            phases.add("mid-run");
        }
        for (int i = 0; i < 4; i++) {
            phases.add("end");
        }
        java.util.Collections.shuffle(phases, random);
        Map<String, Integer> found = new TreeMap<>();
        long processNanos = 0;
        long checkNanos = 0;
        for (int k = 0; k < phases.size(); k++) {
            long t0 = System.nanoTime();
            String phase = phases.get(k);
            String context = "kill " + (k + 1) + " (" + phase + ", seed " + seed + ")";
            try (TrainbenchProcess p = TrainbenchProcess.start(dir, "run", spec.toString(), "--test", "--threads", "1",
                    "-w", ws.toString())) {
                boolean reached = switch (phase) {
                    case "creation" -> p.awaitErrLine(l -> l.startsWith("engine:"), 120_000)
                            && sleep(random.nextInt(400));
                    case "first steps" -> p.awaitErrLine(l -> l.startsWith("run ") && l.contains(" parameters, "), 120_000)
                            && sleep(random.nextInt(40));
                    case "mid-run" -> {
                        // uniformly within one epoch's cycle (steps, validation, CSV, checkpoint and record
                        // writes), measured on the process itself, so that writes are hit as often as they
                        // take time, however fast or loaded the machine is
                        int epoch = 1 + random.nextInt(EPOCHS - 3);
                        boolean at = p.awaitErrLine(l -> l.startsWith("epoch " + epoch + "/"), 120_000);
                        long t = System.nanoTime();
                        at = at && p.awaitErrLine(l -> l.startsWith("epoch " + (epoch + 1) + "/"), 120_000);
                        int cycle = (int) Math.max(1, (System.nanoTime() - t) / 1_000_000);
                        yield at && sleep(random.nextInt(cycle));
                    }
                    default -> p.awaitErrLine(l -> l.startsWith("epoch " + EPOCHS + "/"), 120_000)
                            && sleep(random.nextInt(150)); // last checkpoint, final record, final test
                };
                assertTrue(reached || !p.process.isAlive(), context + ": the run never got there: " + p.err());
                p.process.destroyForcibly();
                assertTrue(p.process.waitFor(30, TimeUnit.SECONDS), context);
            }
            long t1 = System.nanoTime();
            leftovers(ws).forEach(f -> found.merge(f.contains(".pending") ? "pending checkpoint" : "temporary file", 1, Integer::sum));
            checkEveryRun(ws, dir, context, killedRun(ws));
            processNanos += t1 - t0;
            checkNanos += System.nanoTime() - t1;
        }
        // what the kills left for the next open to settle, for the record of what this run exercised
        System.out.printf("KillRunProcessTest seed %d: leftovers settled %s; %.1f s in the killed processes, %.1f s checking%n",
                seed, found, processNanos / 1e9, checkNanos / 1e9);
    }

    private static boolean sleep(int millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    private static List<String> leftovers(Path ws) throws IOException {
        if (!Files.exists(ws)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(ws)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tmp") || n.endsWith(".pending")).toList();
        }
    }

    /** The newest run folder: the one the last kill hit (null when it was killed before creating one). */
    private static String killedRun(Path ws) throws IOException {
        if (!Files.exists(ws.resolve("runs"))) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(ws.resolve("runs"))) {
            return dirs.map(d -> d.getFileName().toString()).max(java.util.Comparator.naturalOrder()).orElse(null);
        }
    }

    /**
     * What a user would do after the crash: list, show and test every run, then look for leftovers.
     * The run the kill hit ({@code killed}) also has its best checkpoint evaluated on the validation
     * split against its record (the other runs were checked when they were the one killed).
     */
    static void checkEveryRun(Path ws, Path specDir, String context, String killed) throws IOException {
        if (!Files.exists(ws.resolve("runs"))) {
            return; // killed before the first run folder existed
        }
        CliOutcome list = CliOutcome.of("list", "-w", ws.toString());
        assertEquals(0, list.code(), context + ": " + list.err());
        assertFalse(list.err().contains("warning"), context + ": " + list.err());
        RunStore store = new RunStore(ws);
        List<RunRecord> runs = store.list();
        List<String> folders;
        try (Stream<Path> dirs = Files.list(ws.resolve("runs"))) {
            folders = dirs.filter(d -> Files.exists(d.resolve("run.json"))).map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertEquals(folders, runs.stream().map(RunRecord::id).sorted().toList(), context + ": every run folder is listed");
        for (RunRecord r : runs) {
            String where = context + ", run " + r.id();
            assertTrue(list.out().contains(r.id()), where);
            assertNotNull(r.status(), where);
            assertFalse(r.status().isActive(), where + ": a dead run is marked interrupted, was " + r.status());
            CliOutcome show = CliOutcome.of("show", r.id(), "-w", ws.toString());
            assertEquals(0, show.code(), where + ": " + show.err());
            assertFalse(show.out().contains("null"), where + ": " + show.out());
            MetricsTable epochs = store.readEpochs(r.id());
            int recorded = r.epochsCompleted() == null ? 0 : r.epochsCompleted();
            assertTrue(epochs.rows() >= recorded, where + ": epochs.csv has " + epochs.rows() + " rows, record says " + recorded);
            store.readSteps(r.id());
            Path best = store.dir(r.id()).resolve("checkpoints").resolve("best.params");
            boolean described = r.checkpoints() != null && r.checkpoints().containsKey("best");
            assertEquals(described, Files.exists(best), where + ": best.params exists exactly when the record describes it");
            if (described) {
                CliOutcome test = CliOutcome.of("test", r.id(), "--data-dir", specDir.toString(), "-w", ws.toString());
                assertEquals(0, test.code(), where + ": " + test.err());
                if (r.id().equals(killed) && r.bestEpoch() != null && r.bestEpoch() >= 1) {
                    double loss = Checkpoints.evaluate(store, r.id(), "best", specDir, Checkpoints.Split.VALIDATION).loss();
                    assertEquals(r.bestValidationLoss(), loss, 1e-4 * Math.max(1, loss),
                            where + ": best.params must hold epoch " + r.bestEpoch() + "'s weights");
                }
            }
            if (r.status() == RunStatus.COMPLETED) {
                assertTrue(r.checkpoints() != null && r.checkpoints().containsKey("last"), where);
            }
        }
        assertEquals(List.of(), leftovers(ws), context + ": temporary files left after every run was opened");
    }
}
