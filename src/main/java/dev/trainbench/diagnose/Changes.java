package dev.trainbench.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.SpecJson;
import java.util.List;

/** The one-field changes the rules offer, built the same way wherever they are offered. */
final class Changes {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Changes() {
    }

    static TryThis learningRate(ExperimentSpec spec, double factor) {
        double lr = spec.training().optimizer().learningRate();
        double to = factor >= 1 ? Text.nice(lr * factor) : LearningRates.divided(lr, 1 / factor);
        return TryThis.of(spec, "training.optimizer.learningRate", JSON.numberNode(to),
                "learning rate " + Text.num(lr) + " -> " + Text.num(to));
    }

    static TryThis learningRateTo(ExperimentSpec spec, double to) {
        double lr = spec.training().optimizer().learningRate();
        return TryThis.of(spec, "training.optimizer.learningRate", JSON.numberNode(Text.nice(to)),
                "learning rate " + Text.num(lr) + " -> " + Text.num(Text.nice(to)));
    }

    static TryThis init(ExperimentSpec spec, InitSpec.Type type) {
        String name = type.name().toLowerCase(java.util.Locale.ROOT);
        return TryThis.of(spec, "model.init.type", JSON.textNode(name),
                "initialization " + spec.model().init().type().name().toLowerCase(java.util.Locale.ROOT) + " -> " + name);
    }

    static TryThis preprocessing(ExperimentSpec spec, String mode) {
        return TryThis.of(spec, "preprocessing", JSON.textNode(mode),
                "preprocessing " + spec.preprocessing().name().toLowerCase(java.util.Locale.ROOT) + " -> " + mode);
    }

    static TryThis shuffle(ExperimentSpec spec) {
        return TryThis.of(spec, "split.shuffle", JSON.booleanNode(true), "shuffle the training data every epoch");
    }

    static TryThis stratified(ExperimentSpec spec) {
        return TryThis.of(spec, "split.stratified", JSON.booleanNode(true), "stratified split (every class in every split)");
    }

    static TryThis clipNorm(ExperimentSpec spec, double value) {
        double v = Text.nice(value);
        return TryThis.of(spec, "training.clipNorm", JSON.numberNode(v), "clip the gradient norm at " + Text.num(v));
    }

    static TryThis epochs(ExperimentSpec spec, int value) {
        return TryThis.of(spec, "training.epochs", JSON.numberNode(value),
                "epochs " + spec.training().epochs() + " -> " + value);
    }

    static TryThis batchSize(ExperimentSpec spec, int value) {
        return TryThis.of(spec, "training.batchSize", JSON.numberNode(value),
                "batch size " + spec.training().batchSize() + " -> " + value);
    }

    static TryThis weightDecay(ExperimentSpec spec, double value) {
        return TryThis.of(spec, "training.optimizer.weightDecay", JSON.numberNode(value), "weight decay " + Text.num(value));
    }

    static TryThis loss(ExperimentSpec spec, String loss) {
        return TryThis.of(spec, "training.loss", JSON.textNode(loss), "loss " + spec.training().loss().name()
                .toLowerCase(java.util.Locale.ROOT) + " -> " + loss);
    }

    static TryThis augmentationShift(ExperimentSpec spec, int pixels) {
        return TryThis.of(spec, "augmentation.shift", JSON.numberNode(pixels),
                "augment: random shifts of up to " + pixels + " pixels");
    }

    static TryThis wholeData(ExperimentSpec spec) {
        return TryThis.of(spec, "split.subset", JSON.nullNode(), "train on all the data (no subset of "
                + spec.split().subset() + ")");
    }

    static TryThis units(ExperimentSpec spec, int index, int units) {
        LayerSpec l = spec.model().layers().get(index);
        return TryThis.of(spec, "model.layers[" + index + "].units", JSON.numberNode(units),
                "layer " + (index + 1) + " (" + l.label() + "): " + l.units() + " -> " + units + " units");
    }

    static TryThis dropoutRate(ExperimentSpec spec, int index, double rate) {
        LayerSpec l = spec.model().layers().get(index);
        return TryThis.of(spec, "model.layers[" + index + "].rate", JSON.numberNode(rate),
                "layer " + (index + 1) + " dropout rate " + Text.num(l.rate()) + " -> " + Text.num(rate));
    }

    /** Appends a dropout layer at the end of the stack (before the output layer the trainer adds). */
    static TryThis appendDropout(ExperimentSpec spec, double rate) {
        int n = spec.model().layers().size();
        ObjectNode layer = JSON.objectNode();
        layer.put("type", "dropout");
        layer.put("rate", rate);
        return TryThis.of(spec, "model.layers[" + n + "]", layer, "add dropout " + Text.num(rate)
                + " before the output layer");
    }

    /** Layer {@code index}'s type changed (e.g. a ReLU to a leaky ReLU). */
    static TryThis layerType(ExperimentSpec spec, int index, LayerSpec.Type type) {
        LayerSpec l = spec.model().layers().get(index);
        return TryThis.of(spec, "model.layers[" + index + "].type", JSON.textNode(type.jsonName()),
                "layer " + (index + 1) + ": " + l.type().jsonName() + " -> " + type.jsonName());
    }

    /**
     * The activation of every listed layer replaced by {@code type}: one field ({@code model.layers}),
     * one idea (the activation function), so the clone differs in that list only.
     */
    static TryThis activations(ExperimentSpec spec, List<Integer> indexes, LayerSpec.Type type) {
        JsonNode tree = SpecJson.mapper().valueToTree(spec.model().layers());
        ArrayNode list = (ArrayNode) tree;
        String from = indexes.isEmpty() ? "" : spec.model().layers().get(indexes.get(0)).type().jsonName();
        for (int i : indexes) {
            ((ObjectNode) list.get(i)).put("type", type.jsonName());
        }
        return TryThis.of(spec, "model.layers", list, "activations " + from + " -> " + type.jsonName() + " in "
                + Text.plural(indexes.size(), "layer", "layers") + " (the same stack otherwise)");
    }
}
