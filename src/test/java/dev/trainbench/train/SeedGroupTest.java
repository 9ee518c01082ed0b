package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunGroup;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedGroupTest {

    @TempDir
    Path workspace;

    @Test
    void planUsesTheSpecsSeedThenTheNextOnes() {
        ExperimentSpec spec = TrainerServiceTest.spiral(1).withSeed(7);
        SeedGroup plan = SeedGroup.plan(spec, 3);
        assertEquals(List.of(7L, 8L, 9L), plan.members().stream().map(ExperimentSpec::seed).toList());
        assertEquals(spec, plan.members().get(0), "the first member repeats a plain run of the spec");
        assertTrue(plan.id().startsWith(RunGroup.ID_PREFIX), plan.id());
        assertEquals(2, plan.membership(2).index());
        assertThrows(IllegalArgumentException.class, () -> SeedGroup.plan(spec, 0));
        assertThrows(IllegalArgumentException.class, () -> SeedGroup.plan(spec, SeedGroup.MAX_SEEDS + 1));
    }

    @Test
    void aGroupTrainsOneAfterAnotherAndEveryRunRecordsTheGroup() throws Exception {
        try (TrainerService service = new TrainerService(new RunStore(workspace))) {
            GroupHandle g = service.submitGroup(TrainerServiceTest.spiral(1), workspace, 3, null);
            List<RunRecord> runs = g.completion().get(120, TimeUnit.SECONDS);
            assertEquals(3, runs.size());
            for (int i = 0; i < 3; i++) {
                RunRecord r = service.store().load(runs.get(i).id());
                assertEquals(g.groupId(), r.groupId());
                assertEquals("svc", r.groupName());
                assertEquals(i, r.groupIndex());
                assertEquals(3, r.groupSize());
                assertEquals(1L + i, r.seed());
                assertEquals("svc seed " + (1 + i), r.name());
                assertNotNull(r.dataFingerprint(), "every new run records its data's fingerprint");
                assertEquals(RunStatus.COMPLETED, r.status());
            }
            assertTrue(runs.get(0).endedAt().compareTo(runs.get(1).startedAt()) <= 0, "one after another");
            List<RunGroup<dev.trainbench.runs.RunSummary>> groups = RunGroup.of(service.store().summaries());
            assertEquals(1, groups.size());
            assertEquals(List.of(runs.get(0).id(), runs.get(1).id(), runs.get(2).id()),
                    groups.get(0).runs().stream().map(dev.trainbench.runs.RunSummary::id).toList());
        }
    }

    @Test
    void stoppingAGroupStopsTheRunningRunAndTheRest() throws Exception {
        try (TrainerService service = new TrainerService(new RunStore(workspace))) {
            GroupHandle g = service.submitGroup(TrainerServiceTest.spiral(500), workspace, 3, null);
            long deadline = System.currentTimeMillis() + 60_000;
            RunHandle first = g.members().get(0);
            while ((first.history() == null || first.history().size() < 5) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(first, g.current());
            g.stop();
            List<RunRecord> runs = g.completion().get(30, TimeUnit.SECONDS);
            assertEquals(1, runs.size(), "the two runs not yet started never start");
            assertEquals(RunStatus.STOPPED, runs.get(0).status());
            assertNull(g.members().get(1).runId());
            assertEquals(RunStatus.STOPPED, g.members().get(2).status());
            assertEquals(1, service.store().list().size());
        }
    }

    @Test
    void badDataStopsTheWholeGroupAfterTheFirstFailure() throws Exception {
        try (TrainerService service = new TrainerService(new RunStore(workspace))) {
            ExperimentSpec bad = TrainerServiceTest.spiral(1).withData(DataSpec.csv("does-not-exist.csv", null));
            GroupHandle g = service.submitGroup(bad, workspace, 3, null);
            assertEquals(List.of(), g.completion().get(30, TimeUnit.SECONDS));
            assertEquals(List.of(), service.store().list());
            for (RunHandle h : g.members()) {
                assertTrue(h.completion().isCompletedExceptionally());
            }
        }
    }
}
