package dev.trainbench.train;

import dev.trainbench.diagnose.Diagnoser;
import dev.trainbench.diagnose.Finding;
import dev.trainbench.diagnose.MemoryEstimate;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.TrainingSpec;
import java.util.Optional;

/**
 * Refuses, before anything is allocated, a model or batch whose memory estimate cannot fit this
 * machine (the {@code memory} rule), so that the user gets the estimate and a fix instead of a
 * process killed by the operating system. Runs on the CPU only: a GPU's memory is not known here.
 */
public final class MemoryCheck {

    private MemoryCheck() {
    }

    /** The refusal, in words with the estimate and the one change to try; empty when it fits. */
    public static Optional<String> refusal(ExperimentSpec spec, int[] sampleShape, int outputs, long samples) {
        if (spec.training().device() == TrainingSpec.Device.GPU) {
            return Optional.empty();
        }
        MemoryEstimate m = MemoryEstimate.of(spec, sampleShape, outputs, samples);
        if (!m.refused()) {
            return Optional.empty();
        }
        Finding f = Diagnoser.memory(spec, m);
        return Optional.of("memory: " + f.message() + (f.tryThis() == null ? ""
                : "; try " + f.tryThis().label() + " (" + f.tryThis().assignment() + ")"));
    }

    /** @throws TrainingException (bad input: nothing is created) when the run cannot fit */
    public static void requireFits(ExperimentSpec spec, int[] sampleShape, int outputs, long samples) {
        Optional<String> refusal = refusal(spec, sampleShape, outputs, samples);
        if (refusal.isPresent()) {
            throw new TrainingException(refusal.get());
        }
    }
}
