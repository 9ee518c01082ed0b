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

        /** Median over the rounds of each round's TrainBench / bare wall-clock ratio (a round's two runs are adjacent in time). */
        public double pairedWallRatio() {
            List<Double> r = new ArrayList<>();
            for (int i = 0; i < oursWall.size(); i++) {
                r.add(oursWall.get(i) / bareWall.get(i));
            }
            return median(r);
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

    /**
     * Resident memory at the end of each epoch, from /proc (Linux), with what drives it: the trainer
     * thread's allocation (bytes allocated between two consecutive steps of an epoch, i.e. by one step
     * and its listeners; and all bytes of each epoch, validation and checkpoints included), the heap's
     * committed size and the collections.
     */
    public record Memory(String spec, List<Long> rssBytesPerEpoch, List<Long> anonymousBytesPerEpoch,
                         List<Long> heapBytesPerEpoch, List<Long> heapCommittedPerEpoch, List<Long> allocatedPerEpoch,
                         List<Double> secondsPerEpoch, long[] stepAllocations, int gcCount, double gcSeconds,
                         RunRecord run) {
        /** Growth from the end of epoch 2 to the last epoch. */
        public long growthAfterEpoch2() {
            return rssBytesPerEpoch.get(rssBytesPerEpoch.size() - 1) - rssBytesPerEpoch.get(1);
        }

        /** The same for anonymous memory only (heap, native allocations; not mapped library code). */
        public long anonymousGrowthAfterEpoch2() {
            return anonymousBytesPerEpoch.get(anonymousBytesPerEpoch.size() - 1) - anonymousBytesPerEpoch.get(1);
        }

        /** Median bytes one step (with its listeners) allocates on the trainer thread, epochs 2 on. */
        public long medianStepBytes() {
            long[] s = stepAllocations.clone();
            java.util.Arrays.sort(s);
            return s.length == 0 ? -1 : s[s.length / 2];
        }

        /** Mean bytes per step, epochs 2 on. */
        public double meanStepBytes() {
            return java.util.Arrays.stream(stepAllocations).average().orElse(Double.NaN);
        }

        /** Trainer-thread allocation rate over epochs 2 to the last, everything included (MB/s). */
        public double allocationMegabytesPerSecond() {
            long bytes = 0;
            double seconds = 0;
            for (int e = 1; e < allocatedPerEpoch.size(); e++) {
                bytes += allocatedPerEpoch.get(e);
                seconds += secondsPerEpoch.get(e);
            }
            return bytes / 1e6 / seconds;
        }

        /** Mean bytes an epoch allocates (steps, validation, checkpoints, files), epochs 2 on. */
        public double meanEpochBytes() {
            return allocatedPerEpoch.subList(1, allocatedPerEpoch.size()).stream().mapToLong(Long::longValue)
                    .average().orElse(Double.NaN);
        }
    }

    public static Memory memory(ExperimentSpec spec, Path baseDir, int epochs, Consumer<String> log)
            throws InterruptedException, IOException {
        ExperimentSpec s = spec.withTraining(spec.training().withEpochs(epochs));
        RunStore store = new RunStore(Files.createTempDirectory("trainbench-bench"));
        List<Long> rss = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        List<Long> committed = new ArrayList<>();
        List<Long> anonymous = new ArrayList<>();
        List<Long> allocated = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        // Room for every step after the first epoch; filled on the trainer thread without allocating.
        long[] steps = new long[1 << 16];
        int[] stepCount = {0};
        long[] marks = {-1, -1, 0, 0}; // last step's allocated bytes, epoch start bytes, epoch start nanos, epoch
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long gcBefore = gcCount();
        double gcSecondsBefore = gcSeconds();
        RunRecord r = ExperimentRunner.run(s, baseDir, store, null, new RunControl(),
                new ExperimentRunner.Hooks(e -> {
                    if (e instanceof TrainingEvent.RunStarted) {
                        marks[1] = threads.getCurrentThreadAllocatedBytes();
                        marks[2] = System.nanoTime();
                    } else if (e instanceof TrainingEvent.StepsAvailable) {
                        long now = threads.getCurrentThreadAllocatedBytes();
                        if (marks[0] >= 0 && marks[3] >= 1 && stepCount[0] < steps.length) {
                            steps[stepCount[0]++] = now - marks[0];
                        }
                        marks[0] = now;
                    } else if (e instanceof TrainingEvent.EpochEnded ee) {
                        long now = threads.getCurrentThreadAllocatedBytes();
                        long nanos = System.nanoTime();
                        allocated.add(now - marks[1]);
                        seconds.add((nanos - marks[2]) / 1e9);
                        long m = residentBytes();
                        Runtime rt = Runtime.getRuntime();
                        rss.add(m);
                        heap.add(rt.totalMemory() - rt.freeMemory());
                        committed.add(rt.totalMemory());
                        long anon = statusBytes("RssAnon:");
                        anonymous.add(anon);
                        log.accept(String.format(Locale.ROOT, "epoch %d: RSS %.1f MB (anonymous %.1f MB, file-backed %.1f MB),"
                                        + " Java heap used %.1f of %.1f MB committed; allocated %.1f MB in %.1f s",
                                ee.metrics().epoch(), m / 1e6, anon / 1e6, statusBytes("RssFile:") / 1e6,
                                heap.get(heap.size() - 1) / 1e6, rt.totalMemory() / 1e6,
                                allocated.get(allocated.size() - 1) / 1e6, seconds.get(seconds.size() - 1)));
                        marks[3] = ee.metrics().epoch();
                        // the next step is the first of an epoch: it also pays for the epoch's end
                        marks[0] = -1;
                        marks[1] = threads.getCurrentThreadAllocatedBytes();
                        marks[2] = System.nanoTime();
                    }
                }, h -> { }, w -> { }), TrainingLoop.Options.defaults());
        return new Memory(spec.name(), rss, anonymous, heap, committed, allocated, seconds,
                java.util.Arrays.copyOf(steps, stepCount[0]), (int) (gcCount() - gcBefore), gcSeconds() - gcSecondsBefore, r);
    }

    private static long gcCount() {
        long n = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static double gcSeconds() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms / 1000.0;
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
