package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.Dataset;
import dev.trainbench.model.Presets;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.TrainingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {

    @TempDir
    Path workspace;

    static Dataset blobs(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[2 * i] = (float) (r.nextGaussian() * 0.5 + (y[i] == 0 ? -1 : 1));
            x[2 * i + 1] = (float) (r.nextGaussian() * 0.5 + (y[i] == 0 ? 1 : -1));
        }
        return Dataset.classification("blobs", x, new int[] {2}, y, List.of("a", "b"), List.of("x", "y"));
    }

    @Test
    void trainsTinyMlpOnSeparableBlobs() throws Exception {
        Dataset train = blobs(256, 1);
        Dataset val = blobs(64, 2);
        ExperimentSpec spec = new ExperimentSpec(null, "blobs", 7L, DataSpec.toy("blobs", 320, 0.5, 2), null, null, null,
                Presets.get("tiny-mlp").model(), TrainingSpec.defaults().withEpochs(5).withBatchSize(32)
                .withOptimizer(OptimizerSpec.adam(0.01)));
        RunStore store = new RunStore(workspace);
        List<TrainingEvent> events = new ArrayList<>();
        RunRecord done;
        try (RunFolder folder = store.create(spec, null, new RunRecord.Builder().name("blobs").status(RunStatus.QUEUED)
                .spec(spec).seed(7).createdAt("now").build())) {
            TrainingLoop loop = new TrainingLoop(spec, new PreparedData(train, val, null, Map.of(), null, null, train),
                    folder, new RunControl(), events::add, TrainingLoop.Options.defaults());
            done = loop.run(h -> { });
            assertEquals(40, loop.history().size());
        }
        assertEquals(RunStatus.COMPLETED, done.status());
        assertTrue(done.bestValidationAccuracy() > 0.95, "val acc " + done.bestValidationAccuracy());
        System.out.println(done.sanity());
        assertEquals(RunStatus.COMPLETED, store.list().get(0).status());
        assertEquals(40, store.readSteps(done.id()).rows());
        assertEquals(5, store.readEpochs(done.id()).rows());
        assertTrue(events.stream().anyMatch(e -> e instanceof TrainingEvent.BoundarySnapshot));
    }
}
