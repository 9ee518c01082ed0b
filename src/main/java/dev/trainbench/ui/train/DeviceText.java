package dev.trainbench.ui.train;

import dev.trainbench.spec.TrainingSpec;
import dev.trainbench.train.EngineInfo;
import javafx.util.StringConverter;

/** How the Train view names the devices the engine reports: each GPU with its memory. */
final class DeviceText {

    private DeviceText() {
    }

    /** CPU as "CPU"; GPU as the GPU training would use ("GPU 0: 79.6 GiB, compute 9.0"). */
    static StringConverter<TrainingSpec.Device> converter(EngineInfo info) {
        return new StringConverter<>() {
            @Override
            public String toString(TrainingSpec.Device d) {
                if (d == null) {
                    return "";
                }
                if (d == TrainingSpec.Device.CPU) {
                    return "CPU";
                }
                return info == null || info.gpus().isEmpty() ? "GPU" : info.gpus().get(0).describe();
            }

            @Override
            public TrainingSpec.Device fromString(String s) {
                return s != null && s.startsWith("GPU") ? TrainingSpec.Device.GPU : TrainingSpec.Device.CPU;
            }
        };
    }

    /** The line under the device list: what the engine sees, and what to do when it sees no GPU. */
    static String info(EngineInfo info) {
        if (info == null) {
            return "Looking for devices (the engine is loading)...";
        }
        if (info.gpus().isEmpty()) {
            return "The engine sees no GPU (" + info.engine() + " " + info.engineVersion()
                    + ", CPU build): training runs on the CPU. The README's GPU section says how to run on a CUDA machine.";
        }
        StringBuilder s = new StringBuilder("The engine sees ");
        for (int i = 0; i < info.gpus().size(); i++) {
            s.append(i == 0 ? "" : "; ").append(info.gpus().get(i).describe());
        }
        if (info.cudaVersion() != null) {
            s.append(" (CUDA ").append(info.cudaVersion()).append(')');
        }
        s.append(info.gpus().size() > 1 ? ". GPU trains on GPU 0; set CUDA_VISIBLE_DEVICES before starting to pick another."
                : ".");
        return s.toString();
    }
}
