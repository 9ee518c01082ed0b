import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.train.bench.Benchmarks;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Parallel regions per training step of the bare DJL loop and of TrainBench's loop, counted by the
 * preloaded gomp_count.so (see bench/parallel-regions.sh):
 *   java -cp target/trainbench.jar bench/parallel-regions/ParallelRegions.java SPEC THREADS LIBRARY
 */
public class ParallelRegions {
    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", args[1]);
        com.sun.jna.Function count = com.sun.jna.NativeLibrary.getInstance(args[2]).getFunction("trainbench_parallel_regions");
        Path file = Path.of(args[0]);
        ExperimentSpec spec = SpecJson.read(file);
        double[] perStep = Benchmarks.parallelRegionsPerStep(spec, file.toAbsolutePath().getParent(),
                () -> count.invokeLong(new Object[0]));
        System.out.printf(Locale.ROOT, "parallel regions per step, %s, libtorch threads %s: bare DJL %.2f, TrainBench %.2f%n",
                spec.name(), args[1], perStep[0], perStep[1]);
        System.exit(0);
    }
}
