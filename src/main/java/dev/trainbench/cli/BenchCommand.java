package dev.trainbench.cli;

import dev.trainbench.data.DataFingerprint;
import dev.trainbench.data.DataFingerprinter;
import dev.trainbench.data.DatasetLoader;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.train.bench.Benchmarks;
import dev.trainbench.train.bench.CompetingLoad;
import dev.trainbench.train.bench.WindowStartup;
import java.util.LinkedHashMap;
import java.util.Map;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", description = "Benchmarks for BENCHMARKS.md: overhead (TrainBench vs a bare DJL loop), memory (RSS per epoch), startup (time to the first step, and launch to the mapped GUI window with java -jar and ./trainbench), fingerprint (the data fingerprint's cost against loading the data), list (listing a workspace of --runs synthetic runs), long (a --steps run of a tiny model in the GUI under Xvfb: live chart frame times and RSS at 10k, 100k and 1M points).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "overhead|memory|startup|fingerprint|list|long", description = "Which benchmark.")
    String which;

    @Parameters(index = "1", paramLabel = "SPEC.json", arity = "0..1", description = "Spec to measure (default: examples/mnist-mlp.json; bench/long-run.json for long).")
    Path specFile;

    @Option(names = "--epochs", description = "Epochs per measurement (default: 2 per loop for overhead, 20 for memory).")
    Integer epochs;

    @Option(names = "--rounds", description = "Rounds: alternating bare/TrainBench pairs for overhead (default: 15),"
            + " launches per way for startup, load/fingerprint pairs for fingerprint (default: 3).")
    Integer roundsOption;

    int rounds;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: all cores).")
    Integer threads;

    @Option(names = "--runs", paramLabel = "N", description = "list: synthetic runs to write (default: ${DEFAULT-VALUE}).",
            defaultValue = "10000")
    int runs;

    @Option(names = "--dir", paramLabel = "DIR", description = "list: the workspace to write them into (default: a new"
            + " temporary folder, deleted afterwards); an existing workspace of synthetic runs is listed as it is.")
    Path dir;

    @Option(names = "--load", paramLabel = "N", description = "overhead: run both loops beside N busy processes"
            + " (pinned to cores 0..N-1 with taskset), a fixed competing load (default: none).", defaultValue = "0")
    int load;

    @Option(names = "--steps", paramLabel = "N", description = "long: steps to train (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000000")
    long steps;

    @Option(names = "--interleave", description = "overhead: also interleave the two loops step by step in one thread"
            + " (a bare step after each TrainBench step), so that both meet exactly the same competition.")
    boolean interleave;

    @Option(names = "--no-window", description = "startup: skip launching the GUI to time its window.")
    boolean noWindow;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        rounds = roundsOption != null ? roundsOption : which.equals("overhead") ? 15 : 3;
        if (rounds < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--rounds must be at least 1, was " + rounds);
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--threads must be at least 1, was " + threads + " (leave it out to use every core)");
        }
        if (which.equals("list")) {
            return list();
        }
        if (which.equals("long")) {
            return longRun();
        }
        if (threads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
        }
        Path file = specFile == null ? Path.of("examples", "mnist-mlp.json") : specFile;
        ExperimentSpec spec = SpecJson.read(file);
        Path base = file.toAbsolutePath().getParent();
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        switch (which) {
            case "overhead" -> overhead(spec, base, out, err);
            case "memory" -> {
                Benchmarks.Memory m = Benchmarks.memory(spec, base, epochs == null ? 20 : epochs, err::println);
                out.printf(Locale.ROOT, "memory %s: RSS after epoch 2 %.1f MB, after epoch %d %.1f MB, growth %.1f MB"
                                + " (anonymous memory growth %.1f MB); heap committed %.0f -> %.0f MB; trainer thread"
                                + " allocates %.1f KB per step (median; mean %.1f KB), %.2f MB per epoch, %.1f MB/s;"
                                + " %d collections, %.2f s%n",
                        spec.name(), m.rssBytesPerEpoch().get(1) / 1e6, m.rssBytesPerEpoch().size(),
                        m.rssBytesPerEpoch().get(m.rssBytesPerEpoch().size() - 1) / 1e6, m.growthAfterEpoch2() / 1e6,
                        m.anonymousGrowthAfterEpoch2() / 1e6, m.heapCommittedPerEpoch().get(1) / 1e6,
                        m.heapCommittedPerEpoch().get(m.heapCommittedPerEpoch().size() - 1) / 1e6,
                        m.medianStepBytes() / 1e3, m.meanStepBytes() / 1e3, m.meanEpochBytes() / 1e6,
                        m.allocationMegabytesPerSecond(), m.gcCount(), m.gcSeconds());
            }
            case "startup" -> {
                out.printf(Locale.ROOT, "startup %s: first training step %.2f s after JVM start%n",
                        spec.name(), Benchmarks.secondsToFirstStep(spec, base));
                out.flush();
                if (!noWindow) {
                    window(out, err);
                }
            }
            case "fingerprint" -> fingerprint(spec, base, out, err);
            default -> throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "unknown benchmark '" + which + "': use overhead, memory, startup, fingerprint, list or long");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * TrainBench's loop against the bare DJL loop, in alternating rounds, quiet or beside {@code --load}
     * busy processes pinned to cores; prints the rounds' ratios with their spread, by wall clock and by
     * CPU time, with the load average and what the busy processes really got.
     */
    private void overhead(ExperimentSpec spec, Path base, PrintWriter out, PrintWriter err) throws Exception {
        int perLoop = epochs == null ? 2 : epochs;
        Benchmarks.Overhead o;
        String under = "";
        List<String> placement = List.of();
        if (load > 0) {
            try (CompetingLoad l = CompetingLoad.start(load)) {
                under = String.format(Locale.ROOT, " beside %d busy process%s%s", load, load == 1 ? "" : "es",
                        l.pinned() ? " pinned to core 0" + (load > 1 ? ".." + (load - 1) : "") : " (not pinned: no taskset)");
                o = Benchmarks.overhead(spec, base, perLoop, rounds, l, err::println);
                placement = l.placement();
            }
        } else {
            o = Benchmarks.overhead(spec, base, perLoop, rounds, null, err::println);
        }
        Benchmarks.Interleaved il = null;
        if (interleave) {
            if (load > 0) {
                try (CompetingLoad l = CompetingLoad.start(load)) {
                    il = Benchmarks.interleaved(spec, base, Math.max(perLoop, 4), l, err::println);
                }
            } else {
                il = Benchmarks.interleaved(spec, base, Math.max(perLoop, 4), null, err::println);
            }
        }
        Benchmarks.Loop first = o.bare().get(0);
        out.printf(Locale.ROOT, "overhead %s%s, libtorch threads %d, %d alternating rounds of %d epochs per loop (%d steps"
                        + " of batch %d), load average %.2f before, %.2f after:%n", spec.name(), under, first.torchThreads(),
                rounds, perLoop, first.steps(), spec.training().batchSize(), o.loadBefore(), o.loadAfter());
        out.printf(Locale.ROOT, "  wall clock: bare DJL %.0f, TrainBench %.0f samples/s (medians); TrainBench / bare per round:"
                + " %s%n", Benchmarks.Overhead.median(o.bareWall()), Benchmarks.Overhead.median(o.oursWall()),
                spread(o.wallRatios()));
        out.printf(Locale.ROOT, "  trainer-thread CPU: TrainBench / bare per round: %s%n", spread(o.threadCpuRatios()));
        out.printf(Locale.ROOT, "  process CPU (all threads): TrainBench / bare per round: %s%n", spread(o.processCpuRatios()));
        out.printf(Locale.ROOT, "  CPU seconds per 1,000 steps by thread, bare / TrainBench: %s%n", String.join(", ", o.cpuByThread()));
        out.printf(Locale.ROOT, "  the loop thread allocated %.1f / %.1f KB per step (bare / TrainBench, medians); collections"
                        + " during the measured loops: %d / %d%n",
                Benchmarks.Overhead.median(o.bare().stream().map(Benchmarks.Loop::allocatedBytesPerStep).toList()) / 1e3,
                Benchmarks.Overhead.median(o.ours().stream().map(Benchmarks.Loop::allocatedBytesPerStep).toList()) / 1e3,
                o.bare().stream().mapToInt(Benchmarks.Loop::collections).sum(),
                o.ours().stream().mapToInt(Benchmarks.Loop::collections).sum());
        if (il != null) {
            out.printf(Locale.ROOT, "  interleaved step by step (%d paired steps, libtorch threads %d, load average %.2f before,"
                            + " %.2f after%s): TrainBench / bare %.1f%% by wall clock, %.1f%% by thread CPU; per block of %d"
                            + " pairs: %s%n", il.pairs(), il.torchThreads(), il.loadBefore(), il.loadAfter(),
                    load > 0 ? String.format(Locale.ROOT, ", busy process at %.0f%% of a core", 100 * il.competitorShare()) : "",
                    100 * il.wallRatio(), 100 * il.cpuRatio(), 100, spread(il.blockRatios()));
        }
        if (load > 0) {
            out.printf(Locale.ROOT, "  the busy process%s got %.0f%% of a core during the bare loops, %.0f%% during TrainBench's"
                            + " (medians); %s%n", load == 1 ? "" : "es",
                    100 * Benchmarks.Overhead.median(o.bare().stream().map(Benchmarks.Loop::competitorShare).toList()),
                    100 * Benchmarks.Overhead.median(o.ours().stream().map(Benchmarks.Loop::competitorShare).toList()),
                    String.join("; ", placement));
        }
    }

    /** "median 97.1% (quartiles 94.0-99.2%, range 88.3-104.0%, 15 rounds)". */
    private static String spread(List<Double> ratios) {
        return String.format(Locale.ROOT, "median %.1f%% (quartiles %.1f-%.1f%%, range %.1f-%.1f%%, %d rounds)",
                100 * Benchmarks.Overhead.median(ratios), 100 * Benchmarks.Overhead.quantile(ratios, 0.25),
                100 * Benchmarks.Overhead.quantile(ratios, 0.75), 100 * Benchmarks.Overhead.quantile(ratios, 0),
                100 * Benchmarks.Overhead.quantile(ratios, 1), ratios.size());
    }

    /**
     * Lists a workspace of synthetic runs: the first list of a fresh store (no index yet: every
     * run.json is read and the index written), then five more, each in a new store as a new process
     * would, reporting each; then again after 10 runs changed.
     */
    private int list() throws Exception {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        Path ws = dir != null ? dir : Files.createTempDirectory("trainbench-list-bench");
        try {
            if (!Files.isDirectory(ws.resolve("runs"))) {
                err.printf(Locale.ROOT, "writing %d synthetic runs into %s%n", runs, ws);
                double s = ListBenchmark.generate(ws, runs, err);
                err.printf(Locale.ROOT, "written in %.1f s%n", s);
            }
            double[] first = ListBenchmark.timeList(ws);
            out.printf(Locale.ROOT, "list %d runs: first list %.3f s%n", (int) first[1], first[0]);
            List<Double> again = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                again.add(ListBenchmark.timeList(ws)[0]);
            }
            out.printf(Locale.ROOT, "list %d runs: next lists %s s (median %.3f s)%n", (int) first[1], again.stream()
                    .map(v -> String.format(Locale.ROOT, "%.3f", v)).toList(), again.stream().sorted().toList().get(2));
        } finally {
            if (dir == null) {
                try (var files = Files.walk(ws)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Launch to the mapped main window, as a user starts the app: {@code java -jar} with no flags and
     * the {@code ./trainbench} launcher, alternating, each a fresh process on an empty workspace (under
     * a private Xvfb when there is no display).
     */
    private void window(PrintWriter out, PrintWriter err) throws Exception {
        String missing = WindowStartup.unavailable();
        Path jar = ownJar();
        if (missing != null || jar == null) {
            out.println("startup window: not measured (" + (missing != null ? missing
                    : "not running from target/trainbench.jar") + ")");
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, List<String>> ways = new LinkedHashMap<>();
        ways.put("java -jar", List.of(java, "-jar", jar.toString()));
        Path launcher = jar.getParent().getParent().resolve("trainbench");
        if (Files.isExecutable(launcher) && jar.getParent().getFileName().toString().equals("target")) {
            ways.put("./trainbench", List.of(launcher.toString()));
        }
        Map<String, List<WindowStartup.Launch>> times = WindowStartup.alternate(ways, jar.getParent().getParent(),
                rounds, err::println);
        for (var e : times.entrySet()) {
            List<Double> t = e.getValue().stream().map(WindowStartup.Launch::seconds).toList();
            List<Double> cpu = e.getValue().stream().map(WindowStartup.Launch::cpuSeconds).toList();
            List<Double> frame = e.getValue().stream().map(WindowStartup.Launch::firstFrameSeconds).toList();
            List<Double> all = e.getValue().stream().map(WindowStartup.Launch::allScreensSeconds).toList();
            List<Double> allCpu = e.getValue().stream().map(WindowStartup.Launch::allScreensCpuSeconds).toList();
            out.printf(Locale.ROOT, "startup window (%s, launch to window mapped): median %.2f s (min %.2f, max %.2f)"
                    + " over %d alternating rounds; the process's CPU time by then: median %.2f s; its first frame on the"
                    + " screen: median %.2f s; every screen built (and the engine, data and runs loading in the background):"
                    + " median %.2f s, %.2f CPU s%n", e.getKey(),
                    Benchmarks.Overhead.median(t), t.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    t.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), t.size(),
                    Benchmarks.Overhead.median(cpu), Benchmarks.Overhead.median(frame), Benchmarks.Overhead.median(all),
                    Benchmarks.Overhead.median(allCpu));
        }
    }

    /**
     * A long run in the GUI, as a user watches it: the workbench in a new process (plain JVM, no flags)
     * on this display or a private Xvfb, training the spec with the Train screen's live charts showing;
     * the process reports the charts' frame times and its RSS at 10k, 100k and 1M points (see
     * {@code ui/bench/LongRunBenchmark}).
     */
    private int longRun() throws Exception {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        if (steps < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--steps must be at least 1, was " + steps);
        }
        Path file = specFile == null ? Path.of("bench", "long-run.json") : specFile;
        SpecJson.read(file); // a bad spec gets its message here, not from the child
        String missing = System.getenv("DISPLAY") == null && WindowStartup.unavailable() != null
                ? WindowStartup.unavailable() : null;
        Path jar = ownJar();
        if (missing != null || jar == null) {
            out.println("long run: not measured (" + (missing != null ? missing : "not running from target/trainbench.jar") + ")");
            out.flush();
            return ExitCodes.OK;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (WindowStartup display = WindowStartup.open()) {
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", jar.toString(), "dev.trainbench.ui.bench.LongRunBenchmark",
                    file.toAbsolutePath().toString(), Long.toString(steps));
            pb.environment().put("DISPLAY", display.display());
            pb.redirectErrorStream(false);
            Process p = pb.start();
            // killed (Ctrl+C), the benchmark takes its GUI process and its Xvfb with it
            Thread cleanup = new Thread(() -> {
                p.destroyForcibly();
                display.close();
            }, "long-run-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            Thread errors = new Thread(() -> forward(p.getErrorStream(), err), "long-run-stderr");
            errors.setDaemon(true);
            errors.start();
            forward(p.getInputStream(), out);
            int code = p.waitFor();
            errors.join(5000);
            Runtime.getRuntime().removeShutdownHook(cleanup);
            return code == 0 ? ExitCodes.OK : code;
        }
    }

    private static void forward(java.io.InputStream in, PrintWriter to) {
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                to.println(line);
                to.flush();
            }
        } catch (java.io.IOException e) {
            to.println("(output lost: " + e.getMessage() + ")");
        }
    }

    /** The jar this program runs from, or null when it runs from classes. */
    private static Path ownJar() {
        try {
            Path p = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p.toAbsolutePath() : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The data fingerprint's cost against loading the same data, alternating load and fingerprint
     * each round (so both see the same cache and machine load), medians over the rounds after a
     * first warm-up round. Run right after loading, as training does, the files are in the cache.
     */
    private void fingerprint(ExperimentSpec spec, Path base, PrintWriter out, PrintWriter err) {
        List<Double> load = new ArrayList<>();
        List<Double> hash = new ArrayList<>();
        DataFingerprint fp = null;
        for (int i = 0; i <= rounds; i++) {
            long t0 = System.nanoTime();
            DatasetLoader.load(spec.data(), base, spec.seed());
            long t1 = System.nanoTime();
            fp = DataFingerprinter.of(spec, base);
            long t2 = System.nanoTime();
            if (i > 0) {
                load.add((t1 - t0) / 1e6);
                hash.add((t2 - t1) / 1e6);
            }
            err.printf(Locale.ROOT, "round %d%s: load %.1f ms, fingerprint %.1f ms%n", i, i == 0 ? " (warm-up)" : "",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
        long bytes = fp.sources().stream().mapToLong(s -> s.bytes() == null ? 0 : s.bytes()).sum();
        int files = fp.sources().stream().mapToInt(s -> s.files() == null ? 0 : s.files()).sum();
        double l = Benchmarks.Overhead.median(load);
        double h = Benchmarks.Overhead.median(hash);
        out.printf(Locale.ROOT, "fingerprint %s (%s): %d files, %.1f MB hashed; median of %d rounds: load %.1f ms,"
                + " fingerprint %.1f ms (%.1f%% of the load, %.0f MB/s)%n", spec.name(), spec.data().label(), files, bytes / 1e6,
                rounds, l, h, 100 * h / l, bytes / 1e6 / (h / 1e3));
    }
}
