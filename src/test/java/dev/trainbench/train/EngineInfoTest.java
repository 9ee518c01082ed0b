package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineInfoTest {

    private static final EngineInfo TWO_GPUS = new EngineInfo("PyTorch", "2.7.1", "0.36.0",
            List.of(new EngineInfo.Gpu(0, 150_000_000_000L, "9.0"), new EngineInfo.Gpu(1, -1, null)), "12.8");

    @Test
    void eachGpuIsDescribedWithItsMemoryAndComputeCapability() {
        assertEquals("GPU 0: 139.7 GiB, compute 9.0", TWO_GPUS.gpus().get(0).describe());
        assertEquals("GPU 1", TWO_GPUS.gpus().get(1).describe(), "unknown facts are left out, not shown as -1");
    }

    @Test
    void theRunRecordsEveryDeviceTheEngineSaw() {
        assertEquals("cpu; GPU 0: 139.7 GiB, compute 9.0; GPU 1; CUDA 12.8", TWO_GPUS.devicesDescription());
        assertEquals(List.of("cpu", "gpu0", "gpu1"), TWO_GPUS.devices());
        assertEquals("PyTorch 2.7.1 (DJL 0.36.0), CUDA 12.8, 2 GPUs", TWO_GPUS.summary());
    }

    @Test
    void theCpuBuildReportsNoGpuAndRecordsCpuOnly() {
        EngineInfo info = EngineInfo.detect();
        assertEquals(0, info.gpuCount(), "this project ships the CPU libtorch");
        assertEquals("cpu", info.devicesDescription());
        assertTrue(info.summary().endsWith("CPU only"), info.summary());
        assertEquals("cpu", Provenance.versions().get("devices"), "every run records the devices");
    }
}
