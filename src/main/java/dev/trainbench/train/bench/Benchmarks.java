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
     * One measured loop (bare or TrainBench), from the end of its first step to the end of its last:
     * wall seconds; CPU seconds of the loop's own thread, of the whole process (libtorch's workers,
     * the collector and the JIT included) and of the competing busy processes (NaN without them);
     * steps and samples; libtorch's intra-op thread count as the loop's thread saw it; and the
     * one-minute load average at the end.
     */
    public record Loop(double wallSeconds, double threadCpuSeconds, double processCpuSeconds, double competitorCpuSeconds,
                       long steps, long samples, int torchThreads, double loadAverage,
                       java.util.Map<String, Double> cpuByThread, long allocatedBytes, int collections) {
        /** Bytes the loop's thread allocated per step (the collector's work comes from this). */
        public double allocatedBytesPerStep() {
            return (double) allocatedBytes / steps;
        }

        public double samplesPerSecond() {
            return samples / wallSeconds;
        }

        /** Samples per CPU second of the loop's thread: what other load on the machine disturbs least. */
        public double samplesPerThreadCpuSecond() {
            return samples / threadCpuSeconds;
        }

        /** Samples per CPU second of the whole process (spinning workers and the collector cost too). */
        public double samplesPerProcessCpuSecond() {
            return samples / processCpuSeconds;
        }

        /** The share of a core the busy processes got while this loop ran (1 = a whole core). */
        public double competitorShare() {
            return competitorCpuSeconds / wallSeconds;
        }
    }

    /**
     * Throughput of the bare loop and of TrainBench (all metrics on), in alternating rounds (ABBA: the
     * bare loop first in even rounds, TrainBench first in odd ones, so a steady drift of the machine
     * favours neither), with the rounds' own ratios: the two loops of a round are adjacent in time.
     */
    public record Overhead(String spec, int epochs, int rounds, List<Loop> bare, List<Loop> ours, double loadBefore,
                           double loadAfter) {
        public List<Double> bareWall() {
            return bare.stream().map(Loop::samplesPerSecond).toList();
        }

        public List<Double> oursWall() {
            return ours.stream().map(Loop::samplesPerSecond).toList();
        }

        /** TrainBench / bare per round, wall clock. */
        public List<Double> wallRatios() {
            return ratios(Loop::samplesPerSecond);
        }

        /** TrainBench / bare per round, samples per CPU second of the loop's thread. */
        public List<Double> threadCpuRatios() {
            return ratios(Loop::samplesPerThreadCpuSecond);
        }

        /** TrainBench / bare per round, samples per CPU second of the whole process. */
        public List<Double> processCpuRatios() {
            return ratios(Loop::samplesPerProcessCpuSecond);
        }

        private List<Double> ratios(java.util.function.ToDoubleFunction<Loop> rate) {
            List<Double> r = new ArrayList<>();
            for (int i = 0; i < Math.min(bare.size(), ours.size()); i++) {
                r.add(rate.applyAsDouble(ours.get(i)) / rate.applyAsDouble(bare.get(i)));
            }
            return r;
        }

        /**
         * CPU seconds per 1,000 steps of each thread (by name, summed over the rounds), bare and
         * TrainBench side by side, the threads that used most first.
         */
        public List<String> cpuByThread() {
            java.util.Map<String, double[]> t = new java.util.TreeMap<>();
            long bareSteps = bare.stream().mapToLong(Loop::steps).sum();
            long oursSteps = ours.stream().mapToLong(Loop::steps).sum();
            bare.forEach(l -> l.cpuByThread().forEach((k, v) -> t.computeIfAbsent(k, x -> new double[2])[0] += v));
            ours.forEach(l -> l.cpuByThread().forEach((k, v) -> t.computeIfAbsent(k, x -> new double[2])[1] += v));
            return t.entrySet().stream()
                    .sorted((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                    .limit(8)
                    .map(e -> String.format(Locale.ROOT, "%s %.2f / %.2f", e.getKey(), 1000 * e.getValue()[0] / bareSteps,
                            1000 * e.getValue()[1] / oursSteps))
                    .toList();
        }

        /** Median over the rounds of each round's TrainBench / bare wall-clock ratio. */
        public double pairedWallRatio() {
            return median(wallRatios());
        }

        public static double median(List<Double> v) {
            return quantile(v, 0.5);
        }

        /** Linear-interpolated quantile (q = 0.25 and 0.75: the quartiles). */
        public static double quantile(List<Double> v, double q) {
            List<Double> s = v.stream().sorted().toList();
            int n = s.size();
            if (n == 0) {
                return Double.NaN;
            }
            double pos = q * (n - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(n - 1, lo + 1);
            return s.get(lo) + (pos - lo) * (s.get(hi) - s.get(lo));
        }
    }

    /**
     * The clocks of a measured loop, read after every step on the loop's thread (wall, thread CPU,
     * process CPU, allocated bytes: about a microsecond): each step's interval is added up, or left
     * out when it holds an epoch's turn (TrainBench validates, writes the checkpoint, the run record
     * and the epoch's files there; the bare loop does none of this), so both loops are timed over
     * the same steps of training proper. The competitors' CPU and the per-thread ticks are read only
     * at the start and the end (a /proc read per step would cost the loop).
     */
    private static final class Probe {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final CompetingLoad load;
        private long wallStart;
        private double competitor;
        private int torchThreads;
        private java.util.Map<String, Long> tasks;
        private long gcs;
        private long lastWall;
        private long lastThread;
        private long lastProcess;
        private long lastAllocated;
        private long wall;
        private long thread;
        private long process;
        private long allocated;
        private long steps;
        private long samples;
        private Loop loop;

        Probe(CompetingLoad load) {
            this.load = load;
        }

        /** On the loop's thread, after its first step. */
        void start() {
            tasks = taskTicks();
            gcs = gcCount();
            torchThreads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
            competitor = load == null ? Double.NaN : load.cpuSeconds();
            read();
            wallStart = lastWall;
        }

        private void read() {
            lastAllocated = THREADS.getCurrentThreadAllocatedBytes();
            lastProcess = OS.getProcessCpuTime();
            lastThread = THREADS.getCurrentThreadCpuTime();
            lastWall = System.nanoTime();
        }

        /** On the loop's thread, after each later step of {@code count} samples; {@code counted} false leaves its interval out. */
        void step(int count, boolean counted) {
            long w = lastWall;
            long t = lastThread;
            long p = lastProcess;
            long a = lastAllocated;
            read();
            if (counted) {
                wall += lastWall - w;
                thread += lastThread - t;
                process += lastProcess - p;
                allocated += lastAllocated - a;
                steps++;
                samples += count;
            }
        }

        /** After the loop. */
        void finish() {
            double c = load == null ? Double.NaN : load.cpuSeconds();
            double share = (c - competitor) / ((System.nanoTime() - wallStart) / 1e9);
            double seconds = wall / 1e9;
            java.util.Map<String, Long> after = taskTicks();
            java.util.Map<String, Double> byThread = new java.util.TreeMap<>();
            String self = selfTid();
            after.forEach((k, v) -> {
                long d = v - tasks.getOrDefault(k, 0L);
                if (d > 0) {
                    String tid = k.substring(0, k.indexOf(' '));
                    String name = k.substring(k.indexOf(' ') + 1);
                    // the JVM's unnamed native threads and libtorch's OpenMP workers are all "java"
                    String label = tid.equals(self) ? "loop thread" : name.equals("java") ? "native workers" : name;
                    byThread.merge(label, d / 100.0, Double::sum);
                }
            });
            loop = new Loop(seconds, thread / 1e9, process / 1e9, share * seconds, steps, samples, torchThreads,
                    loadAverage(), byThread, allocated, (int) (gcCount() - gcs));
        }
    }

    /**
     * CPU clock ticks (user + system) of every thread of this process, from /proc/self/task, keyed
     * "tid name" (the name as the kernel has it: the JVM names its threads, libtorch's OpenMP workers
     * are "java"). Empty off Linux.
     */
    static java.util.Map<String, Long> taskTicks() {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        try (var dirs = Files.list(Path.of("/proc/self/task"))) {
            for (Path d : dirs.toList()) {
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(d.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    /** The kernel's id of the calling thread (from /proc/thread-self), or "" off Linux. */
    static String selfTid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The one-minute load average (/proc/loadavg), NaN off Linux. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Rounds of both loops run before the measured ones. */
    static final int WARM_UP_ROUNDS = 2;

    public static Overhead overhead(ExperimentSpec spec, Path baseDir, int epochs, int rounds, Consumer<String> log)
            throws InterruptedException, IOException {
        return overhead(spec, baseDir, epochs, rounds, null, log);
    }

    /** The spec at {@code epochs}, its data, a scratch store, the load average before, after the warm-up. */
    private record Warm(ExperimentSpec spec, PreparedData data, RunStore store, double loadBefore) {
    }

    /**
     * Prepares both loops' measurement and runs the warm-up, not measured: the first runs pay for class
     * loading, libtorch's first allocations and the JIT, which goes on compiling TrainBench's listeners
     * for a few hundred steps (one warm-up round left the C2 compiler busy in the measured rounds).
     */
    private static Warm warmUp(ExperimentSpec spec, Path baseDir, int epochs) throws InterruptedException, IOException {
        ExperimentSpec s = spec.withTraining(spec.training().withEpochs(epochs));
        PreparedData data = DataPreparation.prepare(s, baseDir, w -> { });
        RunStore store = new RunStore(Files.createTempDirectory("trainbench-bench"));
        double loadBefore = loadAverage();
        for (int w = 0; w < WARM_UP_ROUNDS; w++) {
            bare(s, data, null);
            ours(s, baseDir, store, null, data.train().size());
        }
        return new Warm(s, data, store, loadBefore);
    }

    /**
     * @param load the competing busy processes running beside both loops (their CPU time is read
     *             around each loop), or null
     */
    public static Overhead overhead(ExperimentSpec spec, Path baseDir, int epochs, int rounds, CompetingLoad load,
                                    Consumer<String> log) throws InterruptedException, IOException {
        Warm warm = warmUp(spec, baseDir, epochs);
        ExperimentSpec s = warm.spec();
        PreparedData data = warm.data();
        RunStore store = warm.store();
        double loadBefore = warm.loadBefore();
        List<Loop> bare = new ArrayList<>();
        List<Loop> ours = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Loop b;
            Loop o;
            if (r % 2 == 0) {
                b = bare(s, data, load);
                o = ours(s, baseDir, store, load, data.train().size());
            } else {
                o = ours(s, baseDir, store, load, data.train().size());
                b = bare(s, data, load);
            }
            if (b.steps() != o.steps() || b.samples() != o.samples() || b.torchThreads() != o.torchThreads()) {
                throw new IllegalStateException(String.format(Locale.ROOT, "the loops differ: bare %d steps, %d samples,"
                        + " %d libtorch threads; TrainBench %d steps, %d samples, %d threads", b.steps(), b.samples(),
                        b.torchThreads(), o.steps(), o.samples(), o.torchThreads()));
            }
            bare.add(b);
            ours.add(o);
            log.accept(String.format(Locale.ROOT, "round %d (%s first, %d steps of %d samples each, libtorch threads %d,"
                            + " load average %.2f): wall bare %.0f, trainbench %.0f samples/s (%.1f%%); thread CPU %.1f%%;"
                            + " process CPU %.1f%%%s", r + 1, r % 2 == 0 ? "bare" : "TrainBench", b.steps(), b.samples(),
                    b.torchThreads(), o.loadAverage(), b.samplesPerSecond(), o.samplesPerSecond(),
                    100 * o.samplesPerSecond() / b.samplesPerSecond(),
                    100 * o.samplesPerThreadCpuSecond() / b.samplesPerThreadCpuSecond(),
                    100 * o.samplesPerProcessCpuSecond() / b.samplesPerProcessCpuSecond(),
                    load == null ? "" : String.format(Locale.ROOT, "; busy process got %.0f%% of a core during bare,"
                            + " %.0f%% during TrainBench", 100 * b.competitorShare(), 100 * o.competitorShare())));
        }
        return new Overhead(spec.name(), epochs, rounds, bare, ours, loadBefore, loadAverage());
    }

    /**
     * The two loops interleaved step by step in one thread: after each TrainBench step (inside its
     * listener chain) the bare loop takes one step, so both meet the same competition within a few
     * milliseconds; the machine's load, whatever it does, cancels in the ratio. TrainBench's time is
     * the rest of each interval between two bare steps (its step and all its listeners); steps whose
     * interval holds an epoch's end (validation, checkpoint) are left out of both sides.
     *
     * @param blockRatios TrainBench / bare speed over each block of {@value #BLOCK} paired steps
     */
    public record Interleaved(String spec, long pairs, double bareSeconds, double oursSeconds, double bareCpuSeconds,
                              double oursCpuSeconds, List<Double> blockRatios, int torchThreads, double competitorShare,
                              double loadBefore, double loadAfter) {
        public double wallRatio() {
            return bareSeconds / oursSeconds;
        }

        public double cpuRatio() {
            return bareCpuSeconds / oursCpuSeconds;
        }
    }

    static final int BLOCK = 100;

    public static Interleaved interleaved(ExperimentSpec spec, Path baseDir, int epochs, CompetingLoad load,
                                          Consumer<String> log) throws InterruptedException, IOException {
        Warm warm = warmUp(spec, baseDir, epochs);
        ExperimentSpec s = warm.spec();
        PreparedData data = warm.data();
        RunStore store = warm.store();
        double loadBefore = warm.loadBefore();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] t = new long[6]; // bare nanos, ours nanos, bare cpu, ours cpu, pairs, block start pair
        long[] block = new long[2];
        List<Double> blocks = new ArrayList<>();
        int[] torch = {0};
        double competitorBefore = load == null ? Double.NaN : load.cpuSeconds();
        long wallBefore = System.nanoTime();
        // one epoch more than TrainBench trains: the bare loop never runs out while TrainBench goes on
        try (BareDjlLoop bare = new BareDjlLoop(s, data.train(), epochs + 1)) {
            dev.trainbench.train.TrainingListener pacer = new dev.trainbench.train.TrainingListenerAdapter() {
                private long lastEnd = -1;
                private long lastEndCpu;
                private boolean skip = true;

                @Override
                public void onStep(dev.trainbench.train.StepMetrics step) {
                    long now = System.nanoTime();
                    long cpu = threads.getCurrentThreadCpuTime();
                    boolean counted = !skip && lastEnd >= 0;
                    skip = false;
                    bare.step();
                    long end = System.nanoTime();
                    long endCpu = threads.getCurrentThreadCpuTime();
                    if (counted) {
                        t[0] += end - now;
                        t[1] += now - lastEnd;
                        t[2] += endCpu - cpu;
                        t[3] += cpu - lastEndCpu;
                        t[4]++;
                        block[0] += end - now;
                        block[1] += now - lastEnd;
                        if (t[4] % BLOCK == 0) {
                            blocks.add((double) block[0] / block[1]);
                            block[0] = 0;
                            block[1] = 0;
                        }
                    } else if (torch[0] == 0) {
                        torch[0] = ai.djl.pytorch.jni.JniUtils.getNumThreads();
                    }
                    lastEnd = end;
                    lastEndCpu = endCpu;
                }

                @Override
                public void onEpochEnd(EpochMetrics epoch) {
                    // the next interval holds validation and the epoch's files
                    skip = true;
                }
            };
            ExperimentRunner.run(s, baseDir, store, null, new RunControl(),
                    new ExperimentRunner.Hooks(e -> { }, h -> { }, w -> { }, List.of(pacer)), TrainingLoop.Options.defaults());
        }
        double share = load == null ? Double.NaN
                : (load.cpuSeconds() - competitorBefore) / ((System.nanoTime() - wallBefore) / 1e9);
        Interleaved r = new Interleaved(spec.name(), t[4], t[0] / 1e9, t[1] / 1e9, t[2] / 1e9, t[3] / 1e9, blocks, torch[0],
                share, loadBefore, loadAverage());
        log.accept(String.format(Locale.ROOT, "interleaved %d paired steps: bare %.3f s, TrainBench %.3f s (wall); bare %.3f s,"
                + " TrainBench %.3f s (thread CPU)", r.pairs(), r.bareSeconds(), r.oursSeconds(), r.bareCpuSeconds(),
                r.oursCpuSeconds()));
        return r;
    }

    /**
     * How often each loop enters a parallel region per step (bare, TrainBench), counted by
     * {@code regions} (a counter of libgomp's {@code GOMP_parallel} calls, which
     * {@code bench/parallel-regions.sh} preloads): with two or more libtorch threads, each region ends
     * in a barrier where a thread descheduled by a competing process holds the others up. One epoch,
     * after a warm-up one; the first step of each is left out.
     */
    public static double[] parallelRegionsPerStep(ExperimentSpec spec, Path baseDir, java.util.function.LongSupplier regions)
            throws InterruptedException, IOException {
        ExperimentSpec s = spec.withTraining(spec.training().withEpochs(1));
        PreparedData data = DataPreparation.prepare(s, baseDir, w -> { });
        RunStore store = new RunStore(Files.createTempDirectory("trainbench-bench"));
        double[] out = new double[2];
        for (int round = 0; round < 2; round++) {
            long[] bare = new long[3];
            BareDjlLoop.samplesPerSecond(s, data.train(), 1, (end, steps, samples) -> {
                bare[end ? 1 : 0] = regions.getAsLong();
                bare[2] = steps;
            });
            long[] ours = new long[3];
            ExperimentRunner.run(s, baseDir, store, null, new RunControl(), new ExperimentRunner.Hooks(e -> {
                if (e instanceof TrainingEvent.StepsAvailable st) {
                    ours[st.size() == 1 ? 0 : 1] = regions.getAsLong();
                    ours[2] = st.size() - 1;
                }
            }, h -> { }, w -> { }), TrainingLoop.Options.defaults());
            out[0] = (bare[1] - bare[0]) / (double) bare[2];
            out[1] = (ours[1] - ours[0]) / (double) ours[2];
        }
        return out;
    }

    private static Loop bare(ExperimentSpec s, PreparedData data, CompetingLoad load) {
        Probe probe = new Probe(load);
        try (BareDjlLoop loop = new BareDjlLoop(s, data.train(), s.training().epochs())) {
            loop.step();
            probe.start();
            for (int count; (count = loop.step()) > 0; ) {
                probe.step(count, !loop.firstOfEpoch());
            }
        }
        probe.finish();
        return probe.loop;
    }

    /**
     * TrainBench's loop, timed from its first step's event to its last step's, leaving out each
     * epoch's turn (validation, checkpoint, files) with the first step after it, as for the bare loop.
     */
    private static Loop ours(ExperimentSpec s, Path baseDir, RunStore store, CompetingLoad load, int trainSize)
            throws InterruptedException, IOException {
        Probe probe = new Probe(load);
        int batch = s.training().batchSize();
        int perEpoch = (trainSize + batch - 1) / batch;
        ExperimentRunner.run(s, baseDir, store, null, new RunControl(),
                new ExperimentRunner.Hooks(e -> {
                    if (e instanceof TrainingEvent.StepsAvailable st) {
                        int index = st.size() - 1;
                        if (index == 0) {
                            probe.start();
                        } else {
                            int inEpoch = index % perEpoch;
                            int count = inEpoch == perEpoch - 1 ? trainSize - (perEpoch - 1) * batch : batch;
                            probe.step(count, inEpoch != 0);
                        }
                    }
                }, h -> { }, w -> { }), TrainingLoop.Options.defaults());
        probe.finish();
        return probe.loop;
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
