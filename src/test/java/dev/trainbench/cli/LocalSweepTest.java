package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.sweep.LocalExecutor;
import dev.trainbench.sweep.SweepAxis;
import dev.trainbench.sweep.SweepFolder;
import dev.trainbench.sweep.SweepSetup;
import dev.trainbench.sweep.SweepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local executor and the sweep command's checks, without Slurm. */
class LocalSweepTest {

    @TempDir
    Path dir;

    private Path spec(String json) throws Exception {
        Path p = dir.resolve("toy.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void cancelFromAnotherTerminalStopsTheRunningProcessWhichSavesItsRunAndStartsNothingMore() throws Exception {
        Path ws = dir.resolve("ws");
        SweepSetup setup = SweepSetup.of(SpecJson.parse(SlurmSweepTest.LONG), List.of(SweepAxis.parse("training.batchSize=16,32")),
                1, null, SweepSetup.Choices.local(1), ws, dir, null);
        SweepFolder folder = setup.write();
        LocalExecutor executor = new LocalExecutor(folder, LocalExecutor.Listener.none());
        CompletableFuture<Integer[]> done = CompletableFuture.supplyAsync(() -> {
            try {
                return executor.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        RunRecord running = SlurmSweepTest.awaitRunning(ws, folder.id());
        CliOutcome status = CliOutcome.of("sweep", "status", folder.id(), "-w", ws.toString());
        assertTrue(status.out().contains("1 queued, 1 running"), status.out());

        CliOutcome cancel = CliOutcome.of("sweep", "cancel", folder.id(), "-w", ws.toString());
        assertEquals(0, cancel.code(), cancel.err());
        assertTrue(cancel.out().contains("sent SIGTERM to 1 task process"), cancel.out());
        Integer[] codes = done.get(90, TimeUnit.SECONDS);
        assertTrue(codes[0] != null && codes[0] != 0, "the stopped run's process did not exit 0");
        assertEquals(null, codes[1], "task 1 never started");
        RunRecord stopped = new RunStore(ws).load(running.id());
        assertEquals(RunStatus.STOPPED, stopped.status(), stopped.message());
        SweepStatus s = SweepStatus.of(SweepFolder.read(folder.dir()), new RunStore(ws).list(), null);
        assertEquals(List.of(SweepStatus.State.CANCELLED, SweepStatus.State.CANCELLED),
                s.tasks().stream().map(SweepStatus.TaskStatus::state).toList());
        assertTrue(Files.readString(folder.logFile(0)).contains(running.id()), "the task's output is in its log");
    }

    @Test
    void aTaskWithBadDataFailsAndStatusNamesItsLog() throws Exception {
        Path ws = dir.resolve("ws");
        String csv = """
                {"name": "csv", "data": {"source": "csv", "path": "missing.csv"},
                 "model": {"layers": []}, "training": {"epochs": 1}}
                """;
        CliOutcome o = CliOutcome.of("sweep", spec(csv).toString(), "--set", "training.batchSize=16", "-q", "-w", ws.toString());
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("1 failed"), o.out());
        assertTrue(o.out().contains("failed tasks (their logs say why):"), o.out());
        String id = new dev.trainbench.sweep.Sweeps(ws).list().get(0).id();
        Path log = ws.resolve("sweeps").resolve(id).resolve("logs").resolve("task-0.log");
        assertTrue(o.out().contains(log.toString()), o.out());
        assertTrue(Files.readString(log).contains("missing.csv"), Files.readString(log));
        assertTrue(o.out().contains("exited with status 2 before writing a run (bad input: see its log)"), o.out());
    }

    @Test
    void badPathsValuesAndOptionsAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path ws = dir.resolve("ws");
        Path s = spec(CliTest.SPIRAL);
        expectRefused(List.of("sweep", s.toString(), "--set", "training.optimizer.lr=0.1,0.01"), "unknown field \"lr\"");
        expectRefused(List.of("sweep", s.toString(), "--set", "training.batchSize=16,many"), "'many' is not a number");
        expectRefused(List.of("sweep", s.toString(), "--set", "training.batchSize=16,32", "--executor", "pbs"),
                "--executor must be local or slurm");
        expectRefused(List.of("sweep", s.toString(), "--set", "training.batchSize=16,32", "--partition", "gpu"),
                "need --executor slurm");
        expectRefused(List.of("sweep", s.toString(), "--set", "training.batchSize=16,32", "--executor", "slurm", "--time", "1 day"),
                "--time '1 day' is not valid");
        expectRefused(List.of("sweep", s.toString()), "nothing to sweep");
        expectRefused(List.of("sweep", "status", "s-nope"), "no sweep matches 's-nope'");
        assertFalse(Files.exists(ws.resolve("sweeps")) && Files.list(ws.resolve("sweeps")).findAny().isPresent(),
                "nothing written");
    }

    private void expectRefused(List<String> args, String message) {
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of("-w", dir.resolve("ws").toString()));
        CliOutcome o = CliOutcome.of(all.toArray(String[]::new));
        assertEquals(2, o.code(), String.join(" ", args) + "\n" + o.out() + o.err());
        assertTrue(o.err().contains(message), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
    }

    @Test
    void aDryRunPrintsEverySpecAndTheJobScriptAndWritesNothing() throws Exception {
        Path ws = dir.resolve("ws");
        CliOutcome o = CliOutcome.of("sweep", spec(CliTest.SPIRAL).toString(), "--set", "training.optimizer.learningRate=1e-3,1e-2",
                "--set", "model.layers[0].units=16,32", "--seeds", "2", "--executor", "slurm", "--partition", "debug",
                "--dry-run", "-w", ws.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("2 learningRate x 2 units x 2 seeds = 8 runs"), o.out());
        assertTrue(o.out().contains("# task 7: learningRate=0.01, units=32, seed 4"), o.out());
        assertEquals(8, o.out().split("\"version\" : 1").length - 1, "eight specs printed");
        assertTrue(o.out().contains("#SBATCH --array=0-7") && o.out().contains("#SBATCH --partition=debug"), o.out());
        assertFalse(Files.exists(ws.resolve("sweeps")), "a dry run writes nothing");
    }

    @Test
    void runRefusesASweepTaskThatDoesNotMatchItsSweep() throws Exception {
        Path ws = dir.resolve("ws");
        SweepSetup setup = SweepSetup.of(SpecJson.parse(CliTest.SPIRAL), List.of(SweepAxis.parse("training.batchSize=16,32")),
                1, null, SweepSetup.Choices.local(1), ws, dir, null);
        SweepFolder f = setup.write();
        CliOutcome wrongSpec = CliOutcome.of("run", f.specFile(1).toString(), "--sweep", f.id(), "--task", "0", "-w", ws.toString());
        assertEquals(2, wrongSpec.code());
        assertTrue(wrongSpec.err().contains("is not the spec of task 0"), wrongSpec.err());
        CliOutcome range = CliOutcome.of("run", f.specFile(1).toString(), "--sweep", f.id(), "--task", "9", "-w", ws.toString());
        assertTrue(range.err().contains("has tasks 0..1"), range.err());
        CliOutcome alone = CliOutcome.of("run", f.specFile(1).toString(), "--task", "1", "-w", ws.toString());
        assertTrue(alone.err().contains("--sweep and --task go together"), alone.err());
        assertTrue(new RunStore(ws).list().isEmpty(), "no run was created");
    }
}
