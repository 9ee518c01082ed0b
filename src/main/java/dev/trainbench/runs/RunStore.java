package dev.trainbench.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The workspace: a folder of run folders under {@code runs/}. Never writes outside it: run ids are
 * checked against a strict pattern before they become paths. A run's folder name is its identity
 * (whatever id its run.json holds). Every write into a run folder happens under the run's lock
 * ({@link RunLock}), and whoever opens a run no process is writing to settles what a killed one
 * left behind.
 */
public final class RunStore {
    public static final String RECORD_FILE = "run.json";
    public static final String METRICS_FILE = "metrics.csv";
    public static final String EPOCHS_FILE = "epochs.csv";
    /**
     * What a run id (a folder name) may be: {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}} without "..", so
     * that it is always one folder inside runs/. Checked by hand: a list checks 10,000 of them.
     */
    static boolean isRunId(String s) {
        if (s == null || s.isEmpty() || s.length() > 128 || !letterOrDigit(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!letterOrDigit(c) && c != '_' && c != '-' && (c != '.' || s.charAt(i - 1) == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Path workspace;
    private final Path runsDir;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    private final java.time.Clock clock;
    private final java.util.function.IntSupplier idSuffix;

    public RunStore(Path workspace) {
        this(workspace, java.time.Clock.systemDefaultZone(),
                () -> ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    /** With the clock and the random suffix of new run ids given (tests of id collisions). */
    RunStore(Path workspace, java.time.Clock clock, java.util.function.IntSupplier idSuffix) {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.runsDir = this.workspace.resolve("runs");
        this.clock = clock;
        this.idSuffix = idSuffix;
    }

    /**
     * {@code -Dtrainbench.workspace}, else {@code $TRAINBENCH_WORKSPACE}, else
     * {@code ~/TrainBench}.
     */
    public static Path defaultWorkspace() {
        String prop = System.getProperty("trainbench.workspace");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("TRAINBENCH_WORKSPACE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), "TrainBench");
    }

    public Path workspace() {
        return workspace;
    }

    /**
     * Creates the folder of a new run and holds it open (and locked) for writing. Exclusive: a folder
     * that already exists is never reused, so two runs started in the same second with the same
     * name and random suffix still get folders of their own.
     */
    public RunFolder create(ExperimentSpec spec, String parentId, RunRecord initial) {
        try {
            Files.createDirectories(runsDir);
        } catch (IOException e) {
            throw new RunStoreException("cannot create " + runsDir + ": " + e.getMessage()
                    + "; check that the workspace is writable or choose another with --workspace", e);
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            String id = newId(spec.name());
            Path dir = runsDir.resolve(id);
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                continue;
            } catch (IOException e) {
                throw new RunStoreException("cannot create run folder " + dir + ": " + e.getMessage()
                        + "; check that the workspace is writable or choose another with --workspace", e);
            }
            RunRecord record = initial.toBuilder().id(id).parentId(parentId).build();
            try {
                return new RunFolder(this, dir, record);
            } catch (IOException e) {
                throw new RunStoreException("cannot create run folder " + dir + ": " + e.getMessage()
                        + "; check that the workspace is writable or choose another with --workspace", e);
            }
        }
        throw new RunStoreException("cannot find a free run id for '" + spec.name() + "' in " + runsDir
                + " after 100 tries; is the clock stuck?");
    }

    /**
     * Every readable run, newest first, as the runs table shows it: what {@code trainbench list}, the
     * Runs view, seed groups, sweeps and lineage need, without the specs. Finished runs come from the
     * workspace's index where their run.json has not changed since it was indexed ({@link RunIndex});
     * the rest are read (runs whose process died are marked interrupted) and the index is brought up
     * to date. What needs more of a run (its spec, its test result) loads it with {@link #load}.
     */
    public List<RunSummary> summaries() {
        List<RunSummary> out = new ArrayList<>();
        scan(false, out, null);
        out.sort(NEWEST_FIRST);
        return out;
    }

    /**
     * Every readable run's whole record, newest first; runs whose process died are marked
     * interrupted. Reads every run.json: a list for the screen is {@link #summaries()}.
     */
    public List<RunRecord> list() {
        List<RunSummary> summaries = new ArrayList<>();
        List<RunRecord> out = new ArrayList<>();
        scan(true, summaries, out);
        out.sort(Comparator.comparing(RunRecord::createdAt, Comparator.nullsLast(Comparator.<String>naturalOrder())).reversed()
                .thenComparing(RunRecord::id, Comparator.reverseOrder()));
        return out;
    }

    private static final Comparator<RunSummary> NEWEST_FIRST = Comparator.comparing(RunSummary::createdAt,
            Comparator.nullsLast(Comparator.<String>naturalOrder())).reversed().thenComparing(RunSummary::id, Comparator.reverseOrder());

    /**
     * Every run folder's summary into {@code summaries}, and with {@code records} (not null) every
     * record read whole. One stat of each run.json says whether the index's entry still holds; the
     * index is rewritten when what it should hold changed.
     */
    private void scan(boolean full, List<RunSummary> summaries, List<RunRecord> records) {
        problems.clear();
        if (!Files.isDirectory(runsDir)) {
            return;
        }
        // the folders are listed and stat-ed on a second thread while this one reads the index
        java.util.concurrent.FutureTask<List<Folder>> folders = new java.util.concurrent.FutureTask<>(this::runFolders);
        Thread lister = new Thread(folders, "trainbench-list-folders");
        lister.setDaemon(true);
        lister.start();
        Map<String, RunIndex.Entry> indexed = RunIndex.read(workspace);
        Map<String, RunIndex.Entry> current = new HashMap<>();
        for (Folder f : await(folders)) {
            RunIndex.Entry entry = indexed.get(f.name());
            if (!full && entry != null && entry.stamp().equals(f.stamp())) {
                summaries.add(entry.summary());
                current.put(f.name(), entry);
                continue;
            }
            try {
                RunRecord record = loadDir(f.dir(), false);
                RunSummary summary = record.summary();
                summaries.add(summary);
                if (records != null) {
                    records.add(record);
                }
                if (indexable(f.dir(), record)) {
                    // stamped before the read: a rewrite since (this read marking it interrupted, say)
                    // has another stamp, so the next list reads it again rather than keep a stale one
                    current.put(f.name(), new RunIndex.Entry(f.stamp(), summary));
                }
            } catch (RunStoreException e) {
                problems.add(e.getMessage());
            }
        }
        if (RunIndex.differs(indexed, current)) {
            RunIndex.write(workspace, current);
        }
    }

    /**
     * Whether a record as listed may be taken from the index next time, as long as its run.json is
     * unchanged: not while it is active (its process may die; each list checks), not while a kill
     * left something to settle that a live process held on to, and not when it comes from a newer
     * TrainBench (what this version could not read is noted on the record, not in the index).
     */
    private static boolean indexable(Path dir, RunRecord record) {
        return (record.status() == null || !record.status().isActive()) && !record.fromNewerVersion()
                && !needsSettling(dir, record, false);
    }

    private static <T> T await(java.util.concurrent.FutureTask<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStoreException("interrupted while listing the runs", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new RunStoreException("cannot list the runs: " + e.getCause(), e.getCause());
        }
    }

    /** A run folder and the stamp of its run.json as listed. */
    private record Folder(Path dir, String name, RunIndex.Stamp stamp) {
    }

    /**
     * Run folders: sub-folders of runs/ with a run.json, each with its run.json's stamp (one stat per
     * run: listing 10,000 runs costs 10,000 of them, so no more). The folder name is the run's id, so
     * a folder whose name cannot be one is reported, not listed. A folder without a run.json whose
     * creation was killed is removed.
     */
    private List<Folder> runFolders() {
        List<Path> entries = new ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> dirs = Files.newDirectoryStream(runsDir)) {
            dirs.forEach(entries::add);
        } catch (IOException e) {
            throw new RunStoreException("cannot list runs in " + runsDir + ": " + e.getMessage(), e);
        }
        List<Folder> out = new ArrayList<>(entries.size());
        for (Path d : entries) {
            RunIndex.Stamp stamp;
            try {
                stamp = RunIndex.Stamp.of(d.resolve(RECORD_FILE));
            } catch (IOException noRecord) {
                // not a folder, or one without a run.json (yet, or any more)
                if (Files.isDirectory(d)) {
                    removeIfAbandoned(d);
                }
                continue;
            }
            String name = d.getFileName().toString();
            if (isRunId(name)) {
                out.add(new Folder(d, name, stamp));
            } else {
                problems.add("runs/" + name + ": the folder name is not a run id (letters, digits, '.', '_' and '-',"
                        + " up to 128); rename the folder to see the run");
            }
        }
        return out;
    }

    /** Run folders that have a run.json (for finding a run by a prefix of its id). */
    private List<Path> runDirs() {
        return runFolders().stream().map(Folder::dir).toList();
    }

    /**
     * Removes the folder of a run whose creation was killed before its first run.json was written:
     * it holds nothing but the lock and temporary files (anything else, such as a user's metrics
     * without a run.json, is left alone). A folder with nothing in it may be one being created this
     * moment, before its lock exists, so only an old one goes.
     */
    private void removeIfAbandoned(Path dir) {
        try {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.toList();
            }
            if (files.isEmpty()) {
                if (Files.getLastModifiedTime(dir).toMillis() < System.currentTimeMillis() - 60_000) {
                    Files.deleteIfExists(dir);
                }
                return;
            }
            boolean onlyLeftovers = files.stream().map(f -> f.getFileName().toString())
                    .allMatch(n -> n.equals(RunLock.FILE) || RunFiles.isTemporary(n));
            if (!onlyLeftovers) {
                return;
            }
            try (RunLock lock = RunLock.tryAcquire(dir)) {
                if (lock == null || Files.exists(dir.resolve(RECORD_FILE))) {
                    return; // being created right now
                }
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir.resolve(RunLock.FILE));
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // still there next time; it is not listed as a run either way
        }
    }

    /** What the last {@link #summaries()} or {@link #list()} could not read (a damaged run.json, say), one message each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public RunRecord load(String id) {
        Path dir = dir(id);
        if (!Files.exists(dir.resolve(RECORD_FILE))) {
            throw new RunStoreException("no run '" + id + "' in " + runsDir + "; 'trainbench list' shows the runs there");
        }
        return loadDir(dir, true);
    }

    /**
     * Finds a run by its full id or a unique prefix of it (the folder name: a run whose run.json
     * cannot be read is found too, and the error says why it cannot be opened), or by name when
     * that is unique.
     */
    public RunRecord find(String idOrPrefix) {
        if (idOrPrefix == null || idOrPrefix.isBlank()) {
            throw new RunStoreException("no run id given; 'trainbench list' shows the runs");
        }
        if (isRunId(idOrPrefix)
                && Files.exists(runsDir.resolve(idOrPrefix).resolve(RECORD_FILE))) {
            return load(idOrPrefix);
        }
        if (!Files.isDirectory(runsDir)) {
            throw new RunStoreException("no run matches '" + idOrPrefix + "': there are no runs in " + runsDir);
        }
        List<String> byId = runDirs().stream().map(d -> d.getFileName().toString()).filter(id -> id.startsWith(idOrPrefix))
                .sorted().toList();
        if (byId.size() == 1) {
            return load(byId.get(0));
        }
        if (byId.size() > 1) {
            throw new RunStoreException("'" + idOrPrefix + "' matches " + byId.size() + " runs ("
                    + String.join(", ", byId.stream().limit(5).toList()) + "); give more of the id");
        }
        List<RunSummary> matches = summaries().stream().filter(r -> idOrPrefix.equals(r.name())).toList();
        if (matches.size() == 1) {
            return load(matches.get(0).id());
        }
        if (matches.isEmpty()) {
            throw new RunStoreException("no run matches '" + idOrPrefix + "' in " + runsDir + "; 'trainbench list' shows the runs");
        }
        throw new RunStoreException("'" + idOrPrefix + "' is the name of " + matches.size() + " runs ("
                + String.join(", ", matches.stream().limit(5).map(RunSummary::id).toList()) + "); give the id instead");
    }

    public Path dir(String id) {
        if (!isRunId(id)) {
            throw new RunStoreException("'" + id + "' is not a run id");
        }
        return runsDir.resolve(id);
    }

    public MetricsTable readSteps(String id) {
        return readTable(id, METRICS_FILE);
    }

    public MetricsTable readEpochs(String id) {
        return readTable(id, EPOCHS_FILE);
    }

    /** True while a process (this one or another) trains the run, or is writing to it this moment. */
    public boolean isTraining(String id) {
        return RunLock.isHeld(dir(id));
    }

    /**
     * The spec of a run exactly as its run.json holds it, as JSON text: also for a run whose spec this
     * version cannot read (a newer TrainBench's), so that it can still be looked at.
     */
    public String specText(String id) {
        Path file = dir(id).resolve(RECORD_FILE);
        try {
            JsonNode spec = RunJson.READER.readTree(file.toFile()).get("spec");
            return spec == null ? "null" : SpecJson.mapper().writeValueAsString(spec);
        } catch (IOException e) {
            throw new RunStoreException("run " + id + ": run.json is unreadable (" + firstLine(e) + ")", e);
        }
    }

    public void delete(String id) {
        Path dir = dir(id);
        if (!Files.isDirectory(dir)) {
            throw new RunStoreException("no run '" + id + "' in " + runsDir + "; 'trainbench list' shows the runs there");
        }
        try (RunLock lock = RunLock.acquire(dir, EDIT_WAIT_MILLIS)) {
            if (lock == null) {
                throw new RunStoreException("run " + id + " is training; stop it before deleting it");
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new RunStoreException("cannot delete run " + id + ": " + e.getMessage(), e);
        }
    }

    public RunRecord rename(String id, String newName) {
        if (newName == null || newName.isBlank()) {
            throw new RunStoreException("a run name cannot be empty");
        }
        return change(id, load(id).toBuilder().name(newName.strip()).build(), "rename it");
    }

    public RunRecord setNotes(String id, String notes) {
        return change(id, load(id).toBuilder().notes(notes).build(), "edit its notes");
    }

    public RunRecord setTags(String id, List<String> tags) {
        return change(id, load(id).toBuilder().tags(tags).build(), "edit its tags");
    }

    /** Replaces a finished run's record (e.g. after the final test); fields it does not know are kept. */
    public RunRecord update(RunRecord record) {
        return change(record.id(), record, "change its record");
    }

    /** How long an edit waits for another writer's moment (not a training run) to pass. */
    private static final long EDIT_WAIT_MILLIS = 1000;

    private RunRecord change(String id, RunRecord record, String action) {
        Path dir = dir(id);
        try (RunLock lock = RunLock.acquire(dir, EDIT_WAIT_MILLIS)) {
            if (lock == null) {
                // The trainer rewrites run.json after every epoch from its own copy and would undo this.
                throw new RunStoreException("run " + id + " is training; " + action + " once it has ended");
            }
            writeRecord(dir, record);
            return record;
        } catch (IOException e) {
            throw new RunStoreException("cannot update run " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes run.json atomically, merged into what is on disk so that fields this version does not
     * know, or did not change, stay exactly as they were (see {@link RunJson#merge}).
     */
    void writeRecord(Path dir, RunRecord record) throws IOException {
        writeRecord(dir, record, null);
    }

    /**
     * The same, for a writer that rewrites one run.json again and again (a run being trained, after
     * every epoch): {@code last} remembers what it wrote, and while the file is still exactly that
     * file (the same file, size and modification time: nothing else replaced or edited it), the
     * next write merges into what it wrote instead of reading the file back and binding it again.
     * What this version understands of a file it wrote itself is the record it wrote, so the merge
     * gives the same tree as reading the file back would.
     */
    void writeRecord(Path dir, RunRecord record, Written last) throws IOException {
        Path file = dir.resolve(RECORD_FILE);
        ObjectNode next = SpecJson.mapper().valueToTree(record);
        ObjectNode out = next;
        if (last != null && last.isStill(file)) {
            out = RunJson.merge(last.tree, last.record, next);
        } else if (Files.exists(file)) {
            JsonNode onDisk;
            try {
                onDisk = RunJson.READER.readTree(file.toFile());
            } catch (IOException unreadable) {
                onDisk = null; // nothing readable to keep
            }
            if (onDisk instanceof ObjectNode disk) {
                out = RunJson.merge(disk, RunJson.read(disk, dir.getFileName().toString()).understood(), out);
            }
        }
        ObjectNode tree = out;
        // Unbuffered: Jackson buffers its own output (a run.json is one write).
        RunFiles.writeAtomically(file, o -> SpecJson.mapper().writeValue(o, tree), 0);
        if (last != null) {
            last.remember(file, tree, next);
        }
    }

    /**
     * The run.json a writer wrote last ({@link #writeRecord(Path, RunRecord, Written)}): its tree, the
     * tree of the record it was made from, and what identifies the file it was written to. One per
     * writer; not thread-safe (a run folder writes under its own lock).
     */
    static final class Written {
        private ObjectNode tree;
        private ObjectNode record;
        private Object fileKey;
        private FileTime modified;
        private long size = -1;

        /** True while {@code file} is the file last written (not replaced, edited or deleted since). */
        boolean isStill(Path file) {
            if (tree == null) {
                return false;
            }
            BasicFileAttributes a = attributes(file);
            return a != null && a.size() == size && a.lastModifiedTime().equals(modified)
                    && a.fileKey() != null && a.fileKey().equals(fileKey);
        }

        private void remember(Path file, ObjectNode written, ObjectNode from) {
            BasicFileAttributes a = attributes(file);
            if (a == null || a.fileKey() == null) {
                tree = null; // a file system that cannot tell one file from another: read it back each time
                return;
            }
            tree = written;
            record = from;
            fileKey = a.fileKey();
            modified = a.lastModifiedTime();
            size = a.size();
        }

        private static BasicFileAttributes attributes(Path file) {
            try {
                return Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                return null;
            }
        }
    }

    private RunJson.Read readDir(Path dir) {
        Path file = dir.resolve(RECORD_FILE);
        try {
            JsonNode tree = RunJson.READER.readTree(file.toFile());
            if (!(tree instanceof ObjectNode object)) {
                throw new RunStoreException("run " + dir.getFileName() + ": run.json is unreadable (it is not a JSON object);"
                        + " restore it from a backup or delete the run");
            }
            return RunJson.read(object, dir.getFileName().toString());
        } catch (IOException e) {
            throw new RunStoreException("run " + dir.getFileName() + ": run.json is unreadable (" + firstLine(e)
                    + "); restore it from a backup or delete the run", e);
        }
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    /**
     * Reads a run and, when no process is writing to it, settles what a killed process left: a
     * run still marked active is marked interrupted, half-written temporary files are removed, and
     * checkpoint weights are made to agree with the record ({@link #settleCheckpoints}).
     * {@code thorough} (opening one run) looks for leftovers in its folders; a list of every run
     * only looks where a kill can have left one behind a run that is no longer active (a committed
     * checkpoint not yet renamed), and leaves a rename or a note killed mid-write to the run's next
     * open: listing thousands of folders costs as much as reading their records.
     */
    private RunRecord loadDir(Path dir, boolean thorough) {
        RunRecord record = readDir(dir).record();
        if (!needsSettling(dir, record, thorough)) {
            return record;
        }
        try (RunLock lock = RunLock.tryAcquire(dir)) {
            if (lock == null) {
                return record; // live: its own process keeps it consistent
            }
            // Read again under the lock: the run's process may have written its last record since.
            record = readDir(dir).record();
            removeTemporaryFiles(dir);
            settleCheckpoints(dir, record);
            if (record.status() != null && record.status().isActive()) {
                record = record.withStatus(RunStatus.INTERRUPTED,
                        "the process training this run ended before it finished; metrics up to the last flush are kept");
                writeRecord(dir, record);
            }
        } catch (IOException e) {
            problems.add("cannot repair run " + dir.getFileName() + " (" + firstLine(e) + "); it is shown as it is");
        }
        return record;
    }

    private static final String PENDING = ".pending";

    private static boolean needsSettling(Path dir, RunRecord record, boolean thorough) {
        if (record.status() != null && record.status().isActive()) {
            return true;
        }
        if (record.checkpoints() != null) {
            for (Map.Entry<String, Checkpoint> c : record.checkpoints().entrySet()) {
                if (Files.exists(dir.resolve(RunFolder.CHECKPOINTS).resolve(
                        new RunFolder.PendingName(c.getKey(), c.getValue().step()).fileName()))) {
                    return true;
                }
            }
        }
        return thorough && (hasLeftovers(dir) || hasLeftovers(dir.resolve(RunFolder.CHECKPOINTS)));
    }

    private static boolean hasLeftovers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (RunFiles.isTemporary(n) || n.endsWith(PENDING)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void removeTemporaryFiles(Path dir) throws IOException {
        for (Path d : List.of(dir, dir.resolve(RunFolder.CHECKPOINTS))) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                for (Path p : files.filter(f -> RunFiles.isTemporary(f.getFileName().toString())).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Checkpoint weights are first written as {@code <name>.params.<step>.pending}, then run.json
     * records them, then they are renamed into place (RunFolder#saveCheckpoints). A pending file
     * the record describes was committed: finish its rename. One it does not describe was never
     * committed: delete it, and the previous weights, which the record still describes, stay.
     */
    private static void settleCheckpoints(Path dir, RunRecord record) throws IOException {
        Path checkpoints = dir.resolve(RunFolder.CHECKPOINTS);
        if (!Files.isDirectory(checkpoints)) {
            return;
        }
        List<Path> pending;
        try (Stream<Path> files = Files.list(checkpoints)) {
            pending = files.filter(f -> f.getFileName().toString().endsWith(PENDING)).sorted().toList();
        }
        for (Path p : pending) {
            RunFolder.PendingName name = RunFolder.PendingName.parse(p.getFileName().toString());
            Checkpoint committed = name == null || record.checkpoints() == null ? null : record.checkpoints().get(name.name());
            if (committed != null && committed.step() == name.step()) {
                RunFiles.moveAtomically(p, checkpoints.resolve(name.name() + RunFolder.PARAMS));
            } else {
                Files.deleteIfExists(p);
            }
        }
    }

    private MetricsTable readTable(String id, String file) {
        try {
            return MetricsTable.read(dir(id).resolve(file));
        } catch (IOException e) {
            throw new RunStoreException("cannot read " + file + " of run " + id + ": " + e.getMessage(), e);
        }
    }

    private String newId(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40);
        }
        String rand = Integer.toHexString(idSuffix.getAsInt());
        return LocalDateTime.now(clock).format(ID_TIME) + "-" + (slug.isEmpty() ? "run" : slug) + "-" + rand;
    }
}
