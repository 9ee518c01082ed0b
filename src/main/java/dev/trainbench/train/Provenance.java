package dev.trainbench.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** Versions stored with every run, so that a result can be traced to what produced it. */
final class Provenance {

    private Provenance() {
    }

    static Map<String, String> versions() {
        EngineInfo engine = EngineInfo.detect();
        Map<String, String> v = new LinkedHashMap<>();
        String own = Provenance.class.getPackage().getImplementationVersion();
        v.put("trainbench", own == null ? "dev" : own);
        v.put("djl", engine.djlVersion());
        v.put("engine", engine.engine() + " " + engine.engineVersion());
        v.put("devices", engine.devicesDescription());
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return v;
    }
}
