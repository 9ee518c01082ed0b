package dev.trainbench.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.model.Presets;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.TrainingSpec;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.UserMessage;
import dev.trainbench.ui.WorkbenchModel;
import dev.trainbench.ui.task.SameThreadTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clone and change: the next run records its parent, and its spec differs in the one field changed; a taken name warns. */
class CloneAndChangeTest {
    @TempDir
    Path workspace;

    private static RunRecord finish(TrainViewModel vm) throws Exception {
        RunRecord r = vm.currentProperty().get().completion().get(120, TimeUnit.SECONDS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (vm.runningProperty().get() && System.nanoTime() < end) {
            vm.poll();
            Thread.sleep(20);
        }
        return r;
    }

    @Test
    void theNextRunAfterCloneAndChangeRecordsItsParent() throws Exception {
        List<String> errors = new ArrayList<>();
        RunStore store = new RunStore(workspace);
        try (TrainerService trainer = new TrainerService(store)) {
            WorkbenchModel model = new WorkbenchModel(store, trainer, Path.of("").toAbsolutePath(), new SameThreadTaskRunner(),
                    (action, e) -> errors.add(action + ": " + UserMessage.of(action, e).text()));
            model.setSpec(new ExperimentSpec(null, "blobs", 3L, DataSpec.toy("blobs", 200, 0.1, null), null, null, null,
                    Presets.get("tiny-mlp").model(), TrainingSpec.defaults().withEpochs(1).withBatchSize(32)));
            TrainViewModel vm = new TrainViewModel(model);
            assertTrue(vm.start(), errors.toString());
            RunRecord parent = finish(vm);
            assertNull(parent.parentId());

            // Clone and change: the run's spec becomes the one edited, with the run as parent
            model.runs().setAll(store.summaries());
            model.setSpec(parent.spec());
            vm.setParent(parent.id(), parent.name());
            assertTrue(vm.nameWarningProperty().get().contains("A run named \"blobs\" exists"), vm.nameWarningProperty().get());
            vm.learningRateProperty().set(0.01);
            assertTrue(vm.start(), errors.toString());
            RunRecord child = finish(vm);
            assertTrue(errors.isEmpty(), errors.toString());
            assertEquals(parent.id(), child.parentId());
            assertEquals(parent.spec().withTraining(parent.spec().training().withOptimizer(
                    parent.spec().training().optimizer().withLearningRate(0.01))), child.spec());
        }
    }
}
