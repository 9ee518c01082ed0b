package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.spec.SpecJson;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnosis on the command line: run, show, diagnose, and the memory refusal. */
class DiagnoseCliTest {

    @TempDir
    Path dir;

    Path spec(String json) throws Exception {
        Path p = dir.resolve("spec.json");
        Files.writeString(p, json);
        return p;
    }

    String ws() {
        return dir.resolve("ws").toString();
    }

    @Test
    void aDenseLayerOfABillionUnitsIsRefusedWithTheEstimateAndNothingIsCreated() throws Exception {
        CliOutcome o = CliOutcome.of("run", spec("""
                {"name": "huge", "data": {"source": "sample", "name": "iris"},
                 "model": {"layers": [{"type": "dense", "units": 1000000000}, {"type": "relu"}]},
                 "training": {"epochs": 1}}
                """).toString(), "-q", "-w", ws());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("memory: this run needs about"), o.err());
        assertTrue(o.err().contains("1,000,000,000") || o.err().contains("parameters"), o.err());
        assertTrue(o.err().contains("try layer 1 (dense 1000000000)"), o.err());
        Path runs = dir.resolve("ws").resolve("runs");
        assertTrue(!Files.exists(runs) || isEmpty(runs), "no run folder for a refused run");
    }

    private static boolean isEmpty(Path p) throws Exception {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    @Test
    void aRunWhoseLossBecomesNanExitsOneWithLrTooHighInTheJsonLine() throws Exception {
        CliOutcome o = CliOutcome.of("run", spec("""
                {"name": "too-fast", "seed": 3, "data": {"source": "toy", "name": "spiral", "samples": 300},
                 "model": {"layers": [{"type": "dense", "units": 32}, {"type": "relu"}], "init": {"type": "he"}},
                 "training": {"optimizer": {"type": "sgd", "learningRate": 100}, "batchSize": 32, "epochs": 2}}
                """).toString(), "--json", "-q", "-w", ws());
        assertEquals(1, o.code(), o.err());
        String[] lines = o.out().strip().split("\n");
        JsonNode last = SpecJson.mapper().readTree(lines[lines.length - 1]);
        assertEquals("diverged", last.get("status").asText());
        JsonNode f = last.get("findings").get(0);
        assertEquals("lr-too-high", f.get("rule").asText());
        assertEquals("error", f.get("severity").asText());
        assertTrue(f.get("message").asText().contains("learning rate 100"), f.toString());
        assertTrue(f.get("tip").asText().startsWith("Check the learning rate"), f.toString());
        assertEquals("training.optimizer.learningRate", f.get("tryThis").get("path").asText());
        assertEquals(10.0, f.get("tryThis").get("value").asDouble(), 1e-9);
        assertTrue(o.out().contains("diagnosis: "), o.out());
        assertTrue(o.out().contains("ERROR   lr-too-high"), o.out());

        CliOutcome show = CliOutcome.of("show", last.get("runId").asText(), "-w", ws());
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("ERROR   lr-too-high"), show.out());
        assertTrue(show.out().contains("(live, while it trained)"), show.out());
    }

    @Test
    void anOlderRunWithoutADiagnosisIsDiagnosedFromItsFilesAndTheResultIsStored() throws Exception {
        String id = "20260301-090000-blobs-before-dead-fraction-b0b0";
        Path run = dir.resolve("ws").resolve("runs").resolve(id);
        Files.createDirectories(run);
        for (String f : new String[] {"run.json", "metrics.csv", "epochs.csv"}) {
            try (InputStream in = getClass().getResourceAsStream("/runs/" + id + "/" + f)) {
                Files.copy(in, run.resolve(f));
            }
        }
        CliOutcome show = CliOutcome.of("show", id, "-w", ws());
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("diagnosis: no findings (from its files)"), show.out());
        assertFalse(Files.exists(run.resolve("diagnosis.json")), "show only reads");
        CliOutcome d = CliOutcome.of("diagnose", id, "--json", "-w", ws());
        assertEquals(0, d.code(), d.err());
        JsonNode stored = SpecJson.mapper().readTree(Files.readString(run.resolve("diagnosis.json")));
        assertEquals(1, stored.get("formatVersion").asInt());
        assertEquals("files", stored.get("source").asText());
        assertEquals(0, stored.get("findings").size());
        assertEquals(SpecJson.mapper().readTree(d.out()), stored);
    }
}
