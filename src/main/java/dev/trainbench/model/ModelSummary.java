package dev.trainbench.model;

import java.util.List;
import java.util.Optional;

/** Shapes and parameter counts of a whole stack, including the output layer the trainer appends. */
public record ModelSummary(int[] inputShape, List<LayerInfo> layers, long totalParameters) {

    public ModelSummary {
        layers = List.copyOf(layers);
    }

    public boolean valid() {
        return layers.stream().allMatch(LayerInfo::valid);
    }

    /** The first layer that cannot connect, if any. */
    public Optional<LayerInfo> firstError() {
        return layers.stream().filter(l -> !l.valid()).findFirst();
    }

    /** One message naming the layer and the fix, for CLI errors and dialogs. */
    public String errorMessage() {
        return firstError().map(l -> "layer " + l.position() + " (" + l.label() + "): " + l.error()).orElse(null);
    }
}
