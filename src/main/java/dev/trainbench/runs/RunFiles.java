package dev.trainbench.runs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Atomic file replacement: a reader sees the old file or the new one, never half of one. */
public final class RunFiles {

    /** Writes one file's content. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final String TMP_SUFFIX = ".tmp";

    private RunFiles() {
    }

    /**
     * Writes {@code target} through a temporary file in the same folder ({@code .<name><random>.tmp},
     * removed on failure, and by the next open of the run when a kill leaves one behind) renamed over
     * the target.
     */
    public static void writeAtomically(Path target, Writer writer) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), TMP_SUFFIX);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            moveAtomically(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames {@code from} over {@code to} in one step where the file system can. */
    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** True for the name of a temporary file {@link #writeAtomically} makes. */
    static boolean isTemporary(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(TMP_SUFFIX);
    }
}
