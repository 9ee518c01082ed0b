package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded runs recorded by an earlier version of the trainer (src/test/resources/golden/), repeated
 * now: a refactoring of the loop, the step, the batches or the probes must not change what is
 * learned. On the machine that recorded them (same CPU model) the comparison is exact, checkpoint
 * bytes included; elsewhere libtorch may pick other vector kernels, so values are compared to a
 * relative 1e-3, still far below what a wrong batch, a missed clip or a changed order gives.
 *
 * <p>To record again (only when a change of results is intended and explained in the commit):
 * {@code mvn -o test -Dtest=GoldenRunsTest -Dtrainbench.golden.write=true}.
 */
class GoldenRunsTest {

    static final Path FIXTURES = Path.of("src/test/resources/golden");
    /** Wall-clock columns: never equal between two runs. */
    static final Set<String> TIMING = Set.of("samples_per_second", "seconds");

    @TempDir
    Path dir;

    static String spec(String name) {
        return switch (name) {
            // Dense stack with dropout, tanh, clipping, cosine warm-up; detail (weight norms, update ratios) every 3 steps.
            case "mlp-blobs" -> """
                    {"name": "golden-mlp", "seed": 11,
                     "data": {"source": "toy", "name": "blobs", "samples": 320, "noise": 0.5, "classes": 2},
                     "model": {"layers": [{"type": "dense", "units": 16}, {"type": "relu"}, {"type": "dropout", "rate": 0.2},
                                          {"type": "dense", "units": 16}, {"type": "tanh"}], "init": {"type": "xavier"}},
                     "training": {"optimizer": {"type": "adam", "learningRate": 0.01},
                                  "schedule": {"type": "cosine", "warmupSteps": 4},
                                  "clipNorm": 0.5, "batchSize": 16, "epochs": 3}}
                    """;
            // Convolutions, batch norm, pooling, augmentation of training batches, one-hot L2 loss on classes, SGD momentum.
            case "cnn-mnist" -> """
                    {"name": "golden-cnn", "seed": 5,
                     "data": {"source": "sample", "name": "mnist"},
                     "split": {"train": 70, "validation": 15, "test": 15, "subset": 240},
                     "augmentation": {"shift": 2, "flip": true, "noise": 0.05},
                     "model": {"layers": [{"type": "conv2d", "filters": 4, "kernel": 3}, {"type": "batchnorm"},
                                          {"type": "relu"}, {"type": "maxpool", "kernel": 2}, {"type": "flatten"},
                                          {"type": "dense", "units": 16}, {"type": "relu"}], "init": {"type": "he"}},
                     "training": {"loss": "l2", "optimizer": {"type": "sgd", "learningRate": 0.05, "momentum": 0.9},
                                  "batchSize": 32, "epochs": 2}}
                    """;
            // Regression from a CSV, L1 loss, a residual block, early stopping with patience 1.
            case "regression-csv" -> """
                    {"name": "golden-regression", "seed": 3,
                     "data": {"source": "csv", "path": "line.csv", "targetColumn": "y", "task": "regression"},
                     "model": {"layers": [{"type": "dense", "units": 8}, {"type": "relu"},
                                          {"type": "residual", "body": [{"type": "dense", "units": 8}, {"type": "relu"}]}]},
                     "training": {"loss": "l1", "optimizer": {"type": "adam", "learningRate": 0.05},
                                  "earlyStopping": {"patience": 1, "minDelta": 0.0}, "batchSize": 20, "epochs": 6}}
                    """;
            default -> throw new IllegalArgumentException(name);
        };
    }

