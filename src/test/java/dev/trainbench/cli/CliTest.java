package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.spec.SpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path dir;

    CliOutcome cli(String... args) {
        return CliOutcome.of(args);
    }

    Path workspace() {
        return dir.resolve("ws");
    }

    Path spec(String name, String json) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    static final String SPIRAL = """
            {"name": "cli-spiral", "seed": 3,
             "data": {"source": "toy", "name": "spiral", "samples": 300},
             "model": {"layers": [{"type": "dense", "units": 32}, {"type": "relu"}], "init": {"type": "he"}},
             "training": {"optimizer": {"type": "adam", "learningRate": 0.01}, "batchSize": 32, "epochs": 3}}
            """;

    @Test
    void runTrainsSavesAndEndsWithAJsonLine() throws Exception {
        CliOutcome o = cli("run", spec("s.json", SPIRAL).toString(), "--epochs", "2", "--test", "--json", "-q",
                "-w", workspace().toString());
        assertEquals(0, o.code(), o.err());
        String[] lines = o.out().strip().split("\n");
        JsonNode last = SpecJson.mapper().readTree(lines[lines.length - 1]);
        assertEquals("completed", last.get("status").asText());
        assertEquals(2, last.get("epochs").asInt());
        assertTrue(last.get("testAccuracy").asDouble() > 0);
        assertTrue(last.get("samplesPerSecond").asDouble() > 0);
        assertTrue(o.out().contains("test accuracy"));

        CliOutcome list = cli("list", "-w", workspace().toString());
        assertEquals(0, list.code());
        assertTrue(list.out().contains(last.get("runId").asText()));
        assertTrue(list.out().contains("completed"));

        CliOutcome show = cli("show", last.get("runId").asText().substring(0, 20), "-w", workspace().toString());
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("confusion matrix"), show.out());
        assertTrue(show.out().contains("sanity    OK"), show.out());
    }

    @Test
    void malformedSpecExitsTwoWithOneLineAndNoStackTrace() throws Exception {
        CliOutcome o = cli("run", spec("bad.json", "{\"name\": \"x\", \"data\": {").toString(), "-w", workspace().toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: bad.json: malformed JSON"), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
    }

    @Test
    void unknownFieldIsNamed() throws Exception {
        CliOutcome o = cli("run", spec("typo.json", SPIRAL.replace("\"epochs\"", "\"epoch\"")).toString(),
                "-w", workspace().toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("unknown field \"epoch\""), o.err());
        assertTrue(o.err().contains("training"), o.err());
    }

    @Test
    void missingSpecFileIsReported() {
        CliOutcome o = cli("run", dir.resolve("nope.json").toString(), "-w", workspace().toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("spec file not found"), o.err());
    }

    @Test
    void missingDataFileIsReported() throws Exception {
        CliOutcome o = cli("run", spec("csv.json", """
                {"data": {"source": "csv", "path": "missing.csv"}, "model": {"layers": []}}
                """).toString(), "-w", workspace().toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("missing.csv"), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
    }

    @Test
    void nanInDataIsReportedWithLine() throws Exception {
        Files.writeString(dir.resolve("nan.csv"), "a,b,label\n1,2,x\n3,NaN,y\n5,6,x\n7,8,y\n");
        CliOutcome o = cli("run", spec("nan.json", """
                {"data": {"source": "csv", "path": "nan.csv"}, "model": {"layers": []}}
                """).toString(), "-w", workspace().toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("nan.csv"), o.err());
        assertTrue(o.err().contains("line 3"), o.err());
    }

    @Test
    void layerStackThatCannotConnectNamesTheLayer() throws Exception {
        CliOutcome o = cli("run", spec("shape.json", """
                {"data": {"source": "sample", "name": "iris"},
                 "model": {"layers": [{"type": "conv2d", "filters": 4, "kernel": 3}]}}
                """).toString(), "-w", workspace().toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("layer 1 (conv2d 4@3x3)"), o.err());
        assertTrue(o.err().contains("tabular"), o.err());
    }

    @Test
    void gpuRequestWithoutGpuFailsClearly() throws Exception {
        CliOutcome o = cli("run", spec("s.json", SPIRAL).toString(), "--device", "gpu", "-q", "-w", workspace().toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("GPU"), o.err());
    }

    @Test
    void badDeviceOptionIsAUsageError() throws Exception {
        CliOutcome o = cli("run", spec("s.json", SPIRAL).toString(), "--device", "tpu", "-w", workspace().toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--device must be cpu or gpu"), o.err());
    }

    @Test
    void showOfAnUnknownRunExitsTwo() {
        CliOutcome o = cli("show", "nothing-here", "-w", workspace().toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("no run matches"), o.err());
    }

    @Test
    void profileExplainsMnistPreprocessing() {
        CliOutcome o = cli("profile", "sample:mnist");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().toLowerCase().contains("standardize"), o.out());
    }

    @Test
    void presetsListsParameterCounts() {
        CliOutcome o = cli("presets");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("mlp-2x128"));
        assertTrue(o.out().contains("118,282 parameters"), o.out());
    }

    @Test
    void lrFindPlotsAndSuggests() throws Exception {
        Path csv = dir.resolve("sweep.csv");
        CliOutcome o = cli("lr-find", spec("s.json", SPIRAL).toString(), "--steps", "40", "--csv", csv.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("suggested learning rate"), o.out());
        assertTrue(o.out().contains("smoothed loss"), o.out());
        assertTrue(Files.readAllLines(csv).size() > 3);
    }

    @Test
    void crossEntropyOnARegressionTargetIsRefusedWithTheFix() throws Exception {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i).append(',').append(i * 0.37 + 0.011 * i * i).append('\n');
        }
        Files.writeString(dir.resolve("line.csv"), csv.toString());
        CliOutcome o = cli("run", spec("reg.json", """
                {"data": {"source": "csv", "path": "line.csv"}, "model": {"layers": []}}
                """).toString(), "-w", workspace().toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("set training.loss to l2 or l1"), o.err());
        assertFalse(Files.exists(workspace().resolve("runs")), "no run folder for a spec that cannot train");
    }
}
