package dev.trainbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.runs.ModelManifest;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.train.ModelExport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Export a finished run's model as one file (parameters, spec, input scaling, class names,"
        + " metrics) that 'trainbench predict' and the GUI's Predict view load.")
final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id, a unique prefix of it, or a unique run name.")
    String run;

    @Parameters(index = "1", paramLabel = "OUT", description = "File to write (a folder: <run id>.tbmodel.zip in it).")
    Path out;

    @Option(names = "--checkpoint", paramLabel = "best|last", defaultValue = "best",
            description = "best (lowest validation loss, default) or last (end of training).")
    String checkpoint;

    @Option(names = "--force", description = "Replace OUT if it exists.")
    boolean force;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Only for runs from before TrainBench stored input"
            + " descriptions: folder that relative data paths in the spec resolve against (default: current folder).")
    Path dataDir;

    @Option(names = "--json", description = "Print one JSON line: status, file, runId, checkpoint, epoch, bytes, formatVersion;"
            + " errors as {\"status\":\"error\",\"exitCode\":...,\"message\":...}.")
    boolean json;

    @Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        // errors, with --json too, end through Cli's one error path (JsonOutput)
        return export();
    }

    private int export() throws java.io.IOException {
        PrintWriter o = commandSpec.commandLine().getOut();
        RunStore store = workspace.store();
        RunRecord r = store.find(run);
        ModelExport.Exported e = ModelExport.export(store, r.id(), checkpoint.toLowerCase(Locale.ROOT), out,
                dataDir == null ? Path.of("").toAbsolutePath() : dataDir, force);
        ModelManifest m = e.manifest();
        long bytes = Files.size(e.file());
        if (json) {
            ObjectNode n = SpecJson.mapper().createObjectNode();
            n.put("status", "ok");
            n.put("file", e.file().toAbsolutePath().toString());
            n.put("runId", r.id());
            n.put("checkpoint", m.checkpoint().name());
            if (m.checkpoint().epoch() != null) {
                n.put("epoch", m.checkpoint().epoch());
            }
            n.put("bytes", bytes);
            n.put("formatVersion", m.formatVersion());
            o.println(n);
        } else {
            o.println("exported " + m.describe());
            o.println("  to      " + e.file() + " (" + Format.bytes(bytes) + ")");
            o.println("  input   " + PredictCommand.describeInput(m));
            o.println("  output  " + PredictCommand.describeOutput(m));
            var t = m.metrics().test();
            o.println("  test    " + (t == null ? "not tested (trainbench test " + r.id() + ")"
                    : (t.accuracy() == null && t.rmse() != null ? PredictCommand.regression(t) + " (target's units)"
                    : "accuracy " + Format.pct(t.accuracy())) + " in the run's final test (" + t.checkpoint() + " checkpoint)"));
            o.println("predict with: trainbench predict " + e.file() + " INPUT...");
        }
        o.flush();
        return ExitCodes.OK;
    }
}
