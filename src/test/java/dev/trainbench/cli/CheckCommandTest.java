package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @TempDir
    Path dir;

    CliOutcome cli(String... args) {
        return CliOutcome.of(args);
    }

    String spec(String name, double lr) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, """
                {"name": "check-blobs", "seed": 3,
                 "data": {"source": "toy", "name": "blobs", "samples": 300, "classes": 2},
                 "model": {"layers": [{"type": "dense", "units": 32}, {"type": "relu"}], "init": {"type": "he"}},
                 "training": {"optimizer": {"type": "adam", "learningRate": %s}, "batchSize": 32, "epochs": 3}}
                """.formatted(lr));
        return p.toString();
    }

    @Test
    void healthySpecPassesWithOneLinePerCheckAndSavesNothing() throws Exception {
        CliOutcome o = cli("check", spec("ok.json", 0.01));
        assertEquals(0, o.code(), o.out() + o.err());
        List<String> lines = o.out().strip().lines().toList();
        assertEquals(2, lines.size(), o.out());
        assertTrue(lines.get(0).startsWith("OK overfit one batch"), o.out());
        assertTrue(lines.get(1).startsWith("OK input-independent baseline"), o.out());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("ok.json")), files.toList());
        }
    }

    @Test
    void aWarningExitsWithOne() throws Exception {
        CliOutcome o = cli("check", spec("slow.json", 1e-9), "--steps", "30", "--batch", "8");
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().startsWith("WARNING overfit one batch: 8 samples"), o.out());
        assertTrue(o.out().contains("after 30 steps"), o.out());
    }

    @Test
    void badInputExitsWithTwoAndOneLineWithoutAStackTrace() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"name\": \"x\", ");
        for (String[] args : List.of(new String[] {"check", dir.resolve("missing.json").toString()},
                new String[] {"check", broken.toString()},
                new String[] {"check", spec("ok.json", 0.01), "--steps", "0"})) {
            CliOutcome o = cli(args);
            assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
            assertTrue(o.err().startsWith("error: "), o.err());
            assertFalse(o.err().contains("\tat ") || o.err().contains("Exception"), o.err());
            assertEquals("", o.out());
        }
    }
}
