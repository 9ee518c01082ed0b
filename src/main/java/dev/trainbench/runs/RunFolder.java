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
            store.writeRecord(dir, record);
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

    /** Replaces run.json atomically (its {@code checkpoints} are this folder's own). */
    public synchronized void update(RunRecord newRecord) {
        try {
            write(newRecord);
        } catch (IOException e) {
            throw new RunStoreException("cannot write run.json of " + record.id() + ": " + e.getMessage(), e);
        }
    }

    private void write(RunRecord newRecord) throws IOException {
        RunRecord r = newRecord.toBuilder().checkpoints(checkpoints).build();
        store.writeRecord(dir, r);
        this.record = r;
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
     * Saves checkpoint weights and the record that describes them (its epochs and steps completed
     * say when the weights were taken), so that a kill at any moment leaves the two agreeing: each
     * weights file is written in full under a pending name, then run.json records it (the commit),
     * then it is renamed into place. A kill before the commit leaves the previous weights and the
     * previous record; a kill after it leaves a pending file that the next open renames into place
     * ({@code RunStore}). Nothing ever labels one epoch's weights with another epoch's numbers.
     */
    public synchronized void saveCheckpoints(RunRecord describing, Map<String, RunFiles.Writer> weights) throws IOException {
        long step = describing.stepsCompleted() == null ? 0 : describing.stepsCompleted();
        Integer epoch = describing.epochsCompleted();
        Map<String, Path> pending = new LinkedHashMap<>();
        boolean committed = false;
        try {
            for (Map.Entry<String, RunFiles.Writer> w : weights.entrySet()) {
                Path p = dir.resolve(CHECKPOINTS).resolve(new PendingName(w.getKey(), step).fileName());
                RunFiles.writeAtomically(p, w.getValue());
                pending.put(w.getKey(), p);
            }
            Map<String, Checkpoint> before = new LinkedHashMap<>(checkpoints);
            weights.keySet().forEach(name -> checkpoints.put(name, new Checkpoint(epoch, step)));
            try {
                write(describing);
            } catch (IOException | RuntimeException e) {
                checkpoints.clear();
                checkpoints.putAll(before);
                throw e;
            }
            committed = true;
            for (Map.Entry<String, Path> p : pending.entrySet()) {
                RunFiles.moveAtomically(p.getValue(), checkpoint(p.getKey()));
            }
        } finally {
            if (!committed) {
                for (Path p : pending.values()) {
                    Files.deleteIfExists(p);
                }
            }
            // committed but not renamed (the rename failed): the next open of the run finishes it
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
