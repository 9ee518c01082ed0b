package dev.trainbench.ui.predict;

import dev.trainbench.data.DigitFraming;
import dev.trainbench.data.InputEncoding;
import dev.trainbench.data.PredictionInputs;
import dev.trainbench.runs.ModelManifest;
import dev.trainbench.runs.TestResult;
import dev.trainbench.train.PredictionResult;
import dev.trainbench.train.Predictor;
import dev.trainbench.ui.WorkbenchModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Predict screen's state: an exported model opened from its file, inputs predicted with it
 * (image files, folders, CSV or IDX files; with labels, the accuracy and confusion matrix), and
 * for image models with one channel a drawing, framed as MNIST digits are and predicted as it is
 * drawn. Every prediction runs in the background; drawing requests are coalesced, so the model
 * sees the latest drawing and never a queue of old ones.
 */
public final class PredictViewModel {
    /** One class's probability for the sample shown; {@code predicted} marks the model's answer. */
    public record Bar(String className, double probability, boolean predicted) {
    }

    /**
     * One predicted sample in the results table; {@code label} null when the input had none (for
     * regression: the target value, and {@code probability} NaN).
     */
    public record Row(int index, String input, String predicted, double probability, String label) {
        /** Whether the class is right; null without a label, and for regression (a value is near, not right). */
        public Boolean right() {
            return label == null || Double.isNaN(probability) ? null : label.equals(predicted);
        }

        /** Regression with one output and a target: predicted minus target (target's units); else null. */
        public Double error() {
            if (label == null || !Double.isNaN(probability)) {
                return null;
            }
            try {
                return Double.parseDouble(predicted) - Double.parseDouble(label);
            } catch (NumberFormatException e) {
                return null; // several outputs ("[a, b]"): no single error
            }
        }
    }

    /** Bars shown at most: the most probable classes. */
    static final int MAX_BARS = 12;

    private final WorkbenchModel workbench;
    private final ObjectProperty<ModelManifest> model = new SimpleObjectProperty<>(this, "model");
    private final StringProperty modelFile = new SimpleStringProperty(this, "modelFile", "");
    private final StringProperty modelSummary = new SimpleStringProperty(this, "modelSummary",
            "No model open. Export one from a run (Runs, Export model...) and open it here, or drop the file here.");
    private final ReadOnlyBooleanWrapper drawable = new ReadOnlyBooleanWrapper(this, "drawable", false);
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading", false);
    private final BooleanProperty predicting = new SimpleBooleanProperty(this, "predicting", false);
    private final BooleanProperty invert = new SimpleBooleanProperty(this, "invert", false);
    private final BooleanProperty resize = new SimpleBooleanProperty(this, "resize", false);

    private final StringProperty drawnClass = new SimpleStringProperty(this, "drawnClass", "");
    private final StringProperty drawnDetail = new SimpleStringProperty(this, "drawnDetail", "Draw a digit");
    private final ObservableList<Bar> drawnBars = FXCollections.observableArrayList();
    private final ObjectProperty<float[]> drawnInput = new SimpleObjectProperty<>(this, "drawnInput");
    private final IntegerProperty drawPredictions = new SimpleIntegerProperty(this, "drawPredictions", 0);

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty resultSummary = new SimpleStringProperty(this, "resultSummary", "");
    private final ObjectProperty<TestResult> evaluation = new SimpleObjectProperty<>(this, "evaluation");
    private final StringProperty selectedClass = new SimpleStringProperty(this, "selectedClass", "");
    private final StringProperty selectedDetail = new SimpleStringProperty(this, "selectedDetail", "");
    private final ObservableList<Bar> selectedBars = FXCollections.observableArrayList();
    private final ObjectProperty<float[]> selectedInput = new SimpleObjectProperty<>(this, "selectedInput");

    private Predictor predictor;
    private PredictionInputs.Samples lastSamples;
    private PredictionResult lastResult;
    // drawing requests: the latest waiting one, and whether one is with the model (UI thread only)
    private float[] pendingInk;
    private int pendingWidth;
    private int pendingHeight;
    private boolean drawInFlight;

    public PredictViewModel(WorkbenchModel workbench) {
        this.workbench = workbench;
    }

