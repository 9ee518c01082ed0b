package dev.trainbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.data.PredictionInputs;
import dev.trainbench.runs.ModelManifest;
import dev.trainbench.runs.TestResult;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.train.LossName;
import dev.trainbench.train.PredictionResult;
import dev.trainbench.train.Predictor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "predict", description = "Predict with an exported model: image files, folders of images (one sub-folder"
        + " per class: labelled), CSV files (with the target column: labelled) or IDX files; with labels, also accuracy"
        + " and the confusion matrix. Writes nothing.")
final class PredictCommand implements Callable<Integer> {
    /** Text output lists this many predictions unless --all. */
    static final int LISTED = 20;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by 'trainbench export'.")
    Path model;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "INPUT",
            description = "Image files, image folders, CSV files or IDX files, as the model was trained on.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "Show the K most probable classes (default 3).")
    int top;

    @Option(names = "--labels", paramLabel = "FILE", description = "IDX labels file of an IDX input: then also accuracy and"
            + " the confusion matrix.")
    Path labels;

    @Option(names = "--test-split", description = "Predict the held-back test split of the model's run, rebuilt from its"
            + " spec (needs the run's data); repeats the run's final test.")
    boolean testSplit;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "With --test-split: folder that relative data paths in"
            + " the spec resolve against (default: current folder).")
    Path dataDir;

    @Option(names = "--invert", description = "Images: invert (dark ink on light paper becomes light on dark, as MNIST digits are).")
    boolean invert;

    @Option(names = "--resize", description = "Images: resize to the model's size even if its training images were not resized.")
    boolean resize;

    @Option(names = "--all", description = "List every prediction (default: the first " + LISTED + ").")
    boolean all;

    @Option(names = "--json", description = "Print one JSON line: status, model, predictions (class, probabilities, top),"
            + " evaluation; errors as {\"status\":\"error\",\"exitCode\":...,\"message\":...}.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        // errors, with --json too, end through Cli's one error path (JsonOutput)
        return predict();
    }

    private int predict() {
        PrintWriter out = commandSpec.commandLine().getOut();
        if (inputs.isEmpty() && !testSplit) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "give at least one INPUT (image, folder, CSV"
                    + " or IDX file), or --test-split");
        }
        if (top < 0) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--top must be 0 (all classes) or more, was " + top);
        }
        if (labels != null && inputs.size() != 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--labels belongs to one IDX input; give"
                    + " exactly one INPUT with it");
        }
        PredictionInputs.Options options = new PredictionInputs.Options(invert, resize);
        try (Predictor p = Predictor.open(model)) {
            ModelManifest m = p.manifest();
            List<PredictionInputs.Samples> parts = new ArrayList<>();
            for (Path input : inputs) {
                parts.add(PredictionInputs.read(input, labels, m.input().encoding(), m.input().sampleShape(), p.classNames(),
                        options));
            }
            if (testSplit) {
                parts.add(p.testSplit(dataDir == null ? Path.of("").toAbsolutePath() : dataDir));
            }
            boolean labelled = parts.stream().allMatch(PredictionInputs.Samples::labelled);
            PredictionInputs.Samples samples = labelled ? Predictor.concat(parts) : unlabelled(parts);
            PredictionResult r = p.predict(samples);
            TestResult recorded = testSplit && inputs.isEmpty() && m.metrics() != null ? m.metrics().test() : null;
            if (json) {
                out.println(jsonLine(m, samples, r));
            } else {
                printText(out, m, samples, r, labelled, parts.size(), recorded);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Inputs without labels mixed with labelled ones: predict them all, evaluate none. */
    private static PredictionInputs.Samples unlabelled(List<PredictionInputs.Samples> parts) {
        List<PredictionInputs.Samples> stripped = new ArrayList<>();
        for (PredictionInputs.Samples s : parts) {
            stripped.add(new PredictionInputs.Samples(s.source(), s.features(), s.count(), null, null, s.names(), s.warnings()));
        }
        return Predictor.concat(stripped);
    }

    private void printText(PrintWriter out, ModelManifest m, PredictionInputs.Samples s, PredictionResult r, boolean labelled,
                           int parts, TestResult recorded) {
        PrintWriter err = commandSpec.commandLine().getErr();
        s.warnings().forEach(w -> err.println("warning: " + w));
        out.println("model   " + m.describe());
        out.println("        " + describeInput(m) + " -> " + describeOutput(m));
        if (parts > 1 && !labelled) {
            out.println("        (some inputs have no labels: predictions only)");
        }
        int shown = all ? r.count() : Math.min(r.count(), LISTED);
        int nameWidth = 8;
        for (int i = 0; i < shown; i++) {
            nameWidth = Math.max(nameWidth, Math.min(40, s.names().get(i).length()));
        }
        for (int i = 0; i < shown; i++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s  ", Format.cut(s.names().get(i), 40)));
            if (r.classifies()) {
                int k = r.classes()[i];
                line.append(String.format(Locale.ROOT, "%-8s %7s", Format.cut(r.className(k), 8), Format.pct((double) r.output(i, k))));
                int[] best = r.top(i, top == 0 ? r.width() : top);
                if (best.length > 1) {
                    line.append("   top:");
                    for (int c : best) {
                        line.append(String.format(Locale.ROOT, " %s %s", r.className(c), Format.pct((double) r.output(i, c))));
                    }
                }
                if (s.labels() != null) {
                    int truth = s.labels()[i];
                    line.append(truth == k ? "   (right)" : "   WRONG: true class " + r.className(truth));
                }
            } else {
                float[] v = r.outputsOf(i);
                line.append(v.length == 1 ? Float.toString(v[0]) : Arrays.toString(v));
                if (s.targets() != null) {
                    line.append("   target ").append(s.targets()[i]);
                }
            }
            out.println(line);
        }
        if (shown < r.count()) {
            out.println("... and " + (r.count() - shown) + " more (--all lists every prediction, --json writes them all)");
        }
        TestResult t = r.evaluation();
        if (t != null) {
            out.println();
            if (t.accuracy() != null) {
                long right = Math.round(t.accuracy() * t.samples());
                out.printf(Locale.ROOT, "accuracy %s (%d of %d), loss %.4f%n", Format.pct(t.accuracy()), right, t.samples(), t.loss());
            } else {
                out.printf(Locale.ROOT, "%d samples: %s (in the target's units); loss (%s) %.6g%n", t.samples(),
                        regression(t), LossName.of(m.spec()), t.loss());
            }
            Format.confusion(out, t);
            if (recorded != null) {
                boolean same = sameResult(recorded, t);
                out.println();
                out.println("the run's final test (" + recorded.checkpoint() + " checkpoint): "
                        + (recorded.accuracy() != null || recorded.rmse() == null ? "accuracy " + Format.pct(recorded.accuracy())
                        : regression(recorded)) + ", loss " + String.format(Locale.ROOT, "%.4f", recorded.loss())
                        + (same ? ": the same, exactly" : ": DIFFERENT (another checkpoint, or the data changed)"));
            }
        }
    }

    /** "rmse 1.234, mae 0.9876, R² 0.9123" */
    static String regression(TestResult t) {
        return "rmse " + Format.num(t.rmse()) + ", mae " + Format.num(t.mae()) + ", R\u00b2 " + Format.r2(t.r2());
    }

    static boolean sameResult(TestResult a, TestResult b) {
        return a.samples() == b.samples() && java.util.Objects.equals(a.accuracy(), b.accuracy()) && a.loss() == b.loss()
                && Arrays.deepEquals(a.confusion(), b.confusion()) && java.util.Objects.equals(a.rmse(), b.rmse())
                && java.util.Objects.equals(a.mae(), b.mae()) && java.util.Objects.equals(a.r2(), b.r2());
    }

    private String jsonLine(ModelManifest m, PredictionInputs.Samples s, PredictionResult r) {
        ObjectNode n = SpecJson.mapper().createObjectNode();
        n.put("status", "ok");
        ObjectNode mo = n.putObject("model");
        mo.put("file", model.toString());
        if (m.run() != null) {
            mo.put("runId", m.run().id());
        }
        if (m.checkpoint() != null) {
            mo.put("checkpoint", m.checkpoint().name());
            if (m.checkpoint().epoch() != null) {
                mo.put("epoch", m.checkpoint().epoch());
            }
        }
        ArrayNode warnings = n.putArray("warnings");
        s.warnings().forEach(warnings::add);
        ArrayNode preds = n.putArray("predictions");
        for (int i = 0; i < r.count(); i++) {
            ObjectNode p = preds.addObject();
            p.put("input", s.names().get(i));
            if (r.classifies()) {
                int k = r.classes()[i];
                p.put("class", r.className(k));
                p.put("index", k);
                p.put("probability", r.output(i, k));
                ArrayNode topNode = p.putArray("top");
                for (int c : r.top(i, top == 0 ? r.width() : top)) {
                    topNode.addObject().put("class", r.className(c)).put("probability", r.output(i, c));
                }
                ArrayNode probs = p.putArray("probabilities");
                for (float v : r.outputsOf(i)) {
                    probs.add(v);
                }
                if (s.labels() != null) {
                    p.put("label", r.className(s.labels()[i]));
                }
            } else {
                ArrayNode values = p.putArray("values");
                for (float v : r.outputsOf(i)) {
                    values.add(v);
                }
                if (s.targets() != null) {
                    p.put("target", s.targets()[i]);
                }
            }
        }
        TestResult t = r.evaluation();
        if (t != null) {
            ObjectNode e = n.putObject("evaluation");
            e.put("samples", t.samples());
            e.put("loss", t.loss());
            if (t.accuracy() != null) {
                e.put("accuracy", t.accuracy());
                e.set("classNames", SpecJson.mapper().valueToTree(t.classNames()));
                e.set("confusion", SpecJson.mapper().valueToTree(t.confusion()));
                e.set("perClassAccuracy", SpecJson.mapper().valueToTree(t.perClassAccuracy()));
            } else {
                // in the target's units; null where undefined (R² of constant targets)
                putNullable(e, "rmse", t.rmse());
                putNullable(e, "mae", t.mae());
                putNullable(e, "r2", t.r2());
            }
        }
        return n.toString();
    }

    private static void putNullable(ObjectNode n, String field, Double v) {
        if (v == null) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    /** "1x28x28 grey images (taken as they are), standardize scaling" */
    static String describeInput(ModelManifest m) {
        var in = m.input();
        String what = PredictionInputs.describe(in.encoding(), in.sampleShape());
        what = what.substring(1, what.length() - 1);
        if (in.encoding().image() != null) {
            what += in.encoding().image().resizes() ? " (any size: resized as in training)" : " (not resized in training)";
        }
        return what + ", " + in.scaling().mode() + " scaling fitted on the training split";
    }

    static String describeOutput(ModelManifest m) {
        var o = m.output();
        if (o.classifies()) {
            List<String> c = o.classNames();
            return c.size() + " classes: " + String.join(", ", c.size() <= 12 ? c : c.subList(0, 12))
                    + (c.size() > 12 ? ", ..." : "");
        }
        return o.width() + " value" + (o.width() == 1 ? "" : "s") + " (regression"
                + (o.targetScaling() != null ? "; trained on scaled targets (" + o.targetScaling().mode() + "), answers in"
                + " the target's units" : "") + ")";
    }
}
