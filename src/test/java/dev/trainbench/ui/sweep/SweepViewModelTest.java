package dev.trainbench.ui.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.SpecJson;
import dev.trainbench.sweep.CommandRunner;
import dev.trainbench.sweep.ExecutorSettings;
import dev.trainbench.sweep.Slurm;
import dev.trainbench.sweep.SweepFolder;
import dev.trainbench.sweep.Sweeps;
import dev.trainbench.ui.TestWorkbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepViewModelTest {
    @TempDir
    Path dir;

    private TestWorkbench workbench() {
        TestWorkbench w = new TestWorkbench(dir.resolve("ws"));
        w.model.setSpec(SpecJson.read(Path.of("examples/spiral-mlp.json")));
        return w;
    }

    @Test
    void theLearningRateIsOfferedFirstAndThePreviewFollowsEveryChange() {
        SweepViewModel vm = new SweepViewModel(workbench().model);
        assertEquals("training.optimizer.learningRate", vm.axes().get(0).pathProperty().get());
        assertEquals("now 0.01", vm.axes().get(0).currentProperty().get());
        assertTrue(vm.fields().contains("model.layers[0].units"));
        assertFalse(vm.readyProperty().get());
        assertTrue(vm.problemProperty().get().contains("Give the values of training.optimizer.learningRate"));

        vm.axes().get(0).valuesProperty().set("1e-3, 1e-2, 0.1");
        assertTrue(vm.readyProperty().get(), vm.problemProperty().get());
        assertEquals("3 learningRate x 3 seeds = 9 runs", vm.sizeProperty().get());
        assertTrue(vm.previewProperty().get().contains("task 8: learningRate=0.1, seed 44"), vm.previewProperty().get());

        SweepViewModel.Axis units = vm.addAxis("model.layers[0].units", "64,128");
        vm.seedsProperty().set(2);
        assertEquals("3 learningRate x 2 units x 2 seeds = 12 runs", vm.sizeProperty().get());
        vm.removeAxis(units);
        assertEquals("3 learningRate x 2 seeds = 6 runs", vm.sizeProperty().get());
    }

    @Test
    void aBadValueIsNamedOnItsFieldAndBlocksTheStart() {
        SweepViewModel vm = new SweepViewModel(workbench().model);
        vm.axes().get(0).valuesProperty().set("0.01, fast");
        assertFalse(vm.readyProperty().get());
        assertTrue(vm.axes().get(0).problemProperty().get().contains("'fast' is not a number"),
                vm.axes().get(0).problemProperty().get());
        SweepViewModel.Axis typo = vm.addAxis("training.optimizer.lr", "1");
        assertTrue(typo.problemProperty().get().contains("unknown field \"lr\""), typo.problemProperty().get());
        assertEquals("", vm.previewProperty().get(), "no preview of a sweep that cannot start");
    }

    @Test
    void slurmShowsTheJobScriptWithTheOptionsAndRefusesABadOne() {
        SweepViewModel vm = new SweepViewModel(workbench().model);
        vm.axes().get(0).valuesProperty().set("1e-3, 1e-2");
        vm.executorProperty().set(ExecutorSettings.Kind.SLURM);
        vm.partitionProperty().set("debug");
        vm.gresProperty().set("gpu:1");
        vm.extraProperty().set("--account=ml\n\n");
        String script = vm.previewProperty().get();
        assertTrue(script.contains("#SBATCH --array=0-5") && script.contains("#SBATCH --partition=debug")
                && script.contains("#SBATCH --account=ml") && script.contains("--device gpu"), script);
        vm.timeProperty().set("two hours");
        assertFalse(vm.readyProperty().get());
        assertTrue(vm.problemProperty().get().contains("--time 'two hours' is not valid"), vm.problemProperty().get());
    }

    @Test
    void startingWritesTheSweepAndSubmitsItExactlyAsPreviewed() throws Exception {
        TestWorkbench w = workbench();
        SweepViewModel vm = new SweepViewModel(w.model);
        vm.axes().get(0).valuesProperty().set("1e-3, 1e-2");
        vm.seedsProperty().set(1);
        vm.executorProperty().set(ExecutorSettings.Kind.SLURM);
        String previewed = vm.previewProperty().get();
        List<List<String>> calls = new ArrayList<>();
        CommandRunner fake = (command, d, timeout) -> {
            calls.add(command);
            return command.get(0).equals("sbatch") ? new CommandRunner.Result(0, "4242\n", "")
                    : new CommandRunner.Result(1, "", "no");
        };
        AtomicReference<SweepFolder> started = new AtomicReference<>();
        try (SweepRunner runner = new SweepRunner(new Slurm(fake), () -> { })) {
            vm.submit(runner, started::set);
        }
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        SweepFolder f = started.get();
        assertNotNull(f);
        assertEquals(previewed, Files.readString(f.scriptFile()), "the script submitted is the one previewed");
        assertEquals("4242", new Sweeps(dir.resolve("ws")).find(f.id()).record().submission().jobId());
        assertTrue(calls.stream().anyMatch(c -> c.get(0).equals("sbatch")));
    }
}