    static void writeLineCsv(Path dir) throws IOException {
        Random r = new Random(4);
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 200; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f%n", a, b, 2 * a - b + 0.1 * r.nextGaussian()));
        }
        Files.writeString(dir.resolve("line.csv"), sb.toString());
    }

    /** Everything a run leaves that must not change: its metrics, its record's numbers, its checkpoints. */
    record Outcome(String metrics, String epochs, Map<String, String> facts) {
    }

    Outcome train(String name) throws Exception {
        writeLineCsv(dir);
        ExperimentSpec spec = SpecJson.parse(spec(name));
        RunStore store = new RunStore(dir.resolve("ws"));
        RunRecord r = ExperimentRunner.run(spec, dir, store, null, new RunControl(), ExperimentRunner.Hooks.none(),
                new TrainingLoop.Options(name.equals("cnn-mnist") ? 4 : 3, 0, 64));
        Path runDir = store.dir(r.id());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("status", String.valueOf(r.status()));
        facts.put("epochsCompleted", String.valueOf(r.epochsCompleted()));
        facts.put("stepsCompleted", String.valueOf(r.stepsCompleted()));
        facts.put("bestEpoch", String.valueOf(r.bestEpoch()));
        facts.put("bestValidationLoss", String.valueOf(r.bestValidationLoss()));
        facts.put("bestValidationAccuracy", String.valueOf(r.bestValidationAccuracy()));
        facts.put("lastTrainLoss", String.valueOf(r.lastTrainLoss()));
        facts.put("lastTrainAccuracy", String.valueOf(r.lastTrainAccuracy()));
        facts.put("parameterCount", String.valueOf(r.parameterCount()));
        facts.put("sanity", String.valueOf(r.sanity()));
        facts.put("message", String.valueOf(r.message()));
        facts.put("best.params", sha256(runDir.resolve("checkpoints/best.params")));
        facts.put("last.params", sha256(runDir.resolve("checkpoints/last.params")));
        return new Outcome(Files.readString(runDir.resolve("metrics.csv")), Files.readString(runDir.resolve("epochs.csv")),
                facts);
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CPU model and the vector extensions libtorch dispatches on: equal means the same kernels. */
    static String cpuModel() {
        try {
            List<String> info = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String model = info.stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
            Set<String> flags = Set.of(info.stream().filter(l -> l.startsWith("flags")).findFirst().orElse("")
                    .replaceFirst("^[^:]*:", "").trim().split("\\s+"));
            StringBuilder sb = new StringBuilder(model);
            for (String f : List.of("avx2", "avx512f", "avx512_bf16", "avx512_vnni", "amx_tile")) {
                sb.append(flags.contains(f) ? " +" : " -").append(f);
            }
            return sb.toString();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String facts(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    static Map<String, String> parseFacts(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                m.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return m;
    }

    static String resource(String path) throws IOException {
        try (InputStream in = GoldenRunsTest.class.getResourceAsStream("/golden/" + path)) {
            assertNotNull(in, "missing fixture /golden/" + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static boolean write() {
        return Boolean.getBoolean("trainbench.golden.write");
    }

    static boolean exact() throws IOException {
        return resource("cpu.txt").trim().equals(cpuModel());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp-blobs", "cnn-mnist", "regression-csv"})
    void aSeededRunRepeatsTheRecordedMetrics(String name) throws Exception {
        Outcome now = train(name);
        if (write()) {
            Path out = FIXTURES.resolve(name);
            Files.createDirectories(out);
            Files.writeString(out.resolve("metrics.csv"), now.metrics());
            Files.writeString(out.resolve("epochs.csv"), now.epochs());
            Files.writeString(out.resolve("facts.txt"), facts(now.facts()));
            Files.writeString(FIXTURES.resolve("cpu.txt"), cpuModel() + "\n");
            return;
        }
        boolean exact = exact();
        assertSameTable(name + "/metrics.csv", resource(name + "/metrics.csv"), now.metrics(), exact);
        assertSameTable(name + "/epochs.csv", resource(name + "/epochs.csv"), now.epochs(), exact);
        Map<String, String> recorded = parseFacts(resource(name + "/facts.txt"));
        for (Map.Entry<String, String> e : recorded.entrySet()) {
            String k = e.getKey();
            if (!exact && (k.endsWith(".params") || k.startsWith("best") || k.startsWith("last"))) {
                continue; // float-valued or byte-level: covered by the tables' tolerance
            }
            assertEquals(e.getValue(), now.facts().get(k), name + ": " + k);
        }
    }

    /** Every column of the recorded table (timing aside) has the same values now; new columns are allowed. */
    static void assertSameTable(String what, String recorded, String now, boolean exact) throws IOException {
        MetricsTable a = table(recorded);
        MetricsTable b = table(now);
        assertEquals(a.rows(), b.rows(), what + ": rows");
        for (String col : a.columns()) {
            if (TIMING.contains(col)) {
                continue;
            }
            double[] x = a.column(col);
            double[] y = b.column(col);
            assertNotNull(y, what + ": column " + col + " is gone");
            for (int i = 0; i < x.length; i++) {
                if (exact || Double.isNaN(x[i]) || Double.isInfinite(x[i])) {
                    assertEquals(x[i], y[i], 0.0, what + ": " + col + " row " + i);
                } else {
                    assertEquals(x[i], y[i], 1e-3 * Math.max(1e-3, Math.abs(x[i])), what + ": " + col + " row " + i);
                }
            }
        }
        assertTrue(a.rows() > 0, what + " is empty");
    }

    static MetricsTable table(String csv) throws IOException {
        Path f = Files.createTempFile("golden", ".csv");
        try {
            Files.writeString(f, csv);
            return MetricsTable.read(f);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp-blobs", "cnn-mnist"})
    void theProbesAndTheRangeTestRepeatTheirRecordedNumbers(String name) throws Exception {
        writeLineCsv(dir);
        ExperimentSpec spec = SpecJson.parse(spec(name));
        PreparedData data = DataPreparation.prepare(spec, dir, w -> { });
        List<String> lines = new ArrayList<>();
        lines.add(SanityProbes.overfitOneBatch(spec, data, 8, 40).line());
        lines.add(SanityProbes.inputIndependentBaseline(spec, data, 200).line());
        LrFinder.Result lr = LrFinder.sweep(spec, data.train(), new LrFinder.Options(1e-5, 10, 30, 0.98, 4));
        for (LrFinder.Point p : lr.points()) {
            lines.add(String.format(Locale.ROOT, "lr %s loss %s smoothed %s", p.learningRate(), p.loss(), p.smoothedLoss()));
        }
        lines.add("diverged " + lr.diverged());
        String text = String.join("\n", lines) + "\n";
        if (write()) {
            Files.createDirectories(FIXTURES.resolve(name));
            Files.writeString(FIXTURES.resolve(name).resolve("probes.txt"), text);
            return;
        }
        String recorded = resource(name + "/probes.txt");
        if (exact()) {
            assertEquals(recorded, text);
        } else {
            assertEquals(recorded.lines().count(), text.lines().count(), "probe and sweep lines");
        }
    }
}
