package dev.trainbench.diagnose;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecPaths;

/**
 * A fix to try, as exactly one change to the spec: the field at {@code path} (a JSON path as
 * {@link SpecPaths} reads it, e.g. {@code training.optimizer.learningRate}) set to {@code value}.
 * Cloning a run with it gives a child that differs from its parent in that field only, so the
 * two runs show what the change did.
 *
 * @param path  the field
 * @param value its new value as JSON (null node: remove it, so its default applies)
 * @param from  its value in the diagnosed spec, as JSON (null node when not set)
 * @param label the change in words, e.g. "learning rate 1 -> 0.1"
 */
public record TryThis(String path, JsonNode value, JsonNode from, String label) {

    public TryThis {
        value = value == null ? NullNode.getInstance() : value;
        from = from == null ? NullNode.getInstance() : from;
    }

    /** The change to {@code path} in {@code spec}, with its current value taken from the spec. */
    public static TryThis of(ExperimentSpec spec, String path, JsonNode value, String label) {
        JsonNode from;
        try {
            from = SpecPaths.get(spec, path);
        } catch (RuntimeException e) {
            from = NullNode.getInstance(); // a list element one past the end: an appended layer
        }
        return new TryThis(path, value, from, label);
    }

    /** The spec with this one change (validated like a spec file; a bad value is a SpecException). */
    public ExperimentSpec apply(ExperimentSpec spec) {
        return SpecPaths.set(spec, path, value);
    }

    /** "path = value", as {@code trainbench run --set} and sweeps write it. */
    @JsonIgnore
    public String assignment() {
        if (value.isNumber()) {
            return path + "=" + value.decimalValue().stripTrailingZeros().toPlainString();
        }
        return path + "=" + (value.isValueNode() ? value.asText() : value.toString());
    }
}
