package dev.trainbench.diagnose;

import dev.trainbench.data.Dataset;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.Preprocessing;
import dev.trainbench.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/** Made-up specs, data and metric streams for the rules' tests: no engine, no training. */
final class Runs {
    private Runs() {
    }

    static List<LayerSpec> mlp(LayerSpec.Type activation, int hidden, int units) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < hidden; i++) {
            layers.add(LayerSpec.dense(units));
            layers.add(LayerSpec.of(activation));
        }
        return layers;
    }

    static ExperimentSpec spec(List<LayerSpec> layers, InitSpec.Type init, OptimizerSpec optimizer) {
        return new ExperimentSpec(null, "made-up", 1L, DataSpec.toy("blobs", 600, 0.5, 3), null, Preprocessing.STANDARDIZE,
                null, new ModelSpec(null, layers, new InitSpec(init, null)),
                TrainingSpec.defaults().withEpochs(10).withBatchSize(32).withOptimizer(optimizer));
    }

    static ExperimentSpec reluSpec() {
        return spec(mlp(LayerSpec.Type.RELU, 2, 64), InitSpec.Type.HE, OptimizerSpec.adam(1e-3));
    }

    /** Three balanced classes, unit-scale features, mixed order. */
    static Dataset data(int n, boolean ordered, float scale) {
        Random r = new Random(3);
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = ordered ? i * 3 / n : i % 3;
            x[2 * i] = (float) (r.nextGaussian() * scale);
            x[2 * i + 1] = (float) (r.nextGaussian() * scale);
        }
        return Dataset.classification("made-up", x, new int[] {2}, y, List.of("a", "b", "c"), List.of("x", "y"));
    }

    static Diagnoser diagnoser(ExperimentSpec spec) {
        return diagnoser(spec, data(600, false, 1));
    }

    static Diagnoser diagnoser(ExperimentSpec spec, Dataset data) {
        return new Diagnoser(spec, ModelFacts.of(spec, 3), DataFacts.of(data, spec), null, 20, spec.training().epochs());
    }

    /**
     * Feeds steps {@code from..to-1}: loss, accuracy and the global norm by step; every layer's
     * gradient norm from {@code grad(layer)} scaled by {@code gradScale(step)}; dead fractions every
     * 25th step from {@code dead}.
     */
    static void steps(Diagnoser d, int from, int to, IntToDoubleFunction loss, IntToDoubleFunction acc,
                      double lr, double[] layerGrads, IntToDoubleFunction gradScale, double[] dead) {
        RunEvidence ev = d.evidence();
        for (int s = from; s < to; s++) {
            double k = gradScale.applyAsDouble(s);
            double total = 0;
            for (double g : layerGrads) {
                total += g * g * k * k;
            }
            ev.beginStep(s, s / 20 + 1, loss.applyAsDouble(s), acc.applyAsDouble(s), lr, Math.sqrt(total));
            for (int l = 0; l < layerGrads.length; l++) {
                ev.layer(l, layerGrads[l] * k, s % 25 == 0 && dead != null ? dead[l] : Double.NaN);
            }
            ev.endStep();
            d.update();
        }
    }

    /** A healthy run: loss falls from ln 3 towards 0.1, accuracy rises, gradients even across layers. */
    static void healthy(Diagnoser d, int steps) {
        steps(d, 0, steps, s -> 0.1 + (Math.log(3) - 0.1) * Math.exp(-s / 40.0) * (1 + 0.05 * Math.sin(s)),
                s -> 0.33 + 0.6 * (1 - Math.exp(-s / 40.0)), 1e-3, new double[] {0.5, 0.6, 0.8}, s -> 1,
                new double[] {0.1, 0.15, Double.NaN});
    }

    static boolean has(Diagnoser d, String rule) {
        return d.findings().stream().anyMatch(f -> f.rule().equals(rule));
    }

    static Finding get(Diagnoser d, String rule) {
        return d.findings().stream().filter(f -> f.rule().equals(rule)).findFirst().orElseThrow(
                () -> new AssertionError("no " + rule + " finding in " + d.findings()));
    }
}
