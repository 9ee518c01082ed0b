package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.diagnose.Diagnosis;
import dev.trainbench.diagnose.DiagnosisFile;
import dev.trainbench.diagnose.Finding;
import dev.trainbench.diagnose.RuleIds;
import dev.trainbench.diagnose.Severity;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.SplitSpec;
import dev.trainbench.spec.TrainingSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnosis live on real (small) runs: the failure it is built for, and a healthy run. */
class DiagnosisListenerTest {

    @TempDir
    Path dir;

    static final List<LayerSpec> LENET = List.of(LayerSpec.conv2d(16, 5, 1, 2), LayerSpec.of(LayerSpec.Type.RELU),
            LayerSpec.maxPool(2), LayerSpec.conv2d(32, 5, 1, 0), LayerSpec.of(LayerSpec.Type.RELU), LayerSpec.maxPool(2),
            LayerSpec.of(LayerSpec.Type.FLATTEN), LayerSpec.dense(128), LayerSpec.of(LayerSpec.Type.RELU),
            LayerSpec.dropout(0.3));

    record Outcome(RunRecord record, List<Finding> live, List<TrainingEvent> events, List<Long> diagnosedAtStep) {
    }

    Outcome train(ExperimentSpec spec) throws Exception {
        RunStore store = new RunStore(dir.resolve("ws"));
        DiagnosisListener diagnosis = new DiagnosisListener();
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        List<Long> at = new CopyOnWriteArrayList<>();
        long[] step = {-1};
        TrainingListener clock = new TrainingListenerAdapter() {
            @Override
            public void onStep(StepMetrics s) {
                step[0] = s.step();
            }
        };
        ExperimentRunner.Hooks hooks = new ExperimentRunner.Hooks(e -> {
            events.add(e);
            if (e instanceof TrainingEvent.Diagnosed d && !d.findings().isEmpty()) {
                at.add(step[0]);
            }
        }, h -> { }, w -> { }).withListener(clock).withListener(diagnosis);
        RunRecord r = ExperimentRunner.run(spec, dir, store, null, new RunControl(), hooks, TrainingLoop.Options.defaults());
        return new Outcome(r, diagnosis.findings(), events, at);
    }

    /**
     * The case of the issue, shortened: LeNet on MNIST with Adam at learning rate 1. The loss
     * explodes in the first steps, the ReLUs die, and the run sits at chance: diverged, with
     * lr-too-high, and no word of sigmoid or He initialization (the model uses ReLU and He).
     */
    @Test
    void leNetWithAdamAtOneOnMnistIsDivergedWithLrTooHighAndBlamesNeitherActivationNorInit() throws Exception {
        ExperimentSpec spec = new ExperimentSpec(null, "lenet-adam-1", 42L, DataSpec.sample("mnist"),
                new SplitSpec(80.0, 10.0, 10.0, true, true, 1500), null, null,
                new ModelSpec("lenet-cnn", LENET, new InitSpec(InitSpec.Type.HE, null)),
                TrainingSpec.defaults().withEpochs(3).withBatchSize(64).withOptimizer(OptimizerSpec.adam(1.0)));
        Outcome o = train(spec);
        assertEquals(RunStatus.DIVERGED, o.record().status(), o.record().message());
        Finding lr = o.live().stream().filter(f -> f.rule().equals(RuleIds.LR_TOO_HIGH)).findFirst().orElseThrow();
        assertEquals(Severity.ERROR, lr.severity());
        assertEquals(0.1, lr.tryThis().value().asDouble(), 1e-12);
        assertTrue(o.record().message().contains("never recovered"), o.record().message());
        for (Finding f : o.live()) {
            String text = (f.title() + " " + f.message() + " " + f.changes()).toLowerCase(Locale.ROOT);
            assertFalse(text.contains("sigmoid"), f.toString());
            assertFalse(Pattern.compile("\\bhe\\b").matcher(text).find(), f.toString());
            assertFalse(f.rule().equals(RuleIds.VANISHING_GRADIENTS), f.toString());
        }
        assertTrue(o.diagnosedAtStep().get(0) <= 3, "the blow-up is reported within a few steps: " + o.diagnosedAtStep());
        // stored with the run, and the same rules over the run's files find the same
        Diagnosis stored = DiagnosisFile.read(new RunStore(dir.resolve("ws")).dir(o.record().id())).orElseThrow();
        assertTrue(stored.complete());
        assertEquals(o.live(), stored.findings());
        Diagnosis replayed = RunDiagnosis.diagnose(new RunStore(dir.resolve("ws")), o.record(), dir, false);
        assertEquals(o.live().stream().map(Finding::rule).toList(), replayed.findings().stream().map(Finding::rule).toList());
    }

    @Test
    void aHealthyRunHasNoWarningAndCompletes() throws Exception {
        ExperimentSpec spec = new ExperimentSpec(null, "spiral-ok", 3L, DataSpec.toy("spiral", 450, 0.2, 3), null, null,
                null, new ModelSpec(null, List.of(LayerSpec.dense(64), LayerSpec.of(LayerSpec.Type.RELU), LayerSpec.dense(64),
                LayerSpec.of(LayerSpec.Type.RELU)), new InitSpec(InitSpec.Type.HE, null)),
                TrainingSpec.defaults().withEpochs(8).withBatchSize(32).withOptimizer(OptimizerSpec.adam(0.01)));
        Outcome o = train(spec);
        assertEquals(RunStatus.COMPLETED, o.record().status());
        assertTrue(o.live().stream().noneMatch(f -> f.severity().atLeast(Severity.WARNING)), o.live().toString());
    }
}
