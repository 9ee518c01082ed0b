package dev.trainbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.compare.FieldResponse;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.sweep.ExecutorSettings;
import dev.trainbench.sweep.Slurm;
import dev.trainbench.sweep.SweepFolder;
import dev.trainbench.sweep.SweepRecord;
import dev.trainbench.sweep.SweepStatus;
import dev.trainbench.sweep.Sweeps;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = {"Where each task of a sweep stands: queued, running, completed, failed (with its log)",
    "or cancelled, from the run folders and the scheduler (squeue; sacct where accounting is on); then the results per",
    "grid point. Exit 0; with --wait: 0 when every task completed, 1 otherwise."})
final class SweepStatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep's id (s-...), a unique prefix of it, or its name.")
    String ref;

    @Option(names = "--wait", description = "Wait until no task is queued or running, then print the status.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "With --wait: give up after this long (exit 1).")
    Integer timeout;

    @Option(names = "--json", description = "One JSON document instead of text.")
    boolean json;

    @Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        RunStore store = workspace.store();
        SweepFolder folder = new Sweeps(store.workspace()).find(ref);
        SweepStatus status;
        if (await) {
            status = waitFor(folder, store, Slurm.system(), timeout == null ? 0 : timeout, json ? null : err);
        } else {
            status = SweepStatus.of(folder, store.summaries(), Slurm.system());
        }
        if (json) {
            out.println(statusJson(status, folder).toString());
        } else {
            print(out, status, folder, store, workspace.workspace == null ? "" : " -w " + store.workspace());
        }
        out.flush();
        if (await && !status.ended()) {
            err.println("error: the sweep is still going after " + timeout + " s (" + status.summary() + ")");
            return ExitCodes.RUN_FAILED;
        }
        return !await || status.allCompleted() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    /**
     * Polls until no task is queued or running (or {@code timeoutSeconds} pass, 0: no limit);
     * {@code progress} (null: silent) gets a line whenever the counts change.
     */
    static SweepStatus waitFor(SweepFolder folder, RunStore store, Slurm slurm, int timeoutSeconds, PrintWriter progress)
            throws InterruptedException {
        long deadline = timeoutSeconds <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        String last = "";
        while (true) {
            folder.refresh();
            SweepStatus s = SweepStatus.of(folder, store.summaries(), slurm);
            if (progress != null && !s.summary().equals(last)) {
                last = s.summary();
                progress.println("sweep " + folder.id() + ": " + last);
                progress.flush();
            }
            if (s.ended() || System.nanoTime() > deadline) {
                return s;
            }
            Thread.sleep(2000);
        }
    }

    static void print(PrintWriter out, SweepStatus status, SweepFolder folder, RunStore store, String ws) {
        SweepRecord r = status.sweep();
        ExecutorSettings e = r.executor();
        String where = e == null ? "" : e.kind() == ExecutorSettings.Kind.SLURM
                ? (r.submission() == null || r.submission().jobId() == null ? ", Slurm (not submitted)" : ", Slurm job " + r.submission().jobId())
                : ", local" + (e.parallel() != null && e.parallel() > 1 ? " (" + e.parallel() + " at a time)" : "");
        out.printf(Locale.ROOT, "sweep %s (%s): %d runs%s%s%n", r.id(), r.name(), r.tasks().size(), where,
                r.cancelled() ? ", cancelled" : "");
        out.println("  " + status.summary());
        int labelWidth = Math.max(5, Math.min(40, status.tasks().stream().mapToInt(t -> t.label().length()).max().orElse(5)));
        String fmt = "  %-5s %-" + labelWidth + "s %6s  %-10s %-30s %s%n";
        out.printf(Locale.ROOT, fmt, "TASK", "POINT", "SEED", "STATE", "RUN", "DETAIL");
        for (SweepStatus.TaskStatus t : status.tasks()) {
            out.printf(Locale.ROOT, fmt, t.index(), Format.cut(t.label().isEmpty() ? "-" : t.label(), labelWidth), t.seed(),
                    t.state().label(), t.runId() == null ? "-" : Format.cut(t.runId(), 30), t.detail());
        }
        List<SweepStatus.TaskStatus> failed = status.failed();
        if (!failed.isEmpty()) {
            out.println("failed tasks (their logs say why):");
            for (SweepStatus.TaskStatus t : failed) {
                out.printf(Locale.ROOT, "  task %d: %s%n", t.index(), t.log() != null ? t.log()
                        : folder.logFile(t.index()) + " (not written: the task never started)");
            }
        }
        List<String> paths = r.axes().stream().map(a -> a.path()).toList();
        if (!status.runs().isEmpty() && !paths.isEmpty()) {
            FieldResponse response = FieldResponse.ofRecords(status.runs(), paths.get(0));
            if (response.lines().stream().anyMatch(l -> !l.points().isEmpty())) {
                out.println("results (" + response.metric() + " over the finished seeds):");
                for (FieldResponse.Line line : response.lines()) {
                    for (FieldResponse.Point p : line.points()) {
                        out.printf(Locale.ROOT, "  %s=%s%s  %s%n", FieldResponse.shortName(response.path()), p.value(),
                                line.label().isEmpty() ? "" : ", " + line.label(), p.y().format(response.percent()));
                    }
                }
                FieldResponse.Point best = response.best();
                if (best != null) {
                    out.println("  best: " + FieldResponse.shortName(response.path()) + "=" + best.value());
                }
            }
        }
        if (!status.runs().isEmpty()) {
            out.println("compare: trainbench compare " + r.id() + ws + " [--report sweep.html]");
        }
        status.notes().forEach(n -> out.println("note: " + n));
    }

    static ObjectNode statusJson(SweepStatus status, SweepFolder folder) {
        SweepRecord r = status.sweep();
        ObjectNode n = SpecJson.mapper().createObjectNode();
        n.put("sweepId", r.id());
        n.put("name", r.name());
        n.put("executor", r.executor() == null || r.executor().kind() == null ? null : r.executor().kind().label());
        n.put("jobId", r.submission() == null ? null : r.submission().jobId());
        n.put("folder", folder.dir().toString());
        n.put("cancelled", r.cancelled());
        n.put("ended", status.ended());
        ObjectNode counts = n.putObject("counts");
        for (Map.Entry<SweepStatus.State, Integer> c : status.counts().entrySet()) {
            counts.put(c.getKey().label(), c.getValue());
        }
        ArrayNode tasks = n.putArray("tasks");
        for (SweepStatus.TaskStatus t : status.tasks()) {
            ObjectNode o = tasks.addObject();
            o.put("task", t.index());
            ObjectNode point = o.putObject("point");
            r.task(t.index()).point().forEach(point::put);
            o.put("seed", t.seed());
            o.put("state", t.state().label());
            o.put("detail", t.detail());
            o.put("runId", t.runId());
            o.put("log", t.log() == null ? null : t.log().toString());
        }
        ArrayNode notes = n.putArray("notes");
        status.notes().forEach(notes::add);
        return n;
    }

    /** The line {@code trainbench sweep --json} ends with. */
    static ObjectNode submissionJson(SweepFolder folder, String jobId, SweepStatus status) {
        SweepRecord r = folder.record();
        ObjectNode n = status == null ? SpecJson.mapper().createObjectNode() : statusJson(status, folder);
        n.put("sweepId", r.id());
        n.put("executor", r.executor().kind().label());
        n.put("tasks", r.tasks().size());
        n.put("jobId", jobId);
        n.put("folder", folder.dir().toString());
        return n;
    }
}
