package dev.trainbench.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.ui.TestWorkbench;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs table lists a run made by a newer TrainBench, marked, with its status as written (issue 10, item 1). */
class RunsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void aRunFromANewerVersionIsListedMarkedAndFindable() throws Exception {
        String id = "20990202-000000-newer-spec-eeee";
        Path run = dir.resolve("runs").resolve(id);
        Files.createDirectories(run);
        try (InputStream in = getClass().getResourceAsStream("/runs/" + id + "/run.json")) {
            Files.copy(in, run.resolve("run.json"));
        }
        TestWorkbench w = new TestWorkbench(dir);
        RunsViewModel vm = new RunsViewModel(w.model);
        vm.reload();
        assertEquals(1, vm.runs().size(), w.errors.toString());
        assertEquals("archived? (newer)", RunsViewModel.statusText(vm.runs().get(0)));
        vm.filterProperty().set("archived");
        assertEquals(1, vm.filtered().size());
        assertTrue(w.errors.isEmpty(), w.errors.toString());
    }
}
