package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.Dataset;
import dev.trainbench.model.Presets;
import dev.trainbench.runs.MetricColumns.Step;
import dev.trainbench.runs.MetricLayout;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.EarlyStoppingSpec;
import dev.trainbench.spec.ExperimentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each standard listener's one job, driven directly with made-up steps and epochs; and a listener of one's own. */
class TrainingListenersTest {

    @TempDir
    Path workspace;

    private RunFolder folder;
    private SpecTrainer model;
    private final List<TrainingEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        if (model != null) {
            model.close();
        }
        if (folder != null) {
            folder.close();
        }
    }

    /** A run context over a real folder and a real (tiny) model, as the loop makes one. */
    RunContext context(ExperimentSpec spec) {
        Dataset train = TrainingLoopTest.blobs(64, 1);
        folder = new RunStore(workspace).create(spec, null, new RunRecord.Builder().name(spec.name())
                .status(RunStatus.QUEUED).spec(spec).seed(spec.seed()).createdAt("2026-01-01T00:00:00Z").build());
        model = SpecTrainer.open(spec, train.sampleShape(), train.outputWidth(), n -> 0.01f, "listener-test");
        return new RunContext(spec, new PreparedData(train, train, null, Map.of(), null, null, train), folder,
                events::add, TrainingLoop.Options.defaults(), model.built.groupNames(), List.of(), "cpu", 1L, 16, 4,
                System.nanoTime(), Instant.now(), model.trainer, model.built);
    }

    static ExperimentSpec spec(EarlyStoppingSpec early) {
        return TrainingLoopTest.spec(Presets.get("tiny-mlp").model(), TrainingLoopTest.adam(50, 16, 0.01)
                .withEarlyStopping(early));
    }

    static EpochMetrics epoch(int epoch, double validationLoss) {
        return new EpochMetrics(epoch, 1f, 0.5f, (float) validationLoss, 0.5f + epoch / 100f, 1, 0.01f, 100);
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() {
        RunContext run = context(spec(new EarlyStoppingSpec(2, 0.0)));
        EarlyStopping l = new EarlyStopping();
        l.onRunStart(run);
        l.onEpochEnd(epoch(1, 1.0));
        l.onEpochEnd(epoch(2, 0.9));
        l.onEpochEnd(epoch(3, 0.95));
        assertFalse(run.stopRequested(), "one epoch without improvement is within a patience of 2");
        l.onEpochEnd(epoch(4, 0.92));
        assertEquals(RunStatus.EARLY_STOPPED, run.stopStatus());
        assertEquals("validation loss did not improve for 2 epochs; best was epoch 2", run.stopMessage());
    }

    @Test
    void earlyStoppingCountsOnlyImprovementsLargerThanMinDelta() {
        RunContext run = context(spec(new EarlyStoppingSpec(2, 0.1)));
        EarlyStopping l = new EarlyStopping();
        l.onRunStart(run);
        l.onEpochEnd(epoch(1, 1.0));
        l.onEpochEnd(epoch(2, 0.95));
        l.onEpochEnd(epoch(3, 0.91));
        assertEquals(RunStatus.EARLY_STOPPED, run.stopStatus());
    }

    @Test
    void withoutEarlyStoppingInTheSpecNothingStops() {
        RunContext run = context(spec(null));
        EarlyStopping l = new EarlyStopping();
        l.onRunStart(run);
        for (int e = 1; e <= 20; e++) {
            l.onEpochEnd(epoch(e, 1.0 + e));
        }
        assertFalse(run.stopRequested());
    }

    @Test
    void theBestCheckpointIsWrittenOnlyWhenTheValidationLossImproves() throws Exception {
        RunContext run = context(spec(null));
        CheckpointSaver l = new CheckpointSaver();
        l.onRunStart(run);
        Path best = folder.checkpoint("best");
        l.onEpochEnd(epoch(1, 1.0));
        assertFalse(Files.exists(best), "staged: the record that describes it commits it");
        run.saveRecord(); // what the record listener does after this one
        assertTrue(Files.exists(best));
        assertEquals(1, run.record().build().bestEpoch());
        Files.delete(best);
        l.onEpochEnd(epoch(2, 1.2));
        run.saveRecord();
        assertFalse(Files.exists(best), "no improvement, no new best checkpoint");
        assertEquals(1, run.record().build().bestEpoch());
        assertEquals(1.0, run.record().build().bestValidationLoss(), 1e-6);
        l.onEpochEnd(epoch(3, 0.8));
        run.saveRecord();
        assertTrue(Files.exists(best));
        RunRecord r = run.record().build();
        assertEquals(3, r.bestEpoch());
        assertEquals(0.8, r.bestValidationLoss(), 1e-6);
        assertEquals(0.53, r.bestValidationAccuracy(), 1e-6);
        assertFalse(Files.exists(folder.checkpoint("last")));
        l.onRunEnd(RunStatus.COMPLETED, null);
        run.saveRecord();
        assertTrue(Files.exists(folder.checkpoint("last")));
        assertEquals(3, folder.record().checkpoints().get("best").epoch());
        assertEquals(3, folder.record().checkpoints().get("last").epoch());
    }

    @Test
    void aDivergedRunKeepsNoLastCheckpointAndARunWithoutEpochsGetsABestOne() {
        RunContext run = context(spec(null));
        CheckpointSaver diverged = new CheckpointSaver();
        diverged.onRunStart(run);
        diverged.onRunEnd(RunStatus.DIVERGED, "the loss became NaN");
        run.saveRecord();
        assertFalse(Files.exists(folder.checkpoint("last")));
        assertFalse(Files.exists(folder.checkpoint("best")));
        CheckpointSaver stopped = new CheckpointSaver();
        stopped.onRunStart(run);
        stopped.onRunEnd(RunStatus.STOPPED, "stopped by the user after 3 steps");
        run.saveRecord();
        assertTrue(Files.exists(folder.checkpoint("last")));
        assertTrue(Files.exists(folder.checkpoint("best")), "the only weights there are");
    }

    StepMetrics step(long index, float loss) {
        StepMetrics m = new StepMetrics(MetricLayout.steps(List.of("a")), 0);
        m.setStep(index, 2, 0.5f, 100);
        m.set(Step.LOSS, loss);
        return m;
    }

    @Test
    void aLossThatIsNoLongerFiniteEndsTheRunAsDiverged() {
        RunContext run = context(spec(null));
        DivergenceGuard l = new DivergenceGuard();
        l.onRunStart(run);
        l.onStep(step(7, 1e30f));
        assertFalse(run.stopRequested());
        l.onStep(step(8, Float.POSITIVE_INFINITY));
        assertEquals(RunStatus.DIVERGED, run.stopStatus());
        assertTrue(run.stopMessage().startsWith("the loss became Infinity at step 8 (epoch 2) with learning rate 0.5"),
                run.stopMessage());
    }

    @Test
    void theFirstStopRequestWinsAndARunningStatusIsRefused() {
        RunContext run = context(spec(null));
        run.requestStop(RunStatus.DIVERGED, "first");
        run.requestStop(RunStatus.EARLY_STOPPED, "second");
        assertEquals(RunStatus.DIVERGED, run.stopStatus());
        assertEquals("first", run.stopMessage());
        assertThrows(IllegalArgumentException.class, () -> run.requestStop(RunStatus.RUNNING, "no"));
    }

    @Test
    void theRecordListenerWritesWhatTheOthersContributed() throws Exception {
        RunContext run = context(spec(null));
        RunRecordUpdater l = new RunRecordUpdater();
        l.onRunStart(run);
        assertEquals(RunStatus.RUNNING, new RunStore(workspace).load(run.runId()).status());
        run.record().bestEpoch(1);
        run.stepDone();
        l.onEpochEnd(epoch(1, 0.5));
        RunRecord onDisk = new RunStore(workspace).load(run.runId());
        assertEquals(1, onDisk.epochsCompleted());
        assertEquals(1L, onDisk.stepsCompleted());
        assertEquals(1, onDisk.bestEpoch(), "another listener's field reaches run.json");
        l.onRunEnd(RunStatus.EARLY_STOPPED, "why");
        onDisk = new RunStore(workspace).load(run.runId());
        assertEquals(RunStatus.EARLY_STOPPED, onDisk.status());
        assertEquals("why", onDisk.message());
    }

    @Test
    void eventsTellTheStartEveryStepAndEveryEpoch() {
        RunContext run = context(spec(null));
        EventPublisher l = new EventPublisher();
        l.onRunStart(run);
        l.onStep(step(0, 1f));
        l.onEpochEnd(epoch(1, 0.5));
        l.onStatusChanged(RunStatus.PAUSED);
        assertTrue(events.get(0) instanceof TrainingEvent.RunStarted s && s.totalSteps() == 4 * 50);
        assertTrue(events.get(1) instanceof TrainingEvent.StatusChanged c && c.status() == RunStatus.RUNNING);
        assertTrue(events.get(2) instanceof TrainingEvent.StepsAvailable s && s.size() == 1);
        assertTrue(events.get(3) instanceof TrainingEvent.EpochEnded e && e.metrics().epoch() == 1);
        assertTrue(events.get(4) instanceof TrainingEvent.StatusChanged c && c.status() == RunStatus.PAUSED);
    }

    /** A listener of one's own, as the diagnosis will be: it sees every step, adds to the record, stops the run. */
    static final class StopsAtStep extends TrainingListenerAdapter {
        final long at;
        final List<String> seen = new ArrayList<>();
        RunContext run;

        StopsAtStep(long at) {
            this.at = at;
        }

        @Override
        public void onRunStart(RunContext run) {
            this.run = run;
            seen.add("start");
        }

        @Override
        public void onStep(StepMetrics step) {
            if (step.step() == at) {
                run.record().tags(List.of("diagnosed"));
                run.requestStop(RunStatus.DIVERGED, "made up at step " + step.step());
            }
        }

        @Override
        public void onEpochEnd(EpochMetrics epoch) {
            seen.add("epoch " + epoch.epoch());
        }

        @Override
        public void onRunEnd(RunStatus status, String message) {
            seen.add("end " + status);
        }
    }

    @Test
    void aListenerOfOnesOwnCanStopTheRunAndAddToItsRecord() throws Exception {
        ExperimentSpec spec = spec(null).withTraining(TrainingLoopTest.adam(5, 16, 0.01));
        StopsAtStep mine = new StopsAtStep(5);
        RunRecord r = ExperimentRunner.run(spec, workspace, new RunStore(workspace.resolve("ws")), null, new RunControl(),
                ExperimentRunner.Hooks.none().withListener(mine), TrainingLoop.Options.defaults());
        assertEquals(RunStatus.DIVERGED, r.status());
        assertEquals("made up at step 5", r.message());
        assertEquals(List.of("diagnosed"), r.tags());
        assertEquals(6L, r.stepsCompleted(), "the step that asked is done and counted");
        assertNull(r.epochsCompleted());
        assertEquals(List.of("start", "end DIVERGED"), mine.seen);
        Path dir = new RunStore(workspace.resolve("ws")).dir(r.id());
        assertFalse(Files.exists(dir.resolve("checkpoints/last.params")), "diverged: no last checkpoint");
        assertEquals(6, new RunStore(workspace.resolve("ws")).readSteps(r.id()).rows(), "every step done is logged");
    }
}
