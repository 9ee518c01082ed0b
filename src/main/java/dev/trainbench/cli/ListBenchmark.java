package dev.trainbench.cli;

import dev.trainbench.data.DataFingerprint;
import dev.trainbench.data.DataFingerprinter;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.spec.SpecPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code trainbench bench list}: writes a workspace of synthetic runs (real specs of the examples,
 * real data fingerprints, realistic results, seed groups and sweeps among them, an epochs.csv each)
 * and times {@code RunStore.summaries()} (what {@code trainbench list} and the Runs view read) on it: the first list of a fresh store (which builds the index
 * when there is none), and lists after that, in a fresh store each (as a new process would).
 */
final class ListBenchmark {
    private ListBenchmark() {
    }

    /** Writes {@code n} run folders into {@code workspace}; returns how long it took in seconds. */
    static double generate(Path workspace, int n, PrintWriter log) throws IOException {
        long t0 = System.nanoTime();
        List<ExperimentSpec> specs = new ArrayList<>();
        List<DataFingerprint> fps = new ArrayList<>();
        for (String name : List.of("mnist-mlp", "spiral-mlp", "iris-tiny-mlp", "mnist-cnn")) {
            Path file = Path.of("examples", name + ".json");
            ExperimentSpec spec = SpecJson.read(file);
            specs.add(spec);
            fps.add(DataFingerprinter.of(spec, file.toAbsolutePath().getParent()));
        }
        Random random = new Random(42);
        Path runs = workspace.resolve("runs");
        Files.createDirectories(runs);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        String groupId = null;
        String sweepId = null;
        for (int i = 0; i < n; i++) {
            int k = i % specs.size();
            ExperimentSpec spec = SpecPaths.setText(specs.get(k), "training.optimizer.learningRate",
                    String.format(Locale.ROOT, "%.0e", Math.pow(10, -1 - random.nextInt(4)))).withSeed(42 + i % 5);
            Instant created = start.plusSeconds(37L * i);
            String id = String.format(Locale.ROOT, "%s-%s-%04x", created.toString().substring(0, 19).replace("-", "")
                    .replace(":", "").replace("T", "-"), spec.name(), i & 0xffff);
            double acc = 0.5 + 0.49 * random.nextDouble();
            RunRecord.Builder b = new RunRecord.Builder().id(id).name(spec.name() + " " + i)
                    .status(i % 50 == 7 ? RunStatus.DIVERGED : i % 23 == 5 ? RunStatus.STOPPED : RunStatus.COMPLETED)
                    .createdAt(created.toString()).startedAt(created.plusSeconds(1).toString())
                    .endedAt(created.plusSeconds(30).toString()).wallSeconds(29.0).seed(spec.seed()).device("cpu")
                    .versions(Map.of("trainbench", "0.1.0", "djl", "0.36.0", "engine", "PyTorch 2.7.1", "java", "17.0.15",
                            "os", "Linux amd64"))
                    .spec(spec).dataLabel(spec.data().label()).modelLabel(spec.model().preset()).parameterCount(118_282L)
                    .trainSamples(8000).validationSamples(1000).testSamples(1000)
                    .preprocessing(Map.of("mode", "standardize", "fittedOn", "train", "offsets", List.of(0.13),
                            "scales", List.of(0.31)))
                    .epochsCompleted(spec.training().epochs()).stepsCompleted(2500L).bestEpoch(spec.training().epochs())
                    .bestValidationLoss(1 - acc).bestValidationAccuracy(acc).lastTrainLoss(0.9 - acc).lastTrainAccuracy(acc)
                    .samplesPerSecond(20_000.0)
                    .sanity(List.of("OK initial loss 2.31 vs ln 10 = 2.30", "OK every parameter receives a gradient"))
                    .dataFingerprint(fps.get(k)).tags(i % 10 == 0 ? List.of("baseline") : List.of());
            if (i % 3 == 0) {
                groupId = String.format(Locale.ROOT, "g-%s-%s-%04x", id.substring(0, 15), spec.name(), i & 0xffff);
            }
            if (i % 30 < 9) {
                b.groupId(groupId).groupName(spec.name()).groupIndex(i % 3).groupSize(3);
            }
            if (i % 120 == 0) {
                sweepId = "s-" + id.substring(0, 15) + "-sweep-" + Integer.toHexString(0x1000 + i % 0xefff);
            }
            if (i % 120 < 12) {
                Map<String, String> point = new LinkedHashMap<>();
                point.put("training.optimizer.learningRate", SpecPaths.getText(spec, "training.optimizer.learningRate"));
                b.sweepId(sweepId).sweepName("sweep").sweepTask(i % 120).sweepPoint(point);
            }
            Path dir = runs.resolve(id);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(RunStore.RECORD_FILE), SpecJson.mapper().writeValueAsString(b.build()));
            StringBuilder epochs = new StringBuilder("# trainbench-epochs 1\nepoch,train_loss,train_accuracy,validation_loss,"
                    + "validation_accuracy,seconds,learning_rate,samples_per_second\n");
            for (int e = 1; e <= 5; e++) {
                epochs.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f,5.0,0.001,20000%n", e, 1.0 / e, acc * e / 5,
                        1.1 / e, acc * e / 5));
            }
            Files.writeString(dir.resolve(RunStore.EPOCHS_FILE), epochs.toString(), StandardCharsets.UTF_8);
            if (log != null && (i + 1) % 2000 == 0) {
                log.printf(Locale.ROOT, "  %d runs written%n", i + 1);
                log.flush();
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Seconds for one {@code summaries()} of a new store over {@code workspace} (a new process's first list), and the count. */
    static double[] timeList(Path workspace) {
        long t0 = System.nanoTime();
        int count = new RunStore(workspace).summaries().size();
        return new double[] {(System.nanoTime() - t0) / 1e9, count};
    }
}
