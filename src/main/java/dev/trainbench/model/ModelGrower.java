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
        if (dense >= 0) {
            LayerSpec l = layers.get(dense);
            layers.set(dense, LayerSpec.dense(Math.min(l.units() * 2, 8192)));
        } else if (conv >= 0) {
            LayerSpec l = layers.get(conv);
            layers.set(conv, new LayerSpec(Type.CONV2D, null, Math.min(l.filters() * 2, 1024), l.kernel(), l.stride(),
                    l.padding(), null, null, null));
        } else {
            return addLayer(model);
        }
        return model.withLayers(layers);
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
