package dev.trainbench.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecException;
import dev.trainbench.spec.SpecJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reading and rewriting {@code run.json} so that nothing a newer TrainBench wrote is lost, for any
 * field, at any depth: reading binds what this version understands (field by field when the whole
 * does not bind) and notes the rest; rewriting merges the new record into the tree on disk, so
 * that a field this version does not know, or one it read but did not change, is written back
 * exactly as it was (docs/file-formats.md, "Reading and rewriting run.json").
 */
final class RunJson {

    /** Lenient: fields and enum values from a newer TrainBench are noted, not fatal. */
    static final ObjectMapper READER = SpecJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private RunJson() {
    }

    /**
     * A record as read, with its id from the folder. {@link #understood()} is the tree of what this
     * version understood of the file (the file's own id included), which {@link #merge} needs on
     * rewrite; it is built only then, reading (a list of thousands of runs) does not need it.
     */
    record Read(RunRecord record, RunRecord bound) {
        ObjectNode understood() {
            return SpecJson.mapper().valueToTree(bound);
        }
    }

    /** Reads a run.json tree; fails only when not even the record's outline binds (then it is unreadable). */
    static Read read(ObjectNode file, String folderId) throws JsonProcessingException {
        ObjectNode bind = file.objectNode();
        bind.setAll(file); // a shallow copy: only top-level fields are removed from it
        JsonNode specNode = bind.remove("spec");
        RunRecord bound;
        try {
            bound = READER.treeToValue(bind, RunRecord.class);
        } catch (JsonProcessingException whole) {
            // One field in a shape this version does not expect (a newer version's type for it) must
            // not hide the rest: leave out each field that does not bind on its own.
            for (Iterator<Map.Entry<String, JsonNode>> it = bind.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                ObjectNode alone = READER.createObjectNode();
                alone.set(field.getKey(), field.getValue());
                try {
                    READER.treeToValue(alone, RunRecord.class);
                } catch (JsonProcessingException e) {
                    it.remove();
                }
            }
            bound = READER.treeToValue(bind, RunRecord.class);
        }
        ExperimentSpec spec = null;
        String specProblem = null;
        if (specNode == null || specNode.isNull()) {
            specProblem = "its run.json has no spec";
        } else if (specNode.path("version").canConvertToInt()
                && specNode.path("version").asInt() > ExperimentSpec.CURRENT_VERSION) {
            specProblem = "its spec is version " + specNode.path("version").asInt() + ", and this TrainBench reads"
                    + " versions 1.." + ExperimentSpec.CURRENT_VERSION;
        } else {
            // Strict, like a spec file: a spec with a field this version does not know is not the
            // recipe that ran, and a half-read spec must never be trained, tested or cloned.
            try {
                spec = SpecJson.mapper().treeToValue(specNode, ExperimentSpec.class);
            } catch (JsonProcessingException | SpecException notRead) {
                try {
                    SpecJson.parse(specNode.toString()); // the same strict reading, for its message
                    specProblem = "its spec cannot be read";
                } catch (SpecException e) {
                    // the spec parser's advice ("check its spelling", line numbers) is for spec files
                    String m = e.getMessage();
                    int cut = m.indexOf(" (line ");
                    specProblem = "its spec has " + (cut > 0 ? m.substring(0, cut) : m);
                }
            }
        }
        List<String> unread = new ArrayList<>();
        unknownTopLevel(file, bound, unread);
        if (specNode != null && !specNode.isNull() && spec == null) {
            unread.add("spec");
        }
        JsonNode status = file.get("status");
        String rawStatus = bound.status() == null && status != null && !status.isNull() ? status.asText() : null;
        RunRecord.Unread note = unread.isEmpty() && specProblem == null && rawStatus == null ? null
                : new RunRecord.Unread(unread, rawStatus, specProblem);
        RunRecord withSpec = bound.toBuilder().spec(spec).build();
        RunRecord record = withSpec.toBuilder().id(folderId).unread(note).build();
        return new Read(record, withSpec);
    }

