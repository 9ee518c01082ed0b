package dev.trainbench.runs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.trainbench.spec.SpecJson;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The workspace's run index, {@code runs-index.json} (docs/file-formats.md, "The run index"): the
 * record of every finished run with the identity of the run.json it was read from (modification
 * time, size, file key). A list reads this one file and only the run.json files that changed since,
 * instead of every run.json: 10,000 runs list in a fraction of a second instead of many seconds.
 *
 * <p>It is a cache and never the truth: a missing, damaged or newer-version index is rebuilt from
 * the folders, an entry whose run.json changed (any rewrite: run.json is replaced atomically, so
 * its file key changes even where the clock is coarse) is read again, a folder that is gone drops
 * out. Runs still active are never cached: they are read each time, so that a dead process's run is
 * marked interrupted as before. Any process may rewrite it (atomically), e.g. the nodes of a
 * cluster and the GUI over one shared workspace: the last write wins and the next list repairs
 * what it missed.
 */
final class RunIndex {
    static final String FILE = "runs-index.json";
    static final int FORMAT_VERSION = 1;
    static final String MAGIC = "trainbench-run-index";

    /** Lenient like a run.json reader: a newer TrainBench's records in the index still bind. */
    private static final ObjectMapper MAPPER = SpecJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    private static final ObjectReader RECORD_READER = MAPPER.readerFor(RunRecord.class);
    private static final ObjectWriter RECORD_WRITER = MAPPER.writerFor(RunRecord.class)
            .without(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    /** What identifies one version of a run.json: any rewrite changes at least one of these. */
    record Stamp(long modifiedNanos, long size, String fileKey) {
        static Stamp of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            long nanos = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
            return new Stamp(nanos, a.size(), a.fileKey() == null ? null : a.fileKey().toString());
        }
    }

    record Entry(Stamp stamp, RunRecord record) {
    }

    private RunIndex() {
    }

    /** The record fields kept in the shared table, in the order of an entry's references. */
    private static final java.util.List<String> SHARED_FIELDS = java.util.List.of("versions", "preprocessing", "sanity",
            "dataFingerprint");
    private static final com.fasterxml.jackson.databind.JavaType VERSIONS = MAPPER.getTypeFactory()
            .constructMapType(Map.class, String.class, String.class);
    private static final com.fasterxml.jackson.databind.JavaType PREPROCESSING = MAPPER.getTypeFactory()
            .constructMapType(Map.class, String.class, Object.class);
    private static final com.fasterxml.jackson.databind.JavaType SANITY = MAPPER.getTypeFactory()
            .constructCollectionType(java.util.List.class, String.class);
    private static final com.fasterxml.jackson.databind.JavaType FINGERPRINT = MAPPER.getTypeFactory()
            .constructType(dev.trainbench.data.DataFingerprint.class);

    /** The shared table as read: each value bound once, on first use, and the one object shared by every run using it. */
    private static final class Shared {
        final java.util.List<com.fasterxml.jackson.databind.JsonNode> values = new java.util.ArrayList<>();
        final Map<Integer, Object> bound = new HashMap<>();

        @SuppressWarnings("unchecked")
        <T> T get(int i, com.fasterxml.jackson.databind.JavaType type) throws IOException {
            if (i >= values.size()) {
                throw new IOException("shared value " + i + " is missing");
            }
            Object v = bound.get(i);
            if (v == null) {
                v = MAPPER.readerFor(type).readValue(values.get(i));
                bound.put(i, v);
            }
            return (T) v;
        }
    }

    static Path file(Path workspace) {
        return workspace.resolve(FILE);
    }

