package dev.trainbench.cli;

import dev.trainbench.data.DataFingerprint;
import dev.trainbench.data.DataFingerprinter;
import dev.trainbench.data.DatasetLoader;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.train.bench.Benchmarks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", description = "Benchmarks for BENCHMARKS.md: overhead (TrainBench vs a bare DJL loop), memory (RSS per epoch), startup (time to the first step), fingerprint (the data fingerprint's cost against loading the data).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "overhead|memory|startup|fingerprint", description = "Which benchmark.")
    String which;

    @Parameters(index = "1", paramLabel = "SPEC.json", arity = "0..1", description = "Spec to measure (default: examples/mnist-mlp.json).")
    Path specFile;

    @Option(names = "--epochs", description = "Epochs per measurement (default: 3 for overhead, 20 for memory).")
    Integer epochs;

    @Option(names = "--rounds", description = "Alternating bare/TrainBench rounds for overhead (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int rounds;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: all cores).")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--threads must be at least 1, was " + threads + " (leave it out to use every core)");
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
            case "overhead" -> {
                Benchmarks.Overhead o = Benchmarks.overhead(spec, base, epochs == null ? 3 : epochs, rounds, err::println);
                out.printf(Locale.ROOT, "overhead %s (median of %d rounds): wall-clock bare DJL %.0f, TrainBench %.0f samples/s"
                                + " = %.1f%%; trainer-thread CPU bare DJL %.0f, TrainBench %.0f samples/s = %.1f%%%n",
                        spec.name(), rounds, Benchmarks.Overhead.median(o.bareWall()), Benchmarks.Overhead.median(o.oursWall()),
                        100 * o.wallRatio(), Benchmarks.Overhead.median(o.bareCpu()), Benchmarks.Overhead.median(o.oursCpu()),
                        100 * o.cpuRatio());
            }
            case "memory" -> {
                Benchmarks.Memory m = Benchmarks.memory(spec, base, epochs == null ? 20 : epochs, err::println);
                out.printf(Locale.ROOT, "memory %s: RSS after epoch 2 %.1f MB, after epoch %d %.1f MB, growth %.1f MB"
                                + " (anonymous memory growth %.1f MB)%n",
                        spec.name(), m.rssBytesPerEpoch().get(1) / 1e6, m.rssBytesPerEpoch().size(),
                        m.rssBytesPerEpoch().get(m.rssBytesPerEpoch().size() - 1) / 1e6, m.growthAfterEpoch2() / 1e6,
                        m.anonymousGrowthAfterEpoch2() / 1e6);
            }
            case "startup" -> out.printf(Locale.ROOT, "startup %s: first training step %.2f s after JVM start%n",
                    spec.name(), Benchmarks.secondsToFirstStep(spec, base));
            case "fingerprint" -> fingerprint(spec, base, out, err);
            default -> throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "unknown benchmark '" + which + "': use overhead, memory, startup or fingerprint");
        }
        out.flush();
        return ExitCodes.OK;
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
