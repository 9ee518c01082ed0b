package dev.trainbench.model;

import static dev.trainbench.spec.LayerSpec.conv2d;
import static dev.trainbench.spec.LayerSpec.dense;
import static dev.trainbench.spec.LayerSpec.dropout;
import static dev.trainbench.spec.LayerSpec.maxPool;
import static dev.trainbench.spec.LayerSpec.of;

import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.LayerSpec.Type;
import dev.trainbench.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/** Presets from small to large ("start small, then grow"). Stacks end before the output layer. */
public final class Presets {

    private static final List<Preset> ALL = List.of(
            new Preset("tiny-mlp", "Tiny MLP", "One hidden layer of 32 units: trains in seconds, the place to start.", false,
                    model("tiny-mlp", List.of(of(Type.FLATTEN), dense(32), of(Type.RELU)), InitSpec.Type.HE)),
            new Preset("mlp-2x128", "MLP 2x128", "Two hidden layers of 128 ReLU units with light dropout.", false,
                    model("mlp-2x128", List.of(of(Type.FLATTEN), dense(128), of(Type.RELU), dropout(0.1),
                            dense(128), of(Type.RELU), dropout(0.1)), InitSpec.Type.HE)),
            new Preset("deep-sigmoid-mlp", "Deep sigmoid MLP",
                    "Eight sigmoid layers of 64 units: the first layers barely learn (vanishing gradients). For the lesson.",
                    false, model("deep-sigmoid-mlp", deepSigmoid(), InitSpec.Type.XAVIER)),
            new Preset("lenet-cnn", "LeNet-style CNN",
                    "Two convolution+pooling stages and a dense head: made for images (translation symmetry).", true,
                    model("lenet-cnn", List.of(conv2d(16, 5, 1, 2), of(Type.RELU), maxPool(2),
                            conv2d(32, 5, 1, 0), of(Type.RELU), maxPool(2),
                            of(Type.FLATTEN), dense(128), of(Type.RELU), dropout(0.3)), InitSpec.Type.HE)),
            new Preset("small-resnet", "Small ResNet",
                    "Convolutions with batch norm and two residual blocks, then global average pooling.", true,
                    model("small-resnet", smallResNet(), InitSpec.Type.HE)));

    private Presets() {
    }

    public static List<Preset> all() {
        return ALL;
    }

    public static Preset get(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new NoSuchElementException(
                "no preset named '" + name + "'; the presets are " + ALL.stream().map(Preset::name).collect(Collectors.joining(", "))));
    }

    private static ModelSpec model(String name, List<LayerSpec> layers, InitSpec.Type init) {
        return new ModelSpec(name, layers, new InitSpec(init, null));
    }

    private static List<LayerSpec> deepSigmoid() {
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(of(Type.FLATTEN));
        for (int i = 0; i < 8; i++) {
            layers.add(dense(64));
            layers.add(of(Type.SIGMOID));
        }
        return layers;
    }

    private static List<LayerSpec> smallResNet() {
        return List.of(
                conv2d(16, 3, 1, 1), of(Type.BATCHNORM), of(Type.RELU),
                residualBlock(16), of(Type.RELU), maxPool(2),
                conv2d(32, 3, 1, 1), of(Type.BATCHNORM), of(Type.RELU),
                residualBlock(32), of(Type.RELU), maxPool(2),
                LayerSpec.avgPool(7), of(Type.FLATTEN));
    }

    private static LayerSpec residualBlock(int filters) {
        return LayerSpec.residual(List.of(conv2d(filters, 3, 1, 1), of(Type.BATCHNORM), of(Type.RELU),
                conv2d(filters, 3, 1, 1), of(Type.BATCHNORM)));
    }
}
