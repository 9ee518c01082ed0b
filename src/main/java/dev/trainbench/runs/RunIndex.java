package dev.trainbench.runs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The workspace's run index, {@code runs-index.json} (docs/file-formats.md, "Run index"): each
 * finished run's {@link RunSummary} (the columns a list shows, not its spec) with the identity of
 * the run.json it was read from (modification time, size, file key). A list reads this one file and
 * only the run.json files that changed since, instead of every run.json, and binds no spec: 10,000
 * runs list in a fraction of a second.
 *
 * <p>It is a cache and never the truth: a missing, damaged or other-version index is rebuilt from
 * the folders, an entry whose run.json changed (any rewrite: run.json is replaced atomically, so
 * its file key changes even where the clock is coarse) is read again, a folder that is gone drops
 * out. Runs still active are never cached: they are read each time, so that a dead process's run is
 * marked interrupted as before; nor are runs from a newer TrainBench, read each time so that they
 * stay marked as such. Any process may rewrite it (atomically), e.g. the nodes of a cluster and the
 * GUI over one shared workspace: the last write wins and the next list repairs what it missed.
 *
 * <p>Read and written with Jackson's streaming parser and generator, field by field, with no data
 * binding: the index is read at every list, in every new process, while the JIT is still cold.
 */
final class RunIndex {
    static final String FILE = "runs-index.json";
    /** 1: whole records (TrainBench before the summaries); 2: {@link RunSummary} rows. */
    static final int FORMAT_VERSION = 2;
    static final String MAGIC = "trainbench-run-index";

    private static final JsonFactory JSON = new JsonFactory();

    /** What identifies one version of a run.json: any rewrite changes at least one of these. */
    record Stamp(long modifiedNanos, long size, String fileKey) {
        static Stamp of(Path file) throws IOException {
            return of(Files.readAttributes(file, BasicFileAttributes.class));
        }

        static Stamp of(BasicFileAttributes a) {
            long nanos = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            return new Stamp(nanos, a.size(), a.fileKey() == null ? null : a.fileKey().toString());
        }
    }

    record Entry(Stamp stamp, RunSummary summary) {
    }

    private RunIndex() {
    }

    static Path file(Path workspace) {
        return workspace.resolve(FILE);
    }

