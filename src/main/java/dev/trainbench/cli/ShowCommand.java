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

    private static String orDash(Integer v) {
        return v == null ? "-" : v.toString();
    }

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        RunStore store = workspace.store();
        RunRecord r = store.find(run);
        if (spec) {
            // as run.json holds it, also when this version cannot read it (a newer TrainBench's spec)
            out.println(r.spec() != null ? SpecJson.write(r.spec()) : store.specText(r.id()));
            out.flush();
            return ExitCodes.OK;
        }
        out.println("run       " + r.id() + "  (" + Format.safe(r.name()) + ")");
        out.println("status    " + (r.status() == null && r.unread() != null && r.unread().rawStatus() != null
                ? Format.safe(r.unread().rawStatus()) + " (a status this version does not know)" : Format.status(r))
                + (r.message() == null ? "" : ": " + Format.safe(r.message())));
        if (r.fromNewerVersion()) {
            out.println("note      made by a newer TrainBench" + (r.formatVersion() > RunRecord.FORMAT_VERSION
                    ? " (run format " + r.formatVersion() + ")" : "") + "; shown from what this version can read");
            if (r.unread() != null && !r.unread().fields().isEmpty()) {
                out.println("          not understood here (kept as written): "
                        + Format.safe(String.join(", ", r.unread().fields())));
            }
            if (r.spec() == null) {
                out.println("          test, clone and re-run need a TrainBench that reads its spec"
                        + (r.unread() == null || r.unread().specProblem() == null ? ""
                        : " (" + Format.safe(r.unread().specProblem()) + ")"));
            }
        }
        if (r.parentId() != null) {
            out.println("parent    " + Format.safe(r.parentId()));
        }
        out.println("created   " + Format.safe(r.createdAt()) + "   wall " + Format.seconds(r.wallSeconds()) + "   device "
                + Format.safe(r.device()));
        out.println("data      " + Format.safe(r.dataLabel()) + "   train/val/test " + orDash(r.trainSamples()) + "/"
                + orDash(r.validationSamples()) + "/" + orDash(r.testSamples()) + "   seed " + r.seed());
        if (r.dataFiles() != null) {
            r.dataFiles().forEach((split, files) -> out.println(String.format(Locale.ROOT, "  %-10s from %s",
                    Format.safe(split), Format.safe(String.join(" + ", files)))));
        }
        out.println("model     " + Format.safe(r.modelLabel()) + "   " + Format.count(r.parameterCount()) + " parameters");
        out.println("versions  " + (r.versions() == null ? "-" : Format.safe(r.versions().toString())));
        if (r.spec() != null) {
            out.println("loss      " + dev.trainbench.train.LossName.of(r.spec()));
        }
        boolean regression = Format.isRegression(r);
        if (r.bestEpoch() == null || r.bestEpoch() < 1) {
            out.println("best      - (no epoch completed)");
        } else if (r.validationSamples() != null && r.validationSamples() == 0) {
            out.println("best      epoch " + r.bestEpoch() + ", chosen by the training loss (no validation split)");
        } else if (r.bestValidationRmse() != null) {
            out.println("best      validation rmse " + Format.num(r.bestValidationRmse()) + ", mae " + Format.num(r.bestValidationMae())
                    + ", R\u00b2 " + Format.r2(r.bestValidationR2()) + " at epoch " + r.bestEpoch()
                    + (r.bestValidationLoss() == null ? "" : String.format(Locale.ROOT, ", loss %.4f", r.bestValidationLoss())));
        } else {
            out.println("best      validation accuracy " + Format.pct(r.bestValidationAccuracy()) + " at epoch "
                    + r.bestEpoch() + (r.bestValidationLoss() == null ? ""
                    : String.format(Locale.ROOT, ", loss %.4f", r.bestValidationLoss())));
        }
        r.sanity().forEach(s -> out.println("sanity    " + Format.safe(s)));
        MetricsTable epochs = store.readEpochs(r.id());
        if (epochs.rows() > 0 && regression) {
            // regression: no accuracy; the validation metrics in the target's units instead
            out.println();
            out.printf("%6s %11s %11s %11s %11s %9s %8s%n", "epoch", "train loss", "val loss", "val rmse", "val mae", "val R\u00b2",
                    "seconds");
            for (int i = 0; i < epochs.rows(); i++) {
                out.printf(Locale.ROOT, "%6d %11.4f %11s %11s %11s %9s %8.1f%n", (long) epochs.value(Epoch.EPOCH, i),
                        epochs.value(Epoch.TRAIN_LOSS, i), Format.num(epochs.value(Epoch.VALIDATION_LOSS, i)),
                        Format.num(epochs.value(Epoch.VALIDATION_RMSE, i)), Format.num(epochs.value(Epoch.VALIDATION_MAE, i)),
                        Format.r2(epochs.value(Epoch.VALIDATION_R2, i)), epochs.value(Epoch.SECONDS, i));
            }
        } else if (epochs.rows() > 0) {
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
            if (t.rmse() != null) {
                out.printf(Locale.ROOT, "final test (%s, %s checkpoint): %d samples, rmse %s, mae %s, R\u00b2 %s, loss %.4f%n",
                        Format.safe(t.evaluatedAt()), Format.safe(t.checkpoint()), t.samples(), Format.num(t.rmse()),
                        Format.num(t.mae()), Format.r2(t.r2()), t.loss());
            } else {
                out.printf(Locale.ROOT, "final test (%s, %s checkpoint): %d samples, loss %.4f, accuracy %s%n",
                        Format.safe(t.evaluatedAt()), Format.safe(t.checkpoint()), t.samples(), t.loss(), Format.pct(t.accuracy()));
            }
            Format.confusion(out, t);
        }
        if (!r.tags().isEmpty()) {
            out.println("tags      " + Format.safe(String.join(", ", r.tags())));
        }
        if (!r.notes().isBlank()) {
            // one printed line per line of the note, each escaped: a note cannot fake other output
            out.println("notes     " + String.join("\n          ", r.notes().strip().lines().map(Format::safe).toList()));
        }
        out.println();
        if (r.spec() == null) {
            // a run from a newer TrainBench whose spec this version cannot read: show what it can, no diagnosis
            out.println("diagnosis: not available (this version cannot read the run's spec)");
        } else {
            Diagnosis d = RunDiagnosis.current(store, r, java.nio.file.Path.of("").toAbsolutePath());
            FindingsText.print(out, d.findings(), FindingsText.note(d));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
