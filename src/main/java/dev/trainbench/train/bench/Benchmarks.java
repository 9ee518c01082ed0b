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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The measurements behind BENCHMARKS.md. Each returns plain numbers; the CLI prints them. */
public final class Benchmarks {

    private Benchmarks() {
    }

    /**
     * Throughput of the bare loop and of TrainBench (all metrics on), alternated so that both share
     * the machine's noise. Wall-clock rates, and rates over the trainer thread's CPU time, which
     * other load on the machine does not disturb when libtorch runs on that one thread
     * ({@code --threads 1}).
     */
    public record Overhead(String spec, int epochs, int rounds, List<Double> bareWall, List<Double> oursWall,
                           List<Double> bareCpu, List<Double> oursCpu) {
        public double wallRatio() {
            return median(oursWall) / median(bareWall);
        }

        public double cpuRatio() {
            return median(oursCpu) / median(bareCpu);
        }

        public static double median(List<Double> v) {
            List<Double> s = v.stream().sorted().toList();
            int n = s.size();
            return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        }
    }

    public static Overhead overhead(ExperimentSpec spec, Path baseDir, int epochs, int rounds, Consumer<String> log)
            throws InterruptedException, IOException {
        ExperimentSpec s = spec.withTraining(spec.training().withEpochs(epochs));
        PreparedData data = DataPreparation.prepare(s, baseDir, w -> { });
        RunStore store = new RunStore(Files.createTempDirectory("trainbench-bench"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // Warm-up: the first run pays for class loading and libtorch's first allocations.
        BareDjlLoop.samplesPerSecond(s, data.train(), 1);
        List<Double> bareWall = new ArrayList<>();
        List<Double> oursWall = new ArrayList<>();
        List<Double> bareCpu = new ArrayList<>();
        List<Double> oursCpu = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            BareDjlLoop.Rates b = BareDjlLoop.samplesPerSecond(s, data.train(), epochs);
            bareWall.add(b.wall());
            bareCpu.add(b.cpu());
            long[] marks = new long[4];
            int[] lastSize = new int[1];
            ExperimentRunner.run(s, baseDir, store, null, new RunControl(),
                    new ExperimentRunner.Hooks(e -> {
                        if (e instanceof TrainingEvent.StepsAvailable st) {
                            if (st.size() == 1) {
                                marks[0] = System.nanoTime();
                                marks[1] = threads.getCurrentThreadCpuTime();
                            }
                            marks[2] = System.nanoTime();
                            marks[3] = threads.getCurrentThreadCpuTime();
                            lastSize[0] = st.size();
                        }
                    }, h -> { }, w -> { }), TrainingLoop.Options.defaults());
            int batch = s.training().batchSize();
            long samples = (long) data.train().size() * epochs - Math.min(batch, data.train().size());
            double wall = samples / ((marks[2] - marks[0]) / 1e9);
            double cpu = samples / ((marks[3] - marks[1]) / 1e9);
            oursWall.add(wall);
            oursCpu.add(cpu);
            log.accept(String.format(Locale.ROOT, "round %d: wall bare %.0f, trainbench %.0f samples/s (%.1f%%);"
                    + " thread CPU bare %.0f, trainbench %.0f samples/s (%.1f%%)", r + 1, b.wall(), wall,
                    100 * wall / b.wall(), b.cpu(), cpu, 100 * cpu / b.cpu()));
        }
        return new Overhead(spec.name(), epochs, rounds, bareWall, oursWall, bareCpu, oursCpu);
    }

    /** Resident memory at the end of each epoch, from /proc (Linux). */
    public record Memory(String spec, List<Long> rssBytesPerEpoch, List<Long> anonymousBytesPerEpoch,
                         List<Long> heapBytesPerEpoch, RunRecord run) {
        /** Growth from the end of epoch 2 to the last epoch. */
        public long growthAfterEpoch2() {
            return rssBytesPerEpoch.get(rssBytesPerEpoch.size() - 1) - rssBytesPerEpoch.get(1);
        }

        /** The same for anonymous memory only (heap, native allocations; not mapped library code). */
        public long anonymousGrowthAfterEpoch2() {
            return anonymousBytesPerEpoch.get(anonymousBytesPerEpoch.size() - 1) - anonymousBytesPerEpoch.get(1);
        }
    }

    public static Memory memory(ExperimentSpec spec, Path baseDir, int epochs, Consumer<String> log)
            throws InterruptedException, IOException {
        ExperimentSpec s = spec.withTraining(spec.training().withEpochs(epochs));
        RunStore store = new RunStore(Files.createTempDirectory("trainbench-bench"));
        List<Long> rss = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        List<Long> anonymous = new ArrayList<>();
        RunRecord r = ExperimentRunner.run(s, baseDir, store, null, new RunControl(),
                new ExperimentRunner.Hooks(e -> {
                    if (e instanceof TrainingEvent.EpochEnded ee) {
                        long m = residentBytes();
                        Runtime rt = Runtime.getRuntime();
                        rss.add(m);
                        heap.add(rt.totalMemory() - rt.freeMemory());
                        long anon = statusBytes("RssAnon:");
                        anonymous.add(anon);
                        log.accept(String.format(Locale.ROOT, "epoch %d: RSS %.1f MB (anonymous %.1f MB, file-backed %.1f MB),"
                                + " Java heap used %.1f MB", ee.metrics().epoch(), m / 1e6, anon / 1e6,
                                statusBytes("RssFile:") / 1e6, heap.get(heap.size() - 1) / 1e6));
                    }
                }, h -> { }, w -> { }), TrainingLoop.Options.defaults());
        return new Memory(spec.name(), rss, anonymous, heap, r);
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
        return statusBytes("VmRSS:");
    }

    /** A size line of /proc/self/status in bytes ("VmRSS:", "RssAnon:", "RssFile:"), or -1. */
    static long statusBytes(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
