package dev.trainbench.cli;

import dev.trainbench.runs.RunGroup;
import dev.trainbench.runs.RunSummary;
import dev.trainbench.runs.RunsCsv;
import java.io.IOException;
import java.nio.file.Path;
import dev.trainbench.runs.RunStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List the runs in the workspace, newest first.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the runs table as CSV to FILE (columns in docs/file-formats.md) instead of printing it.")
    Path csv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        RunStore store = workspace.store();
        List<RunSummary> runs = store.summaries();
        if (csv != null) {
            try {
                RunsCsv.write(runs, csv);
            } catch (IOException e) {
                commandSpec.commandLine().getErr().println("error: cannot write " + csv + ": " + e.getMessage()
                        + "; check that its folder exists and is writable");
                return ExitCodes.BAD_INPUT;
            }
            out.println("wrote " + runs.size() + " runs to " + csv.toAbsolutePath());
        } else if (runs.isEmpty()) {
            out.println("no runs in " + store.workspace() + " (train one with 'trainbench run examples/spiral-mlp.json')");
        } else {
            // BEST VAL and TEST: accuracy, or RMSE in the target's units for regression
            String fmt = "%-44s %-13s %-14s %-16s %8s %10s %10s %8s%n";
            out.printf(fmt, "RUN", "STATUS", "DATA", "MODEL", "PARAMS", "BEST VAL", "TEST", "TIME");
            boolean newer = false;
            // the rows as fmt lays them out, without a Formatter per row (10,000 rows: see BENCHMARKS.md)
            StringBuilder rows = new StringBuilder(1 << 16);
            for (RunSummary r : runs) {
                newer |= r.fromNewerVersion();
                left(rows, Format.cut(r.id(), 44), 44).append(' ');
                left(rows, Format.cut(Format.status(r) + (r.fromNewerVersion() ? " *" : ""), 13), 13).append(' ');
                left(rows, Format.cut(r.dataLabel(), 14), 14).append(' ');
                left(rows, Format.cut(r.modelLabel(), 16), 16).append(' ');
                right(rows, Format.count(r.parameterCount()), 8).append(' ');
                right(rows, Format.bestValidation(r), 10).append(' ');
                right(rows, Format.test(r), 10).append(' ');
                right(rows, Format.seconds(r.wallSeconds()), 8).append(System.lineSeparator());
                if (rows.length() > 1 << 15) {
                    out.print(rows);
                    rows.setLength(0);
                }
            }
            out.print(rows);
            rows.setLength(0);
            if (newer) {
                out.println("* made by a newer TrainBench: listed from what this version can read ('trainbench show RUN' says what)");
            }
            List<RunGroup<RunSummary>> groups = RunGroup.of(runs);
            if (!groups.isEmpty()) {
                out.println();
                out.println("seed groups (compare one with 'trainbench compare GROUP ...'):");
                for (RunGroup<RunSummary> g : groups) {
                    left(rows.append("  "), g.id(), 44).append(' ').append(Format.safe(g.name())).append(", ")
                            .append(g.runs().size()).append(" of ").append(g.size()).append(" runs").append(System.lineSeparator());
                }
                out.print(rows);
                rows.setLength(0);
            }
            java.util.Map<String, List<RunSummary>> sweeps = new java.util.LinkedHashMap<>();
            for (RunSummary r : runs) {
                if (r.sweepId() != null) {
                    sweeps.computeIfAbsent(r.sweepId(), k -> new java.util.ArrayList<>()).add(r);
                }
            }
            if (!sweeps.isEmpty()) {
                out.println();
                out.println("sweeps (see one with 'trainbench sweep status SWEEP', compare it with 'trainbench compare SWEEP'):");
                sweeps.forEach((id, members) -> left(rows.append("  "), id, 44).append(' ')
                        .append(members.get(0).sweepName() == null ? "" : members.get(0).sweepName()).append(", ")
                        .append(members.size()).append(" runs").append(System.lineSeparator()));
                out.print(rows);
            }
        }
        store.problems().forEach(p -> commandSpec.commandLine().getErr().println("warning: " + Format.safe(p)));
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code s} padded with spaces to {@code width} on the right, as {@code %-Ns} does. */
    private static StringBuilder left(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb;
    }

    /** {@code s} padded with spaces to {@code width} on the left, as {@code %Ns} does. */
    private static StringBuilder right(StringBuilder sb, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb.append(s);
    }
}
