package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The best checkpoint and the record that describes it always agree (issue 10, item 3): the
 * weights in {@code best.params} have exactly the validation loss run.json gives for its best epoch,
 * even when the process dies (here: the record write fails) between writing the one and the other.
 */
class CheckpointConsistencyTest {

    @TempDir
    Path workspace;

    static ExperimentSpec spiral(int epochs) {
        return new ExperimentSpec(null, "ckpt", 5L, DataSpec.toy("spiral", 300, 0.2, 3), null, null, null,
                new ModelSpec(null, List.of(LayerSpec.dense(32), LayerSpec.of(LayerSpec.Type.RELU)), null),
                TrainingSpec.defaults().withEpochs(epochs).withBatchSize(16).withOptimizer(OptimizerSpec.adam(0.01)));
    }

    @Test
    void aRecordWriteThatFailsRightAfterTheBestWeightsWereWrittenLeavesThePairAgreeing() throws Exception {
        RunStore store = new RunStore(workspace);
        String[] id = new String[1];
        byte[][] lastGoodRecord = new byte[1][];
        ExperimentRunner.Hooks hooks = new ExperimentRunner.Hooks(e -> {
            if (e instanceof TrainingEvent.RunStarted s) {
                id[0] = s.runId();
            }
            if (e instanceof TrainingEvent.EpochEnded end && end.metrics().epoch() == 1) {
                // From here on run.json cannot be replaced, as if the process died before its next write.
                try {
                    Path json = store.dir(id[0]).resolve(RunStore.RECORD_FILE);
                    lastGoodRecord[0] = Files.readAllBytes(json);
                    Files.delete(json);
                    Files.createDirectories(json.resolve("blocked"));
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
        }, h -> { }, w -> { });
        assertThrows(RuntimeException.class, () -> ExperimentRunner.run(spiral(3), workspace, store, null, new RunControl(),
                hooks, TrainingLoop.Options.defaults()));
        Path json = store.dir(id[0]).resolve(RunStore.RECORD_FILE);
        Files.delete(json.resolve("blocked"));
        Files.delete(json);
        Files.write(json, lastGoodRecord[0]);

        RunRecord r = store.load(id[0]);
        assertEquals(1, r.bestEpoch());
        Checkpoints.Score best = Checkpoints.evaluate(store, r.id(), "best", workspace, Checkpoints.Split.VALIDATION);
        assertEquals(r.bestValidationLoss(), best.loss(), 1e-5,
                "best.params must hold the weights of the epoch run.json names (epoch " + r.bestEpoch() + ")");
        try (Stream<Path> files = Files.list(store.dir(r.id()).resolve("checkpoints"))) {
            assertEquals(List.of("best.params"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void everyEpochsBestCheckpointHasTheValidationLossItsRecordGives() throws Exception {
        RunStore store = new RunStore(workspace);
        RunRecord done = ExperimentRunner.run(spiral(3), workspace, store, null, new RunControl(),
                ExperimentRunner.Hooks.none(), TrainingLoop.Options.defaults());
        Checkpoints.Score best = Checkpoints.evaluate(store, done.id(), "best", workspace, Checkpoints.Split.VALIDATION);
        assertEquals(done.bestValidationLoss(), best.loss(), 1e-5);
        assertEquals(done.bestEpoch(), done.checkpoints().get("best").epoch());
        assertEquals(done.epochsCompleted(), done.checkpoints().get("last").epoch());
        assertEquals(done.stepsCompleted(), done.checkpoints().get("last").step());
        assertTrue(Files.exists(store.dir(done.id()).resolve("checkpoints").resolve("last.params")));
    }
}
