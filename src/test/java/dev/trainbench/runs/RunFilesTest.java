package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {

    @TempDir
    Path dir;

    private List<String> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeLeavesOnlyTheTargetFile() throws IOException {
        Path target = dir.resolve("run.json");
        RunFiles.writeAtomically(target, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        RunFiles.writeAtomically(target, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two", Files.readString(target));
        assertEquals(List.of("run.json"), files(dir));
    }

    @Test
    void writeCreatesMissingParentFolders() throws IOException {
        Path target = dir.resolve("checkpoints").resolve("best.params");
        RunFiles.writeAtomically(target, out -> out.write(1));
        assertEquals(List.of("best.params"), files(target.getParent()));
    }

    @Test
    void failedWriteKeepsTheOldContentAndLeavesNoTempFile() throws IOException {
        Path target = dir.resolve("run.json");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> RunFiles.writeAtomically(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("run.json"), files(dir));
    }

    @Test
    void writerRuntimeExceptionLeavesNoTempFile() throws IOException {
        Path target = dir.resolve("run.json");
        assertThrows(IllegalStateException.class, () -> RunFiles.writeAtomically(target, out -> {
            throw new IllegalStateException("bug in writer");
        }));
        assertEquals(List.of(), files(dir));
    }
}
