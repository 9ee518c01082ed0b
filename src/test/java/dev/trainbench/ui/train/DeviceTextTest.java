package dev.trainbench.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.TrainingSpec;
import dev.trainbench.train.EngineInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceTextTest {

    @Test
    void theGpuChoiceNamesTheGpuTrainingUsesWithItsMemory() {
        EngineInfo info = new EngineInfo("PyTorch", "2.7.1", "0.36.0",
                List.of(new EngineInfo.Gpu(0, 85_899_345_920L, "8.0"), new EngineInfo.Gpu(1, 85_899_345_920L, "8.0")), "12.8");
        assertEquals("GPU 0: 80.0 GiB, compute 8.0", DeviceText.converter(info).toString(TrainingSpec.Device.GPU));
        assertEquals("CPU", DeviceText.converter(info).toString(TrainingSpec.Device.CPU));
        String line = DeviceText.info(info);
        assertTrue(line.contains("GPU 1: 80.0 GiB") && line.contains("CUDA 12.8") && line.contains("CUDA_VISIBLE_DEVICES"), line);
    }

    @Test
    void withoutAGpuTheLineSaysWhyAndWhereToRead() {
        String line = DeviceText.info(new EngineInfo("PyTorch", "2.7.1", "0.36.0", List.of(), null));
        assertTrue(line.contains("no GPU") && line.contains("CPU build") && line.contains("README"), line);
    }
}
