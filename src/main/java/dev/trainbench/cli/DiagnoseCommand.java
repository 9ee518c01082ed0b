package dev.trainbench.cli;

import dev.trainbench.diagnose.Diagnosis;
import dev.trainbench.diagnose.Severity;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.train.RunDiagnosis;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diagnose", description = {
        "Diagnose a run from its files with the current rules (older runs too) and store the result with it"
                + " (diagnosis.json).",
        "Exit 0 when nothing reaches warning level, 1 when a finding does, 2 for bad input."})
final class DiagnoseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id, a unique prefix of it, or a unique run name.")
    String run;

    @Option(names = "--json", description = "Print the diagnosis as JSON (the diagnosis.json format) instead.")
    boolean json;

    @Option(names = "--no-save", description = "Do not write diagnosis.json.")
    boolean noSave;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where relative data paths in the run's spec resolve"
            + " (default: the current directory).")
    Path dataDir;

    @Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        RunStore store = workspace.store();
        RunRecord r = store.find(run);
        Path base = dataDir != null ? dataDir.toAbsolutePath() : Path.of("").toAbsolutePath();
        Diagnosis d = RunDiagnosis.diagnose(store, r, base, !noSave);
        if (json) {
            out.println(dev.trainbench.diagnose.DiagnosisFile.toJson(d));
        } else {
            out.println("run " + r.id() + " (" + r.name() + "), " + Format.status(r.status()));
            FindingsText.print(out, d.findings(), FindingsText.note(d));
        }
        out.flush();
        return d.atLeast(Severity.WARNING).isEmpty() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }
}