    /** Opens an exported model in the background; the previous one is closed once it is replaced. */
    public void openModel(Path file) {
        loading.set(true);
        workbench.tasks().run("Opening the model " + file.getFileName(), () -> Predictor.open(file), opened -> {
            loading.set(false);
            Predictor old = predictor;
            predictor = opened;
            ModelManifest m = opened.manifest();
            modelFile.set(file.toAbsolutePath().toString());
            modelSummary.set(summary(m, file));
            InputEncoding.ImageInput image = m.input().encoding().image();
            drawable.set(image != null && image.channels() == 1 && m.output().classifies());
            resize.set(false);
            clearResults();
            clearDrawingResult();
            model.set(m);
            if (old != null) {
                workbench.tasks().run("Closing the previous model", () -> {
                    old.close();
                    return null;
                }, x -> { }, e -> { });
            }
        }, error -> {
            loading.set(false);
            workbench.errors().report("Opening the model", error);
        });
    }

    static String summary(ModelManifest m, Path file) {
        StringBuilder s = new StringBuilder();
        s.append(file.getFileName()).append(": ").append(m.run() == null ? "" : m.run().name() + ", ")
                .append(m.checkpoint() == null ? "" : m.checkpoint().name() + " checkpoint"
                        + (m.checkpoint().epoch() == null ? "" : " (epoch " + m.checkpoint().epoch() + ")"));
        String in = PredictionInputs.describe(m.input().encoding(), m.input().sampleShape());
        s.append("\nInput ").append(in.substring(1, in.length() - 1));
        if (m.output().classifies()) {
            List<String> c = m.output().classNames();
            s.append(", ").append(c.size()).append(" classes (").append(String.join(", ", c.size() <= 10 ? c : c.subList(0, 10)))
                    .append(c.size() > 10 ? ", ..." : "").append(")");
        } else {
            s.append(", predicts ").append(m.output().width()).append(" value(s)")
                    .append(m.output().targetScaling() != null ? " in the target's units (trained on scaled targets)" : "");
        }
        if (m.metrics() != null && m.metrics().test() != null && m.metrics().test().rmse() != null) {
            s.append("; test in its run: ").append(regression(m.metrics().test()));
        } else if (m.metrics() != null && m.metrics().test() != null && m.metrics().test().accuracy() != null) {
            s.append(String.format(Locale.ROOT, "; test accuracy in its run %.2f%%", 100 * m.metrics().test().accuracy()));
        } else if (m.metrics() != null && m.metrics().bestValidationAccuracy() != null) {
            s.append(String.format(Locale.ROOT, "; validation accuracy in its run %.2f%% (not tested)",
                    100 * m.metrics().bestValidationAccuracy()));
        }
        return s.toString();
    }

    /** Predicts files (images, image folders, CSV, IDX) in the background and shows every sample's answer. */
    public void predictFiles(List<Path> files) {
        Predictor p = predictor;
        if (p == null) {
            workbench.errors().report("Predicting", new IllegalStateException("No model is open. Open a model file first"
                    + " (Open model...), then give it inputs."));
            return;
        }
        if (files.isEmpty()) {
            return;
        }
        ModelManifest m = p.manifest();
        PredictionInputs.Options options = new PredictionInputs.Options(invert.get(), resize.get());
        predicting.set(true);
        workbench.tasks().run("Predicting " + files.size() + " input(s)", () -> {
            List<PredictionInputs.Samples> parts = new ArrayList<>();
            for (Path f : files) {
                parts.add(PredictionInputs.read(f, null, m.input().encoding(), m.input().sampleShape(), p.classNames(), options));
            }
            boolean labelled = parts.stream().allMatch(PredictionInputs.Samples::labelled);
            PredictionInputs.Samples all = Predictor.concat(labelled ? parts : strip(parts));
            return new Object[] {all, p.predict(all)};
        }, done -> {
            predicting.set(false);
            Object[] pair = (Object[]) done;
            showResults((PredictionInputs.Samples) pair[0], (PredictionResult) pair[1]);
        }, error -> {
            predicting.set(false);
            workbench.errors().report("Predicting", error);
        });
    }

    private static List<PredictionInputs.Samples> strip(List<PredictionInputs.Samples> parts) {
        List<PredictionInputs.Samples> out = new ArrayList<>();
        for (PredictionInputs.Samples s : parts) {
            out.add(new PredictionInputs.Samples(s.source(), s.features(), s.count(), null, null, s.names(), s.warnings()));
        }
        return out;
    }

