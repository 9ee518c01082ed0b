package dev.trainbench.diagnose;

import dev.trainbench.model.LayerInfo;
import dev.trainbench.model.ModelSummary;
import dev.trainbench.model.ShapeInference;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.OptimizerSpec;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * How much memory a run will need, from the shapes alone, before anything is built: the
 * parameters with their gradients and optimizer state, the activations of a training batch (kept
 * for the backward pass, with their gradients) and of a validation batch, the data held in memory,
 * and a fixed allowance for the engine and the JVM. Float32 throughout. It is an estimate, meant
 * to catch the model or batch that cannot possibly fit (a dense layer of a billion units) before
 * the operating system kills the process, not to predict the last megabyte.
 *
 * @param parameters      trainable parameters
 * @param parameterBytes  weights, gradients, optimizer state and one update's temporary
 * @param activationBytes activations of one training batch (forward, backward) or one validation batch, whichever is larger
 * @param dataBytes       the data set's features in memory (raw and preprocessed)
 * @param fixedBytes      engine (libtorch) and JVM
 * @param batchSize       the training batch the estimate is for
 * @param machineBytes    the machine's memory (physical, or the container's limit)
 * @param perSampleActivationBytes activations of one sample through the whole stack
 * @param validationBytes activations of one validation batch
 * @param largestLayerIndex index in {@code model.layers} of the layer with the most parameters, -1 if none
 * @param largestLayerParameters its parameters
 * @param inputShape      the shape of one sample
 * @param outputs         output units
 * @param samples         samples of the whole data set
 */
public record MemoryEstimate(long parameters, double parameterBytes, double activationBytes, double dataBytes,
                             double fixedBytes, int batchSize, double machineBytes, double perSampleActivationBytes,
                             double validationBytes, int largestLayerIndex, long largestLayerParameters,
                             int[] inputShape, int outputs, long samples) {

    /** The engine's native libraries and the JVM itself. */
    public static final double FIXED_BYTES = 600e6;
    /** Above this share of the machine's memory the run is refused. */
    public static final double REFUSE_SHARE = 0.9;
    /** Above this share a warning: little room for anything else. */
    public static final double WARN_SHARE = 0.5;
    /** Validation batch size of the training loop. */
    public static final int EVAL_BATCH = 512;
    /** System property that overrides the machine's memory (bytes), for tests and shared machines. */
    public static final String MACHINE_PROPERTY = "trainbench.memoryBytes";

    /**
     * @param inputShape the shape of one sample
     * @param outputs    output units (classes or targets)
     * @param samples    samples of the whole data set (train, validation and test)
     */
    public static MemoryEstimate of(ExperimentSpec spec, int[] inputShape, int outputs, long samples) {
        return of(spec, inputShape, outputs, samples, spec.training().batchSize(), machineMemory());
    }

    public static MemoryEstimate of(ExperimentSpec spec, int[] inputShape, int outputs, long samples, int batch,
                                    double machineBytes) {
        ModelSummary summary = ShapeInference.infer(spec.model().layers(), inputShape, outputs);
        long p = summary.totalParameters();
        OptimizerSpec opt = spec.training().optimizer();
        int state = switch (opt.type()) {
            case ADAM, ADAMW -> 2;
            case RMSPROP -> 1;
            case SGD -> opt.momentumOrDefault() > 0 ? 1 : 0;
        };
        double paramBytes = 4.0 * p * (3 + state);
        double perSample = 0;
        long elements = 1;
        for (int d : inputShape) {
            elements *= d;
        }
        perSample += elements;
        List<LayerInfo> rows = summary.layers();
        int largest = -1;
        long largestParams = 0;
        List<LayerSpec> layers = spec.model().layers();
        for (int i = 0; i < rows.size(); i++) {
            LayerInfo row = rows.get(i);
            if (row.outputShape() == null) {
                continue;
            }
            long n = 1;
            for (int d : row.outputShape()) {
                n *= d;
            }
            int copies = i < layers.size() && layers.get(i).type() == LayerSpec.Type.RESIDUAL
                    ? layers.get(i).body().size() + 1 : 1;
            perSample += (double) n * copies;
            if (i < layers.size() && row.parameters() > largestParams) {
                largestParams = row.parameters();
                largest = i;
            }
        }
        double perSampleBytes = 4.0 * perSample;
        double training = batch * perSampleBytes * 3;
        double validation = Math.min(EVAL_BATCH, Math.max(1, samples)) * perSampleBytes;
        double data = 4.0 * elements * samples * 2;
        return new MemoryEstimate(p, paramBytes, Math.max(training, validation), data, FIXED_BYTES, batch, machineBytes,
                perSampleBytes, validation, largest, largestParams, inputShape.clone(), outputs, samples);
    }

    /** The same estimate for another spec on the same data and machine (e.g. with a fix applied). */
    public MemoryEstimate forSpec(ExperimentSpec other) {
        return of(other, inputShape, outputs, samples, other.training().batchSize(), machineBytes);
    }

    /** The machine's memory: {@value #MACHINE_PROPERTY} if set, else the physical memory (or the container's limit). */
    public static double machineMemory() {
        String prop = System.getProperty(MACHINE_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            try {
                return Double.parseDouble(prop.strip());
            } catch (NumberFormatException ignored) {
                // fall through to the real value
            }
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) {
                return total;
            }
        }
        return Runtime.getRuntime().maxMemory() * 4.0;
    }

    public double totalBytes() {
        return parameterBytes + activationBytes + dataBytes + fixedBytes;
    }

    public double share() {
        return totalBytes() / machineBytes;
    }

    /** Cannot fit: refuse to start. */
    public boolean refused() {
        return totalBytes() > REFUSE_SHARE * machineBytes;
    }

    /** Fits, but takes most of the machine. */
    public boolean tight() {
        return !refused() && totalBytes() > WARN_SHARE * machineBytes;
    }

    /** The largest power-of-two batch (at most the current one) whose estimate stays under the warning share; 0 if none. */
    public int batchThatFits() {
        double budget = WARN_SHARE * machineBytes - parameterBytes - dataBytes - fixedBytes;
        if (budget <= 0) {
            return 0;
        }
        for (int b = Integer.highestOneBit(Math.max(1, batchSize)); b >= 1; b /= 2) {
            double act = Math.max(b * perSampleActivationBytes * 3, validationBytes);
            if (act <= budget) {
                return b;
            }
        }
        return 0;
    }

    /** The estimate in words: total, then the parts. */
    public String describe() {
        return String.format(Locale.ROOT, "about %s (parameters with gradients and optimizer state %s for %,d parameters,"
                        + " activations %s at batch %d, data %s, engine and JVM %s)", bytes(totalBytes()),
                bytes(parameterBytes), parameters, bytes(activationBytes), batchSize, bytes(dataBytes), bytes(fixedBytes));
    }

    public static String bytes(double b) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        while (b >= 1000 && u < units.length - 1) {
            b /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, b >= 100 || u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
    }
}
