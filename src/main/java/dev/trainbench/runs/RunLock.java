package dev.trainbench.runs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock on a run folder ({@code run.lock}). Whoever writes into a run folder holds it:
 * the trainer for the whole run, an edit (rename, notes, final test) for the moment of its write,
 * and the repair of a dead run's leftovers. So a run whose lock can be taken has no process
 * writing to it, and its leftovers can be settled safely.
 */
final class RunLock implements Closeable {
    static final String FILE = "run.lock";
    /**
     * Folders this process holds locked. Checked (and claimed) before the lock file is touched,
     * because on Linux closing any channel to a file drops every lock this process holds on it.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** The run's lock, or null when someone (this process or another) holds it. */
    static RunLock tryAcquire(Path dir) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            return null;
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                HELD.remove(key);
                return null;
            }
            return new RunLock(key, ch, l);
        } catch (IOException | RuntimeException | Error e) {
            try {
                if (ch != null) {
                    ch.close();
                }
            } finally {
                HELD.remove(key);
            }
            throw e;
        }
    }

    /**
     * The run's lock, waiting up to {@code waitMillis} for a short holder (another edit) to finish;
     * null when it is still held then (the run is training).
     */
    static RunLock acquire(Path dir, long waitMillis) throws IOException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (true) {
            RunLock l = tryAcquire(dir);
            if (l != null || System.nanoTime() > deadline) {
                return l;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** True while someone holds the lock; never creates the lock file. */
    static boolean isHeld(Path dir) {
        if (HELD.contains(dir.toAbsolutePath().normalize())) {
            return true;
        }
        if (!java.nio.file.Files.exists(dir.resolve(FILE))) {
            return false;
        }
        try (RunLock l = tryAcquire(dir)) {
            return l == null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD.remove(key);
        }
    }
}
