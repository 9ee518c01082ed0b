package dev.trainbench.runs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The folder of a run being trained, held open (and locked, so that other readers can tell a live
 * run from one whose process died) until {@link #close()}. It owns the record's {@code checkpoints}:
 * which weights files exist and what they hold is known only here.
 */
public final class RunFolder implements Closeable {
    /** Kept for readers of the folder layout; the lock itself is {@link RunLock}. */
    static final String LOCK_FILE = RunLock.FILE;
    static final String CHECKPOINTS = "checkpoints";
    static final String PARAMS = ".params";

    private final RunStore store;
    private final Path dir;
    private final RunLock lock;
    private final Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
    private final Map<String, Staged> staged = new LinkedHashMap<>();
    /** What this folder last wrote to run.json, so that the next write need not read it back. */
    private final RunStore.Written written = new RunStore.Written();
    private volatile RunRecord record;
    private CsvLog steps;
    private CsvLog epochs;

    RunFolder(RunStore store, Path dir, RunRecord record) throws IOException {
        this.store = store;
        this.dir = dir;
        this.lock = RunLock.tryAcquire(dir);
        if (lock == null) {
            throw new RunStoreException("run folder " + dir + " is in use by another TrainBench process");
        }
        if (record.checkpoints() != null) {
            checkpoints.putAll(record.checkpoints());
        }
        this.record = record;
        try {
            store.writeRecord(dir, record, written);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public String id() {
        return record.id();
    }

    public Path dir() {
        return dir;
    }

    public RunRecord record() {
        return record;
    }

    /**
     * Replaces run.json atomically (its {@code checkpoints} are this folder's own). The record
     * commits any checkpoint staged since the last write ({@link #stageCheckpoint}).
     */
    public synchronized void update(RunRecord newRecord) {
        try {
            write(newRecord);
        } catch (IOException e) {
            throw new RunStoreException("cannot write run.json of " + record.id() + ": " + e.getMessage(), e);
        }
    }

    private void write(RunRecord newRecord) throws IOException {
        Map<String, Checkpoint> described = new LinkedHashMap<>(checkpoints);
        staged.forEach((name, s) -> described.put(name, s.checkpoint()));
        RunRecord r = newRecord.toBuilder().checkpoints(described).build();
        store.writeRecord(dir, r, written);
        // committed: the record now describes the staged weights, which take their place
        this.record = r;
        checkpoints.clear();
        checkpoints.putAll(described);
        Map<String, Staged> committed = new LinkedHashMap<>(staged);
        staged.clear();
        for (Map.Entry<String, Staged> s : committed.entrySet()) {
            RunFiles.moveAtomically(s.getValue().pending(), checkpoint(s.getKey()));
        }
    }

    /** Checkpoint weights written in full under a pending name, waiting for the record that describes them. */
    private record Staged(Checkpoint checkpoint, Path pending) {
    }

    public synchronized void openLogs(List<String> stepColumns, List<String> epochColumns) throws IOException {
        steps = new CsvLog(dir.resolve(RunStore.METRICS_FILE), "metrics", stepColumns);
        epochs = new CsvLog(dir.resolve(RunStore.EPOCHS_FILE), "epochs", epochColumns);
    }

    public void appendStep(double[] row) throws IOException {
        steps.append(row);
    }

    public void appendEpoch(double[] row) throws IOException {
        epochs.append(row);
        epochs.flush();
        steps.flush();
    }

    public Path checkpoint(String name) {
        return dir.resolve(CHECKPOINTS).resolve(name + PARAMS);
    }

    /**
     * Writes checkpoint weights taken after {@code epoch} epochs and {@code step} steps, in full,
     * under a pending name ({@code <name>.params.<step>.pending}). They are committed by the next
     * record written ({@link #update}), which describes them: run.json is replaced, then the pending
     * file is renamed over {@code <name>.params}. So a kill at any moment leaves weights and record
     * agreeing: before the commit, the previous weights and the previous record; after it, a pending
     * file the record describes, which the next open of the run renames into place ({@code RunStore}).
     * Nothing ever labels one epoch's weights with another epoch's numbers. The file is not
     * buffered: {@code weights} writes in large pieces (a checkpoint writer buffers its own).
     */
    public synchronized void stageCheckpoint(String name, Integer epoch, long step, RunFiles.Writer weights) throws IOException {
        Path pending = dir.resolve(CHECKPOINTS).resolve(new PendingName(name, step).fileName());
        RunFiles.writeAtomically(pending, weights, 0);
        Staged previous = staged.put(name, new Staged(new Checkpoint(epoch, step), pending));
        if (previous != null && !previous.pending().equals(pending)) {
            Files.deleteIfExists(previous.pending());
        }
    }

    /** Drops staged checkpoints (the run failed before a record described them); the committed ones stay. */
    public synchronized void discardStagedCheckpoints() throws IOException {
        for (Staged s : staged.values()) {
            Files.deleteIfExists(s.pending());
        }
        staged.clear();
    }

    /**
     * Stages checkpoint weights and commits them with {@code describing}, whose epochs and steps
     * completed say when the weights were taken ({@link #stageCheckpoint}, then {@link #update}).
     */
    public synchronized void saveCheckpoints(RunRecord describing, Map<String, RunFiles.Writer> weights) throws IOException {
        long step = describing.stepsCompleted() == null ? 0 : describing.stepsCompleted();
        try {
            for (Map.Entry<String, RunFiles.Writer> w : weights.entrySet()) {
                stageCheckpoint(w.getKey(), describing.epochsCompleted(), step, w.getValue());
            }
            write(describing);
        } catch (IOException | RuntimeException e) {
            discardStagedCheckpoints();
            throw e;
        }
    }

    /** {@code <name>.params.<step>.pending}: checkpoint weights written, not yet committed by run.json. */
    record PendingName(String name, long step) {
        String fileName() {
            return name + PARAMS + "." + step + ".pending";
        }

        /** The parts of a pending file's name, or null when it is not one. */
        static PendingName parse(String fileName) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z0-9_-]+)\\.params\\.(\\d{1,18})\\.pending")
                    .matcher(fileName);
            return m.matches() ? new PendingName(m.group(1), Long.parseLong(m.group(2))) : null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (steps != null) {
                steps.close();
            }
            if (epochs != null) {
                epochs.close();
            }
        } finally {
            lock.close();
        }
    }
}
