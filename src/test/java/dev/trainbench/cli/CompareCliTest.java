package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.spec.SpecPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trainbench compare} and {@code run --seeds} on real, short runs of examples/mnist-mlp.json
 * (1 epoch on a stratified subset of 600 digits, so that the whole class trains in seconds).
 */
class CompareCliTest {

    @TempDir
    static Path dir;

    static Path ws;
    static String base;
    static String oneDropout;
    static String bothDropouts;
    static String lrAndBatch;
    static String baseGroup;
    static String dropoutGroup;

    /** examples/mnist-mlp.json made short, with the given changes (PATH=VALUE). */
    static Path spec(String name, String... changes) throws Exception {
        ExperimentSpec s = SpecJson.read(Path.of("examples/mnist-mlp.json"));
        s = SpecPaths.apply(SpecPaths.apply(s, "split.subset=600"), "training.epochs=1");
        for (String c : changes) {
            s = SpecPaths.apply(s, c);
        }
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, SpecJson.write(s));
        return file;
    }

    static String train(Path spec, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", spec.toString(), "-q", "--json", "-w", ws.toString()));
        args.addAll(Arrays.asList(extra));
        CliOutcome o = CliOutcome.of(args.toArray(String[]::new));
        assertEquals(0, o.code(), o.err());
        String[] lines = o.out().strip().split("\n");
        return lines[lines.length - 1];
    }

    static String runId(String jsonLine) throws Exception {
        return SpecJson.mapper().readTree(jsonLine).get("runId").asText();
    }

    @BeforeAll
    static void trainRuns() throws Exception {
        ws = dir.resolve("ws");
        base = runId(train(spec("base")));
        oneDropout = runId(train(spec("dropout", "model.layers[3].rate=0.5")));
        bothDropouts = runId(train(spec("dropouts", "model.layers[3].rate=0.5", "model.layers[6].rate=0.5")));
        lrAndBatch = runId(train(spec("lr-batch", "training.optimizer.learningRate=0.01", "training.batchSize=128")));
        baseGroup = SpecJson.mapper().readTree(train(spec("base-group"), "--seeds", "2")).get("groupId").asText();
        dropoutGroup = SpecJson.mapper().readTree(train(spec("dropout-group", "model.layers[3].rate=0.5"), "--seeds", "2"))
                .get("groupId").asText();
    }

    static CliOutcome compare(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("compare"));
        all.addAll(Arrays.asList(args));
        all.addAll(List.of("-w", ws.toString()));
        return CliOutcome.of(all.toArray(String[]::new));
    }

    static long lines(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).count();
    }

    @Test
    void runsDifferingOnlyInOneDropoutPrintExactlyOneChangedFieldAndNoWarning() {
        CliOutcome o = compare(base, oneDropout);
        assertEquals(0, o.code(), o.err());
        assertEquals(1, lines(o.out(), "  changed "), o.out());
        assertEquals(0, lines(o.out(), "  added ") + lines(o.out(), "  removed "), o.out());
        assertTrue(o.out().contains("model.layers[3].rate"), o.out());
        assertTrue(o.out().contains("B: 1 changed field against A (model.layers[3].rate)"), o.out());
        assertFalse(o.out().contains("warning"), o.out());
        assertTrue(o.out().contains("data: same data in all 2 runs (fingerprint "), o.out());
        assertTrue(o.out().contains("BEST VAL ACC"), o.out());
        assertTrue(o.out().contains("seeds: "), o.out());
        assertTrue(o.out().contains("no seed spread to compare with"), o.out());
    }

    @Test
    void theSameDropoutChangeInBothLayersIsOneChangedSetting() {
        CliOutcome o = compare(base, bothDropouts);
        assertEquals(0, o.code(), o.err());
        assertEquals(2, lines(o.out(), "  changed "), "both layers are shown\n" + o.out());
        assertTrue(o.out().contains("B: 1 changed field against A (model.layers[3,6].rate)"), o.out());
        assertFalse(o.out().contains("warning"), o.out());
    }

    @Test
    void runsDifferingInLearningRateAndBatchSizePrintBothAndTheWarning() {
        CliOutcome o = compare(base, lrAndBatch);
        assertEquals(0, o.code(), o.err());
        assertEquals(2, lines(o.out(), "  changed "), o.out());
        assertTrue(o.out().contains("training.optimizer.learningRate"), o.out());
        assertTrue(o.out().contains("training.batchSize"), o.out());
        assertEquals(1, lines(o.out(), "warning: "), o.out());
        assertTrue(o.out().contains("in 2 fields (training.optimizer.learningRate, training.batchSize): this comparison"
                + " cannot attribute the difference to any one of them"), o.out());
    }

    @Test
    void allShowsEveryFieldWithTheSameOnesMarkedSame() {
        CliOutcome o = compare(base, oneDropout, "--all");
        assertEquals(0, o.code(), o.err());
        assertTrue(lines(o.out(), "  same ") > 20, o.out());
        assertTrue(o.out().contains("training.optimizer.type"), o.out());
    }

    @Test
    void jsonIsOneDocumentForScripts() throws Exception {
        CliOutcome o = compare(base, lrAndBatch, "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode n = SpecJson.mapper().readTree(o.out());
        assertEquals(2, n.get("diff").size());
        assertEquals("changed", n.get("diff").get(0).get("kind").asText());
        assertEquals(2, n.get("changedFields").get("B").size());
        assertEquals(1, n.get("warnings").size());
        assertEquals("same", n.get("dataIdentity").get("status").asText());
        assertEquals(2, n.get("metrics").size());
        assertTrue(n.get("metrics").get(0).get("bestValidationAccuracy").asDouble() > 0.1);
        assertEquals("cannot_tell", n.get("groupComparisons").get(0).get("verdict").asText());
    }

    @Test
    void seedGroupsRecordTheirGroupAndCompareWithAStatement() throws Exception {
        RunStore store = new RunStore(ws);
        List<RunRecord> members = store.list().stream().filter(r -> baseGroup.equals(r.groupId())).toList();
        assertEquals(2, members.size());
        assertEquals(List.of(42L, 43L), members.stream().map(RunRecord::seed).sorted().toList());
        members.forEach(r -> assertEquals(2, r.groupSize()));
        assertNotNull(members.get(0).dataFingerprint());

        Path report = dir.resolve("groups.html");
        CliOutcome o = compare(baseGroup, dropoutGroup, "--report", report.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("comparing 4 runs as 2 units"), o.out());
        assertTrue(o.out().contains("seed group " + baseGroup), o.out());
        assertEquals(1, lines(o.out(), "  changed "), "the seed varies within groups and is not a change\n" + o.out());
        assertFalse(o.out().contains("warning"), o.out());
        assertTrue(o.out().contains("seed groups (mean ± standard deviation"), o.out());
        assertTrue(o.out().contains("Welch's t-test") || o.out().contains("no seed spread at all"), o.out());
        String html = Files.readString(report);
        assertTrue(html.contains("data:image/svg+xml;base64,"), "the report embeds its charts");
        assertTrue(html.contains("Configuration: differences"));

        CliOutcome list = CliOutcome.of("list", "-w", ws.toString());
        assertTrue(list.out().contains("seed groups"), list.out());
        assertTrue(list.out().contains(baseGroup), list.out());
    }

    @Test
    void groupRunPrintsOneJsonLinePerRunAndAGroupLine() throws Exception {
        Path ws2 = dir.resolve("ws2");
        CliOutcome o = CliOutcome.of("run", spec("g3").toString(), "--seeds", "2", "--epochs", "1", "-q", "--json",
                "-w", ws2.toString());
        assertEquals(0, o.code(), o.err());
        List<JsonNode> json = o.out().lines().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return SpecJson.mapper().readTree(l);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertEquals(3, json.size(), o.out());
        assertEquals(json.get(2).get("groupId").asText(), json.get(0).get("groupId").asText());
        assertEquals(2, json.get(2).get("finished").asInt());
        assertEquals(2, json.get(2).get("bestValidationAccuracy").get("n").asInt());
        assertTrue(json.get(2).get("bestValidationAccuracy").get("sd").isNumber());
        assertTrue(o.out().contains("seed group g-"), o.out());
    }

    @Test
    void badSeedCountIsAUsageError() throws Exception {
        CliOutcome o = CliOutcome.of("run", spec("bad").toString(), "--seeds", "0", "-w", dir.resolve("ws3").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--seeds must be 1..100, was 0"), o.err());
    }

    @Test
    void anUnknownRunExitsTwoWithOneLine() {
        CliOutcome o = compare(base, "no-such-run");
        assertEquals(2, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().startsWith("error: no run matches 'no-such-run'"), o.err());
        assertEquals("", o.out());
    }

    @Test
    void oneRunOnlyExitsTwoWithOneLine() {
        CliOutcome o = compare(base);
        assertEquals(2, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().startsWith("error: compare needs at least two runs"), o.err());
        CliOutcome same = compare(base, base);
        assertEquals(2, same.code(), "the same run twice is one run");
    }

    @Test
    void anUnreadableRunExitsTwoWithOneLine() throws Exception {
        Path broken = ws.resolve("runs").resolve("20250101-000000-broken-abcd");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("run.json"), "{\"formatVersion\": 1, \"id\": ");
        try {
            CliOutcome o = compare(base, "20250101-000000-broken-abcd");
            assertEquals(2, o.code());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertTrue(o.err().contains("run.json is unreadable"), o.err());
        } finally {
            Files.delete(broken.resolve("run.json"));
            Files.delete(broken);
        }
    }

    @Test
    void anUnknownGroupExitsTwo() {
        CliOutcome o = compare(base, "--group", "nothing");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: no seed group matches 'g-nothing'"), o.err());
    }

    @Test
    void listWritesTheRunsTableAsCsv() throws Exception {
        Path csv = dir.resolve("runs.csv");
        CliOutcome o = CliOutcome.of("list", "--csv", csv.toString(), "-w", ws.toString());
        assertEquals(0, o.code(), o.err());
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("id,name,status,"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(base + ",")), String.join("\n", lines));
        assertTrue(o.out().startsWith("wrote "), o.out());
    }
}
