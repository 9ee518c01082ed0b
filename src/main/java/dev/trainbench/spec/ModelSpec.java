package dev.trainbench.spec;

import java.util.List;

/**
 * The layer stack and its initialization. The stack ends with the layer before the output: the
 * trainer appends a dense output layer sized to the number of classes (or regression targets), so
 * the same stack fits any data set of the right input shape.
 */
public record ModelSpec(String preset, List<LayerSpec> layers, InitSpec init) {

    public ModelSpec {
        SpecException.require(layers != null, "model.layers is missing: give a list of layers (it may be empty for a linear model)");
        layers = List.copyOf(layers);
        init = init == null ? InitSpec.defaults() : init;
    }

    public ModelSpec withLayers(List<LayerSpec> newLayers) {
        return new ModelSpec(preset, newLayers, init);
    }

    public ModelSpec withInit(InitSpec newInit) {
        return new ModelSpec(preset, layers, newInit);
    }

    public ModelSpec withPreset(String newPreset) {
        return new ModelSpec(newPreset, layers, init);
    }
}