    /** RunRecord's fields by their JSON names (the record components; {@code unread} is not in the file). */
    private static final Map<String, java.lang.reflect.RecordComponent> FIELDS = java.util.Arrays
            .stream(RunRecord.class.getRecordComponents()).filter(c -> !c.getName().equals("unread"))
            .collect(java.util.stream.Collectors.toUnmodifiableMap(java.lang.reflect.RecordComponent::getName, c -> c));

    /**
     * The top-level fields of {@code file} (but the spec, read on its own) that did not bind, and
     * inside the ones that did, the paths that did not: one pass over the file, without writing the
     * whole record out again (a list reads thousands of records).
     */
    private static void unknownTopLevel(ObjectNode file, RunRecord bound, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = file.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (key.equals("spec") || field.getValue().isNull()) {
                continue;
            }
            java.lang.reflect.RecordComponent c = FIELDS.get(key);
            Object value;
            try {
                value = c == null ? null : c.getAccessor().invoke(bound);
            } catch (ReflectiveOperationException e) {
                value = null;
            }
            if (value == null) {
                out.add(key);
            } else if (field.getValue().isObject()) {
                unknownPaths(field.getValue(), SpecJson.mapper().valueToTree(value), key + ".", out);
            }
        }
    }

    /** JSON paths present in {@code file} that this version did not read into {@code understood}. */
    private static void unknownPaths(JsonNode file, JsonNode understood, String prefix, List<String> out) {
        if (!file.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = file.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix + field.getKey();
            JsonNode known = understood == null ? null : understood.get(field.getKey());
            if (field.getValue().isNull()) {
                continue;
            }
            if (known == null || known.isNull()) {
                out.add(path);
            } else if (field.getValue().isObject() && known.isObject()) {
                unknownPaths(field.getValue(), known, path + ".", out);
            }
        }
    }

    /**
     * The tree to write for {@code updated}, given what is on disk and what this version understood
     * of it. Field by field: one this version does not know is kept as written; one it knows and did
     * not change is kept as written (so a spec keeps its exact form, and a known object keeps the
     * unknown fields inside it); one it cleared is removed; one it changed is written anew. A changed
     * value is replaced whole (fields a newer version kept inside it described the old value and
     * would now mislead), except in a field that is a map of entries (such as {@code checkpoints}
     * or {@code versions}), where each entry is an independent value and is merged the same way.
     */
    static ObjectNode merge(ObjectNode onDisk, ObjectNode understood, ObjectNode updated) {
        return mergeObject(onDisk, understood, updated, true);
    }

    private static ObjectNode mergeObject(ObjectNode disk, ObjectNode known, ObjectNode next, boolean topLevel) {
        ObjectNode out = disk.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = disk.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode onDisk = field.getValue();
            JsonNode knownValue = known.get(key);
            JsonNode nextValue = next.get(key);
            if (nextValue == null) {
                if (knownValue == null) {
                    out.set(key, onDisk); // not understood here: kept as written
                }
                // else: understood, and cleared by this version: removed
            } else if (knownValue == null) {
                out.set(key, nextValue); // set by this version where it understood nothing: its value wins
            } else if (nextValue.equals(knownValue)) {
                out.set(key, onDisk); // unchanged: exactly as written, with anything unknown inside it
            } else if (topLevel && MAP_FIELDS.contains(key) && onDisk instanceof ObjectNode d
                    && knownValue instanceof ObjectNode k && nextValue instanceof ObjectNode n) {
                out.set(key, mergeObject(d, k, n, false));
            } else {
                out.set(key, nextValue);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = next.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!disk.has(field.getKey())) {
                out.set(field.getKey(), field.getValue());
            }
        }
        return out;
    }

    /** run.json fields that are maps of independent entries (any RunRecord component typed Map). */
    private static final java.util.Set<String> MAP_FIELDS = java.util.Arrays.stream(RunRecord.class.getRecordComponents())
            .filter(c -> Map.class.isAssignableFrom(c.getType())).map(java.lang.reflect.RecordComponent::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
}
