package dev.trainbench.model;

import static dev.trainbench.spec.LayerSpec.conv2d;
import static dev.trainbench.spec.LayerSpec.dense;
import static dev.trainbench.spec.LayerSpec.maxPool;
import static dev.trainbench.spec.LayerSpec.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.LayerSpec.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeInferenceTest {

    private static final int[] MNIST = {1, 28, 28};

    private static ModelSummary presetOnMnist(String name) {
        return ShapeInference.infer(Presets.get(name).model().layers(), MNIST, 10);
    }

    private static List<String> shapes(ModelSummary s) {
        return s.layers().stream().map(LayerInfo::shapeText).toList();
    }

    private static List<Long> parameters(ModelSummary s) {
        return s.layers().stream().map(LayerInfo::parameters).toList();
    }

    private static void assertMentions(String message, String... parts) {
        assertTrue(message != null, "expected an error message");
        for (String p : parts) {
            assertTrue(message.contains(p), () -> "message should contain '" + p + "': " + message);
        }
    }

    @Test
    void tinyMlpShapesAndParameters() {
        ModelSummary s = presetOnMnist("tiny-mlp");
        assertTrue(s.valid(), s.errorMessage());
        assertEquals(List.of("[784]", "[32]", "[32]", "[10]"), shapes(s));
        long dense = 784 * 32 + 32;
        long out = 32 * 10 + 10;
        assertEquals(List.of(0L, dense, 0L, out), parameters(s));
        assertEquals(dense + out, s.totalParameters());
    }

    @Test
    void mlp2x128ShapesAndParameters() {
        ModelSummary s = presetOnMnist("mlp-2x128");
        assertTrue(s.valid(), s.errorMessage());
        assertEquals(List.of("[784]", "[128]", "[128]", "[128]", "[128]", "[128]", "[128]", "[10]"), shapes(s));
        long d1 = 784 * 128 + 128;
        long d2 = 128 * 128 + 128;
        long out = 128 * 10 + 10;
        assertEquals(List.of(0L, d1, 0L, 0L, d2, 0L, 0L, out), parameters(s));
        assertEquals(d1 + d2 + out, s.totalParameters());
        assertEquals(118_282L, s.totalParameters());
    }

    @Test
    void deepSigmoidMlpShapesAndParameters() {
        ModelSummary s = presetOnMnist("deep-sigmoid-mlp");
        assertTrue(s.valid(), s.errorMessage());
        assertEquals(1 + 16 + 1, s.layers().size());
        assertEquals("[784]", s.layers().get(0).shapeText());
        for (int i = 1; i <= 16; i++) {
            assertEquals("[64]", s.layers().get(i).shapeText(), "layer " + (i + 1));
        }
        long first = 784 * 64 + 64;
        long hidden = 64 * 64 + 64;
        long out = 64 * 10 + 10;
        assertEquals(first, s.layers().get(1).parameters());
        assertEquals(hidden, s.layers().get(3).parameters());
        assertEquals(first + 7 * hidden + out, s.totalParameters());
    }

    @Test
    void lenetCnnShapesAndParameters() {
        ModelSummary s = presetOnMnist("lenet-cnn");
        assertTrue(s.valid(), s.errorMessage());
        assertEquals(List.of("[16x28x28]", "[16x28x28]", "[16x14x14]", "[32x10x10]", "[32x10x10]", "[32x5x5]",
                "[800]", "[128]", "[128]", "[128]", "[10]"), shapes(s));
        long c1 = 1 * 5 * 5 * 16 + 16;
        long c2 = 16 * 5 * 5 * 32 + 32;
        long d = 800 * 128 + 128;
        long out = 128 * 10 + 10;
        assertEquals(List.of(c1, 0L, 0L, c2, 0L, 0L, 0L, d, 0L, 0L, out), parameters(s));
        assertEquals(c1 + c2 + d + out, s.totalParameters());
    }

    @Test
    void smallResNetShapesAndParameters() {
        ModelSummary s = presetOnMnist("small-resnet");
        assertTrue(s.valid(), s.errorMessage());
        assertEquals(List.of("[16x28x28]", "[16x28x28]", "[16x28x28]", "[16x28x28]", "[16x28x28]", "[16x14x14]",
                "[32x14x14]", "[32x14x14]", "[32x14x14]", "[32x14x14]", "[32x14x14]", "[32x7x7]", "[32x1x1]", "[32]",
                "[10]"), shapes(s));
        long c1 = 1 * 9 * 16 + 16;
        long bn16 = 2 * 16;
        long res16 = 2 * (16 * 9 * 16 + 16) + 2 * bn16;
        long c2 = 16 * 9 * 32 + 32;
        long bn32 = 2 * 32;
        long res32 = 2 * (32 * 9 * 32 + 32) + 2 * bn32;
        long out = 32 * 10 + 10;
        assertEquals(List.of(c1, bn16, 0L, res16, 0L, 0L, c2, bn32, 0L, res32, 0L, 0L, 0L, 0L, out), parameters(s));
        assertEquals(c1 + bn16 + res16 + c2 + bn32 + res32 + out, s.totalParameters());
    }

    @Test
    void tinyMlpOnTabularInput() {
        ModelSummary s = ShapeInference.infer(Presets.get("tiny-mlp").model().layers(), new int[] {2}, 3);
        assertTrue(s.valid(), s.errorMessage());
        assertEquals(List.of("[2]", "[32]", "[32]", "[3]"), shapes(s));
        assertEquals((2 * 32 + 32) + (32 * 3 + 3), s.totalParameters());
    }

    @Test
    void denseOnImageWithoutFlattenNamesTheLayerAndSaysAddAFlatten() {
        ModelSummary s = ShapeInference.infer(List.of(of(Type.RELU), dense(16)), MNIST, 10);
        assertFalse(s.valid());
        assertEquals("2", s.firstError().orElseThrow().position());
        assertMentions(s.errorMessage(), "layer 2", "dense 16", "[1x28x28]", "add a flatten");
    }

    @Test
    void conv2dOnTabularInputIsAnError() {
        ModelSummary s = ShapeInference.infer(List.of(conv2d(8, 3, 1, 1)), new int[] {4}, 3);
        assertFalse(s.valid());
        assertMentions(s.errorMessage(), "layer 1", "conv2d", "image input", "[4]");
    }

    @Test
    void poolingOnTabularInputIsAnError() {
        ModelSummary s = ShapeInference.infer(List.of(maxPool(2)), new int[] {4}, 3);
        assertMentions(s.errorMessage(), "layer 1", "pooling needs an image input");
    }

    @Test
    void kernelLargerThanItsInputIsAnError() {
        ModelSummary s = ShapeInference.infer(List.of(conv2d(8, 7, 1, 0)), new int[] {1, 5, 5}, 3);
        assertFalse(s.valid());
        assertMentions(s.errorMessage(), "layer 1", "kernel 7x7 is larger than its input 5x5");
    }

    @Test
    void kernelThatFitsWithPaddingConnects() {
        ModelSummary s = ShapeInference.infer(List.of(conv2d(8, 7, 1, 1), of(Type.FLATTEN)), new int[] {1, 5, 5}, 3);
        assertTrue(s.valid(), s.errorMessage());
        assertEquals("[8x1x1]", s.layers().get(0).shapeText());
    }

    @Test
    void poolWindowLargerThanItsInputIsAnError() {
        ModelSummary s = ShapeInference.infer(List.of(maxPool(2), maxPool(2), maxPool(2)), new int[] {1, 5, 5}, 3);
        assertMentions(s.errorMessage(), "layer 3", "pool window 2x2 is larger than its input 1x1");
    }

    @Test
    void stridedConvolutionRoundsDown() {
        ModelSummary s = ShapeInference.infer(List.of(conv2d(4, 3, 2, 0), of(Type.FLATTEN)), MNIST, 10);
        assertEquals("[4x13x13]", s.layers().get(0).shapeText());
    }

    @Test
    void residualWhoseBodyChangesShapeIsAnError() {
        LayerSpec residual = LayerSpec.residual(List.of(dense(4), of(Type.RELU)));
        ModelSummary s = ShapeInference.infer(List.of(dense(8), residual), new int[] {3}, 2);
        assertFalse(s.valid());
        assertEquals("2", s.firstError().orElseThrow().position());
        assertMentions(s.errorMessage(), "layer 2", "residual", "[8] into [4]", "must match");
    }

    @Test
    void residualBodyErrorNamesTheInnerLayer() {
        LayerSpec residual = LayerSpec.residual(List.of(conv2d(8, 3, 1, 1)));
        ModelSummary s = ShapeInference.infer(List.of(residual), new int[] {8}, 2);
        assertMentions(s.errorMessage(), "layer 1", "in its body, layer 1 (conv2d 8@3x3 p1)", "image input");
    }

    @Test
    void shapePreservingResidualAddsItsBodysParameters() {
        LayerSpec residual = LayerSpec.residual(List.of(dense(8), of(Type.RELU), dense(8)));
        ModelSummary s = ShapeInference.infer(List.of(dense(8), residual), new int[] {3}, 2);
        assertTrue(s.valid(), s.errorMessage());
        assertEquals(2L * (8 * 8 + 8), s.layers().get(1).parameters());
    }

    @Test
    void layersAfterAnErrorAreMarkedCannotBeChecked() {
        ModelSummary s = ShapeInference.infer(List.of(dense(16), of(Type.RELU), dense(8)), MNIST, 10);
        assertMentions(s.layers().get(0).error(), "add a flatten");
        for (LayerInfo after : s.layers().subList(1, s.layers().size())) {
            assertFalse(after.valid());
            assertNull(after.outputShape());
            assertEquals(0L, after.parameters());
            assertMentions(after.error(), "cannot be checked");
        }
        assertEquals("out", s.layers().get(s.layers().size() - 1).position());
    }

    @Test
    void stackEndingWithAnImageNeedsAFlattenBeforeTheOutput() {
        ModelSummary s = ShapeInference.infer(List.of(conv2d(4, 3, 1, 1)), MNIST, 10);
        assertFalse(s.valid());
        assertEquals("out", s.firstError().orElseThrow().position());
        assertMentions(s.errorMessage(), "output", "[4x28x28]", "add a flatten");
    }

    @Test
    void emptyStackIsALinearModel() {
        ModelSummary s = ShapeInference.infer(List.of(), new int[] {4}, 3);
        assertTrue(s.valid());
        assertEquals(4 * 3 + 3, s.totalParameters());
    }
}
