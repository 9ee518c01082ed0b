package dev.trainbench.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and changes one field of a spec by its JSON path, e.g. {@code training.optimizer.learningRate},
 * {@code model.layers[3].units}, {@code data.noise} or {@code seed}: the diff names fields this
 * way, a sweep sets them ({@code --set PATH=V1,V2}), and a diagnosis proposes "change this one
 * field".
 *
 * <p>A change goes through the spec's JSON tree and back through the same strict binding as a spec
 * file, so every value is validated by the records' own checks and a bad one gets the same message
 * a spec file would. Paths are checked against the record types first: a misspelt field is named,
 * with the fields that exist there. Nothing here changes the spec passed in (specs are immutable):
 * {@link #set} returns a new one.
 */
public final class SpecPaths {

    /** What kind of value a field holds, for parsing text and for offering choices. */
    public enum Kind { INTEGER, NUMBER, BOOLEAN, CHOICE, TEXT, OBJECT, LIST }

    /**
     * A field's description.
     *
     * @param path    the path as normalised (e.g. {@code model.layers[3].units})
     * @param kind    what it holds
     * @param choices for {@link Kind#CHOICE}: the JSON names of the values, e.g. {@code adam}; else empty
     */
    public record FieldInfo(String path, Kind kind, List<String> choices) {
        public FieldInfo {
            choices = List.copyOf(choices);
        }
    }

    private sealed interface Step permits Field, Index {
    }

    private record Field(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private SpecPaths() {
    }

    /** The field's description; a path that names no field of a spec is a {@link SpecException}. */
    public static FieldInfo info(String path) {
        List<Step> steps = parse(path);
        Type type = resolve(steps, path);
        Class<?> raw = raw(type);
        Kind kind = kindOf(raw);
        List<String> choices = kind == Kind.CHOICE ? enumNames(raw) : List.of();
        return new FieldInfo(format(steps), kind, choices);
    }

    /**
     * The field's current value as JSON (a {@code NullNode} when the field is valid but not set in
     * this spec, e.g. {@code training.clipNorm} without clipping).
     *
     * @throws SpecException for a path that names no field, or a list index past the end
     */
    public static JsonNode get(ExperimentSpec spec, String path) {
        List<Step> steps = parse(path);
        resolve(steps, path);
        JsonNode node = tree(spec);
        StringBuilder where = new StringBuilder();
        for (Step s : steps) {
            if (s instanceof Field f) {
                node = node == null || node.isNull() ? null : node.get(f.name());
                where.append(where.isEmpty() ? "" : ".").append(f.name());
            } else {
                int i = ((Index) s).index();
                if (node == null || node.isNull()) {
                    return NullNode.getInstance();
                }
                if (i >= node.size()) {
                    throw outOfRange(where.toString(), i, node.size());
                }
                node = node.get(i);
                where.append('[').append(i).append(']');
            }
            if (node == null) {
                return NullNode.getInstance();
            }
        }
        return node;
    }

    /** The field's value as text: numbers and names as written in a spec file ({@code adam}, {@code 0.001}), "" when not set. */
    public static String getText(ExperimentSpec spec, String path) {
        JsonNode node = get(spec, path);
        if (node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /**
     * A new spec with the field at {@code path} set to {@code value} (a {@code NullNode} removes an
     * optional field, so that its default applies). Intermediate sections that are not set (e.g.
     * {@code training.earlyStopping} before setting its patience) are created. A list index may be
     * one past the end, which appends.
     *
     * @throws SpecException naming the field, the value and the fix, when the path or the value is bad
     */
    public static ExperimentSpec set(ExperimentSpec spec, String path, JsonNode value) {
        List<Step> steps = parse(path);
        Type leafType = resolve(steps, path);
        String where = format(steps);
        if (steps.size() == 1 && steps.get(0) instanceof Field f && f.name().equals("version")) {
            throw new SpecException("version cannot be set: it is the spec format's version, not a setting");
        }
        if (value != null && !value.isNull() && (value.isObject() || value.isArray())) {
            checkFieldNames(value, leafType, where);
        }
        ObjectNode root = (ObjectNode) tree(spec);
        JsonNode parent = root;
        for (int k = 0; k < steps.size() - 1; k++) {
            parent = child(parent, steps.get(k), steps.get(k + 1), steps, k);
        }
        Step last = steps.get(steps.size() - 1);
        JsonNode v = value == null ? NullNode.getInstance() : value;
        if (last instanceof Field f) {
            if (v.isNull()) {
                ((ObjectNode) parent).remove(f.name());
            } else {
                ((ObjectNode) parent).set(f.name(), v);
            }
        } else {
            ArrayNode list = (ArrayNode) parent;
            int i = ((Index) last).index();
            if (v.isNull()) {
                throw new SpecException(where + " cannot be null: a list element is removed by setting the whole list, e.g. "
                        + where.substring(0, where.lastIndexOf('[')) + "=[...]");
            }
            if (i < list.size()) {
                list.set(i, v);
            } else if (i == list.size()) {
                list.add(v);
            } else {
                throw outOfRange(where.substring(0, where.lastIndexOf('[')), i, list.size());
            }
        }
        try {
            ExperimentSpec changed = SpecJson.mapper().treeToValue(root, ExperimentSpec.class);
            if (changed == null) {
                throw new SpecException("the spec became empty");
            }
            return changed;
        } catch (JsonProcessingException e) {
            throw new SpecException("cannot set " + where + " to " + show(v) + ": " + SpecJson.translate(e).getMessage(), e);
        } catch (SpecException e) {
            throw new SpecException("cannot set " + where + " to " + show(v) + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SpecException("cannot set " + where + " to " + show(v) + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #set(ExperimentSpec, String, JsonNode)}, with the value given as text and parsed for the field's type ({@link #parseValue}). */
    public static ExperimentSpec setText(ExperimentSpec spec, String path, String text) {
        return set(spec, path, parseValue(path, text));
    }

    /** Applies {@code PATH=VALUE} (the form of {@code --set}); the value is parsed for the field's type. */
    public static ExperimentSpec apply(ExperimentSpec spec, String assignment) {
        int eq = assignment == null ? -1 : assignment.indexOf('=');
        if (eq <= 0) {
            throw new SpecException("'" + assignment + "' is not PATH=VALUE; e.g. training.optimizer.learningRate=0.01");
        }
        return setText(spec, assignment.substring(0, eq).strip(), assignment.substring(eq + 1).strip());
    }

    /**
     * Parses a value typed by a person for the field at {@code path}: a number for numeric fields
     * ({@code 1e-3}; whole numbers only for integer fields), {@code true}/{@code false}, a value's
     * JSON name for a choice ({@code adam}, {@code cross_entropy}; case does not matter), the text
     * as is for text fields, JSON for a section or a list ({@code {"type": "dropout", "rate": 0.2}}).
     * {@code null} (or nothing) means "not set", so the default applies.
     *
     * @throws SpecException naming the field, what was given and what is expected
     */
    public static JsonNode parseValue(String path, String text) {
        List<Step> steps = parse(path);
        Type type = resolve(steps, path);
        String where = format(steps);
        String t = text == null ? "" : text.strip();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Class<?> raw = raw(type);
        Kind kind = kindOf(raw);
        if (t.isEmpty() && kind != Kind.TEXT || t.equals("null")) {
            return NullNode.getInstance();
        }
        switch (kind) {
            case INTEGER -> {
                BigDecimal d = number(t, where, "a whole number, e.g. 64");
                try {
                    long v = d.stripTrailingZeros().longValueExact();
                    if ((raw == Integer.class || raw == int.class) && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                        throw new ArithmeticException();
                    }
                    return raw == Long.class || raw == long.class ? nodes.numberNode(v) : nodes.numberNode((int) v);
                } catch (ArithmeticException e) {
                    throw new SpecException(where + ": '" + t + "' is not a whole number" + (d.scale() > 0 ? "" : " in range")
                            + "; expected a whole number, e.g. 64");
                }
            }
            case NUMBER -> {
                double v = number(t, where, "a number, e.g. 0.001 or 1e-3").doubleValue();
                return nodes.numberNode(v);
            }
            case BOOLEAN -> {
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return nodes.booleanNode(Boolean.parseBoolean(t.toLowerCase(Locale.ROOT)));
                }
                throw new SpecException(where + ": '" + t + "' is not true or false; expected true or false");
            }
            case CHOICE -> {
                for (String name : enumNames(raw)) {
                    if (name.equalsIgnoreCase(t)) {
                        return nodes.textNode(name);
                    }
                }
                for (Object c : raw.getEnumConstants()) {
                    if (((Enum<?>) c).name().equalsIgnoreCase(t)) {
                        return nodes.textNode(jsonName((Enum<?>) c));
                    }
                }
                throw new SpecException(where + ": '" + t + "' is not one of " + String.join(", ", enumNames(raw)));
            }
            case TEXT -> {
                return nodes.textNode(text == null ? "" : text);
            }
            default -> {
                try {
                    return SpecJson.mapper().readTree(t);
                } catch (JsonProcessingException e) {
                    throw new SpecException(where + ": '" + t + "' is not valid JSON for " + (kind == Kind.LIST
                            ? "a list [...]" : "a section {...}") + " (" + e.getOriginalMessage() + ")");
                }
            }
        }
    }

    /** Every field set in {@code spec} that holds a single value, by path, in the spec's order (e.g. to offer a field to sweep). */
    public static List<String> leafPaths(ExperimentSpec spec) {
        List<String> out = new ArrayList<>();
        collectLeaves(tree(spec), "", out);
        return out;
    }

    /** The spec as a JSON tree, defaults filled in, exactly as it is written to a file. */
    public static JsonNode tree(ExperimentSpec spec) {
        return SpecJson.mapper().valueToTree(spec);
    }

    private static void collectLeaves(JsonNode node, String prefix, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    collectLeaves(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectLeaves(node.get(i), prefix + "[" + i + "]", out);
            }
        } else if (!prefix.equals("version")) {
            out.add(prefix);
        }
    }

    /** The child node for {@code step}, created when missing (an object, or for an index, the list must exist). */
    private static JsonNode child(JsonNode parent, Step step, Step next, List<Step> steps, int k) {
        if (step instanceof Field f) {
            ObjectNode obj = (ObjectNode) parent;
            JsonNode c = obj.get(f.name());
            if (c == null || c.isNull()) {
                c = next instanceof Index ? obj.putArray(f.name()) : obj.putObject(f.name());
            }
            return c;
        }
        ArrayNode list = (ArrayNode) parent;
        int i = ((Index) step).index();
        if (i >= list.size()) {
            throw outOfRange(format(steps.subList(0, k)), i, list.size());
        }
        return list.get(i);
    }

    private static SpecException outOfRange(String listPath, int index, int size) {
        return new SpecException(listPath + "[" + index + "] does not exist: " + listPath + " has " + size
                + (size == 1 ? " element" : " elements") + (size == 0 ? "" : " (" + listPath + "[0] to [" + (size - 1) + "])"));
    }

    /** Walks the record types along the path and returns the field's type; a wrong name is named with the fields there. */
    private static Type resolve(List<Step> steps, String path) {
        Type type = ExperimentSpec.class;
        StringBuilder where = new StringBuilder();
        for (Step s : steps) {
            Class<?> raw = raw(type);
            if (s instanceof Field f) {
                if (!raw.isRecord()) {
                    throw new SpecException("'" + path + "': " + (where.isEmpty() ? "the spec" : where)
                            + " holds a single value, it has no field \"" + f.name() + "\"");
                }
                Type found = null;
                for (RecordComponent c : raw.getRecordComponents()) {
                    if (c.getName().equals(f.name())) {
                        found = c.getGenericType();
                    }
                }
                if (found == null) {
                    String known = Arrays.stream(raw.getRecordComponents()).map(RecordComponent::getName).sorted()
                            .collect(Collectors.joining(", "));
                    throw new SpecException("unknown field \"" + f.name() + "\" in "
                            + (where.isEmpty() ? "the spec" : "\"" + where + "\"") + " ('" + path
                            + "'); check its spelling (known fields here: " + known + ")");
                }
                type = found;
                where.append(where.isEmpty() ? "" : ".").append(f.name());
            } else {
                if (!List.class.isAssignableFrom(raw) || !(type instanceof ParameterizedType pt)) {
                    throw new SpecException("'" + path + "': " + where + " is not a list, so it takes no [index]");
                }
                type = pt.getActualTypeArguments()[0];
                where.append('[').append(((Index) s).index()).append(']');
            }
        }
        return type;
    }

    private static List<Step> parse(String path) {
        if (path == null || path.isBlank()) {
            throw new SpecException("no field path given; use a spec field's JSON path, e.g. training.optimizer.learningRate"
                    + " or model.layers[3].units");
        }
        String p = path.strip();
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            int start = i;
            while (i < p.length() && (Character.isLetterOrDigit(p.charAt(i)) || p.charAt(i) == '_')) {
                i++;
            }
            if (i == start) {
                throw badPath(path);
            }
            steps.add(new Field(p.substring(start, i)));
            while (i < p.length() && p.charAt(i) == '[') {
                int close = p.indexOf(']', i);
                if (close < 0) {
                    throw badPath(path);
                }
                String digits = p.substring(i + 1, close).strip();
                int index;
                try {
                    index = Integer.parseInt(digits);
                } catch (NumberFormatException e) {
                    throw badPath(path);
                }
                if (index < 0) {
                    throw badPath(path);
                }
                steps.add(new Index(index));
                i = close + 1;
            }
            if (i < p.length()) {
                if (p.charAt(i) != '.' || i == p.length() - 1) {
                    throw badPath(path);
                }
                i++;
            }
        }
        return steps;
    }

    private static SpecException badPath(String path) {
        return new SpecException("'" + path + "' is not a field path; write it as in the spec file with dots and list"
                + " indexes from 0, e.g. training.optimizer.learningRate or model.layers[3].units");
    }

    private static String format(List<Step> steps) {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            if (s instanceof Field f) {
                sb.append(sb.isEmpty() ? "" : ".").append(f.name());
            } else {
                sb.append('[').append(((Index) s).index()).append(']');
            }
        }
        return sb.toString();
    }

    private static BigDecimal number(String t, String where, String expected) {
        try {
            BigDecimal d = new BigDecimal(t);
            double v = d.doubleValue();
            if (Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new SpecException(where + ": '" + t + "' is not a number; expected " + expected);
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType pt) {
            return (Class<?>) pt.getRawType();
        }
        return type instanceof Class<?> c ? c : Object.class;
    }

    private static Kind kindOf(Class<?> raw) {
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return Kind.INTEGER;
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            return Kind.NUMBER;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return Kind.BOOLEAN;
        }
        if (raw.isEnum()) {
            return Kind.CHOICE;
        }
        if (raw == String.class) {
            return Kind.TEXT;
        }
        return List.class.isAssignableFrom(raw) ? Kind.LIST : Kind.OBJECT;
    }

    private static List<String> enumNames(Class<?> raw) {
        return Arrays.stream(raw.getEnumConstants()).map(c -> jsonName((Enum<?>) c)).toList();
    }

    private static String jsonName(Enum<?> constant) {
        try {
            JsonProperty p = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return p != null ? p.value() : constant.name().toLowerCase(Locale.ROOT);
        } catch (NoSuchFieldException e) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
    }

    /** A JSON section or list given as a value gets the same field-name check as a spec file. */
    private static void checkFieldNames(JsonNode value, Type type, String where) {
        try (var parser = SpecJson.mapper().treeAsTokens(value)) {
            parser.nextToken();
            SpecJson.checkFieldNames(parser, type, where);
        } catch (IOException e) {
            throw new SpecException(where + ": " + e.getMessage(), e);
        }
    }

    private static String show(JsonNode v) {
        String s = v.isNull() ? "null (its default)" : v.isTextual() ? v.asText() : v.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
