package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.trainbench.spec.OptimizerSpec;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * {@link ParameterUpdates} and {@link SoftmaxCrossEntropy} replace DJL's optimizer step and loss in
 * the training step to cut its Java garbage; they must give DJL's numbers bit for bit (seeded runs
 * stay repeatable and comparable with runs recorded before). The golden runs cover Adam and SGD with
 * momentum through the whole loop; this covers every setting against DJL directly, including AdamW,
 * plain SGD and weight decay, with a learning rate that changes every step.
 */
class ParameterUpdatesTest {

    private static final float[] X = {1.0f, 2.0f, -1.0f, 0.5f, 0.25f, -3.0f};
    private static final float[] Y = {0.3f, -0.2f, 0.8f, 1.0f, -0.7f, 0.1f};
    private static final float[] W0 = {0.5f, -1.0f, 2.0f, 0.1f, -0.3f, 0.05f};
    /** A rate that changes at every update, as a schedule's does. */
    private static final Tracker RATE = n -> 0.05f / (1 + 0.3f * n);
    private static final int STEPS = 6;

    /** Six steps of {@code sum((w x - y)^2)}, the update done by {@code update}; the weights after each step. */
    private static float[][] steps(BiConsumer<NDArray, NDManager> update) {
        float[][] out = new float[STEPS][];
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray w = m.create(W0.clone());
            w.setRequiresGradient(true);
            NDArray x = m.create(X);
            NDArray y = m.create(Y);
            for (int i = 0; i < STEPS; i++) {
                try (NDManager step = m.newSubManager();
                     GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray loss = w.mul(x).sub(y).square().sum();
                    loss.attach(step);
                    gc.backward(loss);
                }
                update.accept(w, m);
                out[i] = w.toFloatArray();
            }
        }
        return out;
    }

    private static float[][] djl(OptimizerSpec spec) {
        Optimizer o = DjlFactories.optimizer(spec, RATE);
        return steps((w, m) -> o.update("w", w, w.getGradient()));
    }

    private static float[][] ours(OptimizerSpec spec) {
        ParameterUpdates u = ParameterUpdates.forSpec(spec, RATE);
        String[] names = {"w"};
        return steps((w, m) -> {
            PtNDArray g = (PtNDArray) w.getGradient();
            u.apply(new PtNDArray[] {(PtNDArray) w}, new PtNDArray[] {g}, names, m);
        });
    }

    private static void assertSameSteps(OptimizerSpec spec) {
        float[][] expected = djl(spec);
        float[][] actual = ours(spec);
        for (int i = 0; i < STEPS; i++) {
            // bit for bit: a delta of 0 compares the floats exactly
            assertArrayEquals(expected[i], actual[i], 0f, spec.type() + " step " + (i + 1));
        }
    }

    private static OptimizerSpec spec(OptimizerSpec.Type type, Double momentum, Double weightDecay, Double beta1,
                                      Double beta2) {
        return new OptimizerSpec(type, 0.05, momentum, null, weightDecay, beta1, beta2, null);
    }

    @Test
    void adamStepsAsDjlsAdamBitForBit() {
        assertSameSteps(spec(OptimizerSpec.Type.ADAM, null, null, null, null));
        assertSameSteps(spec(OptimizerSpec.Type.ADAM, null, 0.01, 0.8, 0.99));
    }

    @Test
    void adamWStepsAsDjlsAdamWBitForBit() {
        assertSameSteps(spec(OptimizerSpec.Type.ADAMW, null, null, null, null));
        assertSameSteps(spec(OptimizerSpec.Type.ADAMW, null, 0.1, 0.85, null));
    }

    @Test
    void sgdStepsAsDjlsSgdBitForBit() {
        assertSameSteps(spec(OptimizerSpec.Type.SGD, null, null, null, null));
        assertSameSteps(spec(OptimizerSpec.Type.SGD, 0.9, 0.001, null, null));
    }

    @Test
    void rmsPropAndNesterovStayWithDjlsTrainer() {
        assertNull(ParameterUpdates.forSpec(spec(OptimizerSpec.Type.RMSPROP, null, null, null, null), RATE));
        assertNull(ParameterUpdates.forSpec(new OptimizerSpec(OptimizerSpec.Type.SGD, 0.1, 0.9, true, null, null,
                null, null), RATE));
    }

    @Test
    void updatesZeroTheGradientAsDjlsDo() {
        ParameterUpdates u = ParameterUpdates.forSpec(spec(OptimizerSpec.Type.ADAM, null, null, null, null), RATE);
        steps((w, m) -> {
            PtNDArray g = (PtNDArray) w.getGradient();
            u.apply(new PtNDArray[] {(PtNDArray) w}, new PtNDArray[] {g}, new String[] {"w"}, m);
            assertArrayEquals(new float[W0.length], w.getGradient().toFloatArray(), 0f);
        });
    }

    @Test
    void softmaxCrossEntropyIsDjlsBitForBit() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(7);
            NDArray logits = m.randomNormal(new ai.djl.ndarray.types.Shape(33, 10)).mul(3);
            NDArray labels = m.create(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,
                2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 9});
            float expected = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits))
                    .getFloat();
            float actual = new SoftmaxCrossEntropy().evaluate(new NDList(labels), new NDList(logits)).getFloat();
            assertEquals(expected, actual, 0f);
            // and its gradient
            float[] djlGrad = gradient(logits, labels, Loss.softmaxCrossEntropyLoss());
            float[] ourGrad = gradient(logits, labels, new SoftmaxCrossEntropy());
            assertArrayEquals(djlGrad, ourGrad, 0f);
        }
    }

    private static float[] gradient(NDArray logits, NDArray labels, Loss loss) {
        NDArray p = logits.duplicate();
        p.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(loss.evaluate(new NDList(labels), new NDList(p)));
        }
        return p.getGradient().toFloatArray();
    }
}