    /**
     * The entries by run folder name; empty when the index is missing, damaged or of another format
     * version (each is rebuilt by the next write). An entry this version cannot read whole (a status
     * it does not know, say) is left out, so its run.json is read instead.
     */
    static Map<String, Entry> read(Path workspace) {
        Map<String, Entry> out = new HashMap<>();
        try (InputStream in = Files.newInputStream(file(workspace));
             JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Map.of();
            }
            boolean headerOk = false;
            Strings strings = new Strings();
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
                            return Map.of(); // an older or newer layout: rebuilt, never misread
                        }
                        headerOk = true;
                    }
                    case "runs" -> {
                        if (!headerOk || p.currentToken() != JsonToken.START_ARRAY) {
                            return Map.of();
                        }
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            readEntry(p, strings, out);
                        }
                        if (p.currentToken() != JsonToken.END_ARRAY) {
                            return Map.of();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            // a file cut short ends without its closing brace: the parser says so, and it is rebuilt
            return headerOk && p.currentToken() == JsonToken.END_OBJECT ? out : Map.of();
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException | RuntimeException e) {
            return Map.of(); // damaged (a disk full while another process wrote it): rebuilt from the folders
        }
    }

    private static void readEntry(JsonParser p, Strings strings, Map<String, Entry> out) throws IOException {
        String folder = null;
        long modified = Long.MIN_VALUE;
        long size = -1;
        String key = null;
        RunSummary run = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "folder" -> folder = p.getValueAsString();
                case "modifiedNanos" -> modified = p.getValueAsLong(Long.MIN_VALUE);
                case "size" -> size = p.getValueAsLong(-1);
                case "fileKey" -> key = p.getValueAsString();
                case "run" -> run = p.currentToken() == JsonToken.START_OBJECT ? readSummary(p, strings) : skip(p);
                default -> p.skipChildren();
            }
        }
        if (folder != null && run != null && size >= 0 && modified != Long.MIN_VALUE) {
            out.put(folder, new Entry(new Stamp(modified, size, key), run));
        }
    }

    private static RunSummary skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    /** Repeated values (labels, devices, names of groups and sweeps) kept once in memory. */
    private static final class Strings extends HashMap<String, String> {
        String of(String s) {
            if (s == null) {
                return null;
            }
            String known = putIfAbsent(s, s);
            return known == null ? s : known;
        }
    }

    /** One row; null (the run is read from its run.json) when something in it is not what this version writes. */
    private static RunSummary readSummary(JsonParser p, Strings strings) throws IOException {
        String id = null;
        String name = null;
        RunStatus status = null;
        boolean statusKnown = true;
        String message = null;
        String parentId = null;
        String createdAt = null;
        Double wallSeconds = null;
        long seed = 0;
        String device = null;
        String dataLabel = null;
        String modelLabel = null;
        Long parameterCount = null;
        RunSummary.Setup setup = null;
        Integer epochsCompleted = null;
        Integer bestEpoch = null;
        Double bestValidationLoss = null;
        Double bestValidationAccuracy = null;
        Double bestValidationRmse = null;
        Double samplesPerSecond = null;
        boolean tested = false;
        Double testAccuracy = null;
        Double testRmse = null;
        Double testMae = null;
        Double testR2 = null;
        List<String> tags = null;
        String notes = null;
        String fingerprint = null;
        String groupId = null;
        String groupName = null;
        Integer groupIndex = null;
        Integer groupSize = null;
        String sweepId = null;
        String sweepName = null;
        Integer sweepTask = null;
        Map<String, String> sweepPoint = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "id" -> id = text(p);
                case "name" -> name = text(p);
                case "status" -> {
                    status = status(text(p));
                    statusKnown = status != null;
                }
                case "message" -> message = text(p);
                case "parentId" -> parentId = text(p);
                case "createdAt" -> createdAt = text(p);
                case "wallSeconds" -> wallSeconds = decimal(p);
                case "seed" -> seed = p.getValueAsLong();
                case "device" -> device = strings.of(text(p));
                case "dataLabel" -> dataLabel = strings.of(text(p));
                case "modelLabel" -> modelLabel = strings.of(text(p));
                case "parameterCount" -> parameterCount = t == JsonToken.VALUE_NULL ? null : p.getValueAsLong();
                case "setup" -> {
                    if (t == JsonToken.START_OBJECT) {
                        setup = readSetup(p, strings);
                    } else {
                        p.skipChildren();
                    }
                }
                case "epochsCompleted" -> epochsCompleted = integer(p);
                case "bestEpoch" -> bestEpoch = integer(p);
                case "bestValidationLoss" -> bestValidationLoss = decimal(p);
                case "bestValidationAccuracy" -> bestValidationAccuracy = decimal(p);
                case "bestValidationRmse" -> bestValidationRmse = decimal(p);
                case "samplesPerSecond" -> samplesPerSecond = decimal(p);
                case "tested" -> tested = p.getValueAsBoolean();
                case "testAccuracy" -> testAccuracy = decimal(p);
                case "testRmse" -> testRmse = decimal(p);
                case "testMae" -> testMae = decimal(p);
                case "testR2" -> testR2 = decimal(p);
                case "tags" -> {
                    tags = new ArrayList<>();
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            tags.add(strings.of(p.getValueAsString()));
                        }
                    }
                }
                case "notes" -> notes = text(p);
                case "fingerprint" -> fingerprint = strings.of(text(p));
                case "groupId" -> groupId = strings.of(text(p));
                case "groupName" -> groupName = strings.of(text(p));
                case "groupIndex" -> groupIndex = integer(p);
                case "groupSize" -> groupSize = integer(p);
                case "sweepId" -> sweepId = strings.of(text(p));
                case "sweepName" -> sweepName = strings.of(text(p));
                case "sweepTask" -> sweepTask = integer(p);
                case "sweepPoint" -> {
                    if (t == JsonToken.START_OBJECT) {
                        sweepPoint = new LinkedHashMap<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String path = strings.of(p.currentName());
                            p.nextToken();
                            sweepPoint.put(path, strings.of(p.getValueAsString()));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (id == null || !statusKnown) {
            return null;
        }
        return new RunSummary(id, name, status, null, false, message, parentId, createdAt, wallSeconds, seed, device, dataLabel,
                modelLabel, parameterCount, setup, epochsCompleted, bestEpoch, bestValidationLoss, bestValidationAccuracy,
                bestValidationRmse, samplesPerSecond, tested, testAccuracy, testRmse, testMae, testR2, tags, notes, fingerprint,
                groupId, groupName, groupIndex, groupSize, sweepId, sweepName, sweepTask, sweepPoint);
    }

    private static RunSummary.Setup readSetup(JsonParser p, Strings strings) throws IOException {
        String optimizer = null;
        Double learningRate = null;
        double momentum = 0;
        boolean nesterov = false;
        double weightDecay = 0;
        Integer batchSize = null;
        Integer epochs = null;
        Integer subset = null;
        double train = 0;
        double validation = 0;
        double test = 0;
        boolean shuffle = true;
        String preprocessing = null;
        boolean augmented = false;
        int layers = 0;
        String init = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "optimizer" -> optimizer = strings.of(text(p));
                case "learningRate" -> learningRate = decimal(p);
                case "momentum" -> momentum = p.getValueAsDouble();
                case "nesterov" -> nesterov = p.getValueAsBoolean();
                case "weightDecay" -> weightDecay = p.getValueAsDouble();
                case "batchSize" -> batchSize = integer(p);
                case "epochs" -> epochs = integer(p);
                case "subset" -> subset = integer(p);
                case "train" -> train = p.getValueAsDouble();
                case "validation" -> validation = p.getValueAsDouble();
                case "test" -> test = p.getValueAsDouble();
                case "shuffle" -> shuffle = p.getValueAsBoolean();
                case "preprocessing" -> preprocessing = strings.of(text(p));
                case "augmented" -> augmented = p.getValueAsBoolean();
                case "layers" -> layers = p.getValueAsInt();
                case "init" -> init = strings.of(text(p));
                default -> p.skipChildren();
            }
        }
        return new RunSummary.Setup(optimizer, learningRate, momentum, nesterov, weightDecay, batchSize, epochs, subset, train,
                validation, test, shuffle, preprocessing, augmented, layers, init);
    }

    private static String text(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getValueAsString();
    }

    /** A number, or "NaN" / "Infinity" as the generator writes those; null for null. */
    private static Double decimal(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getValueAsDouble();
    }

    private static Integer integer(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getValueAsInt();
    }

    private static final Map<String, RunStatus> STATUSES = new HashMap<>();

    static {
        for (RunStatus s : RunStatus.values()) {
            STATUSES.put(statusName(s), s);
        }
    }

    /** As run.json writes it: {@code "completed"}, {@code "early_stopped"}. */
    private static String statusName(RunStatus s) {
        return s.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static RunStatus status(String text) {
        return text == null ? null : STATUSES.get(text);
    }

    /** Replaces the index atomically with these entries; a workspace that cannot be written keeps none. */
    static void write(Path workspace, Map<String, Entry> entries) {
        try {
            RunFiles.writeAtomically(file(workspace), o -> {
                try (JsonGenerator g = JSON.createGenerator(new BufferedOutputStream(o, 1 << 16))) {
                    g.writeStartObject();
                    g.writeStringField("format", MAGIC);
                    g.writeNumberField("formatVersion", FORMAT_VERSION);
                    g.writeArrayFieldStart("runs");
                    for (Map.Entry<String, Entry> e : new TreeMap<>(entries).entrySet()) {
                        Stamp s = e.getValue().stamp();
                        g.writeRaw('\n'); // one run a line: a person (or grep) can read it
                        g.writeStartObject();
                        g.writeStringField("folder", e.getKey());
                        g.writeNumberField("modifiedNanos", s.modifiedNanos());
                        g.writeNumberField("size", s.size());
                        if (s.fileKey() != null) {
                            g.writeStringField("fileKey", s.fileKey());
                        }
                        g.writeFieldName("run");
                        writeSummary(g, e.getValue().summary());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
            });
        } catch (IOException | RuntimeException e) {
            // A cache: a read-only or full workspace lists as before, reading every run.json.
        }
    }

    private static void writeSummary(JsonGenerator g, RunSummary r) throws IOException {
        g.writeStartObject();
        text(g, "id", r.id());
        text(g, "name", r.name());
        text(g, "status", r.status() == null ? null : statusName(r.status()));
        text(g, "message", r.message());
        text(g, "parentId", r.parentId());
        text(g, "createdAt", r.createdAt());
        number(g, "wallSeconds", r.wallSeconds());
        g.writeNumberField("seed", r.seed());
        text(g, "device", r.device());
        text(g, "dataLabel", r.dataLabel());
        text(g, "modelLabel", r.modelLabel());
        if (r.parameterCount() != null) {
            g.writeNumberField("parameterCount", r.parameterCount());
        }
        RunSummary.Setup s = r.setup();
        if (s != null) {
            g.writeObjectFieldStart("setup");
            text(g, "optimizer", s.optimizer());
            number(g, "learningRate", s.learningRate());
            g.writeNumberField("momentum", s.momentum());
            g.writeBooleanField("nesterov", s.nesterov());
            g.writeNumberField("weightDecay", s.weightDecay());
            number(g, "batchSize", s.batchSize());
            number(g, "epochs", s.epochs());
            number(g, "subset", s.subset());
            g.writeNumberField("train", s.train());
            g.writeNumberField("validation", s.validation());
            g.writeNumberField("test", s.test());
            g.writeBooleanField("shuffle", s.shuffle());
            text(g, "preprocessing", s.preprocessing());
            g.writeBooleanField("augmented", s.augmented());
            g.writeNumberField("layers", s.layers());
            text(g, "init", s.init());
            g.writeEndObject();
        }
        number(g, "epochsCompleted", r.epochsCompleted());
        number(g, "bestEpoch", r.bestEpoch());
        number(g, "bestValidationLoss", r.bestValidationLoss());
        number(g, "bestValidationAccuracy", r.bestValidationAccuracy());
        number(g, "bestValidationRmse", r.bestValidationRmse());
        number(g, "samplesPerSecond", r.samplesPerSecond());
        if (r.tested()) {
            g.writeBooleanField("tested", true);
        }
        number(g, "testAccuracy", r.testAccuracy());
        number(g, "testRmse", r.testRmse());
        number(g, "testMae", r.testMae());
        number(g, "testR2", r.testR2());
        if (!r.tags().isEmpty()) {
            g.writeArrayFieldStart("tags");
            for (String tag : r.tags()) {
                g.writeString(tag);
            }
            g.writeEndArray();
        }
        if (!r.notes().isEmpty()) {
            g.writeStringField("notes", r.notes());
        }
        text(g, "fingerprint", r.fingerprint());
        text(g, "groupId", r.groupId());
        text(g, "groupName", r.groupName());
        number(g, "groupIndex", r.groupIndex());
        number(g, "groupSize", r.groupSize());
        text(g, "sweepId", r.sweepId());
        text(g, "sweepName", r.sweepName());
        number(g, "sweepTask", r.sweepTask());
        if (r.sweepPoint() != null) {
            g.writeObjectFieldStart("sweepPoint");
            for (Map.Entry<String, String> e : r.sweepPoint().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void number(JsonGenerator g, String field, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value); // NaN and infinities as the strings "NaN", "Infinity"
        }
    }

    private static void number(JsonGenerator g, String field, Integer value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
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
