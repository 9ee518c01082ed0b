package dev.trainbench.model;

import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.LayerSpec.Type;
import dev.trainbench.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The "grow" actions: one small step up in capacity at a time, so that each step is a run that
 * differs from its parent by one change.
 */
public final class ModelGrower {

    private ModelGrower() {
    }

    /**
     * Adds one hidden layer: repeats the last dense layer (with its activation) after it, or adds a
     * first dense layer of 32 ReLU units to a linear model.
     */
    public static ModelSpec addLayer(ModelSpec model) {
        List<LayerSpec> layers = new ArrayList<>(model.layers());
        int last = lastIndexOf(layers, Type.DENSE);
        if (last < 0) {
            if (layers.stream().noneMatch(l -> l.type() == Type.FLATTEN)) {
                layers.add(LayerSpec.of(Type.FLATTEN));
            }
            layers.add(LayerSpec.dense(32));
            layers.add(LayerSpec.of(Type.RELU));
            return model.withLayers(layers);
        }
        List<LayerSpec> copy = new ArrayList<>();
        copy.add(layers.get(last));
        int i = last + 1;
        while (i < layers.size() && layers.get(i).type() != Type.DENSE && layers.get(i).type() != Type.CONV2D) {
            copy.add(layers.get(i));
            i++;
        }
        layers.addAll(i, copy);
        return model.withLayers(layers);
    }

    /** Doubles the width of the last dense layer (or the filters of the last convolution). */
    public static ModelSpec widen(ModelSpec model) {
        List<LayerSpec> layers = new ArrayList<>(model.layers());
        int dense = lastIndexOf(layers, Type.DENSE);
        int conv = lastIndexOf(layers, Type.CONV2D);
        int at = dense >= 0 ? dense : conv;
        if (at < 0) {
            return addLayer(model);
        }
        LayerSpec l = layers.get(at);
        int width = width(l);
        layers.set(at, widened(l));
        // A residual block after the widened layer adds its input to its body's output, so the body
        // layers as wide as the old layer must widen too, or the stack no longer connects.
        for (int i = at + 1; i < layers.size() && layers.get(i).type() != l.type(); i++) {
            if (layers.get(i).type() == Type.RESIDUAL) {
                layers.set(i, widenResidual(layers.get(i), l.type(), width));
            }
        }
        return model.withLayers(layers);
    }

    private static int width(LayerSpec l) {
        return l.type() == Type.DENSE ? l.units() : l.filters();
    }

    private static LayerSpec widened(LayerSpec l) {
        if (l.type() == Type.DENSE) {
            return LayerSpec.dense(Math.min(l.units() * 2, 8192));
        }
        return new LayerSpec(Type.CONV2D, null, Math.min(l.filters() * 2, 1024), l.kernel(), l.stride(), l.padding(),
                null, null, null);
    }

    private static LayerSpec widenResidual(LayerSpec residual, Type type, int width) {
        List<LayerSpec> body = new ArrayList<>();
        for (LayerSpec inner : residual.body()) {
            if (inner.type() == type && width(inner) == width) {
                body.add(widened(inner));
            } else if (inner.type() == Type.RESIDUAL) {
                body.add(widenResidual(inner, type, width));
            } else {
                body.add(inner);
            }
        }
        return LayerSpec.residual(body);
    }

    private static int lastIndexOf(List<LayerSpec> layers, Type type) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).type() == type) {
                return i;
            }
        }
        return -1;
    }
}
