package dev.trainbench.runs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The folder of a run being trained, held open (and locked, so that other readers can tell a live
 * run from one whose process died) until {@link #close()}.
 */
public final class RunFolder implements Closeable {
    static final String LOCK_FILE = "run.lock";
    /**
     * Folders this process holds open. Checked before probing the lock file because on Linux,
     * closing any channel to a file drops every lock this process holds on it.
     */
    static final java.util.Set<Path> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final RunStore store;
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private volatile RunRecord record;
    private CsvLog steps;
    private CsvLog epochs;

    RunFolder(RunStore store, Path dir, RunRecord record) throws IOException {
        this.store = store;
        this.dir = dir;
        this.record = record;
        this.lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.lock = lockChannel.tryLock();
        OPEN.add(dir.toAbsolutePath().normalize());
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

    /** Replaces run.json atomically. */
    public synchronized void update(RunRecord newRecord) {
        this.record = newRecord;
        try {
            store.writeRecord(dir, newRecord);
        } catch (IOException e) {
            throw new RunStoreException("cannot write run.json of " + record.id() + ": " + e.getMessage(), e);
        }
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
        return dir.resolve("checkpoints").resolve(name + ".params");
    }

    public void writeCheckpoint(String name, RunFiles.Writer writer) throws IOException {
        RunFiles.writeAtomically(checkpoint(name), writer);
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
            OPEN.remove(dir.toAbsolutePath().normalize());
            if (lock != null) {
                lock.release();
            }
            lockChannel.close();
        }
    }
}
