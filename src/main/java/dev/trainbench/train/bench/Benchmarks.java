package dev.trainbench.train.bench;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.train.DataPreparation;
import dev.trainbench.train.EpochMetrics;
import dev.trainbench.train.ExperimentRunner;
import dev.trainbench.train.PreparedData;
import dev.trainbench.train.RunControl;
import dev.trainbench.train.TrainingEvent;
import dev.trainbench.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The measurements behind BENCHMARKS.md. Each returns plain numbers; the CLI prints them. */
public final class Benchmarks {

    private Benchmarks() {
    }

    /** Throughput of the bare loop and of TrainBench (all metrics on), alternated to share the machine's noise. */
    public record Overhead(String spec, int epochs, int rounds, List<Double> bare, List<Double> trainbench) {
        public double bareBest() {
            return bare.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        public double trainbenchBest() {
            return trainbench.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        public double ratio() {
            return trainbenchBest() / bareBest();
        }
    }

    public static Overhead overhead(ExperimentSpec spec, Path baseDir, int epochs, int rounds, Consumer<String> log)
            throws InterruptedException, IOException {
        ExperimentSpec s = spec.withTraining(spec.training().withEpochs(epochs));
        PreparedData data = DataPreparation.prepare(s, baseDir, w -> { });
        Path ws = Files.createTempDirectory("trainbench-bench");
        RunStore store = new RunStore(ws);
        // Warm-up: the first run pays for class loading and libtorch's first allocations.
        BareDjlLoop.samplesPerSecond(s, data.train(), 1);
        List<Double> bare = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double b = BareDjlLoop.samplesPerSecond(s, data.train(), epochs);
            bare.add(b);
            List<EpochMetrics> em = new ArrayList<>();
            ExperimentRunner.run(s, baseDir, store, null, new RunControl(),
                    new ExperimentRunner.Hooks(e -> {
                        if (e instanceof TrainingEvent.EpochEnded ee) {
                            em.add(ee.metrics());
                        }
                    }, h -> { }, w -> { }), TrainingLoop.Options.defaults());
            double seconds = em.stream().mapToDouble(EpochMetrics::seconds).sum();
            double t = data.train().size() * (double) em.size() / seconds;
            ours.add(t);
            log.accept(String.format("round %d: bare %.0f samples/s, trainbench %.0f samples/s (%.1f%%)", r + 1, b, t,
                    100 * t / b));
        }
        return new Overhead(spec.name(), epochs, rounds, bare, ours);
    }

    /** Resident memory at the end of each epoch, from /proc (Linux). */
    public record Memory(String spec, List<Long> rssBytesPerEpoch, List<Long> heapBytesPerEpoch, RunRecord run) {
        /** Growth from the end of epoch 2 to the last epoch. */
        public long growthAfterEpoch2() {
            return rssBytesPerEpoch.get(rssBytesPerEpoch.size() - 1) - rssBytesPerEpoch.get(1);
        }
    }

    public static Memory memory(ExperimentSpec spec, Path baseDir, int epochs, Consumer<String> log)
            throws InterruptedException, IOException {
        ExperimentSpec s = spec.withTraining(spec.training().withEpochs(epochs));
        RunStore store = new RunStore(Files.createTempDirectory("trainbench-bench"));
        List<Long> rss = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        RunRecord r = ExperimentRunner.run(s, baseDir, store, null, new RunControl(),
                new ExperimentRunner.Hooks(e -> {
                    if (e instanceof TrainingEvent.EpochEnded ee) {
                        long m = residentBytes();
                        Runtime rt = Runtime.getRuntime();
                        rss.add(m);
                        heap.add(rt.totalMemory() - rt.freeMemory());
                        log.accept(String.format("epoch %d: RSS %.1f MB", ee.metrics().epoch(), m / 1e6));
                    }
                }, h -> { }, w -> { }), TrainingLoop.Options.defaults());
        return new Memory(spec.name(), rss, heap, r);
    }

    /** Seconds from JVM start to the end of the first training step. */
    public static double secondsToFirstStep(ExperimentSpec spec, Path baseDir) throws InterruptedException, IOException {
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        double[] first = {Double.NaN};
        RunStore store = new RunStore(Files.createTempDirectory("trainbench-bench"));
        RunControl control = new RunControl();
        ExperimentRunner.run(spec.withTraining(spec.training().withEpochs(1)), baseDir, store, null, control,
                new ExperimentRunner.Hooks(e -> {
                    if (e instanceof TrainingEvent.StepsAvailable && Double.isNaN(first[0])) {
                        first[0] = (System.currentTimeMillis() - jvmStart) / 1000.0;
                        control.stop();
                    }
                }, h -> { }, w -> { }), TrainingLoop.Options.defaults());
        return first[0];
    }

    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