    private void showResults(PredictionInputs.Samples samples, PredictionResult r) {
        lastSamples = samples;
        lastResult = r;
        List<Row> out = new ArrayList<>(r.count());
        for (int i = 0; i < r.count(); i++) {
            String label = null;
            if (samples.labels() != null) {
                label = r.className(samples.labels()[i]);
            } else if (samples.targets() != null) {
                label = Float.toString(samples.targets()[i]);
            }
            if (r.classifies()) {
                int k = r.classes()[i];
                out.add(new Row(i, samples.names().get(i), r.className(k), r.output(i, k), label));
            } else {
                float[] v = r.outputsOf(i);
                out.add(new Row(i, samples.names().get(i), v.length == 1 ? Float.toString(v[0]) : Arrays.toString(v),
                        Double.NaN, label));
            }
        }
        rows.setAll(out);
        TestResult t = r.evaluation();
        evaluation.set(t);
        String warn = samples.warnings().isEmpty() ? "" : " (" + String.join("; ", samples.warnings()) + ")";
        if (t != null && t.accuracy() != null) {
            resultSummary.set(String.format(Locale.ROOT, "%,d samples, accuracy %.2f%% (%d right), loss %.4g%s", t.samples(),
                    100 * t.accuracy(), Math.round(t.accuracy() * t.samples()), t.loss(), warn));
        } else if (t != null && t.rmse() != null) {
            resultSummary.set(String.format(Locale.ROOT, "%,d samples, %s (target's units), loss %.4g%s", t.samples(),
                    regression(t), t.loss(), warn));
        } else if (t != null) {
            resultSummary.set(String.format(Locale.ROOT, "%,d samples, loss %.4g%s", t.samples(), t.loss(), warn));
        } else {
            resultSummary.set(String.format(Locale.ROOT, "%,d sample%s, no labels%s", r.count(), r.count() == 1 ? "" : "s", warn));
        }
        select(0);
    }

    /** "RMSE 1.234, MAE 0.987, R² 0.9123": regression metrics in the target's units. */
    public static String regression(TestResult t) {
        return String.format(Locale.ROOT, "RMSE %.4g, MAE %.4g, R\u00b2 %s", t.rmse(), t.mae(),
                t.r2() == null ? "-" : String.format(Locale.ROOT, "%.4f", t.r2()));
    }

    /** Shows sample {@code i} of the last results: its input as the model saw it and its class probabilities. */
    public void select(int i) {
        if (lastResult == null || i < 0 || i >= lastResult.count()) {
            selectedBars.clear();
            selectedClass.set("");
            selectedDetail.set("");
            selectedInput.set(null);
            return;
        }
        int size = predictor == null ? lastSamples.features().length / lastSamples.count() : predictor.sampleSize();
        boolean image = model.get() != null && model.get().input().encoding().image() != null;
        selectedInput.set(image ? Arrays.copyOfRange(lastSamples.features(), i * size, (i + 1) * size) : null);
        show(lastResult, i, selectedClass, selectedDetail, selectedBars);
        String name = lastSamples.names().get(i);
        Row row = rows.get(i);
        selectedDetail.set(name + ": " + selectedDetail.get() + (row.label() == null ? ""
                : row.right() == null ? ", target " + row.label()
                : row.right() ? ", right" : ", wrong (true class " + row.label() + ")"));
    }

    private static void show(PredictionResult r, int i, StringProperty cls, StringProperty detail, ObservableList<Bar> bars) {
        if (!r.classifies()) {
            float[] v = r.outputsOf(i);
            cls.set(v.length == 1 ? String.format(Locale.ROOT, "%.4g", v[0]) : Arrays.toString(v));
            detail.set("predicted value, in the target's units");
            bars.clear();
            return;
        }
        int k = r.classes()[i];
        cls.set(r.className(k));
        detail.set(String.format(Locale.ROOT, "%.1f%% probability", 100 * r.output(i, k)));
        List<Bar> out = new ArrayList<>();
        int[] order = r.width() <= MAX_BARS ? null : r.top(i, MAX_BARS);
        for (int j = 0; j < Math.min(r.width(), MAX_BARS); j++) {
            int c = order == null ? j : order[j];
            out.add(new Bar(r.className(c), r.output(i, c), c == k));
        }
        bars.setAll(out);
    }

