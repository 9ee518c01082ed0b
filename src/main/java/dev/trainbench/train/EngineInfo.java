package dev.trainbench.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the deep-learning engine reports about itself: shown at start (the status bar, the Train
 * view's device list) and stored with every run ({@code versions.devices}).
 *
 * @param gpus each GPU the engine sees, in device order; empty on the CPU build or without a GPU
 * @param cudaVersion the CUDA runtime version ("12.8"), or null when there is no CUDA runtime
 */
public record EngineInfo(String engine, String engineVersion, String djlVersion, List<Gpu> gpus, String cudaVersion) {

    /**
     * One GPU as the engine sees it.
     *
     * @param index the CUDA device index (what {@code training.device: "gpu"} uses is index 0)
     * @param memoryBytes total device memory, or -1 when the CUDA runtime cannot say
     * @param computeCapability e.g. "9.0", or null when unknown
     */
    public record Gpu(int index, long memoryBytes, String computeCapability) {
        /** "GPU 0: 79.6 GiB, compute 9.0" (parts that are unknown are left out). */
        public String describe() {
            StringBuilder s = new StringBuilder("GPU ").append(index);
            List<String> parts = new ArrayList<>();
            if (memoryBytes > 0) {
                parts.add(String.format(Locale.ROOT, "%.1f GiB", memoryBytes / (double) (1L << 30)));
            }
            if (computeCapability != null) {
                parts.add("compute " + computeCapability);
            }
            if (!parts.isEmpty()) {
                s.append(": ").append(String.join(", ", parts));
            }
            return s.toString();
        }
    }

    public EngineInfo {
        gpus = List.copyOf(gpus);
    }

    private static volatile EngineInfo cached;

    /** Loads the engine on first use (extracting libtorch into the DJL cache the first time, offline). */
    public static EngineInfo detect() {
        EngineInfo info = cached;
        if (info == null) {
            Engine engine = Engine.getEngine("PyTorch");
            int count = engine.getGpuCount();
            List<Gpu> gpus = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                gpus.add(new Gpu(i, gpuMemory(i), computeCapability(i)));
            }
            info = new EngineInfo(engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(), gpus,
                    count > 0 ? detectCudaVersion() : null);
            cached = info;
        }
        return info;
    }

    public int gpuCount() {
        return gpus.size();
    }

    /** The device names runs record: "cpu", "gpu0", "gpu1", ... */
    public List<String> devices() {
        List<String> d = new ArrayList<>();
        d.add("cpu");
        gpus.forEach(g -> d.add("gpu" + g.index()));
        return List.copyOf(d);
    }

    /** One line for the status bar: "PyTorch 2.7.1 (DJL 0.36.0), CPU only" or "..., CUDA 12.8, 2 GPUs". */
    public String summary() {
        String head = engine + " " + engineVersion + " (DJL " + djlVersion + "), ";
        if (gpus.isEmpty()) {
            return head + "CPU only";
        }
        return head + (cudaVersion == null ? "" : "CUDA " + cudaVersion + ", ") + gpus.size()
                + (gpus.size() == 1 ? " GPU" : " GPUs");
    }

    /**
     * What a run records about the devices it could use ({@code versions.devices} in run.json): "cpu"
     * or "cpu; GPU 0: 79.6 GiB, compute 9.0; CUDA 12.8".
     */
    public String devicesDescription() {
        if (gpus.isEmpty()) {
            return "cpu";
        }
        StringBuilder s = new StringBuilder("cpu");
        gpus.forEach(g -> s.append("; ").append(g.describe()));
        if (cudaVersion != null) {
            s.append("; CUDA ").append(cudaVersion);
        }
        return s.toString();
    }

    // The CUDA runtime queries go through DJL's CudaUtils (JNA on libcudart); a libtorch that bundles its
    // own runtime under a name CudaUtils does not find leaves memory and capability unknown, never fails.
    private static long gpuMemory(int index) {
        try {
            MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(index));
            return m.getMax();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    private static String computeCapability(int index) {
        try {
            String cc = CudaUtils.getComputeCapability(index); // "90" for 9.0
            return cc == null || cc.length() < 2 ? cc : cc.substring(0, cc.length() - 1) + "." + cc.substring(cc.length() - 1);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static String detectCudaVersion() {
        try {
            int v = CudaUtils.getCudaVersion(); // e.g. 12080 for 12.8
            return v <= 0 ? null : (v / 1000) + "." + (v % 1000) / 10;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
