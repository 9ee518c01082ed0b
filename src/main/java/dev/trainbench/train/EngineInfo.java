package dev.trainbench.train;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;

/** What the deep-learning engine reports about itself: shown at start and stored with every run. */
public record EngineInfo(String engine, String engineVersion, String djlVersion, int gpuCount, List<String> devices) {

    private static volatile EngineInfo cached;

    /** Loads the engine on first use (extracting libtorch into the DJL cache the first time, offline). */
    public static EngineInfo detect() {
        EngineInfo info = cached;
        if (info == null) {
            Engine engine = Engine.getEngine("PyTorch");
            List<String> devices = new ArrayList<>();
            devices.add("cpu");
            for (int i = 0; i < engine.getGpuCount(); i++) {
                devices.add("gpu" + i);
            }
            info = new EngineInfo(engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(),
                    engine.getGpuCount(), List.copyOf(devices));
            cached = info;
        }
        return info;
    }

    public String summary() {
        return engine + " " + engineVersion + " (DJL " + djlVersion + "), "
                + (gpuCount > 0 ? gpuCount + " GPU(s)" : "CPU only");
    }
}
