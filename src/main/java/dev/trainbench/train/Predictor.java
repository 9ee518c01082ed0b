package dev.trainbench.train;

import dev.trainbench.data.DataException;
import dev.trainbench.data.Dataset;
import dev.trainbench.data.DatasetLoader;
import dev.trainbench.data.Splitter;
import dev.trainbench.data.PredictionInputs;
import dev.trainbench.data.Preprocessor;
import dev.trainbench.data.TargetScaler;
import dev.trainbench.runs.ModelArchive;
import dev.trainbench.runs.ModelFileException;
import dev.trainbench.runs.ModelManifest;
import dev.trainbench.runs.TestResult;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.Preprocessing;
import dev.trainbench.spec.TrainingSpec;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An exported model loaded for predictions, on the CPU: raw inputs are scaled with the statistics
 * fitted on the run's training split, passed through the network in inference mode in the same
 * batches as the run's final test, and handed back as plain values. A regression model trained on
 * scaled targets answers in the target's units: its outputs go back through the run's
 * {@link TargetScaler}, rebuilt from the offsets and scales the model file stores, and labelled
 * inputs are scored as the final test scored them (loss on scaled targets, RMSE, MAE and R² in the
 * target's units). So a model gives the same numbers here as in its run, bit for bit. Safe to call
 * from several threads (one call at a time).
 */
public final class Predictor implements AutoCloseable {
    private final ModelManifest manifest;
    private final Preprocessor scaling;
    private final LoadedModel model;
    private final int[] sampleShape;
    private final int width;
    private final List<String> classNames;
    /** Null unless the run standardized its regression targets. */
    private final TargetScaler targets;
    private boolean closed;

    private Predictor(ModelManifest manifest, Preprocessor scaling, TargetScaler targets, LoadedModel model) {
        this.manifest = manifest;
        this.scaling = scaling;
        this.targets = targets;
        this.model = model;
        this.sampleShape = manifest.input().sampleShape().clone();
        this.classNames = manifest.output().classifies() ? manifest.output().classNames() : null;
        this.width = classNames != null ? classNames.size() : manifest.output().width();
    }

    /** Reads an exported model file and loads it. */
    public static Predictor open(Path file) {
        return open(ModelArchive.read(file), file.getFileName() == null ? file.toString() : file.getFileName().toString());
    }

    /** Loads a model read from an archive; {@code name} names it in messages. */
    public static Predictor open(ModelArchive.Contents contents, String name) {
        ModelManifest m = contents.manifest();
        Preprocessor scaling = scaling(m, name);
        TargetScaler targets = targetScaler(m, name);
        int outputs = m.output().classifies() ? m.output().classNames().size() : m.output().width();
        try {
            LoadedModel model = LoadedModel.load(m.spec().model(), m.input().sampleShape(), outputs,
                    new ByteArrayInputStream(contents.parameters()), name + ": the parameters");
            return new Predictor(m, scaling, targets, model);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": the model's layers do not fit its input shape "
                    + Arrays.toString(m.input().sampleShape()) + " (" + e.getMessage() + "). Fix: export the model again.", e);
        } catch (TrainingException e) {
            throw new ModelFileException(e.getMessage() + ". Fix: export the model again.", e);
        }
    }

    /** The input scaling stored in a manifest. */
    static Preprocessor scaling(ModelManifest m, String name) {
        ModelManifest.Scaling s = m.input().scaling();
        Preprocessing mode;
        try {
            mode = Preprocessing.valueOf(String.valueOf(s.mode()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // The formula is the same for every mode; the mode only says how it was fitted.
            mode = Preprocessing.STANDARDIZE;
        }
        int[] shape = m.input().sampleShape();
        int size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        try {
            return new Preprocessor(mode, s.offsets(), s.scales(), size / s.offsets().length);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": the model file is damaged: input.scaling is unusable (" + e.getMessage()
                    + "). Fix: export the model again.", e);
        }
    }

    /**
     * The target scaling stored in a manifest ({@code output.targetScaling}), as the one
     * {@link TargetScaler} the run used; null when the model has none.
     */
    static TargetScaler targetScaler(ModelManifest m, String name) {
        ModelManifest.TargetScaling t = m.output().targetScaling();
        if (t == null) {
            return null;
        }
        try {
            TargetScaler scaler = TargetScaler.of(t.offsets(), t.scales());
            if (m.output().classifies() || scaler.width() != m.output().width()) {
                throw new IllegalArgumentException(scaler.width() + " offsets and scales for a "
                        + (m.output().classifies() ? "classifier" : m.output().width() + "-value regression"));
            }
            return scaler;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": the model file is damaged: output.targetScaling is unusable ("
                    + e.getMessage() + "). Fix: export the model again.", e);
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** Values per sample. */
    public int sampleSize() {
        return scaling.sampleSize();
    }

    /** The classes (null for a regression model). */
    public List<String> classNames() {
        return classNames;
    }

    /** Whether regression outputs are mapped back from standardized targets to the target's units. */
    public boolean scalesTargets() {
        return targets != null;
    }

    /** Predicts {@code count} samples of raw values (before scaling), one after another. */
    public synchronized PredictionResult predict(float[] raw, int count) {
        check(raw, count);
        float[] x = scaling.apply(raw);
        Evaluation.Predictions p = Evaluation.forward(model.manager(), model::forward, x, count, sampleShape, FinalTest.BATCH,
                width, classNames != null);
        return new PredictionResult(count, width, classNames, p.predicted(), inUnits(p.outputs()), null);
    }

    /** Predicts read inputs; with labels, also evaluates them as the final test does (accuracy, loss, confusion). */
    public synchronized PredictionResult predict(PredictionInputs.Samples samples) {
        if (!samples.labelled()) {
            return predict(samples.features(), samples.count());
        }
        check(samples.features(), samples.count());
        Dataset set = dataset(samples);
        ExperimentSpec spec = manifest.spec();
        TrainingSpec.Loss loss = spec.training().loss();
        // As DataPreparation prepares the final test's split: inputs scaled, then targets scaled
        Dataset scaled = scaling.apply(set);
        if (targets != null) {
            scaled = targets.apply(scaled);
        }
        Batches batches = new Batches(scaled, Math.min(FinalTest.BATCH, scaled.size()), loss, width, null);
        Evaluation.Predictions p = Evaluation.predict(model.manager(), model::forward, DjlFactories.loss(loss), batches,
                true, true, targets);
        TestResult evaluation = FinalTest.result(set, p, manifest.checkpoint() == null ? null : manifest.checkpoint().name());
        int[] classes = p.predicted();
        return new PredictionResult(samples.count(), width, classNames, classes, inUnits(p.outputs()), evaluation);
    }

    /** Regression outputs in the target's units (classifier probabilities and unscaled models pass as they are). */
    private float[] inUnits(float[] outputs) {
        return targets == null || classNames != null ? outputs : targets.unscale(outputs);
    }

    /**
     * The held-back test split of the model's run, rebuilt from its spec (the same data, split
     * and seed select the same samples), as raw values: predicting it should repeat the run's
     * final test exactly. Relative data paths resolve against {@code baseDir}.
     */
    public PredictionInputs.Samples testSplit(Path baseDir) {
        ExperimentSpec spec = manifest.spec();
        // as DataPreparation does: a test split with its own files (data.test) is those files, as they are
        dev.trainbench.data.LoadedData loaded = DatasetLoader.loadAll(spec.data(), baseDir, spec.seed(), w -> { });
        Dataset all = loaded.data();
        if (!Arrays.equals(all.sampleShape(), sampleShape) || !java.util.Objects.equals(
                all.isClassification() ? all.classNames() : null, classNames)) {
            throw new DataException(spec.data().label() + ": the data no longer matches the model (samples "
                    + Arrays.toString(all.sampleShape()) + ", classes " + all.classNames() + "; the model takes "
                    + Arrays.toString(sampleShape) + ", classes " + classNames + "). Fix: restore the data the run was"
                    + " trained on.");
        }
        Dataset test;
        List<String> names = new ArrayList<>();
        if (loaded.test() != null) {
            test = loaded.test();
            for (int i = 0; i < test.size(); i++) {
                names.add("#" + i);
            }
        } else {
            int[] indices = Splitter.split(all, spec.split(), spec.seed()).test();
            if (indices.length == 0) {
                throw new DataException("the model's run kept no test split (split.test is 0), so there is none to"
                        + " predict. Fix: give inputs instead.");
            }
            test = all.select(indices, all.name() + " (test)");
            for (int i : indices) {
                names.add("#" + i);
            }
        }
        return new PredictionInputs.Samples("test split of " + spec.data().label(), test.features(), test.size(),
                test.isClassification() ? test.labels() : null, test.isClassification() ? null : test.targets(), names,
                List.of());
    }

    /** Several inputs as one labelled set: every one must carry labels. */
    public static PredictionInputs.Samples concat(List<PredictionInputs.Samples> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int n = 0;
        int values = 0;
        boolean labels = true;
        boolean targets = true;
        for (PredictionInputs.Samples s : parts) {
            n += s.count();
            values += s.features().length;
            labels &= s.labels() != null;
            targets &= s.targets() != null;
        }
        float[] x = new float[values];
        int[] y = labels ? new int[n] : null;
        float[] t = targets ? new float[n] : null;
        List<String> names = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int at = 0;
        int row = 0;
        for (PredictionInputs.Samples s : parts) {
            System.arraycopy(s.features(), 0, x, at, s.features().length);
            at += s.features().length;
            if (y != null) {
                System.arraycopy(s.labels(), 0, y, row, s.count());
            }
            if (t != null) {
                System.arraycopy(s.targets(), 0, t, row, s.count());
            }
            row += s.count();
            for (String name : s.names()) {
                names.add(s.names().size() == 1 && name.equals(s.source()) ? name : s.source() + " " + name);
            }
            warnings.addAll(s.warnings());
        }
        return new PredictionInputs.Samples(parts.size() + " inputs", x, n, y, t, names, warnings);
    }

    private Dataset dataset(PredictionInputs.Samples s) {
        if (classNames != null) {
            if (s.labels() == null) {
                throw new TrainingException(s.source() + ": has regression targets, but the model is a classifier");
            }
            return Dataset.classification(s.source(), s.features(), sampleShape, s.labels(), classNames, null);
        }
        if (s.targets() == null) {
            throw new TrainingException(s.source() + ": has class labels, but the model predicts values (regression)");
        }
        return Dataset.regression(s.source(), s.features(), sampleShape, s.targets(), width, null);
    }

    private void check(float[] raw, int count) {
        if (closed) {
            throw new IllegalStateException("the model was closed");
        }
        if (count < 1 || raw.length != (long) count * sampleSize()) {
            throw new IllegalArgumentException(raw.length + " values are not " + count + " samples of " + sampleSize());
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }
}
