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
     * The columns of a row, in the order this version writes them. A reader maps the file's own
     * {@code columns} to these by name, so a column it does not know is skipped and one the file
     * lacks is null. {@code folder} is the run's folder name and so its id; {@code setup.*} are the
     * fields of {@link RunSummary.Setup}, all null when the spec could not be read.
     */
    static final List<String> COLUMNS = List.of("folder", "modifiedNanos", "size", "fileKey", "name", "status", "message",
            "parentId", "createdAt", "wallSeconds", "seed", "device", "dataLabel", "modelLabel", "parameterCount",
            "setup.optimizer", "setup.learningRate", "setup.momentum", "setup.nesterov", "setup.weightDecay", "setup.batchSize",
            "setup.epochs", "setup.subset", "setup.train", "setup.validation", "setup.test", "setup.shuffle",
            "setup.preprocessing", "setup.augmented", "setup.layers", "setup.init", "epochsCompleted", "bestEpoch",
            "bestValidationLoss", "bestValidationAccuracy", "bestValidationRmse", "samplesPerSecond", "tested", "testAccuracy",
            "testRmse", "testMae", "testR2", "tags", "notes", "fingerprint", "groupId", "groupName", "groupIndex", "groupSize",
            "sweepId", "sweepName", "sweepTask", "sweepPoint");

    private static final Map<String, Integer> COLUMN = new HashMap<>();

    static {
        for (int i = 0; i < COLUMNS.size(); i++) {
            COLUMN.put(COLUMNS.get(i), i);
        }
        // Row.read and writeRow go by these positions
        if (COLUMN.get("setup.optimizer") != 15 || COLUMN.get("setup.init") != 30 || COLUMN.get("sweepPoint") != 52) {
            throw new IllegalStateException("RunIndex.COLUMNS and Row.read disagree");
        }
    }

    /**
     * The entries by run folder name; empty when the index is missing, damaged or of another format
     * version (each is rebuilt by the next write). A row this version cannot read whole (a status it
     * does not know, say) is left out, so its run.json is read instead.
     */
    static Map<String, Entry> read(Path workspace) {
        Map<String, Entry> out = new HashMap<>();
        try (InputStream in = Files.newInputStream(file(workspace));
             JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Map.of();
            }
            boolean headerOk = false;
            int[] columns = null;
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
                    case "columns" -> {
                        if (p.currentToken() != JsonToken.START_ARRAY) {
                            return Map.of();
                        }
                        List<Integer> known = new ArrayList<>();
                        while (p.nextToken() == JsonToken.VALUE_STRING) {
                            known.add(COLUMN.getOrDefault(p.getText(), -1));
                        }
                        columns = known.stream().mapToInt(Integer::intValue).toArray();
                    }
                    case "runs" -> {
                        if (!headerOk || columns == null || p.currentToken() != JsonToken.START_ARRAY) {
                            return Map.of();
                        }
                        Row row = new Row();
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            row.read(p, columns, strings);
                            Entry e = row.entry();
                            if (e != null) {
                                out.put(row.folder, e);
                            }
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

    /** One row as it is read: its values by column, reset for each row. */
    private static final class Row {
        String folder;
        long modified;
        long size;
        String fileKey;
        String name;
        RunStatus status;
        boolean statusKnown;
        String message;
        String parentId;
        String createdAt;
        Double wallSeconds;
        long seed;
        String device;
        String dataLabel;
        String modelLabel;
        Long parameterCount;
        boolean hasSetup;
        String optimizer;
        Double learningRate;
        double momentum;
        boolean nesterov;
        double weightDecay;
        Integer batchSize;
        Integer epochs;
        Integer subset;
        double train;
        double validation;
        double test;
        boolean shuffle;
        String preprocessing;
        boolean augmented;
        int layers;
        String init;
        Integer epochsCompleted;
        Integer bestEpoch;
        Double bestValidationLoss;
        Double bestValidationAccuracy;
        Double bestValidationRmse;
        Double samplesPerSecond;
        boolean tested;
        Double testAccuracy;
        Double testRmse;
        Double testMae;
        Double testR2;
        List<String> tags;
        String notes;
        String fingerprint;
        String groupId;
        String groupName;
        Integer groupIndex;
        Integer groupSize;
        String sweepId;
        String sweepName;
        Integer sweepTask;
        Map<String, String> sweepPoint;

        void read(JsonParser p, int[] columns, Strings strings) throws IOException {
            folder = fileKey = name = message = parentId = createdAt = device = dataLabel = modelLabel = null;
            optimizer = preprocessing = init = notes = fingerprint = groupId = groupName = sweepId = sweepName = null;
            modified = Long.MIN_VALUE;
            size = -1;
            status = null;
            statusKnown = true;
            wallSeconds = learningRate = bestValidationLoss = bestValidationAccuracy = bestValidationRmse = null;
            samplesPerSecond = testAccuracy = testRmse = testMae = testR2 = null;
            seed = 0;
            parameterCount = null;
            hasSetup = nesterov = augmented = tested = false;
            shuffle = true;
            momentum = weightDecay = train = validation = test = 0;
            layers = 0;
            batchSize = epochs = subset = epochsCompleted = bestEpoch = groupIndex = groupSize = sweepTask = null;
            tags = null;
            sweepPoint = null;
            int i = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new IOException("the index ends inside a row");
                }
                int column = i < columns.length ? columns[i] : -1;
                i++;
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (column < 0) {
                    p.skipChildren(); // a column of a newer TrainBench's
                    continue;
                }
                if (column >= 15 && column <= 30) {
                    hasSetup = true;
                }
                switch (column) {
                    case 0 -> folder = p.getText();
                    case 1 -> modified = p.getValueAsLong(Long.MIN_VALUE);
                    case 2 -> size = p.getValueAsLong(-1);
                    case 3 -> fileKey = p.getText();
                    case 4 -> name = p.getText();
                    case 5 -> {
                        status = STATUSES.get(p.getText());
                        statusKnown = status != null;
                    }
                    case 6 -> message = p.getText();
                    case 7 -> parentId = p.getText();
                    case 8 -> createdAt = p.getText();
                    case 9 -> wallSeconds = p.getValueAsDouble();
                    case 10 -> seed = p.getValueAsLong();
                    case 11 -> device = strings.of(p.getText());
                    case 12 -> dataLabel = strings.of(p.getText());
                    case 13 -> modelLabel = strings.of(p.getText());
                    case 14 -> parameterCount = p.getValueAsLong();
                    case 15 -> optimizer = strings.of(p.getText());
                    case 16 -> learningRate = p.getValueAsDouble();
                    case 17 -> momentum = p.getValueAsDouble();
                    case 18 -> nesterov = p.getValueAsBoolean();
                    case 19 -> weightDecay = p.getValueAsDouble();
                    case 20 -> batchSize = p.getValueAsInt();
                    case 21 -> epochs = p.getValueAsInt();
                    case 22 -> subset = p.getValueAsInt();
                    case 23 -> train = p.getValueAsDouble();
                    case 24 -> validation = p.getValueAsDouble();
                    case 25 -> test = p.getValueAsDouble();
                    case 26 -> shuffle = p.getValueAsBoolean();
                    case 27 -> preprocessing = strings.of(p.getText());
                    case 28 -> augmented = p.getValueAsBoolean();
                    case 29 -> layers = p.getValueAsInt();
                    case 30 -> init = strings.of(p.getText());
                    case 31 -> epochsCompleted = p.getValueAsInt();
                    case 32 -> bestEpoch = p.getValueAsInt();
                    case 33 -> bestValidationLoss = p.getValueAsDouble();
                    case 34 -> bestValidationAccuracy = p.getValueAsDouble();
                    case 35 -> bestValidationRmse = p.getValueAsDouble();
                    case 36 -> samplesPerSecond = p.getValueAsDouble();
                    case 37 -> tested = p.getValueAsBoolean();
                    case 38 -> testAccuracy = p.getValueAsDouble();
                    case 39 -> testRmse = p.getValueAsDouble();
                    case 40 -> testMae = p.getValueAsDouble();
                    case 41 -> testR2 = p.getValueAsDouble();
                    case 42 -> {
                        tags = new ArrayList<>();
                        if (t != JsonToken.START_ARRAY) {
                            throw new IOException("tags is not an array");
                        }
                        while (p.nextToken() == JsonToken.VALUE_STRING) {
                            tags.add(strings.of(p.getText()));
                        }
                    }
                    case 43 -> notes = p.getText();
                    case 44 -> fingerprint = strings.of(p.getText());
                    case 45 -> groupId = strings.of(p.getText());
                    case 46 -> groupName = strings.of(p.getText());
                    case 47 -> groupIndex = p.getValueAsInt();
                    case 48 -> groupSize = p.getValueAsInt();
                    case 49 -> sweepId = strings.of(p.getText());
                    case 50 -> sweepName = strings.of(p.getText());
                    case 51 -> sweepTask = p.getValueAsInt();
                    case 52 -> {
                        if (t != JsonToken.START_OBJECT) {
                            throw new IOException("sweepPoint is not an object");
                        }
                        sweepPoint = new LinkedHashMap<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String path = strings.of(p.currentName());
                            p.nextToken();
                            sweepPoint.put(path, strings.of(p.getText()));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }

        /** The entry, or null when the row lacks what identifies it or holds what this version does not know. */
        Entry entry() {
            if (folder == null || size < 0 || modified == Long.MIN_VALUE || !statusKnown) {
                return null;
            }
            RunSummary.Setup setup = hasSetup ? new RunSummary.Setup(optimizer, learningRate, momentum, nesterov, weightDecay,
                    batchSize, epochs, subset, train, validation, test, shuffle, preprocessing, augmented, layers, init) : null;
            RunSummary summary = new RunSummary(folder, name, status, null, false, message, parentId, createdAt, wallSeconds,
                    seed, device, dataLabel, modelLabel, parameterCount, setup, epochsCompleted, bestEpoch, bestValidationLoss,
                    bestValidationAccuracy, bestValidationRmse, samplesPerSecond, tested, testAccuracy, testRmse, testMae,
                    testR2, tags, notes, fingerprint, groupId, groupName, groupIndex, groupSize, sweepId, sweepName, sweepTask,
                    sweepPoint);
            return new Entry(new Stamp(modified, size, fileKey), summary);
        }
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

    /**
     * Replaces the index atomically with these entries (a run's id is its folder name, so only the
     * folder is written); a workspace that cannot be written keeps none.
     */
    static void write(Path workspace, Map<String, Entry> entries) {
        try {
            RunFiles.writeAtomically(file(workspace), o -> {
                try (JsonGenerator g = JSON.createGenerator(new BufferedOutputStream(o, 1 << 16))) {
                    g.writeStartObject();
                    g.writeStringField("format", MAGIC);
                    g.writeNumberField("formatVersion", FORMAT_VERSION);
                    g.writeArrayFieldStart("columns");
                    for (String c : COLUMNS) {
                        g.writeString(c);
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("runs");
                    for (Map.Entry<String, Entry> e : new TreeMap<>(entries).entrySet()) {
                        g.writeRaw('\n'); // one run a line: a person (or grep) can read it
                        writeRow(g, e.getKey(), e.getValue());
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

    /** One row, its values in the order of {@link #COLUMNS}. */
    private static void writeRow(JsonGenerator g, String folder, Entry entry) throws IOException {
        Stamp s = entry.stamp();
        RunSummary r = entry.summary();
        RunSummary.Setup u = r.setup();
        g.writeStartArray();
        g.writeString(folder);
        g.writeNumber(s.modifiedNanos());
        g.writeNumber(s.size());
        g.writeString(s.fileKey());
        g.writeString(r.name());
        g.writeString(r.status() == null ? null : statusName(r.status()));
        g.writeString(r.message());
        g.writeString(r.parentId());
        g.writeString(r.createdAt());
        number(g, r.wallSeconds());
        g.writeNumber(r.seed());
        g.writeString(r.device());
        g.writeString(r.dataLabel());
        g.writeString(r.modelLabel());
        number(g, r.parameterCount());
        if (u == null) {
            for (int i = 15; i <= 30; i++) {
                g.writeNull();
            }
        } else {
            g.writeString(u.optimizer());
            number(g, u.learningRate());
            g.writeNumber(u.momentum());
            g.writeBoolean(u.nesterov());
            g.writeNumber(u.weightDecay());
            number(g, u.batchSize());
            number(g, u.epochs());
            number(g, u.subset());
            g.writeNumber(u.train());
            g.writeNumber(u.validation());
            g.writeNumber(u.test());
            g.writeBoolean(u.shuffle());
            g.writeString(u.preprocessing());
            g.writeBoolean(u.augmented());
            g.writeNumber(u.layers());
            g.writeString(u.init());
        }
        number(g, r.epochsCompleted());
        number(g, r.bestEpoch());
        number(g, r.bestValidationLoss());
        number(g, r.bestValidationAccuracy());
        number(g, r.bestValidationRmse());
        number(g, r.samplesPerSecond());
        g.writeBoolean(r.tested());
        number(g, r.testAccuracy());
        number(g, r.testRmse());
        number(g, r.testMae());
        number(g, r.testR2());
        g.writeStartArray();
        for (String tag : r.tags()) {
            g.writeString(tag);
        }
        g.writeEndArray();
        g.writeString(r.notes());
        g.writeString(r.fingerprint());
        g.writeString(r.groupId());
        g.writeString(r.groupName());
        number(g, r.groupIndex());
        number(g, r.groupSize());
        g.writeString(r.sweepId());
        g.writeString(r.sweepName());
        number(g, r.sweepTask());
        if (r.sweepPoint() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            for (Map.Entry<String, String> e : r.sweepPoint().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A number, null as null; NaN and the infinities as the strings "NaN", "Infinity", which read back as such. */
    private static void number(JsonGenerator g, Double value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void number(JsonGenerator g, Integer value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void number(JsonGenerator g, Long value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
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
