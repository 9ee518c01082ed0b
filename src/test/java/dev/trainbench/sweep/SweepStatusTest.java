package dev.trainbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepStatusTest {

    @TempDir
    Path dir;

    /** A scheduler that answers from fixed text and records what it was asked. */
    static final class FakeSlurm implements CommandRunner {
        String squeue = "";
        int squeueExit = 0;
        String squeueErr = "";
        String sacctErr = "sacct: error: Slurm accounting storage is disabled";
        String sacct = "";
        boolean installed = true;
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public Result run(List<String> command, Path dir, java.time.Duration timeout) throws IOException {
            calls.add(command);
            if (!installed) {
                throw new IOException("Cannot run program \"" + command.get(0) + "\": error=2, No such file or directory");
            }
            return switch (command.get(0)) {
                case "squeue" -> new Result(squeueExit, squeue, squeueErr);
                case "sacct" -> sacctErr.isEmpty() ? new Result(0, sacct, "") : new Result(1, "", sacctErr);
                case "sbatch" -> new Result(0, "77;cluster\n", "");
                case "scontrol" -> new Result(0, "MaxArraySize            = 1001\n", "");
                case "scancel" -> new Result(0, "", "");
                default -> new Result(1, "", "unknown");
            };
        }
    }

    private SweepFolder sweep(int seeds) {
        SweepSetup setup = SweepSetup.of(SpecJson.read(Path.of("examples/spiral-mlp.json")),
                List.of(SweepAxis.parse("training.optimizer.learningRate=1e-3,1e-2")), seeds, null,
                SweepSetup.Choices.slurm(SlurmOptions.none()), dir, null, null);
        return setup.write();
    }

    private static RunRecord run(SweepFolder f, int task, RunStatus status, String createdAt) {
        var t = f.record().task(task);
        return new RunRecord.Builder().id("2026-" + task + "-" + createdAt).name("r").status(status).createdAt(createdAt)
                .sweepId(f.id()).sweepTask(task).sweepPoint(t.point()).bestValidationAccuracy(0.5).epochsCompleted(3)
                .message(status == RunStatus.DIVERGED ? "the loss became NaN at step 12" : null).build();
    }

    @Test
    void squeueLinesAreParsedPerTaskIncludingPendingRanges() {
        FakeSlurm fake = new FakeSlurm();
        fake.squeue = "77_0|RUNNING|None\n77_[2-3%2]|PENDING|JobArrayTaskLimit\n78_1|RUNNING|None\n";
        Map<Integer, Slurm.TaskState> q = new Slurm(fake).queue("77");
        assertEquals(List.of(0, 2, 3), List.copyOf(q.keySet()));
        assertTrue(q.get(0).active());
        assertTrue(q.get(3).pending());
        assertEquals("JobArrayTaskLimit", q.get(2).detail());
        assertEquals(List.of(1, 3, 4, 5), Slurm.taskIndexes("9_[1,3-5]", "9"));
    }

    @Test
    void anEndedArrayIsAnEmptyQueueAndMissingSlurmIsNoAnswer() {
        FakeSlurm fake = new FakeSlurm();
        fake.squeueExit = 1;
        fake.squeueErr = "slurm_load_jobs error: Invalid job id specified";
        assertEquals(Map.of(), new Slurm(fake).queue("77"));
        assertNull(new Slurm(fake).accounting("77"), "disabled accounting is no answer, not an error");
        fake.installed = false;
        assertNull(new Slurm(fake).queue("77"));
        SweepException e = org.junit.jupiter.api.Assertions.assertThrows(SweepException.class,
                () -> new Slurm(fake).submit(dir.resolve("job.sh")));
        assertTrue(e.getMessage().contains("is Slurm installed here"), e.getMessage());
    }

    @Test
    void statusCombinesRunFoldersWithTheQueueAndNamesFailedTasksLogs() throws Exception {
        SweepFolder f = sweep(2);
        FakeSlurm fake = new FakeSlurm();
        String job = SweepSetup.submit(f, new Slurm(fake));
        assertEquals("77", job);
        assertEquals(List.of("sbatch", "--parsable", f.scriptFile().toAbsolutePath().toString()), fake.calls.get(1));
        fake.squeue = "77_2|PENDING|Resources\n";
        Files.writeString(f.logFile(3), "error: spec.json: data.path not found\n");
        List<RunRecord> runs = List.of(run(f, 0, RunStatus.COMPLETED, "2026-01-01T00:00:01Z"),
                run(f, 1, RunStatus.RUNNING, "2026-01-01T00:00:02Z"));
        SweepStatus s = SweepStatus.of(SweepFolder.read(f.dir()), runs, new Slurm(fake));
        assertEquals(List.of(SweepStatus.State.COMPLETED, SweepStatus.State.RUNNING, SweepStatus.State.QUEUED,
                SweepStatus.State.FAILED), s.tasks().stream().map(SweepStatus.TaskStatus::state).toList());
        assertEquals("pending (Resources)", s.tasks().get(2).detail());
        assertEquals(f.logFile(3), s.tasks().get(3).log());
        assertTrue(s.tasks().get(3).detail().contains("ended without writing a run"), s.tasks().get(3).detail());
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("accounting")), "says that sacct was not available");
        assertEquals("1 queued, 1 running, 1 completed, 1 failed", s.summary());
        assertTrue(!s.ended());
    }

    @Test
    void aRunsOwnStatusWinsAndARetriedTaskShowsItsNewestRun() {
        SweepFolder f = sweep(1);
        FakeSlurm fake = new FakeSlurm();
        f.recordSubmission(new SweepRecord.Submission("77", "t", "h", null));
        List<RunRecord> runs = List.of(run(f, 0, RunStatus.DIVERGED, "2026-01-01T00:00:01Z"),
                run(f, 0, RunStatus.COMPLETED, "2026-01-02T00:00:01Z"), run(f, 1, RunStatus.DIVERGED, "2026-01-01T00:00:03Z"));
        SweepStatus s = SweepStatus.of(f, runs, new Slurm(fake));
        assertEquals(SweepStatus.State.COMPLETED, s.tasks().get(0).state());
        assertEquals(SweepStatus.State.FAILED, s.tasks().get(1).state());
        assertTrue(s.tasks().get(1).detail().contains("the loss became NaN"), s.tasks().get(1).detail());
        assertTrue(s.ended());
        assertTrue(fake.calls.isEmpty(), "every task has a run: the scheduler is not asked");
    }

    @Test
    void withAccountingEndedTasksWithoutARunSayHowTheyEnded() {
        SweepFolder f = sweep(1);
        FakeSlurm fake = new FakeSlurm();
        fake.sacctErr = "";
        fake.sacct = "77_0|TIMEOUT|0:0\n77_1|CANCELLED by 0|0:0\n";
        f.recordSubmission(new SweepRecord.Submission("77", "t", "h", null));
        SweepStatus s = SweepStatus.of(f, List.of(), new Slurm(fake));
        assertEquals(SweepStatus.State.FAILED, s.tasks().get(0).state());
        assertTrue(s.tasks().get(0).detail().contains("TIMEOUT"), s.tasks().get(0).detail());
        assertEquals(SweepStatus.State.CANCELLED, s.tasks().get(1).state());
        assertTrue(s.notes().isEmpty(), s.notes().toString());
    }

    @Test
    void cancellingASlurmSweepCallsScancelAndMarksItSoStoppedRunsCountAsCancelled() {
        SweepFolder f = sweep(1);
        FakeSlurm fake = new FakeSlurm();
        f.recordSubmission(new SweepRecord.Submission("77", "t", "h", null));
        List<String> said = SweepCancel.cancel(SweepFolder.read(f.dir()), new Slurm(fake));
        assertTrue(fake.calls.contains(List.of("scancel", "77")), fake.calls.toString());
        assertTrue(said.stream().anyMatch(l -> l.contains("scancel 77")), said.toString());
        SweepStatus s = SweepStatus.of(SweepFolder.read(f.dir()), List.of(run(f, 0, RunStatus.STOPPED, "x")), new Slurm(fake));
        assertEquals(SweepStatus.State.CANCELLED, s.tasks().get(0).state());
        assertEquals(SweepStatus.State.CANCELLED, s.tasks().get(1).state(), "not in the queue after scancel, and no run");
    }
}
