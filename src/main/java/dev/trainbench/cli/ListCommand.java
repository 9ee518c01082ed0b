package dev.trainbench.cli;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List the runs in the workspace, newest first.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        RunStore store = workspace.store();
        List<RunRecord> runs = store.list();
        if (runs.isEmpty()) {
            out.println("no runs in " + store.workspace() + " (train one with 'trainbench run examples/spiral-mlp.json')");
        } else {
            String fmt = "%-44s %-13s %-14s %-16s %8s %9s %9s %8s%n";
            out.printf(fmt, "RUN", "STATUS", "DATA", "MODEL", "PARAMS", "BEST VAL", "TEST", "TIME");
            boolean newer = false;
            for (RunRecord r : runs) {
                newer |= r.fromNewerVersion();
                out.printf(fmt, Format.cut(r.id(), 44), Format.cut(Format.status(r) + (r.fromNewerVersion() ? " *" : ""), 13),
                        Format.cut(r.dataLabel(), 14), Format.cut(r.modelLabel(), 16), Format.count(r.parameterCount()),
                        Format.pct(r.bestValidationAccuracy()), Format.pct(r.testAccuracy()), Format.seconds(r.wallSeconds()));
            }
            if (newer) {
                out.println("* made by a newer TrainBench: listed from what this version can read ('trainbench show RUN' says what)");
            }
        }
        store.problems().forEach(p -> commandSpec.commandLine().getErr().println("warning: " + Format.safe(p)));
        out.flush();
        return ExitCodes.OK;
    }
}