    /**
     * A new state of the drawing: {@code ink} (row-major, 0 background to 1 full ink). It is
     * framed as MNIST digits are and predicted in the background; while one prediction runs, only
     * the newest drawing waits for the next.
     */
    public void drawingChanged(float[] ink, int width, int height) {
        if (predictor == null || !drawable.get()) {
            return;
        }
        pendingInk = ink.clone();
        pendingWidth = width;
        pendingHeight = height;
        if (!drawInFlight) {
            predictDrawing();
        }
    }

    private void predictDrawing() {
        float[] ink = pendingInk;
        int w = pendingWidth;
        int h = pendingHeight;
        pendingInk = null;
        Predictor p = predictor;
        if (ink == null || p == null) {
            return;
        }
        drawInFlight = true;
        InputEncoding.ImageInput image = p.manifest().input().encoding().image();
        boolean inverted = invert.get();
        workbench.tasks().run("Predicting the drawing", () -> {
            float[] input = DigitFraming.frame(ink, w, h, image.width(), image.height());
            boolean empty = true;
            for (float v : input) {
                empty &= v == 0;
            }
            if (inverted) {
                for (int i = 0; i < input.length; i++) {
                    input[i] = 255f - input[i];
                }
            }
            return new Object[] {input, empty ? null : p.predict(input, 1)};
        }, done -> {
            drawInFlight = false;
            Object[] pair = (Object[]) done;
            drawnInput.set((float[]) pair[0]);
            if (pair[1] == null) {
                clearDrawingResult();
            } else {
                show((PredictionResult) pair[1], 0, drawnClass, drawnDetail, drawnBars);
            }
            drawPredictions.set(drawPredictions.get() + 1);
            if (pendingInk != null) {
                predictDrawing();
            }
        }, error -> {
            drawInFlight = false;
            pendingInk = null;
            workbench.errors().report("Predicting the drawing", error);
        });
    }

    /** Forgets the drawing's prediction (the pad was cleared). */
    public void clearDrawing() {
        pendingInk = null;
        clearDrawingResult();
        drawnInput.set(null);
    }

    private void clearDrawingResult() {
        drawnClass.set("");
        drawnDetail.set("Draw a digit");
        drawnBars.clear();
    }

    private void clearResults() {
        lastResult = null;
        lastSamples = null;
        rows.clear();
        evaluation.set(null);
        resultSummary.set("");
        select(-1);
    }

    /** Closes the open model (the window is closing). */
    public void close() {
        if (predictor != null) {
            predictor.close();
            predictor = null;
        }
    }

    public WorkbenchModel workbench() {
        return workbench;
    }

    public ObjectProperty<ModelManifest> modelProperty() {
        return model;
    }

    public StringProperty modelFileProperty() {
        return modelFile;
    }

    public StringProperty modelSummaryProperty() {
        return modelSummary;
    }

    public ReadOnlyBooleanProperty drawableProperty() {
        return drawable.getReadOnlyProperty();
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanProperty predictingProperty() {
        return predicting;
    }

    public BooleanProperty invertProperty() {
        return invert;
    }

    public BooleanProperty resizeProperty() {
        return resize;
    }

    public StringProperty drawnClassProperty() {
        return drawnClass;
    }

    public StringProperty drawnDetailProperty() {
        return drawnDetail;
    }

    public ObservableList<Bar> drawnBars() {
        return drawnBars;
    }

    /** The framed drawing as the model gets it (raw values 0..255), null before the first stroke. */
    public ObjectProperty<float[]> drawnInputProperty() {
        return drawnInput;
    }

    /** Drawing predictions finished so far. */
    public IntegerProperty drawPredictionsProperty() {
        return drawPredictions;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public StringProperty resultSummaryProperty() {
        return resultSummary;
    }

    public ObjectProperty<TestResult> evaluationProperty() {
        return evaluation;
    }

    public StringProperty selectedClassProperty() {
        return selectedClass;
    }

    public StringProperty selectedDetailProperty() {
        return selectedDetail;
    }

    public ObservableList<Bar> selectedBars() {
        return selectedBars;
    }

    public ObjectProperty<float[]> selectedInputProperty() {
        return selectedInput;
    }

    /** Whether the open model's images were taken as they were in training (then other sizes need "resize"). */
    public boolean sizeIsFixed() {
        ModelManifest m = model.get();
        return m != null && m.input().encoding().image() != null && !m.input().encoding().image().resizes();
    }
}
