package dev.trainbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a checked layer stack into DJL blocks. With {@link BuiltModel} and {@link ReluProbes}, the
 * only DJL-facing classes of this package.
 */
public final class BlockFactory {

    private BlockFactory() {
    }

    /**
     * Builds the stack plus a dense output layer of {@code outputs} units. Call
     * {@link ShapeInference#infer} first: this assumes the stack connects.
     */
    public static BuiltModel build(ModelSpec model, int[] inputShape, int outputs) {
        ModelSummary summary = ShapeInference.infer(model.layers(), inputShape, outputs);
        if (!summary.valid()) {
            throw new IllegalArgumentException(summary.errorMessage());
        }
        SequentialBlock sequential = new InitializedSequentialBlock();
        List<String> names = new ArrayList<>();
        List<Block> groups = new ArrayList<>();
        ReluProbes relus = new ReluProbes();
        for (int i = 0; i < model.layers().size(); i++) {
            LayerSpec layer = model.layers().get(i);
            // A ReLU belongs to the last layer with parameters before it; a residual block's inner
            // ReLUs to the block, which becomes the next group.
            int owner = layer.type().hasParameters() ? groups.size() : groups.size() - 1;
            Block block = layer(layer, relus, owner);
            sequential.add(block);
            if (layer.type().hasParameters()) {
                names.add((i + 1) + " " + layer.label());
                groups.add(block);
            }
        }
        Block output = Linear.builder().setUnits(outputs).build();
        sequential.add(output);
        names.add(ShapeInference.OUTPUT_LABEL_PREFIX + outputs);
        groups.add(output);
        return new BuiltModel(sequential, names, groups, relus);
    }

    /** The weight initializer for a spec, or null for the framework's default. */
    public static Initializer initializer(InitSpec init) {
        return switch (init.type()) {
            case DEFAULT -> null;
            case XAVIER -> new XavierInitializer();
            case HE -> new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2f);
            case NORMAL -> new NormalInitializer(init.sigma().floatValue());
            case ZEROS -> new ConstantInitializer(0f);
        };
    }

    /**
     * The output layer's weight initializer when it should differ from the hidden layers'. He's
     * gain of 2 assumes a ReLU after the layer; the output layer is linear, and with He-scaled
     * activations before it the first logits are large and the initial loss far above ln C. So
     * with He the output layer starts small (normal, sigma 0.01): the first predictions are near
     * uniform, as the "initial loss about ln C" check expects. Null: the same as the other layers.
     */
    public static Initializer outputInitializer(InitSpec init) {
        return init.type() == InitSpec.Type.HE ? new NormalInitializer(0.01f) : null;
    }

    private static Block layer(LayerSpec l, ReluProbes relus, int owner) {
        return switch (l.type()) {
            case DENSE -> Linear.builder().setUnits(l.units()).build();
            case CONV2D -> Conv2d.builder()
                    .setKernelShape(new Shape(l.kernel(), l.kernel()))
                    .setFilters(l.filters())
                    .optStride(new Shape(l.strideOrDefault(), l.strideOrDefault()))
                    .optPadding(new Shape(l.paddingOrDefault(), l.paddingOrDefault()))
                    .build();
            case MAXPOOL -> Pool.maxPool2dBlock(new Shape(l.kernel(), l.kernel()),
                    new Shape(l.strideOrDefault(), l.strideOrDefault()));
            case AVGPOOL -> Pool.avgPool2dBlock(new Shape(l.kernel(), l.kernel()),
                    new Shape(l.strideOrDefault(), l.strideOrDefault()));
            case FLATTEN -> flatten();
            case DROPOUT -> Dropout.builder().optRate(l.rate().floatValue()).build();
            case BATCHNORM -> BatchNorm.builder().build();
            case RELU -> relus.relu(owner);
            case LEAKYRELU -> Activation.leakyReluBlock((float) l.alphaOrDefault());
            case GELU -> Activation.geluBlock();
            case TANH -> Activation.tanhBlock();
            case SIGMOID -> Activation.sigmoidBlock();
            case RESIDUAL -> residual(l.body(), relus, owner);
        };
    }

    /**
     * DJL's {@code batchFlatten} block ({@code reshape(batch, -1)}, the same view), with the target
     * shape made once: DJL's asks the engine for the input's shape and builds two shape objects per
     * call.
     */
    private static Block flatten() {
        return LambdaBlock.singleton(new Function<>() {
            private Shape target;

            @Override
            public NDArray apply(NDArray array) {
                if (target == null) {
                    Shape in = array.getShape();
                    if (in.get(0) == 0) {
                        return Blocks.batchFlatten(array);
                    }
                    target = new Shape(-1, in.size() / in.get(0));
                }
                return array.reshape(target);
            }
        }, "batchFlatten");
    }

    private static Block residual(List<LayerSpec> body, ReluProbes relus, int owner) {
        SequentialBlock inner = new InitializedSequentialBlock();
        body.forEach(b -> inner.add(layer(b, relus, owner)));
        return new ParallelBlock(outputs -> {
            NDArray sum = outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow());
            return new NDList(sum);
        }, List.of(inner, Blocks.identityBlock()));
    }
}
