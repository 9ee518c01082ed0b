package dev.trainbench.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.runs.RunFiles;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's folder in the workspace, {@code <workspace>/sweeps/<sweep id>/}: {@code sweep.json},
 * one spec per task in {@code specs/}, one log per task in {@code logs/}, and for Slurm the job
 * script {@code job.sh} (docs/file-formats.md, "Sweep folder"). Every file is written atomically.
 * {@code sweep.json} is read leniently (a newer TrainBench's sweeps stay readable) and rewritten
 * by changing only the fields this version sets, so nothing it does not know is lost.
 */
public final class SweepFolder {
    public static final String FILE = "sweep.json";
    public static final String SCRIPT = "job.sh";
    public static final String LOCAL_STATE = "local.json";

    static final ObjectMapper READER = SpecJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private final Path dir;
    private ObjectNode tree;
    private SweepRecord record;

    private SweepFolder(Path dir, ObjectNode tree, SweepRecord record) {
        this.dir = dir;
        this.tree = tree;
        this.record = record;
    }

    /**
     * Writes a new sweep folder: the task specs, the (empty) logs folder and {@code sweep.json}.
     * The folder is created exclusively: an existing one is never overwritten.
     */
    static SweepFolder create(Path dir, SweepPlan plan, ExecutorSettings executor, Path workspace, Path baseDir,
                              Path specFile, String createdBy) {
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
            Files.createDirectories(dir.resolve("specs"));
            Files.createDirectories(dir.resolve("logs"));
            for (SweepPlan.Task t : plan.tasks()) {
                String json = SpecJson.write(t.spec());
                RunFiles.writeAtomically(dir.resolve(specName(t.index())), out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
            }
            SweepRecord record = recordOf(plan, executor, workspace, baseDir, specFile, createdBy);
            ObjectNode tree = SpecJson.mapper().valueToTree(record);
            SweepFolder folder = new SweepFolder(dir, tree, record);
            folder.write();
            return folder;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new SweepException("sweep folder " + dir + " already exists; plan the sweep again for a new id", e);
        } catch (IOException e) {
            throw new SweepException("cannot write the sweep folder " + dir + ": " + e.getMessage()
                    + "; check that the workspace is writable or choose another with --workspace", e);
        }
    }

    /** The sweep.json a folder for {@code plan} gets (also the preview before anything is written). */
    static SweepRecord recordOf(SweepPlan plan, ExecutorSettings executor, Path workspace, Path baseDir, Path specFile,
                                String createdBy) {
        List<SweepRecord.TaskEntry> tasks = new ArrayList<>();
        for (SweepPlan.Task t : plan.tasks()) {
            boolean grouped = t.groupId() != null;
            tasks.add(new SweepRecord.TaskEntry(t.index(), specName(t.index()), t.point(), t.label(), t.seed(), t.groupId(),
                    grouped ? t.spec().name() : null, grouped ? t.groupIndex() : null, grouped ? plan.seeds() : null));
        }
        return new SweepRecord(SweepRecord.FORMAT_VERSION, plan.id(), plan.name(), Instant.now().toString(),
                createdBy, workspace.toAbsolutePath().normalize().toString(),
                baseDir == null ? null : baseDir.toAbsolutePath().normalize().toString(),
                specFile == null ? null : specFile.toAbsolutePath().normalize().toString(), plan.seeds(), plan.axes(),
                executor, null, null, tasks, SpecJson.mapper().valueToTree(plan.base()));
    }

    /** Reads a sweep folder. */
    public static SweepFolder read(Path dir) {
        Path file = dir.resolve(FILE);
        JsonNode node;
        try {
            node = READER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new SweepException("no sweep in " + dir + " (it has no " + FILE + ")", e);
        } catch (IOException e) {
            throw new SweepException(file + " is unreadable (" + firstLine(e) + ")", e);
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new SweepException(file + " is not a JSON object; it is damaged");
        }
        int version = obj.path("formatVersion").asInt(1);
        try {
            SweepRecord r = READER.treeToValue(obj, SweepRecord.class);
            if (r.id() == null || r.tasks().isEmpty()) {
                throw new SweepException(file + " has no " + (r.id() == null ? "id" : "tasks") + "; it is damaged");
            }
            return new SweepFolder(dir, obj, r);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SweepException(file + " cannot be read" + (version > SweepRecord.FORMAT_VERSION
                    ? " (format version " + version + ", written by a newer TrainBench; this one reads 1.." + SweepRecord.FORMAT_VERSION + ")"
                    : "") + ": " + firstLine(e), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public SweepRecord record() {
        return record;
    }

    public String id() {
        return record.id();
    }

    /** The spec file of task {@code index}. */
    public Path specFile(int index) {
        return dir.resolve(record.task(index).spec()).normalize();
    }

    /** The spec of task {@code index}, read from its file (strictly, as any spec file). */
    public ExperimentSpec taskSpec(int index) {
        return SpecJson.read(specFile(index));
    }

    /** The log of task {@code index}: what its {@code trainbench run} printed (both executors write it there). */
    public Path logFile(int index) {
        return dir.resolve("logs").resolve(String.format(Locale.ROOT, "task-%d.log", index));
    }

    public Path scriptFile() {
        return dir.resolve(SCRIPT);
    }

    public Path localStateFile() {
        return dir.resolve(LOCAL_STATE);
    }

    /** Relative spec file name of a task, e.g. {@code specs/task-007.json}; the job script builds the same with printf. */
    static String specName(int index) {
        return String.format(Locale.ROOT, "specs/task-%03d.json", index);
    }

    /** Records where the sweep was submitted. */
    public synchronized void recordSubmission(SweepRecord.Submission submission) {
        tree.set("submission", SpecJson.mapper().valueToTree(submission));
        reload();
        write();
    }

    /** Records that the sweep was cancelled (tasks not started then never start). */
    public synchronized void markCancelled() {
        if (record.cancelledAt() == null) {
            tree.put("cancelledAt", Instant.now().toString());
            reload();
            write();
        }
    }

    /** Re-reads sweep.json (another process may have recorded a cancellation). */
    public synchronized SweepRecord refresh() {
        SweepFolder again = read(dir);
        tree = again.tree;
        record = again.record;
        return record;
    }

    private void reload() {
        try {
            record = READER.treeToValue(tree, SweepRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sweep record stopped binding after a change", e);
        }
    }

    private void write() {
        try {
            RunFiles.writeAtomically(dir.resolve(FILE), out -> SpecJson.mapper().writeValue(out, tree));
        } catch (IOException e) {
            throw new SweepException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Writes a file of the sweep folder atomically (the job script, the local state). */
    void writeFile(String name, String content) {
        try {
            RunFiles.writeAtomically(dir.resolve(name), out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SweepException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }
}
