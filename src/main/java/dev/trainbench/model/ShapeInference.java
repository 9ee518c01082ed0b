package dev.trainbench.model;

import dev.trainbench.spec.LayerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Computes, without building anything, the output shape and trainable parameter count of every
 * layer, and where a stack cannot connect, the reason in words a user can act on. Shapes are per
 * sample: {@code [features]} or {@code [channels, height, width]}. The counts match DJL's blocks
 * (checked by a test against the real model).
 */
public final class ShapeInference {

    /** Label of the output layer that the trainer appends after the user's stack. */
    public static final String OUTPUT_LABEL_PREFIX = "output dense ";

    private ShapeInference() {
    }

    public static ModelSummary infer(List<LayerSpec> layers, int[] inputShape, int outputs) {
        List<LayerInfo> rows = new ArrayList<>();
        int[] shape = inputShape.clone();
        long total = 0;
        boolean broken = false;
        for (int i = 0; i < layers.size(); i++) {
            String position = Integer.toString(i + 1);
            Step step = broken ? Step.unknown() : apply(layers.get(i), shape, position);
            if (!broken) {
                rows.add(new LayerInfo(position, layers.get(i).label(), step.shape, step.parameters, step.error));
            } else {
                rows.add(new LayerInfo(position, layers.get(i).label(), null, 0,
                        "cannot be checked until the layer before it connects"));
            }
            if (step.error != null) {
                broken = true;
            } else if (!broken) {
                shape = step.shape;
                total += step.parameters;
            }
        }
        String outLabel = OUTPUT_LABEL_PREFIX + outputs;
        if (broken) {
            rows.add(new LayerInfo("out", outLabel, null, 0, "cannot be checked until the layers before it connect"));
        } else if (shape.length != 1) {
            rows.add(new LayerInfo("out", outLabel, null, 0,
                    "the output layer needs a flat input, but the stack ends with " + shapeText(shape)
                            + "; add a flatten layer at the end of the stack"));
        } else {
            long p = (long) shape[0] * outputs + outputs;
            rows.add(new LayerInfo("out", outLabel, new int[] {outputs}, p, null));
            total += p;
        }
        return new ModelSummary(inputShape.clone(), rows, total);
    }

    public static String shapeText(int[] shape) {
        return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining("x", "[", "]"));
    }

    private record Step(int[] shape, long parameters, String error) {
        static Step ok(int[] shape, long parameters) {
            return new Step(shape, parameters, null);
        }

        static Step fail(String error) {
            return new Step(null, 0, error);
        }

        static Step unknown() {
            return new Step(null, 0, null);
        }
    }

    private static Step apply(LayerSpec layer, int[] in, String position) {
        return switch (layer.type()) {
            case DENSE -> {
                if (in.length != 1) {
                    yield Step.fail("a dense layer needs a flat input [features], but gets " + shapeText(in)
                            + "; add a flatten layer before it");
                }
                yield Step.ok(new int[] {layer.units()}, (long) in[0] * layer.units() + layer.units());
            }
            case CONV2D -> {
                if (in.length != 3) {
                    yield Step.fail("conv2d needs an image input [channels x height x width], but gets " + shapeText(in)
                            + "; convolutions fit images (translation symmetry), use dense layers for tabular data"
                            + " or remove the flatten before it");
                }
                int k = layer.kernel();
                int s = layer.strideOrDefault();
                int p = layer.paddingOrDefault();
                int h = (in[1] + 2 * p - k) / s + 1;
                int w = (in[2] + 2 * p - k) / s + 1;
                if (in[1] + 2 * p < k || in[2] + 2 * p < k || h < 1 || w < 1) {
                    yield Step.fail("kernel " + k + "x" + k + " is larger than its input " + in[1] + "x" + in[2]
                            + " (padding " + p + "); use a smaller kernel, more padding, or fewer pooling layers before it");
                }
                yield Step.ok(new int[] {layer.filters(), h, w}, (long) in[0] * k * k * layer.filters() + layer.filters());
            }
            case MAXPOOL, AVGPOOL -> {
                if (in.length != 3) {
                    yield Step.fail("pooling needs an image input [channels x height x width], but gets " + shapeText(in)
                            + "; move it before the flatten layer or remove it");
                }
                int k = layer.kernel();
                int s = layer.strideOrDefault();
                if (in[1] < k || in[2] < k) {
                    yield Step.fail("pool window " + k + "x" + k + " is larger than its input " + in[1] + "x" + in[2]
                            + "; remove this pooling layer or use a smaller window");
                }
                yield Step.ok(new int[] {in[0], (in[1] - k) / s + 1, (in[2] - k) / s + 1}, 0);
            }
            case FLATTEN -> Step.ok(new int[] {Arrays.stream(in).reduce(1, Math::multiplyExact)}, 0);
            case BATCHNORM -> Step.ok(in.clone(), 2L * in[0]);
            case DROPOUT, RELU, LEAKYRELU, GELU, TANH, SIGMOID -> Step.ok(in.clone(), 0);
            case RESIDUAL -> residual(layer, in, position);
        };
    }

    private static Step residual(LayerSpec layer, int[] in, String position) {
        int[] shape = in.clone();
        long params = 0;
        for (int j = 0; j < layer.body().size(); j++) {
            LayerSpec inner = layer.body().get(j);
            Step step = apply(inner, shape, position + "." + (j + 1));
            if (step.error != null) {

                return Step.fail("in its body, layer " + (j + 1) + " (" + inner.label() + "): " + step.error);
            }
            shape = step.shape;
            params += step.parameters;
        }
        if (!Arrays.equals(shape, in)) {
            return Step.fail("its body turns " + shapeText(in) + " into " + shapeText(shape)
                    + ", but a residual block adds its input to its output, so they must match; keep the same units or"
                    + " filters, use stride 1 and padding (kernel-1)/2");
        }
        return Step.ok(shape, params);
    }
}
