package dev.trainbench.model;

import static dev.trainbench.spec.LayerSpec.conv2d;
import static dev.trainbench.spec.LayerSpec.dense;
import static dev.trainbench.spec.LayerSpec.dropout;
import static dev.trainbench.spec.LayerSpec.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.LayerSpec.Type;
import dev.trainbench.spec.ModelSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelGrowerTest {

    private static final int[] MNIST = {1, 28, 28};

    static Stream<String> presets() {
        return Presets.all().stream().map(Preset::name);
    }

    private static void assertConnects(ModelSpec model, int[] input) {
        ModelSummary s = ShapeInference.infer(model.layers(), input, 10);
        assertTrue(s.valid(), () -> s.errorMessage() + " in " + model.layers().stream().map(LayerSpec::label).toList());
    }

    private static ModelSpec stack(LayerSpec... layers) {
        return new ModelSpec(null, List.of(layers), null);
    }

    @Test
    void addLayerRepeatsTheLastDenseLayerWithItsActivation() {
        ModelSpec grown = ModelGrower.addLayer(Presets.get("tiny-mlp").model());
        assertEquals(List.of(of(Type.FLATTEN), dense(32), of(Type.RELU), dense(32), of(Type.RELU)), grown.layers());
        assertConnects(grown, MNIST);
    }

    @Test
    void addLayerRepeatsTheDropoutThatFollowsTheLastDense() {
        ModelSpec grown = ModelGrower.addLayer(Presets.get("mlp-2x128").model());
        assertEquals(List.of(of(Type.FLATTEN), dense(128), of(Type.RELU), dropout(0.1), dense(128), of(Type.RELU),
                dropout(0.1), dense(128), of(Type.RELU), dropout(0.1)), grown.layers());
        assertConnects(grown, MNIST);
    }

    @Test
    void addLayerToALinearModelAddsAReluLayerOf32() {
        ModelSpec grown = ModelGrower.addLayer(stack());
        assertEquals(List.of(of(Type.FLATTEN), dense(32), of(Type.RELU)), grown.layers());
        assertConnects(grown, new int[] {4});
    }

    @Test
    void addLayerToAConvolutionalStackWithoutDenseAddsADenseHead() {
        ModelSpec grown = ModelGrower.addLayer(stack(conv2d(8, 3, 1, 1), of(Type.RELU), of(Type.FLATTEN)));
        assertEquals(List.of(conv2d(8, 3, 1, 1), of(Type.RELU), of(Type.FLATTEN), dense(32), of(Type.RELU)), grown.layers());
        assertConnects(grown, MNIST);
    }

    @Test
    void addLayerKeepsPresetNameAndInit() {
        ModelSpec before = Presets.get("lenet-cnn").model();
        ModelSpec grown = ModelGrower.addLayer(before);
        assertEquals(before.preset(), grown.preset());
        assertEquals(InitSpec.Type.HE, grown.init().type());
    }

    @Test
    void widenDoublesTheLastDenseLayer() {
        ModelSpec grown = ModelGrower.widen(Presets.get("mlp-2x128").model());
        assertEquals(List.of(of(Type.FLATTEN), dense(128), of(Type.RELU), dropout(0.1), dense(256), of(Type.RELU),
                dropout(0.1)), grown.layers());
        assertConnects(grown, MNIST);
    }

    @Test
    void widenDoublesTheLastConvolutionWhenThereIsNoDense() {
        ModelSpec grown = ModelGrower.widen(stack(conv2d(8, 3, 1, 1), of(Type.RELU), conv2d(8, 3, 1, 1),
                of(Type.FLATTEN)));
        assertEquals(List.of(conv2d(8, 3, 1, 1), of(Type.RELU), conv2d(16, 3, 1, 1), of(Type.FLATTEN)), grown.layers());
        assertConnects(grown, MNIST);
    }

    @Test
    void widenCapsDenseWidth() {
        assertEquals(dense(8192), ModelGrower.widen(stack(dense(5000))).layers().get(0));
    }

    @Test
    void widenOfALinearModelAddsALayer() {
        assertEquals(ModelGrower.addLayer(stack()), ModelGrower.widen(stack()));
    }

    @ParameterizedTest
    @MethodSource("presets")
    void everyPresetStillConnectsAfterAddLayer(String preset) {
        assertConnects(ModelGrower.addLayer(Presets.get(preset).model()), MNIST);
    }

    @ParameterizedTest
    @MethodSource("presets")
    void everyPresetStillConnectsAfterWiden(String preset) {
        assertConnects(ModelGrower.widen(Presets.get(preset).model()), MNIST);
    }

    @Test
    void widenAlsoWidensTheResidualBlocksThatFollowTheConvolution() {
        ModelSpec grown = ModelGrower.widen(stack(conv2d(8, 3, 1, 1), of(Type.RELU),
                LayerSpec.residual(List.of(conv2d(8, 3, 1, 1), of(Type.BATCHNORM))), of(Type.FLATTEN)));
        assertEquals(List.of(conv2d(16, 3, 1, 1), of(Type.RELU),
                LayerSpec.residual(List.of(conv2d(16, 3, 1, 1), of(Type.BATCHNORM))), of(Type.FLATTEN)), grown.layers());
        assertConnects(grown, MNIST);
    }
}
