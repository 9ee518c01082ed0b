package dev.trainbench.sweep;

import dev.trainbench.spec.SpecException;
import dev.trainbench.spec.SpecPaths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One swept field and its values, as given by {@code --set PATH=V1,V2,...}: the path as
 * {@link SpecPaths} normalises it, the values as typed (each checked against the field's type when
 * the sweep is planned).
 *
 * @param path   a spec field's JSON path, e.g. {@code training.optimizer.learningRate}
 * @param values two or more values (one is allowed: a sweep of one point), in the order given
 */
public record SweepAxis(String path, List<String> values) {

    public SweepAxis {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new SpecException(path + ": no values given; write --set " + path + "=V1,V2,...");
        }
    }

    /**
     * Parses {@code PATH=V1,V2,...}. Values are split at commas outside brackets, braces and
     * quotes, so that a JSON value such as {@code model.layers[1]={"type":"dropout","rate":0.2}} is
     * one value. The path must name a field of a spec; repeated values are refused.
     *
     * @throws SpecException naming the problem and the fix
     */
    public static SweepAxis parse(String assignment) {
        int eq = assignment == null ? -1 : assignment.indexOf('=');
        if (eq <= 0) {
            throw new SpecException("'" + assignment + "' is not PATH=V1,V2,...; e.g. --set training.optimizer.learningRate=1e-3,1e-2");
        }
        String rawPath = assignment.substring(0, eq).strip();
        String path = SpecPaths.info(rawPath).path();
        if (path.equals("version")) {
            throw new SpecException("version cannot be swept: it is the spec format's version, not a setting");
        }
        List<String> values = split(assignment.substring(eq + 1), path);
        if (SpecPaths.info(path).kind() == SpecPaths.Kind.TEXT) {
            // a text value may be quoted to hold a comma: name="a, b"
            values = values.stream().map(SweepAxis::unquote).toList();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw new SpecException(path + ": the value '" + v + "' is given twice; each value makes one grid point");
            }
        }
        return new SweepAxis(path, values);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            try {
                return dev.trainbench.spec.SpecJson.mapper().readValue(v, String.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return v;
            }
        }
        return v;
    }

    /** The values at top-level commas; an empty value (as in {@code 1,,2}) is refused. */
    static List<String> split(String text, String path) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                current.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    current.append(text.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    current.append(c);
                }
                case '[', '{' -> {
                    depth++;
                    current.append(c);
                }
                case ']', '}' -> {
                    depth--;
                    current.append(c);
                }
                case ',' -> {
                    if (depth == 0) {
                        out.add(value(current, path));
                        current.setLength(0);
                    } else {
                        current.append(c);
                    }
                }
                default -> current.append(c);
            }
        }
        out.add(value(current, path));
        return out;
    }

    private static String value(StringBuilder b, String path) {
        String v = b.toString().strip();
        if (v.isEmpty()) {
            throw new SpecException(path + ": an empty value in the list; write --set " + path + "=V1,V2,... with no empty"
                    + " entries (use null for 'not set')");
        }
        return v;
    }

    /** The last field name of the path with its indexes, e.g. {@code learningRate} or {@code layers[0].units} when ambiguous. */
    public String shortName() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
