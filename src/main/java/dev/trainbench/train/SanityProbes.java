package dev.trainbench.train;

import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import dev.trainbench.data.Dataset;
import dev.trainbench.diagnose.DataFacts;
import dev.trainbench.diagnose.ModelFacts;
import dev.trainbench.diagnose.SanityRules;
import dev.trainbench.data.EpochOrder;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.TrainingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The two pre-run checks of T4 that need training of their own (Karpathy's recipe): a model that
 * cannot memorize one small batch, or that learns as well from zeroed inputs as from the real
 * ones, has a bug that a full run would only hide. Nothing is written to the workspace.
 *
 * <p>Both probes build the spec's model, initialization, optimizer and loss exactly as
 * {@link TrainingLoop} does, at the spec's base learning rate (no schedule), with dropout and
 * batch norm as in the spec; augmentation is off (it would change the batch being memorized).
 */
public final class SanityProbes {

    /** Final loss below this (classification) counts as "near zero". */
    static final double NEAR_ZERO_LOSS = SanityRules.NEAR_ZERO_LOSS;
    /** Regression: the final loss must fall below this fraction of the initial loss. */
    static final double REGRESSION_FRACTION = SanityRules.REGRESSION_FRACTION;
    /** The real-input model's validation loss must be at least this fraction below the zeroed one's. */
    static final double BASELINE_MARGIN = SanityRules.BASELINE_MARGIN;
    /** The baseline trains one epoch on its subset, but at least this many steps. */
    static final int MIN_BASELINE_STEPS = 50;

    /** {@code batch} samples trained for up to {@code steps} steps; baseline on up to {@code baselineSamples}. */
    public record Options(int batch, int steps, int baselineSamples) {
        public Options {
            if (batch < 1 || steps < 1 || baselineSamples < 1) {
                throw new IllegalArgumentException("batch, steps and baselineSamples must be >= 1");
            }
        }

        public static Options defaults() {
            return new Options(16, 200, 2000);
        }
    }

    /** One check's outcome; {@code line} starts with "OK" or "WARNING" and carries the numbers. */
    public record Finding(String check, boolean ok, String line) {
    }

    private SanityProbes() {
    }

    /**
     * Prepares the spec's data and runs both probes.
     *
     * @throws TrainingException, DataException or SpecException with a user-facing message
     */
    public static List<Finding> run(ExperimentSpec spec, Path baseDir, Options options, Consumer<String> warnings) {
        PreparedData data = DataPreparation.prepare(spec, baseDir, warnings);
        return List.of(overfitOneBatch(spec, data, options.batch(), options.steps()),
                inputIndependentBaseline(spec, data, options.baselineSamples()));
    }

    // ------------------------------------------------------------------------------------------
    // Overfit one batch

    /**
     * Trains only on {@code batchSize} training samples (seeded, balanced over the classes) for up
     * to {@code maxSteps} steps, stopping once the loss is near zero (and, for classes, the batch
     * accuracy 100%, both measured on the training forward pass).
     */
    static Finding overfitOneBatch(ExperimentSpec spec, PreparedData data, int batchSize, int maxSteps) {
        Dataset train = data.train();
        requireUsable(spec, train);
        int[] picked = oneBatch(train, batchSize, spec.seed());
        int count = picked.length;
        boolean classification = train.isClassification();
        double lr = spec.training().optimizer().learningRate();
        float initial = Float.NaN;
        float last = Float.NaN;
        float max = Float.NEGATIVE_INFINITY;
        float lastAcc = Float.NaN;
        int reachedAt = -1;
        int steps = 0;
        try (ProbeModel m = new ProbeModel(spec, train, count)) {
            for (int s = 0; s < maxSteps; s++) {
                m.step(picked, 0, count);
                steps++;
                last = m.step.loss();
                lastAcc = classification ? (float) m.step.correct() / count : Float.NaN;
                if (s == 0) {
                    initial = last;
                }
                if (Float.isFinite(last)) {
                    max = Math.max(max, last);
                }
                if (!Float.isFinite(last)) {
                    break;
                }
                boolean near = classification ? last < NEAR_ZERO_LOSS && m.step.correct() == count
                        : last < REGRESSION_FRACTION * initial;
                if (near) {
                    reachedAt = s + 1;
                    break;
                }
            }
        }
        String line = SanityRules.overfitOneBatch(spec, ModelFacts.of(spec, train.outputWidth()), classification, count,
                initial, last, max, lastAcc, reachedAt, steps, maxSteps);
        return new Finding("overfit one batch", reachedAt > 0, line);
    }

    /** {@code size} training samples, seeded; round-robin over the classes for classification. */
    static int[] oneBatch(Dataset train, int size, long seed) {
        int n = train.size();
        int take = Math.min(size, n);
        Random random = new Random(seed);
        List<Integer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        Collections.shuffle(all, random);
        if (!train.isClassification()) {
            return all.subList(0, take).stream().mapToInt(Integer::intValue).toArray();
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < train.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i : all) {
            byClass.get(train.labels()[i]).add(i);
        }
        int[] out = new int[take];
        int k = 0;
        for (int round = 0; k < take; round++) {
            for (List<Integer> members : byClass) {
                if (k < take && round < members.size()) {
                    out[k++] = members.get(round);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Input-independent baseline

    /**
     * Two fresh copies of the model, same seed, trained for the same steps (one epoch on up to
     * {@code maxSamples} training samples, at least {@link #MIN_BASELINE_STEPS}): one on the real
     * inputs, one on all-zero inputs (and evaluated on zeroed inputs). The real one must reach a
     * clearly lower validation loss.
     */
    static Finding inputIndependentBaseline(ExperimentSpec spec, PreparedData data, int maxSamples) {
        Dataset train = data.train();
        requireUsable(spec, train);
        // Scored on the validation split; without one, on training samples the probe does not train on.
        // Never on the test split: it is held back for the explicit final test (D4).
        int[] subset;
        Dataset eval;
        String evalName;
        String scoredOn;
        if (data.validation() != null && data.validation().size() > 0) {
            subset = seededSubset(train.size(), Math.min(maxSamples, train.size()), spec.seed());
            eval = data.validation();
            evalName = "validation";
            scoredOn = "scored on the validation split (" + eval.size() + " samples)";
        } else {
            if (train.size() < 2) {
                throw new TrainingException("the input-independent baseline needs samples to score on, but there is no"
                        + " validation split and only " + train.size() + " training sample; give split.validation a share (e.g. 15)");
            }
            int[] order = seededSubset(train.size(), train.size(), spec.seed());
            int held = Math.min(maxSamples, Math.max(1, train.size() / 5));
            subset = java.util.Arrays.copyOfRange(order, held, held + Math.min(maxSamples, train.size() - held));
            eval = train.select(java.util.Arrays.copyOfRange(order, 0, held), train.name() + " (held out)");
            evalName = "held-out";
            scoredOn = "scored on " + held + " training samples the probe does not train on, as there is no validation"
                    + " split (the test split stays held back)";
        }
        Dataset part = train.select(subset, train.name());
        int batch = Math.min(spec.training().batchSize(), part.size());
        int stepsPerEpoch = (part.size() + batch - 1) / batch;
        int steps = Math.max(stepsPerEpoch, MIN_BASELINE_STEPS);
        double[] real = trainAndEvaluate(spec, part, eval, batch, steps);
        // Input-independent means both in training and in evaluation: the zeroed copy sees zeros there too.
        double[] zeroed = trainAndEvaluate(spec, part.withFeatures(new float[part.features().length]),
                eval.withFeatures(new float[eval.features().length]), batch, steps);
        double diff = zeroed[0] - real[0];
        boolean ok = Double.isFinite(real[0]) && Double.isFinite(zeroed[0]) && real[0] < (1 - BASELINE_MARGIN) * zeroed[0];
        String acc = part.isClassification() ? String.format(Locale.ROOT, " (accuracy %.1f%% vs %.1f%%)",
                100 * real[1], 100 * zeroed[1]) : "";
        String numbers = String.format(Locale.ROOT, "%s loss %s with real inputs vs %s with zeroed inputs%s,"
                        + " difference %s (%.0f%%) after %d steps on %d samples; %s", evalName, num(real[0]), num(zeroed[0]),
                acc, num(diff), zeroed[0] == 0 ? 0 : 100 * diff / zeroed[0], steps, part.size(), scoredOn);
        DataFacts facts = ok ? null : DataFacts.of(part, spec);
        return new Finding("input-independent baseline", ok, SanityRules.inputIndependent(ok, numbers, facts));
    }

    private static int[] seededSubset(int n, int take, long seed) {
        int[] order = EpochOrder.order(n, 0, true, seed);
        int[] out = new int[take];
        System.arraycopy(order, 0, out, 0, take);
        return out;
    }

    /** Trains a fresh model on {@code part}; returns {loss, accuracy} on eval. */
    private static double[] trainAndEvaluate(ExperimentSpec spec, Dataset part, Dataset eval, int batch, int steps) {
        try (ProbeModel m = new ProbeModel(spec, part, batch)) {
            int done = 0;
            for (int epoch = 1; done < steps; epoch++) {
                int[] order = EpochOrder.order(part.size(), epoch, true, spec.seed());
                for (int start = 0; start < order.length && done < steps; start += batch) {
                    m.step(order, start, Math.min(batch, order.length - start));
                    done++;
                }
            }
            return Evaluation.evaluate(m.trainer, eval, 512, spec.training().loss(), part.outputWidth());
        }
    }

    // ------------------------------------------------------------------------------------------
    // Shared pieces

    private static void requireUsable(ExperimentSpec spec, Dataset train) {
        if (train.size() == 0) {
            throw new TrainingException("the training split is empty");
        }
        if (spec.training().loss() == TrainingSpec.Loss.CROSS_ENTROPY && !train.isClassification()) {
            throw new TrainingException("cross_entropy needs class labels, but this data set is a regression;"
                    + " set training.loss to l2 or l1");
        }
    }

    private static String num(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3g", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * The spec's model and trainer, built as {@link TrainingLoop} builds them (seed, initializers,
     * optimizer, loss, DJL's misfiring gradient check off), at the base learning rate, stepping
     * through the same {@link TrainingStep} and {@link Batches} as a run (no augmentation; loss
     * and correct count only, plus gradient norms when the spec clips them).
     */
    static final class ProbeModel implements AutoCloseable {
        private final SpecTrainer spec;
        final Trainer trainer;
        final TrainingStep step;

        ProbeModel(ExperimentSpec spec, Dataset train, int maxBatch) {
            this(spec, train, maxBatch, Tracker.fixed(spec.training().optimizer().learningRate().floatValue()));
        }

        /** With the learning rate from {@code tracker} (the LR range test raises it every step). */
        ProbeModel(ExperimentSpec spec, Dataset train, int maxBatch, Tracker tracker) {
            TrainingSpec training = spec.training();
            this.spec = SpecTrainer.open(spec, train.sampleShape(), train.outputWidth(), tracker, spec.name() + "-probe");
            this.trainer = this.spec.trainer;
            Batches batches = new Batches(train, maxBatch, training.loss(), train.outputWidth(), null);
            this.step = new TrainingStep(this.spec, batches, training.clipNorm());
        }

        /** The model and trainer being probed. */
        SpecTrainer spec() {
            return spec;
        }

        /** One update on samples {@code order[start .. start+count)}; read the results from {@link #step}. */
        void step(int[] order, int start, int count) {
            step.run(order, start, count, TrainingStep.Measure.LOSS);
        }

        @Override
        public void close() {
            spec.close();
        }
    }
}
