package dev.trainbench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ShapeInference promises counts and shapes equal to DJL's real blocks: check against them. */
class BlockFactoryTest {

    static Stream<String> presets() {
        return Presets.all().stream().map(Preset::name);
    }

    /** DJL's trainable parameter count and output shape for one sample of {@code input}. */
    private record Djl(long parameters, long[] outputShape) {
    }

    private static Djl djl(ModelSpec model, int[] input, int outputs) {
        BuiltModel built = BlockFactory.build(model, input, outputs);
        long[] batch = new long[input.length + 1];
        batch[0] = 1;
        for (int i = 0; i < input.length; i++) {
            batch[i + 1] = input[i];
        }
        Shape shape = new Shape(batch);
        try (NDManager m = NDManager.newBaseManager()) {
            built.block().initialize(m, DataType.FLOAT32, shape);
            long count = 0;
            for (Pair<String, Parameter> p : built.block().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    count += p.getValue().getArray().size();
                }
            }
            return new Djl(count, built.block().getOutputShapes(new Shape[] {shape})[0].getShape());
        }
    }

    @ParameterizedTest
    @MethodSource("presets")
    void parameterCountOnMnistEqualsDjls(String preset) {
        ModelSpec model = Presets.get(preset).model();
        ModelSummary summary = ShapeInference.infer(model.layers(), new int[] {1, 28, 28}, 10);
        assertEquals(summary.totalParameters(), djl(model, new int[] {1, 28, 28}, 10).parameters());
    }

    @ParameterizedTest
    @MethodSource("presets")
    void outputShapeOnMnistEqualsDjls(String preset) {
        assertArrayEquals(new long[] {1, 10},
                djl(Presets.get(preset).model(), new int[] {1, 28, 28}, 10).outputShape());
    }

    @Test
    void tinyMlpOnTabularInputMatchesDjl() {
        ModelSpec model = Presets.get("tiny-mlp").model();
        Djl real = djl(model, new int[] {2}, 3);
        assertEquals(ShapeInference.infer(model.layers(), new int[] {2}, 3).totalParameters(), real.parameters());
        assertArrayEquals(new long[] {1, 3}, real.outputShape());
    }

    @Test
    void stridedConvolutionAndPoolingShapesMatchDjl() {
        ModelSpec model = new ModelSpec(null, List.of(LayerSpec.conv2d(6, 3, 2, 1), LayerSpec.of(LayerSpec.Type.RELU),
                LayerSpec.avgPool(3), LayerSpec.of(LayerSpec.Type.BATCHNORM), LayerSpec.of(LayerSpec.Type.FLATTEN),
                LayerSpec.dense(7)), null);
        ModelSummary summary = ShapeInference.infer(model.layers(), new int[] {3, 17, 17}, 4);
        assertTrue(summary.valid(), summary.errorMessage());
        Djl real = djl(model, new int[] {3, 17, 17}, 4);
        assertEquals(summary.totalParameters(), real.parameters());
        assertArrayEquals(new long[] {1, 4}, real.outputShape());
    }

    @Test
    void groupsNameTheLayersThatOwnParameters() {
        BuiltModel built = BlockFactory.build(Presets.get("mlp-2x128").model(), new int[] {1, 28, 28}, 10);
        assertEquals(List.of("2 dense 128", "5 dense 128", "output dense 10"), built.groupNames());
        assertEquals(3, built.groups().size());
    }

    @Test
    void buildingAStackThatCannotConnectFailsWithTheReason() {
        ModelSpec model = new ModelSpec(null, List.of(LayerSpec.dense(8)), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockFactory.build(model, new int[] {1, 28, 28}, 10));
        assertTrue(e.getMessage().contains("add a flatten"), e.getMessage());
    }
}
