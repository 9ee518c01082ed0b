package dev.trainbench.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes experiment specs. Strict on purpose: an unknown field is far more often a typo
 * than a field from the future, and a typo silently ignored is a run that did not test what the
 * user thought. Every failure becomes a {@link SpecException} naming the field and the fix.
 * Plain data binding only: no polymorphic typing, so reading a spec never instantiates a class
 * the file names.
 */
public final class SpecJson {

    private static final ObjectMapper STRICT = strict(new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Jackson's defaults would read "epochs": 2.5 as 2 and "epochs": "3" as 3, silently
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT));

    /** A quoted number or boolean is a wrong type, not a value to guess at. */
    private static ObjectMapper strict(ObjectMapper mapper) {
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return mapper;
    }

    private SpecJson() {
    }

    /** The mapper used for every spec and run file: strict, indented, no default typing. */
    public static ObjectMapper mapper() {
        return STRICT;
    }

    public static ExperimentSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException("spec file not found: " + file.toAbsolutePath() + "; check the path (examples are in examples/)");
        } catch (IOException e) {
            throw new SpecException("cannot read spec file " + file + ": " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (SpecException e) {
            throw new SpecException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static ExperimentSpec parse(String json) {
        if (json.isBlank()) {
            throw new SpecException("the spec is empty: it should be a JSON object like the ones in examples/");
        }
        ExperimentSpec spec;
        try {
            checkFieldNames(json);
            spec = STRICT.readValue(json, ExperimentSpec.class);
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (IOException e) {
            throw new SpecException("cannot read the spec: " + e.getMessage(), e);
        }
        if (spec == null) {
            throw new SpecException("the spec is JSON null: it should be a JSON object like the ones in examples/");
        }
        return spec;
    }

    /**
     * Jackson binds records through their constructors and reports an unknown field only after the
     * constructor has run: a typo such as "unit" for "units" surfaced as "a dense layer needs
     * units", and the line given was the end of the enclosing object. So field names are checked
     * first, in one streaming pass that follows the record types, each reported at its own line.
     */
    private static void checkFieldNames(String json) throws IOException {
        try (JsonParser p = STRICT.getFactory().createParser(json)) {
            if (p.nextToken() != null) {
                checkFieldNames(p, ExperimentSpec.class, "");
            }
        }
    }

    static void checkFieldNames(JsonParser p, Type type, String path) throws IOException {
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType()
                : type instanceof Class<?> c ? c : Object.class;
        if (p.currentToken() == JsonToken.START_OBJECT && raw.isRecord()) {
            Map<String, Type> fields = new LinkedHashMap<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                fields.put(c.getName(), c.getGenericType());
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                Type fieldType = fields.get(name);
                if (fieldType == null) {
                    throw new SpecException("unknown field \"" + name + "\" in "
                            + (path.isEmpty() ? "the spec" : "\"" + path + "\"") + location(p.currentTokenLocation())
                            + "; check its spelling (known fields here: "
                            + fields.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
                }
                p.nextToken();
                checkFieldNames(p, fieldType, path.isEmpty() ? name : path + "." + name);
            }
        } else if (p.currentToken() == JsonToken.START_ARRAY && List.class.isAssignableFrom(raw)
                && type instanceof ParameterizedType pt) {
            Type element = pt.getActualTypeArguments()[0];
            int i = 0;
            for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
                checkFieldNames(p, element, path + "[" + i++ + "]");
            }
        } else {
            // scalars, and anything of the wrong shape: data binding names those problems
            p.skipChildren();
        }
    }

    public static String write(ExperimentSpec spec) {
        try {
            return STRICT.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a spec", e);
        }
    }

    static SpecException translate(JsonProcessingException e) {
        String where = location(e.getLocation());
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return new SpecException("unknown field \"" + u.getPropertyName() + "\" in " + parentPath(u) + where
                    + "; check its spelling" + (known.isEmpty() ? "" : " (known fields here: " + known + ")"));
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof SpecException s) {
            return new SpecException(s.getMessage() + where, s);
        }
        if (e instanceof InvalidFormatException f) {
            String expected = f.getTargetType() != null && f.getTargetType().isEnum()
                    ? "one of " + enumValues(f.getTargetType())
                    : "a " + simpleType(f.getTargetType());
            return new SpecException(path(f) + ": " + quote(f.getValue()) + " is not valid" + where + "; expected " + expected);
        }
        if (e instanceof MismatchedInputException m) {
            return new SpecException(path(m) + ": wrong type" + where + "; expected "
                    + (m.getTargetType() == null ? "another JSON type" : "a " + simpleType(m.getTargetType())));
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof SpecException s) {
            return new SpecException(s.getMessage() + where, s);
        }
        return new SpecException("malformed JSON" + where + ": " + e.getOriginalMessage()
                + "; check brackets, commas and quotes");
    }

    private static String location(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String path(JsonMappingException e) {
        String p = dotted(e.getPath());
        return p.isEmpty() ? "the spec" : p;
    }

    private static String parentPath(JsonMappingException e) {
        var refs = e.getPath();
        return refs.size() <= 1 ? "the spec" : "\"" + dotted(refs.subList(0, refs.size() - 1)) + "\"";
    }

    /** {@code training.optimizer.learningRate}, {@code model.layers[3].units}. */
    private static String dotted(java.util.List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String enumValues(Class<?> type) {
        return java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase())
                .collect(Collectors.joining(", "));
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true/false";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "list [...]";
        }
        return "JSON object {...}";
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
