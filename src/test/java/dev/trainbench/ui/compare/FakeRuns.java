package dev.trainbench.ui.compare;

import dev.trainbench.data.DataFingerprinter;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes finished runs into a workspace through the run store, with curves made up by the test
 * (no training): a loss falling towards {@code floor}, a validation accuracy rising towards
 * {@code accuracy}, a little seed noise, two layers' gradient norms.
 */
public final class FakeRuns {
    static final List<String> STEP_COLUMNS = List.of("step", "epoch", "loss", "accuracy", "learning_rate", "grad_norm",
            "samples_per_second", "grad_norm[1 dense 32]", "grad_norm[out]");
    static final List<String> EPOCH_COLUMNS = List.of("epoch", "train_loss", "train_accuracy", "validation_loss",
            "validation_accuracy", "seconds", "learning_rate", "samples_per_second");

    private final RunStore store;
    /** Extra fields for the next runs written (a sweep's). */
    private java.util.function.UnaryOperator<RunRecord.Builder> extra = b -> b;

    public FakeRuns(RunStore store) {
        this.store = store;
    }

    /** One run; {@code group} null for a run outside a group. */
    RunRecord run(ExperimentSpec spec, String parentId, String group, int index, int size, int epochs, double accuracy,
                  int stepsPerEpoch) throws IOException {
        RunRecord.Builder b = new RunRecord.Builder().name(spec.name()).spec(spec).seed(spec.seed()).status(RunStatus.RUNNING)
                .createdAt(java.time.Instant.now().toString()).dataLabel(spec.data().label()).modelLabel("tiny-mlp")
                .parameterCount(1234L).dataFingerprint(DataFingerprinter.of(spec, null));
        if (group != null) {
            b.groupId(group).groupName(spec.name()).groupIndex(index).groupSize(size);
        }
        RunFolder folder = store.create(spec, parentId, extra.apply(b).build());
        java.util.Random r = new java.util.Random(spec.seed());
        folder.openLogs(STEP_COLUMNS, EPOCH_COLUMNS);
        int step = 0;
        double best = 0;
        int bestEpoch = 0;
        for (int e = 1; e <= epochs; e++) {
            for (int k = 0; k < stepsPerEpoch; k++, step++) {
                double loss = 0.2 + (1.0 - accuracy) + 1.5 * Math.exp(-step / 20.0) + 0.05 * r.nextGaussian();
                folder.appendStep(new double[] {step, e, loss, accuracy * (1 - Math.exp(-step / 15.0)), 0.01, 1.0 + r.nextDouble(),
                    5000, 0.5 / (step + 1), 2.0 / (step + 1)});
            }
            double va = accuracy * (1 - Math.exp(-e / 1.5)) + 0.004 * r.nextGaussian();
            if (va > best) {
                best = va;
                bestEpoch = e;
            }
            folder.appendEpoch(new double[] {e, 0.5 / e, va - 0.02, 0.3 + 0.6 / e, va, 0.5, 0.01, 5000});
        }
        RunRecord done = folder.record().toBuilder().status(RunStatus.COMPLETED).epochsCompleted(epochs).stepsCompleted((long) step)
                .bestEpoch(bestEpoch).bestValidationAccuracy(best).wallSeconds(epochs * 0.6).samplesPerSecond(5000.0)
                .endedAt(java.time.Instant.now().toString()).build();
        folder.update(done);
        folder.close();
        return store.load(done.id());
    }

    /** A seed group of {@code n} runs of {@code spec} (seeds s, s+1, ...), all with the same parent. */
    List<RunRecord> group(ExperimentSpec spec, String parentId, int n, int epochs, double accuracy) throws IOException {
        String id = dev.trainbench.runs.RunGroup.newId(spec.name());
        List<RunRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(run(spec.withSeed(spec.seed() + i), parentId, id, i, n, epochs, accuracy, 10));
        }
        return out;
    }

    /**
     * A sweep over the learning rate: {@code seeds} runs per rate, all with the sweep recorded
     * (id, point, seed group per point); each point's accuracy from {@code accuracy}.
     */
    public List<RunRecord> learningRateSweep(ExperimentSpec spec, double[] rates, int seeds, java.util.function.DoubleUnaryOperator accuracy)
            throws IOException {
        String sweep = "sweep-" + Long.toHexString(System.nanoTime());
        List<RunRecord> out = new ArrayList<>();
        int task = 0;
        for (double lr : rates) {
            ExperimentSpec point = spec.withTraining(spec.training().withOptimizer(spec.training().optimizer().withLearningRate(lr)))
                    .withName(spec.name() + " lr=" + lr);
            String group = dev.trainbench.runs.RunGroup.newId(point.name());
            for (int i = 0; i < seeds; i++, task++) {
                int t = task;
                extra = b -> b.sweepId(sweep).sweepName(spec.name() + " sweep").sweepTask(t)
                        .sweepPoint(java.util.Map.of("training.optimizer.learningRate", Double.toString(lr)));
                try {
                    out.add(run(point.withSeed(spec.seed() + i), null, group, i, seeds, 3, accuracy.applyAsDouble(lr) + 0.01 * i, 5));
                } finally {
                    extra = b -> b;
                }
            }
        }
        return out;
    }
}
