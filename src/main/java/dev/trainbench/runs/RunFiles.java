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
        writeAtomically(target, writer, 1 << 16);
    }

    /**
     * The same with a buffer of {@code bufferSize} bytes between the writer and the file; 0 for
     * none, for a writer that writes in large pieces itself (Jackson, which buffers its own output;
     * a whole byte array), so that a file written often does not cost a new buffer each time.
     */
    public static void writeAtomically(Path target, Writer writer, int bufferSize) throws IOException {
        Path folder = target.getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
        }
        Path tmp = Files.createTempFile(folder, "." + target.getFileName(), TMP_SUFFIX);
        boolean moved = false;
        try {
            OutputStream file = Files.newOutputStream(tmp);
            try (OutputStream out = bufferSize > 0 ? new BufferedOutputStream(file, bufferSize) : file) {
                writer.write(out);
            }
            moveAtomically(tmp, target);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
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
