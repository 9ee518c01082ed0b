package dev.trainbench.diagnose;

import dev.trainbench.model.ShapeInference;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.LayerSpec.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * What the rules need to know about a spec's model, read from the layer stack alone: the layers
 * with parameters (in the order and under the names of the per-layer metric columns), the
 * activation behind each, how many saturating activations are stacked, and the initialization.
 * A rule reads these so that its advice never contradicts the model (no "use ReLU" on a ReLU
 * network, no "use He init" on a He-initialized one).
 */
public final class ModelFacts {

    /**
     * A layer with parameters, as the metric columns name it.
     *
     * @param name            the column's layer name, e.g. "2 dense 64" or "output dense 10"
     * @param specIndex       its index in {@code model.layers}, -1 for the output layer
     * @param activation      the first activation after it (before the next layer with parameters), or null
     * @param activationIndex that activation's index in {@code model.layers}, or -1
     */
    public record Group(String name, int specIndex, Type activation, int activationIndex) {
        public boolean isOutput() {
            return specIndex < 0;
        }
    }

    private final List<LayerSpec> layers;
    private final List<Group> groups;
    private final InitSpec.Type init;
    private final int saturating;
    private final int relus;
    private final int reluFamily;
    private final boolean batchNorm;
    private final boolean residual;
    private final int weightLayers;

    private ModelFacts(List<LayerSpec> layers, List<Group> groups, InitSpec.Type init, int saturating, int relus,
                       int reluFamily, boolean batchNorm, boolean residual, int weightLayers) {
        this.layers = layers;
        this.groups = groups;
        this.init = init;
        this.saturating = saturating;
        this.relus = relus;
        this.reluFamily = reluFamily;
        this.batchNorm = batchNorm;
        this.residual = residual;
        this.weightLayers = weightLayers;
    }

    /** Facts of {@code spec}'s model; {@code outputs} sizes the output layer the trainer appends. */
    public static ModelFacts of(ExperimentSpec spec, int outputs) {
        List<LayerSpec> layers = spec.model().layers();
        List<Group> groups = new ArrayList<>();
        int[] counts = new int[3];
        boolean[] flags = new boolean[2];
        int weightLayers = 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            count(l, counts, flags);
            if (l.type() == Type.DENSE || l.type() == Type.CONV2D) {
                weightLayers++;
            }
            if (l.type() == Type.RESIDUAL) {
                weightLayers += (int) l.body().stream().filter(b -> b.type() == Type.DENSE || b.type() == Type.CONV2D).count();
            }
            if (l.type().hasParameters()) {
                Type act = null;
                int at = -1;
                if (l.type() == Type.RESIDUAL) {
                    for (LayerSpec b : l.body()) {
                        if (b.type().isActivation()) {
                            act = b.type();
                            break;
                        }
                    }
                }
                for (int j = i + 1; j < layers.size() && act == null; j++) {
                    Type t = layers.get(j).type();
                    if (t.hasParameters() && t != Type.BATCHNORM) {
                        break;
                    }
                    if (t.isActivation()) {
                        act = t;
                        at = j;
                    }
                }
                groups.add(new Group((i + 1) + " " + l.label(), i, act, at));
            }
        }
        groups.add(new Group(ShapeInference.OUTPUT_LABEL_PREFIX + outputs, -1, null, -1));
        return new ModelFacts(layers, List.copyOf(groups), spec.model().init().type(), counts[0], counts[1], counts[2],
                flags[0], flags[1], weightLayers + 1);
    }

    private static void count(LayerSpec l, int[] counts, boolean[] flags) {
        if (l.type().isSaturating()) {
            counts[0]++;
        }
        if (l.type() == Type.RELU) {
            counts[1]++;
        }
        if (l.type() == Type.RELU || l.type() == Type.LEAKYRELU || l.type() == Type.GELU) {
            counts[2]++;
        }
        if (l.type() == Type.BATCHNORM) {
            flags[0] = true;
        }
        if (l.type() == Type.RESIDUAL) {
            flags[1] = true;
            l.body().forEach(b -> count(b, counts, flags));
        }
    }

    public List<LayerSpec> layers() {
        return layers;
    }

    /** Layers with parameters, first to last, the output layer last. */
    public List<Group> groups() {
        return groups;
    }

    /** The group named {@code name} (a metric column's layer), or null. */
    public Group group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    public InitSpec.Type init() {
        return init;
    }

    /** Sigmoid and tanh layers, residual bodies included. */
    public int saturatingActivations() {
        return saturating;
    }

    /** Plain ReLU layers (the ones that can die). */
    public int relus() {
        return relus;
    }

    /** ReLU, leaky ReLU and GELU layers. */
    public int reluFamilyActivations() {
        return reluFamily;
    }

    public boolean hasBatchNorm() {
        return batchNorm;
    }

    public boolean hasResidual() {
        return residual;
    }

    /** Dense and convolution layers, the output layer included. */
    public int weightLayers() {
        return weightLayers;
    }

    /** Hidden layers with weights (the stack has more than the output layer). */
    public boolean hasHiddenLayers() {
        return weightLayers > 1;
    }

    /** At least three saturating activations: the stack squashes its gradients (as the architecture lint says). */
    public boolean stackedSaturation() {
        return saturating >= 3;
    }

    /** Deep enough for gradients to fade without help: eight or more weight layers, no residual or batch norm. */
    public boolean deepWithoutHelp() {
        return weightLayers >= 8 && !residual && !batchNorm;
    }

    /** Mostly saturating activations (sigmoid/tanh) rather than ReLU-like ones. */
    public boolean mainlySaturating() {
        return saturating > reluFamily;
    }

    /** The initialization that fits the activations: Xavier for sigmoid/tanh, He for the ReLU family. */
    public InitSpec.Type fittingInit() {
        return mainlySaturating() ? InitSpec.Type.XAVIER : InitSpec.Type.HE;
    }

    /** Spec indexes of the top-level sigmoid/tanh layers. */
    public List<Integer> saturatingIndexes() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).type().isSaturating()) {
                out.add(i);
            }
        }
        return out;
    }

    /** Index of the widest dense layer of the stack, -1 if it has none. */
    public int widestDense() {
        int best = -1;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            if (l.type() == Type.DENSE && (best < 0 || l.units() > layers.get(best).units())) {
                best = i;
            }
        }
        return best;
    }

    /** Index of the last dropout layer, -1 if none. */
    public int lastDropout() {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).type() == Type.DROPOUT) {
                return i;
            }
        }
        return -1;
    }
}
