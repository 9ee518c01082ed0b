package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.data.PredictionInputs;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.runs.TestResult;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.train.PredictionResult;
import dev.trainbench.train.Predictor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trainbench export} and {@code predict}: a model trained, tested and exported here is
 * loaded by a new process and repeats its run's final test bit for bit; bad input exits 2 with
 * one message and writes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportPredictCommandTest {

    @TempDir
    static Path dir;

    Path ws;
    RunRecord cnnRun;
    Path cnnModel;
    RunRecord irisRun;
    Path irisModel;

    static final String CNN = """
            {"name": "cnn-export", "seed": 11,
             "data": {"source": "sample", "name": "mnist"},
             "split": {"train": 70, "validation": 10, "test": 20, "subset": 1500},
             "model": {"layers": [{"type": "conv2d", "filters": 4, "kernel": 3}, {"type": "relu"},
                                  {"type": "maxpool", "kernel": 2}, {"type": "flatten"},
                                  {"type": "dense", "units": 24}, {"type": "relu"}]},
             "training": {"optimizer": {"type": "adam", "learningRate": 0.003}, "batchSize": 32, "epochs": 2}}
            """;

    static final String IRIS = """
            {"name": "iris-export", "seed": 2, "data": {"source": "sample", "name": "iris"},
             "model": {"layers": [{"type": "dense", "units": 16}, {"type": "relu"}]},
             "training": {"optimizer": {"type": "adam", "learningRate": 0.02}, "batchSize": 16, "epochs": 5}}
            """;

    @BeforeAll
    void trainTestAndExport() throws Exception {
        ws = dir.resolve("ws");
        cnnRun = trainAndTest("cnn.json", CNN);
        cnnModel = dir.resolve("cnn.tbmodel.zip");
        CliOutcome e = cli("export", cnnRun.id(), cnnModel.toString(), "-w", ws.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("exported run " + cnnRun.id()), e.out());
        assertTrue(e.out().contains("1x28x28 grey images (not resized in training)"), e.out());
        irisRun = trainAndTest("iris.json", IRIS);
        irisModel = dir.resolve("iris.tbmodel.zip");
        assertEquals(0, cli("export", irisRun.id(), irisModel.toString(), "-w", ws.toString(), "--json").code());
    }

    RunRecord trainAndTest(String file, String json) throws Exception {
        Path spec = dir.resolve(file);
        Files.writeString(spec, json);
        CliOutcome o = cli("run", spec.toString(), "--test", "--json", "-q", "-w", ws.toString());
        assertEquals(0, o.code(), o.err());
        String[] lines = o.out().strip().split("\n");
        String id = SpecJson.mapper().readTree(lines[lines.length - 1]).get("runId").asText();
        return new RunStore(ws).load(id);
    }

    CliOutcome cli(String... args) {
        return CliOutcome.of(args);
    }

    /** Runs {@code trainbench ARGS} in a new JVM with this test's class path and engine settings. */
    static CliOutcome subprocess(Path workDir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Dai.djl.")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.trainbench.Launcher");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(false).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try (InputStream in = p.getErrorStream()) {
                in.transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "predict finished");
        drain.join();
        return new CliOutcome(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void newProcessRepeatsTheRunsFinalTestBitForBit() throws Exception {
        TestResult recorded = cnnRun.test();
        CliOutcome o = subprocess(dir, "predict", cnnModel.toString(), "--test-split", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode line = SpecJson.mapper().readTree(o.out().strip());
        JsonNode ev = line.get("evaluation");
        assertEquals(recorded.samples(), ev.get("samples").asInt());
        assertEquals(recorded.accuracy(), ev.get("accuracy").asDouble(), 0.0, "same test accuracy, exactly");
        assertEquals(recorded.loss(), ev.get("loss").asDouble(), 0.0, "same test loss, exactly");
        int[][] confusion = SpecJson.mapper().treeToValue(ev.get("confusion"), int[][].class);
        assertTrue(Arrays.deepEquals(recorded.confusion(), confusion), "same confusion matrix");
        assertTrue(recorded.accuracy() > 0.5, "a real model: " + recorded.accuracy());

        // and the same per-sample probabilities as this process computes from the same file
        try (Predictor p = Predictor.open(cnnModel)) {
            PredictionResult here = p.predict(p.testSplit(dir));
            JsonNode preds = line.get("predictions");
            assertEquals(here.count(), preds.size());
            for (int i = 0; i < here.count(); i++) {
                JsonNode pi = preds.get(i);
                assertEquals(here.classes()[i], pi.get("index").asInt(), "sample " + i);
                float[] probs = SpecJson.mapper().treeToValue(pi.get("probabilities"), float[].class);
                assertArrayEquals(here.outputsOf(i), probs, 0f, "sample " + i);
            }
        }

        CliOutcome text = cli("predict", cnnModel.toString(), "--test-split");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("the run's final test (best checkpoint)") && text.out().contains("the same, exactly"),
                text.out());
        assertTrue(text.out().contains("confusion matrix"), text.out());
    }

    /** One MNIST digit from the shipped sample, as a PNG. */
    Path digitPng(String name, int index, int size) throws Exception {
        var mnist = dev.trainbench.data.DatasetLoader.sample("mnist");
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                img.getRaster().setSample(x, y, 0, (int) mnist.features()[index * 784 + y * 28 + x]);
            }
        }
        BufferedImage out = img;
        if (size != 28) {
            out = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
            out.getGraphics().drawImage(img, 0, 0, size, size, null);
        }
        Path p = dir.resolve(name);
        ImageIO.write(out, "png", p.toFile());
        return p;
    }

    @Test
    void predictsImageFilesWithTopClassesAndLabelledIdxWithAConfusionMatrix() throws Exception {
        Path png = digitPng("digit.png", 0, 28);
        CliOutcome o = cli("predict", cnnModel.toString(), png.toString(), "--top", "2", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode p = SpecJson.mapper().readTree(o.out()).get("predictions").get(0);
        assertEquals("digit.png", p.get("input").asText());
        assertEquals(2, p.get("top").size());
        assertEquals(10, p.get("probabilities").size());
        assertEquals(p.get("class").asText(), p.get("top").get(0).get("class").asText());

        // the first 50 shipped digits as an IDX file with labels
        var mnist = dev.trainbench.data.DatasetLoader.sample("mnist");
        byte[] pixels = new byte[50 * 784];
        byte[] labels = new byte[50];
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 784; j++) {
                pixels[i * 784 + j] = (byte) (int) mnist.features()[i * 784 + j];
            }
            labels[i] = (byte) mnist.labels()[i];
        }
        Path x = dir.resolve("x.idx");
        Path y = dir.resolve("y.idx");
        Files.write(x, idx(new int[] {50, 28, 28}, pixels));
        Files.write(y, idx(new int[] {50}, labels));
        CliOutcome t = cli("predict", cnnModel.toString(), x.toString(), "--labels", y.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("accuracy ") && t.out().contains("of 50)"), t.out());
        assertTrue(t.out().contains("confusion matrix"), t.out());
        assertTrue(t.out().contains("... and 30 more"), t.out());
        // The PNG of digit 0 and the IDX's first sample are the same pixels: the same answer (in the last bits, a
        // batch of 50 is computed differently from a batch of 1, as PyTorch does on the CPU).
        JsonNode fromIdx = SpecJson.mapper().readTree(cli("predict", cnnModel.toString(), x.toString(), "--json").out())
                .get("predictions").get(0);
        assertEquals(p.get("class"), fromIdx.get("class"));
        for (int k = 0; k < 10; k++) {
            assertEquals(p.get("probabilities").get(k).asDouble(), fromIdx.get("probabilities").get(k).asDouble(), 1e-5);
        }
    }

    @Test
    void predictsCsvRowsWithAndWithoutTheTargetColumn() throws Exception {
        Path rows = dir.resolve("flowers.csv");
        Files.writeString(rows, "petal_width,petal_length,sepal_width,sepal_length\n0.2,1.4,3.5,5.1\n2.3,5.9,3.0,6.8\n");
        CliOutcome o = cli("predict", irisModel.toString(), rows.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("line 2") && o.out().contains("setosa"), o.out());
        assertTrue(o.out().contains("line 3") && o.out().contains("virginica"), o.out());
        Path labelled = dir.resolve("labelled.csv");
        Files.writeString(labelled, "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n"
                + "6.8,3.0,5.9,2.3,virginica\n");
        CliOutcome l = cli("predict", irisModel.toString(), labelled.toString(), "--json");
        assertEquals(0, l.code(), l.err());
        JsonNode ev = SpecJson.mapper().readTree(l.out()).get("evaluation");
        assertEquals(2, ev.get("samples").asInt());
        assertEquals(1.0, ev.get("accuracy").asDouble(), "two easy flowers");
    }

    // ---- bad input: one clear message, exit 2, nothing written ----

    void assertRefused(CliOutcome o, String... phrases) throws IOException {
        assertEquals(2, o.code(), o.out() + o.err());
        String err = o.err().strip();
        assertTrue(err.startsWith("error: "), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
        for (String phrase : phrases) {
            assertTrue(err.contains(phrase), "'" + phrase + "' in: " + err);
        }
    }

    List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    Path rewrite(String name, Path archive, java.util.function.Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        change.accept(entries);
        Path p = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return p;
    }

    @Test
    void damagedOrNewerModelFilesExitTwoWithOneMessage() throws Exception {
        Path png = digitPng("seven.png", 1, 28);
        List<Path> before = filesIn(dir);
        Path newer = rewrite("newer.zip", cnnModel, e -> {
            try {
                ObjectNode m = (ObjectNode) SpecJson.mapper().readTree(e.get("model.json"));
                m.put("formatVersion", 99);
                e.put("model.json", SpecJson.mapper().writeValueAsBytes(m));
            } catch (IOException x) {
                throw new IllegalStateException(x);
            }
        });
        assertRefused(cli("predict", newer.toString(), png.toString()), "newer TrainBench (model format 99)", "update TrainBench");
        byte[] all = Files.readAllBytes(cnnModel);
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(all, all.length * 2 / 3));
        assertRefused(cli("predict", truncated.toString(), png.toString()), "truncated.zip", "damaged");
        Path flipped = rewrite("flipped.zip", cnnModel, e -> e.get("parameters.params")[100] ^= 1);
        assertRefused(cli("predict", flipped.toString(), png.toString()), "checksum");
        // a doctored archive whose checksum fits: the parameters of another network
        Path swapped = rewrite("swapped.zip", cnnModel, e -> {
            try (ZipFile iris = new ZipFile(irisModel.toFile())) {
                byte[] other = iris.getInputStream(iris.getEntry("parameters.params")).readAllBytes();
                ObjectNode m = (ObjectNode) SpecJson.mapper().readTree(e.get("model.json"));
                ((ObjectNode) m.get("parameters")).put("bytes", other.length)
                        .put("sha256", java.util.HexFormat.of().formatHex(
                                java.security.MessageDigest.getInstance("SHA-256").digest(other)));
                e.put("model.json", SpecJson.mapper().writeValueAsBytes(m));
                e.put("parameters.params", other);
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        });
        assertRefused(cli("predict", swapped.toString(), png.toString()), "swapped.zip", "export the model again");
        assertRefused(cli("predict", png.toString(), png.toString()), "not a TrainBench model");
        CliOutcome json = cli("predict", truncated.toString(), png.toString(), "--json");
        assertEquals(2, json.code());
        JsonNode err = SpecJson.mapper().readTree(json.out());
        assertEquals("error", err.get("status").asText());
        assertEquals(2, err.get("exitCode").asInt());
        assertTrue(err.get("message").asText().contains("damaged"), err.toString());
        List<Path> after = filesIn(dir);
        after = after.stream().filter(p -> !List.of("newer.zip", "truncated.zip", "flipped.zip", "swapped.zip")
                .contains(p.getFileName().toString())).toList();
        assertEquals(before, after, "predict writes nothing");
    }

    @Test
    void inputsThatDoNotFitTheModelExitTwoNamingTheProblem() throws Exception {
        Path big = digitPng("big.png", 2, 56);
        Path rgbIdx = dir.resolve("rgb.idx");
        Files.write(rgbIdx, idx(new int[] {2, 28, 28, 3}, new byte[2 * 28 * 28 * 3]));
        Path wrongIdx = dir.resolve("small.idx");
        Files.write(wrongIdx, idx(new int[] {2, 16, 16}, new byte[512]));
        Path missing = dir.resolve("missing.csv");
        Files.writeString(missing, "sepal_length,sepal_width,petal_length\n5.1,3.5,1.4\n");
        Path extra = dir.resolve("extra.csv");
        Files.writeString(extra, "sepal_length,sepal_width,petal_length,petal_width,colour\n5.1,3.5,1.4,0.2,blue\n");
        List<Path> before = filesIn(dir);
        assertRefused(cli("predict", cnnModel.toString(), rgbIdx.toString()), "rgb.idx", "[3, 28, 28]", "[1, 28, 28]");
        assertRefused(cli("predict", cnnModel.toString(), big.toString()), "big.png", "56x56", "28x28");
        assertEquals(0, cli("predict", cnnModel.toString(), big.toString(), "--resize").code(), "unless asked to resize");
        assertRefused(cli("predict", cnnModel.toString(), wrongIdx.toString()), "[1, 16, 16]", "[1, 28, 28]");
        assertRefused(cli("predict", irisModel.toString(), missing.toString()), "missing: [petal_width]");
        assertRefused(cli("predict", irisModel.toString(), extra.toString()), "extra: [colour]");
        assertRefused(cli("predict", irisModel.toString(), big.toString()), "is an image, but the model takes table rows");
        assertRefused(cli("predict", cnnModel.toString(), extra.toString()), "neither an image", "1x28x28 grey images");
        assertRefused(cli("predict", cnnModel.toString()), "INPUT");
        assertRefused(cli("predict", cnnModel.toString(), big.toString(), "--json"), "big.png", "56x56");
        assertEquals(before, filesIn(dir), "refused predictions write nothing");
    }

    @Test
    void imageForAModelOfOtherChannelsExitsTwoAndWritesNothing() throws Exception {
        // a model of 2-channel 6x6 samples (trained from an IDX file): no image file has 2 channels
        int n = 64;
        byte[] pixels = new byte[n * 6 * 6 * 2];
        byte[] labels = new byte[n];
        java.util.Random rnd = new java.util.Random(4);
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 2);
            for (int j = 0; j < 72; j++) {
                pixels[i * 72 + j] = (byte) (rnd.nextInt(100) + (j % 2 == labels[i] ? 120 : 0));
            }
        }
        Path x = dir.resolve("two-channel-x.idx");
        Path y = dir.resolve("two-channel-y.idx");
        Files.write(x, idx(new int[] {n, 6, 6, 2}, pixels));
        Files.write(y, idx(new int[] {n}, labels));
        RunRecord run = trainAndTest("two-channel.json", """
                {"name": "two-channel", "seed": 3,
                 "data": {"source": "idx", "path": "%s", "labelsPath": "%s"},
                 "model": {"layers": [{"type": "flatten"}, {"type": "dense", "units": 8}, {"type": "relu"}]},
                 "training": {"optimizer": {"type": "adam", "learningRate": 0.01}, "batchSize": 16, "epochs": 1}}
                """.formatted(x.toString().replace("\\", "/"), y.toString().replace("\\", "/")));
        Path model = dir.resolve("two-channel.tbmodel.zip");
        assertEquals(0, cli("export", run.id(), model.toString(), "-w", ws.toString()).code());
        Path png = digitPng("for-two-channels.png", 3, 6);
        List<Path> before = filesIn(dir);
        assertRefused(cli("predict", model.toString(), png.toString()), "for-two-channels.png", "2 channels", "IDX");
        assertEquals(0, cli("predict", model.toString(), x.toString()).code(), "its own kind of input is fine");
        assertEquals(before, filesIn(dir), "refused predictions write nothing");
    }

    @Test
    void exportRefusalsWriteNothing() throws Exception {
        Path out = dir.resolve("again.tbmodel.zip");
        assertRefused(cli("export", "no-such-run", out.toString(), "-w", ws.toString()), "no run matches");
        assertRefused(cli("export", cnnRun.id(), out.toString(), "--checkpoint", "middle", "-w", ws.toString()), "best", "last");
        assertFalse(Files.exists(out));
        long size = Files.size(cnnModel);
        assertRefused(cli("export", cnnRun.id(), cnnModel.toString(), "-w", ws.toString()), "exists already", "--force");
        assertEquals(size, Files.size(cnnModel));
        assertEquals(0, cli("export", cnnRun.id(), out.toString(), "--checkpoint", "last", "-w", ws.toString()).code());
        assertTrue(Files.exists(out));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    RunRecord friedmanRun;
    Path friedmanModel;

    /** The shipped regression example (friedman1, targetScaling standardize), trained briefly, tested and exported once. */
    synchronized Path friedmanModel() throws Exception {
        if (friedmanModel != null) {
            return friedmanModel;
        }
        ObjectNode spec = (ObjectNode) SpecJson.mapper().readTree(Path.of("examples", "friedman1-mlp.json").toFile());
        assertEquals("standardize", spec.get("data").get("targetScaling").asText(), "the example scales its targets");
        ((ObjectNode) spec.get("data")).put("path", Path.of("examples", "data", "friedman1.csv").toAbsolutePath().toString()
                .replace("\\", "/"));
        ((ObjectNode) spec.get("training")).put("epochs", 4);
        friedmanRun = trainAndTest("friedman1.json", SpecJson.mapper().writeValueAsString(spec));
        Path model = dir.resolve("friedman1.tbmodel.zip");
        CliOutcome e = cli("export", friedmanRun.id(), model.toString(), "-w", ws.toString(), "--json");
        assertEquals(0, e.code(), e.err());
        assertEquals(2, SpecJson.mapper().readTree(e.out()).get("formatVersion").asInt(), e.out());
        friedmanModel = model;
        return model;
    }

    @Test
    void regressionModelOnScaledTargetsRepeatsItsFinalTestInANewProcessInTheTargetsUnits() throws Exception {
        Path model = friedmanModel();
        TestResult recorded = friedmanRun.test();
        assertTrue(recorded.rmse() != null && recorded.r2() != null, "the run's final test has regression metrics");

        // the manifest carries the run's target scaling exactly, in a format older readers refuse
        ObjectNode manifest;
        try (ZipFile zip = new ZipFile(model.toFile())) {
            manifest = (ObjectNode) SpecJson.mapper().readTree(zip.getInputStream(zip.getEntry("model.json")));
        }
        assertEquals(2, manifest.get("formatVersion").asInt(), "target scaling needs format 2");
        JsonNode ts = manifest.get("output").get("targetScaling");
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = (Map<String, Object>) friedmanRun.preprocessing().get("targets");
        assertArrayEquals(SpecJson.mapper().convertValue(stored.get("offsets"), double[].class),
                SpecJson.mapper().treeToValue(ts.get("offsets"), double[].class), 0.0);
        assertArrayEquals(SpecJson.mapper().convertValue(stored.get("scales"), double[].class),
                SpecJson.mapper().treeToValue(ts.get("scales"), double[].class), 0.0);
        assertEquals("standardize", ts.get("mode").asText());
        assertEquals("train", ts.get("fittedOn").asText());
        try (ZipFile zip = new ZipFile(irisModel.toFile())) {
            assertEquals(1, SpecJson.mapper().readTree(zip.getInputStream(zip.getEntry("model.json"))).get("formatVersion")
                    .asInt(), "models without target scaling stay readable by version-1 readers");
        }

        CliOutcome o = subprocess(dir, "predict", model.toString(), "--test-split", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode line = SpecJson.mapper().readTree(o.out().strip());
        JsonNode ev = line.get("evaluation");
        assertEquals(recorded.samples(), ev.get("samples").asInt());
        assertEquals(recorded.rmse(), ev.get("rmse").asDouble(), 0.0, "same test RMSE, exactly");
        assertEquals(recorded.mae(), ev.get("mae").asDouble(), 0.0, "same test MAE, exactly");
        assertEquals(recorded.r2(), ev.get("r2").asDouble(), 0.0, "same test R², exactly");
        assertEquals(recorded.loss(), ev.get("loss").asDouble(), 0.0, "same test loss (on scaled targets), exactly");
        assertTrue(recorded.r2() > 0.3, "a real model: R² " + recorded.r2());

        // the values are in the target's units: their errors against the targets give the recorded RMSE and MAE
        JsonNode preds = line.get("predictions");
        double sse = 0;
        double sae = 0;
        double mean = 0;
        for (JsonNode p : preds) {
            double e = p.get("values").get(0).asDouble() - p.get("target").asDouble();
            sse += e * e;
            sae += Math.abs(e);
            mean += p.get("values").get(0).asDouble() / preds.size();
        }
        assertEquals(recorded.rmse(), Math.sqrt(sse / preds.size()), 1e-4 * recorded.rmse());
        assertEquals(recorded.mae(), sae / preds.size(), 1e-4 * recorded.mae());
        assertTrue(mean > 8 && mean < 20, "Friedman #1 targets average about 14, scaled ones 0: " + mean);

        CliOutcome text = cli("predict", model.toString(), "--test-split");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("the run's final test (best checkpoint): rmse") && text.out().contains("the same, exactly"),
                text.out());
        assertTrue(text.out().contains("in the target's units") && text.out().contains("on standardized targets"), text.out());

        // a CSV with the target column: RMSE, MAE and R² in the target's units
        CliOutcome csv = cli("predict", model.toString(), Path.of("examples", "data", "friedman1.csv").toString(), "--json");
        assertEquals(0, csv.code(), csv.err());
        JsonNode all = SpecJson.mapper().readTree(csv.out()).get("evaluation");
        assertEquals(1000, all.get("samples").asInt());
        assertTrue(all.get("rmse").asDouble() > 0.2 && all.get("rmse").asDouble() < 4, all.toString());
        assertTrue(all.get("r2").asDouble() > 0.3, all.toString());
    }

    @Test
    void modelWithADamagedTargetScalingIsRefusedWithOneMessage() throws Exception {
        Path model = friedmanModel();
        Path csv = Path.of("examples", "data", "friedman1.csv");
        List<Path> before = filesIn(dir);
        Path zeroScale = rewrite("zero-scale.zip", model, e -> changeTargetScaling(e, t -> t.putArray("scales").add(0.0)));
        assertRefused(cli("predict", zeroScale.toString(), csv.toString()), "zero-scale.zip", "damaged",
                "output.targetScaling", "scale 0 is 0.0", "export");
        Path twoOffsets = rewrite("two-offsets.zip", model, e -> changeTargetScaling(e, t -> t.putArray("offsets").add(1.0).add(2.0)));
        assertRefused(cli("predict", twoOffsets.toString(), csv.toString()), "output.targetScaling", "2 offsets and 1 scales");
        Path noScales = rewrite("no-scales.zip", model, e -> changeTargetScaling(e, t -> t.remove("scales")));
        assertRefused(cli("predict", noScales.toString(), csv.toString(), "--json"), "output.targetScaling", "no scales");
        Path text = rewrite("text-offsets.zip", model, e -> changeTargetScaling(e, t -> t.put("offsets", "fourteen")));
        assertRefused(cli("predict", text.toString(), csv.toString()), "text-offsets.zip", "damaged");
        List<Path> after = filesIn(dir).stream().filter(p -> !List.of("zero-scale.zip", "two-offsets.zip", "no-scales.zip",
                "text-offsets.zip").contains(p.getFileName().toString())).toList();
        assertEquals(before, after, "refused predictions write nothing");
    }

    @Test
    void exportRefusesARunWhoseStoredTargetScalingIsDamaged() throws Exception {
        friedmanModel();
        // a copy of the friedman run in its own workspace, its run.json's target scales broken
        Path ws2 = dir.resolve("ws-damaged-targets");
        Path from = new RunStore(ws).dir(friedmanRun.id());
        Path to = new RunStore(ws2).dir(friedmanRun.id());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Path runJson = to.resolve(RunStore.RECORD_FILE);
        ObjectNode record = (ObjectNode) SpecJson.mapper().readTree(runJson.toFile());
        ((ObjectNode) record.get("preprocessing").get("targets")).putArray("scales").add(0.0);
        Files.write(runJson, SpecJson.mapper().writeValueAsBytes(record));
        Path out = dir.resolve("damaged-targets.tbmodel.zip");
        assertRefused(cli("export", friedmanRun.id(), out.toString(), "-w", ws2.toString()), "preprocessing.targets",
                "scale 0 is 0.0", "target's units");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void testSplitOfARunWithItsOwnTestFileIsThatFile() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("examples", "data", "friedman1.csv"));
        Path train = dir.resolve("friedman-train.csv");
        Path test = dir.resolve("friedman-test.csv");
        Files.write(train, lines.subList(0, 801));
        List<String> testLines = new ArrayList<>(List.of(lines.get(0)));
        testLines.addAll(lines.subList(801, lines.size()));
        Files.write(test, testLines);
        RunRecord run = trainAndTest("friedman-test-file.json", """
                {"name": "friedman-test-file", "seed": 4,
                 "data": {"source": "csv", "path": "%s", "targetColumn": "y", "task": "regression",
                          "targetScaling": "standardize", "test": {"path": "%s"}},
                 "split": {"train": 85, "validation": 15, "test": 0},
                 "model": {"layers": [{"type": "dense", "units": 16}, {"type": "relu"}]},
                 "training": {"loss": "l2", "optimizer": {"type": "adam", "learningRate": 0.01}, "batchSize": 32, "epochs": 2}}
                """.formatted(train.toString().replace("\\", "/"), test.toString().replace("\\", "/")));
        assertEquals(200, run.test().samples(), "the run tested its test file");
        Path model = dir.resolve("friedman-test-file.tbmodel.zip");
        assertEquals(0, cli("export", run.id(), model.toString(), "-w", ws.toString()).code());
        CliOutcome o = cli("predict", model.toString(), "--test-split", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode ev = SpecJson.mapper().readTree(o.out().strip()).get("evaluation");
        assertEquals(200, ev.get("samples").asInt(), "the test file, not a split of the training file");
        assertEquals(run.test().rmse(), ev.get("rmse").asDouble(), 0.0);
        assertEquals(run.test().loss(), ev.get("loss").asDouble(), 0.0);
    }

    private static void changeTargetScaling(Map<String, byte[]> entries, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode m = (ObjectNode) SpecJson.mapper().readTree(entries.get("model.json"));
            change.accept((ObjectNode) m.get("output").get("targetScaling"));
            entries.put("model.json", SpecJson.mapper().writeValueAsBytes(m));
        } catch (IOException x) {
            throw new IllegalStateException(x);
        }
    }

    static byte[] idx(int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.write(new byte[] {0, 0, 0x08, (byte) dims.length});
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(values);
        return b.toByteArray();
    }

    @SuppressWarnings("unused")
    private static PredictionInputs.Options defaults() {
        return PredictionInputs.Options.defaults();
    }
}