    /**
     * The entries by run folder name; empty when the index is missing, damaged or written by a newer
     * format (each is rebuilt by the next write).
     */
    static Map<String, Entry> read(Path workspace) {
        Path file = file(workspace);
        Map<String, Entry> out = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Map.of();
            }
            boolean headerOk = false;
            Shared shared = new Shared();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "format" -> {
                        if (!MAGIC.equals(p.getValueAsString())) {
                            return Map.of();
                        }
                    }
                    case "formatVersion" -> {
                        if (p.getValueAsInt(-1) != FORMAT_VERSION) {
                            return Map.of(); // a newer (or older) layout: rebuilt, never misread
                        }
                        headerOk = true;
                    }
                    case "shared" -> {
                        if (p.currentToken() != JsonToken.START_ARRAY) {
                            return Map.of();
                        }
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            shared.values.add(MAPPER.readTree(p));
                        }
                    }
                    case "runs" -> {
                        if (!headerOk || p.currentToken() != JsonToken.START_ARRAY) {
                            return Map.of();
                        }
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            readEntry(p, shared, out);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return headerOk ? out : Map.of();
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException | RuntimeException e) {
            return Map.of(); // damaged (a disk full while another process wrote it): rebuilt from the folders
        }
    }

    private static void readEntry(JsonParser p, Shared shared, Map<String, Entry> out) throws IOException {
        String folder = null;
        int[] refs = {-1, -1, -1, -1};
        long modified = Long.MIN_VALUE;
        long size = -1;
        String key = null;
        RunRecord record = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "folder" -> folder = p.getValueAsString();
                case "modifiedNanos" -> modified = p.getValueAsLong(Long.MIN_VALUE);
                case "size" -> size = p.getValueAsLong(-1);
                case "fileKey" -> key = p.getValueAsString();
                case "record" -> record = RECORD_READER.readValue(p);
                case "shared" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        int i = SHARED_FIELDS.indexOf(p.currentName());
                        p.nextToken();
                        if (i >= 0) {
                            refs[i] = p.getValueAsInt(-1);
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (record != null) {
            record = record.toBuilder()
                    .versions(refs[0] < 0 ? record.versions() : shared.get(refs[0], VERSIONS))
                    .preprocessing(refs[1] < 0 ? record.preprocessing() : shared.get(refs[1], PREPROCESSING))
                    .sanity(refs[2] < 0 ? record.sanity() : shared.get(refs[2], SANITY))
                    .dataFingerprint(refs[3] < 0 ? record.dataFingerprint() : shared.get(refs[3], FINGERPRINT))
                    .build();
        }
        if (folder != null && record != null && size >= 0 && modified != Long.MIN_VALUE) {
            out.put(folder, new Entry(new Stamp(modified, size, key), record));
        }
    }

    /** Replaces the index atomically with these entries; a workspace that cannot be written keeps none. */
    static void write(Path workspace, Map<String, Entry> entries) {
        try {
            RunFiles.writeAtomically(file(workspace), o -> {
                JsonFactory f = MAPPER.getFactory();
                try (JsonGenerator g = f.createGenerator(new BufferedOutputStream(o, 1 << 16))) {
                    g.writeStartObject();
                    g.writeStringField("format", MAGIC);
                    g.writeNumberField("formatVersion", FORMAT_VERSION);
                    // Values many runs repeat (the data fingerprint, versions, preprocessing, sanity
                    // lines) are written once and referred to by number: a third of the size, read once.
                    Map<String, Integer> sharedIds = new HashMap<>();
                    java.util.List<String> sharedJson = new java.util.ArrayList<>();
                    Map<String, int[]> refsByFolder = new HashMap<>();
                    for (Map.Entry<String, Entry> e : entries.entrySet()) {
                        RunRecord r = e.getValue().record();
                        Object[] values = {r.versions(), r.preprocessing(), r.sanity(), r.dataFingerprint()};
                        int[] refs = new int[values.length];
                        for (int i = 0; i < values.length; i++) {
                            if (values[i] == null) {
                                refs[i] = -1;
                                continue;
                            }
                            String json = MAPPER.writeValueAsString(values[i]);
                            refs[i] = sharedIds.computeIfAbsent(json, j -> {
                                sharedJson.add(j);
                                return sharedJson.size() - 1;
                            });
                        }
                        refsByFolder.put(e.getKey(), refs);
                    }
                    g.writeArrayFieldStart("shared");
                    for (String json : sharedJson) {
                        g.writeRawValue(json);
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("runs");
                    for (Map.Entry<String, Entry> e : new java.util.TreeMap<>(entries).entrySet()) {
                        Stamp s = e.getValue().stamp();
                        int[] refs = refsByFolder.get(e.getKey());
                        g.writeStartObject();
                        g.writeStringField("folder", e.getKey());
                        g.writeNumberField("modifiedNanos", s.modifiedNanos());
                        g.writeNumberField("size", s.size());
                        if (s.fileKey() != null) {
                            g.writeStringField("fileKey", s.fileKey());
                        }
                        g.writeFieldName("record");
                        RECORD_WRITER.writeValue(g, e.getValue().record().toBuilder().versions(null).preprocessing(null)
                                .sanity(null).dataFingerprint(null).build());
                        g.writeObjectFieldStart("shared");
                        for (int i = 0; i < refs.length; i++) {
                            if (refs[i] >= 0) {
                                g.writeNumberField(SHARED_FIELDS.get(i), refs[i]);
                            }
                        }
                        g.writeEndObject();
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
            });
        } catch (IOException | RuntimeException e) {
            // A cache: a read-only or full workspace lists as before, reading every run.json.
        }
    }

    /** True when the two entry maps differ in what they would write. */
    static boolean differs(Map<String, Entry> a, Map<String, Entry> b) {
        if (a.size() != b.size()) {
            return true;
        }
        for (Map.Entry<String, Entry> e : a.entrySet()) {
            Entry other = b.get(e.getKey());
            if (other == null || !Objects.equals(other.stamp(), e.getValue().stamp())) {
                return true;
            }
        }
        return false;
    }
}
