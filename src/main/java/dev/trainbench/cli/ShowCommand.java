package dev.trainbench.cli;

import dev.trainbench.diagnose.Diagnosis;
import dev.trainbench.runs.MetricColumns.Epoch;
import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.runs.TestResult;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.train.RunDiagnosis;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show one run: status, results, epochs, sanity checks, test confusion matrix, diagnosis.")
final class ShowCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id, a unique prefix of it, or a unique run name.")
    String run;

    @Option(names = "--spec", description = "Print the run's spec as JSON instead.")
    boolean spec;

    @Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        RunStore store = workspace.store();
        RunRecord r = store.find(run);
        if (spec) {
            out.println(SpecJson.write(r.spec()));
            out.flush();
            return ExitCodes.OK;
        }
        out.println("run       " + r.id() + "  (" + r.name() + ")");
        out.println("status    " + Format.status(r.status()) + (r.message() == null ? "" : ": " + r.message()));
        if (r.parentId() != null) {
            out.println("parent    " + r.parentId());
        }
        out.println("created   " + r.createdAt() + "   wall " + Format.seconds(r.wallSeconds()) + "   device " + r.device());
        out.println("data      " + r.dataLabel() + "   train/val/test " + r.trainSamples() + "/" + r.validationSamples()
                + "/" + r.testSamples() + "   seed " + r.seed());
        out.println("model     " + r.modelLabel() + "   " + Format.count(r.parameterCount()) + " parameters");
        out.println("versions  " + r.versions());
        out.println("best      validation accuracy " + Format.pct(r.bestValidationAccuracy()) + " at epoch "
                + r.bestEpoch() + (r.bestValidationLoss() == null ? "" : String.format(Locale.ROOT, ", loss %.4f", r.bestValidationLoss())));
        r.sanity().forEach(s -> out.println("sanity    " + s));
        MetricsTable epochs = store.readEpochs(r.id());
        if (epochs.rows() > 0) {
            out.println();
            out.printf("%6s %11s %10s %11s %10s %8s%n", "epoch", "train loss", "train acc", "val loss", "val acc", "seconds");
            for (int i = 0; i < epochs.rows(); i++) {
                out.printf(Locale.ROOT, "%6d %11.4f %10s %11.4f %10s %8.1f%n", (long) epochs.value(Epoch.EPOCH, i),
                        epochs.value(Epoch.TRAIN_LOSS, i), Format.pct(epochs.value(Epoch.TRAIN_ACCURACY, i)),
                        epochs.value(Epoch.VALIDATION_LOSS, i), Format.pct(epochs.value(Epoch.VALIDATION_ACCURACY, i)),
                        epochs.value(Epoch.SECONDS, i));
            }
        }
        TestResult t = r.test();
        if (t != null) {
            out.println();
            out.printf(Locale.ROOT, "final test (%s, %s checkpoint): %d samples, loss %.4f, accuracy %s%n", t.evaluatedAt(),
                    t.checkpoint(), t.samples(), t.loss(), Format.pct(t.accuracy()));
            if (t.confusion() != null) {
                out.println("confusion matrix (rows: true class, columns: predicted):");
                StringBuilder header = new StringBuilder(String.format("%12s", ""));
                t.classNames().forEach(c -> header.append(String.format(" %6s", Format.cut(c, 6))));
                out.println(header + "   per-class acc");
                for (int k = 0; k < t.confusion().length; k++) {
                    StringBuilder row = new StringBuilder(String.format("%12s", Format.cut(t.classNames().get(k), 12)));
                    for (int v : t.confusion()[k]) {
                        row.append(String.format(" %6d", v));
                    }
                    out.println(row + "   " + Format.pct(t.perClassAccuracy()[k]));
                }
            }
        }
        if (!r.notes().isBlank()) {
            out.println("notes     " + r.notes());
        }
        out.println();
        Diagnosis d = RunDiagnosis.current(store, r, java.nio.file.Path.of("").toAbsolutePath());
        FindingsText.print(out, d.findings(), FindingsText.note(d));
        out.flush();
        return ExitCodes.OK;
    }
}
