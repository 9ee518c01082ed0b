package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.TrainingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerServiceTest {

    @TempDir
    Path workspace;

    static ExperimentSpec spiral(int epochs) {
        return new ExperimentSpec(null, "svc", 1L, DataSpec.toy("spiral", 300, 0.2, 3), null, null, null,
                new ModelSpec(null, List.of(LayerSpec.dense(32), LayerSpec.of(LayerSpec.Type.RELU)), null),
                TrainingSpec.defaults().withEpochs(epochs).withBatchSize(16).withOptimizer(OptimizerSpec.adam(0.01)));
    }

    @Test
    void runsQueuedSubmissionsInOrderAndPublishesEvents() throws Exception {
        try (TrainerService service = new TrainerService(new RunStore(workspace))) {
            EventSubscription sub = service.subscribe();
            RunHandle a = service.submit(spiral(2), workspace);
            RunHandle b = service.submit(spiral(1).withName("second"), workspace);
            RunRecord ra = a.completion().get(60, TimeUnit.SECONDS);
            RunRecord rb = b.completion().get(60, TimeUnit.SECONDS);
            assertEquals(RunStatus.COMPLETED, ra.status());
            assertEquals(RunStatus.COMPLETED, rb.status());
            assertTrue(ra.endedAt().compareTo(rb.startedAt()) <= 0, "one run at a time");
            List<TrainingEvent> events = sub.drain();
            assertTrue(events.stream().anyMatch(e -> e instanceof TrainingEvent.RunStarted s && s.runId().equals(ra.id())));
            assertTrue(events.stream().filter(e -> e instanceof TrainingEvent.EpochEnded).count() >= 3);
            assertTrue(events.stream().anyMatch(e -> e instanceof TrainingEvent.RunFinished f && f.runId().equals(rb.id())));
            assertEquals(1, events.stream().filter(e -> e instanceof TrainingEvent.StepsAvailable s && s.runId().equals(ra.id())).count(),
                    "step notices are coalesced per run");
            assertNotNull(a.history());
            assertEquals(ra.stepsCompleted(), (long) a.history().size());
            assertEquals(2, service.store().list().size());
        }
    }

    @Test
    void stopEndsARunningRunPromptly() throws Exception {
        try (TrainerService service = new TrainerService(new RunStore(workspace))) {
            RunHandle h = service.submit(spiral(500), workspace);
            long deadline = System.currentTimeMillis() + 60_000;
            while ((h.history() == null || h.history().size() < 5) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            h.stop();
            RunRecord r = h.completion().get(30, TimeUnit.SECONDS);
            assertEquals(RunStatus.STOPPED, r.status());
            assertEquals(RunStatus.STOPPED, service.store().load(r.id()).status());
        }
    }

    @Test
    void pauseAndResumeManyTimesNeitherLeaksNorDeadlocks() throws Exception {
        try (TrainerService service = new TrainerService(new RunStore(workspace))) {
            RunHandle h = service.submit(spiral(3), workspace);
            for (int i = 0; i < 100; i++) {
                h.pause();
                Thread.sleep(1);
                h.resume();
            }
            RunRecord r = h.completion().get(120, TimeUnit.SECONDS);
            assertEquals(RunStatus.COMPLETED, r.status());
        }
    }

    @Test
    void badDataFailsTheSubmissionWithAMessage() throws Exception {
        try (TrainerService service = new TrainerService(new RunStore(workspace))) {
            EventSubscription sub = service.subscribe();
            ExperimentSpec bad = spiral(1).withData(DataSpec.csv("does-not-exist.csv", null));
            RunHandle h = service.submit(bad, workspace);
            ExecutionException e = assertThrows(ExecutionException.class, () -> h.completion().get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("does-not-exist.csv"), e.getCause().getMessage());
            List<TrainingEvent> events = new ArrayList<>(sub.drain());
            assertTrue(events.stream().anyMatch(ev -> ev instanceof TrainingEvent.RunFinished f && f.status() == RunStatus.FAILED));
            assertEquals(RunStatus.FAILED, h.status());
        }
    }

    @Test
    void aJobRunsOnTheTrainerThreadAfterTheRunQueuedBeforeIt() throws Exception {
        try (TrainerService service = new TrainerService(new RunStore(workspace))) {
            RunHandle run = service.submit(spiral(500), workspace);
            run.pause();
            java.util.concurrent.atomic.AtomicReference<String> thread = new java.util.concurrent.atomic.AtomicReference<>();
            TrainerJob<String> job = service.submitJob("probe", () -> {
                thread.set(Thread.currentThread().getName());
                return "done";
            });
            Thread.sleep(300);
            assertFalse(job.completion().isDone(), "one training at a time: the job waits for the run");
            run.stop();
            assertEquals("done", job.completion().get(60, TimeUnit.SECONDS));
            assertTrue(run.completion().isDone());
            assertEquals("trainbench-trainer", thread.get());
        }
    }

    @Test
    void aQueuedJobCanBeCancelledAndNeverRuns() throws Exception {
        try (TrainerService service = new TrainerService(new RunStore(workspace))) {
            java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
            TrainerJob<Integer> first = service.submitJob("holds the trainer", () -> {
                hold.await();
                return 1;
            });
            java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
            TrainerJob<Integer> second = service.submitJob("cancelled", () -> {
                ran.set(true);
                return 2;
            });
            assertTrue(second.cancel());
            hold.countDown();
            assertEquals(1, first.completion().get(30, TimeUnit.SECONDS));
            assertThrows(java.util.concurrent.CancellationException.class, () -> second.completion().get(30, TimeUnit.SECONDS));
            assertFalse(first.cancel(), "a job that ran cannot be cancelled");
            // the queue goes on after a cancelled job
            assertEquals(3, service.submitJob("after", () -> 3).completion().get(30, TimeUnit.SECONDS));
            assertFalse(ran.get());
        }
    }

    @Test
    void aFailingJobCompletesExceptionallyWithItsMessage() {
        try (TrainerService service = new TrainerService(new RunStore(workspace))) {
            TrainerJob<Object> job = service.submitJob("fails", () -> {
                throw new TrainingException("no data");
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> job.completion().get(30, TimeUnit.SECONDS));
            assertEquals("no data", e.getCause().getMessage());
        }
    }
}
