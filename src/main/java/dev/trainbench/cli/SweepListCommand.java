package dev.trainbench.cli;

import dev.trainbench.runs.RunSummary;
import dev.trainbench.runs.RunStore;
import dev.trainbench.sweep.SweepFolder;
import dev.trainbench.sweep.SweepRecord;
import dev.trainbench.sweep.Sweeps;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "The sweeps in the workspace, newest first, with how many of their runs are in it.")
final class SweepListCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        RunStore store = workspace.store();
        List<SweepFolder> sweeps = new Sweeps(store.workspace()).list();
        if (sweeps.isEmpty()) {
            out.println("no sweeps in " + store.workspace() + " (start one with 'trainbench sweep SPEC --set PATH=V1,V2')");
            out.flush();
            return ExitCodes.OK;
        }
        Map<String, Integer> runs = new HashMap<>();
        for (RunSummary r : store.summaries()) {
            if (r.sweepId() != null) {
                runs.merge(r.sweepId(), 1, Integer::sum);
            }
        }
        String fmt = "%-48s %-24s %-8s %-10s %s%n";
        out.printf(fmt, "SWEEP", "NAME", "EXECUTOR", "RUNS", "CREATED");
        for (SweepFolder f : sweeps) {
            SweepRecord r = f.record();
            out.printf(fmt, r.id(), Format.cut(r.name(), 24), r.executor() == null || r.executor().kind() == null ? "-"
                    : r.executor().kind().label() + (r.submission() != null && r.submission().jobId() != null
                    ? "" : ""), runs.getOrDefault(r.id(), 0) + " of " + r.tasks().size(), r.createdAt() == null ? "-"
                    : r.createdAt().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
