package dev.trainbench.train;

import dev.trainbench.diagnose.DataFacts;
import dev.trainbench.diagnose.Diagnoser;
import dev.trainbench.diagnose.Diagnosis;
import dev.trainbench.diagnose.DiagnosisFile;
import dev.trainbench.diagnose.MemoryEstimate;
import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The diagnosis of a run after the fact, from its files: the same rules over the same evidence
 * as live, so older runs (trained before the diagnosis existed, or by an older TrainBench) can be
 * diagnosed too. The data is prepared again from the spec (deterministic) for the data rules; if it
 * cannot be read any more, those rules stay silent.
 */
public final class RunDiagnosis {

    private RunDiagnosis() {
    }

    /** The stored diagnosis when it is complete and made by the current rules, else a fresh one from the files. */
    public static Diagnosis current(RunStore store, RunRecord r, Path baseDir) {
        Optional<Diagnosis> stored = DiagnosisFile.read(store.dir(r.id()));
        if (stored.isPresent() && stored.get().complete() && stored.get().rulesVersion() == Diagnosis.RULES_VERSION) {
            return stored.get();
        }
        return diagnose(store, r, baseDir, false);
    }

    /**
     * Diagnoses run {@code r} from its metric files.
     *
     * @param save write the result to the run's {@code diagnosis.json} (not while it trains)
     */
    public static Diagnosis diagnose(RunStore store, RunRecord r, Path baseDir, boolean save) {
        if (r.spec() == null) {
            throw new TrainingException("run " + r.id() + " has no readable spec in its run.json, so it cannot be diagnosed");
        }
        MetricsTable steps = store.readSteps(r.id());
        MetricsTable epochs = store.readEpochs(r.id());
        DataFacts data = null;
        MemoryEstimate memory = null;
        int outputs = -1;
        try {
            PreparedData prepared = DataPreparation.prepare(r.spec(), baseDir, w -> { });
            data = DataFacts.of(prepared.train(), r.spec());
            outputs = prepared.train().outputWidth();
            long samples = (long) prepared.train().size() + prepared.validation().size() + prepared.test().size();
            memory = MemoryEstimate.of(r.spec(), prepared.train().sampleShape(), outputs, samples);
        } catch (RuntimeException e) {
            // the data is gone or changed: diagnose from the metrics alone
        }
        if (outputs < 0) {
            outputs = outputsFromColumns(steps);
        }
        boolean ended = r.status() == null || !r.status().isActive();
        Diagnoser d = Diagnosis.replay(r.spec(), outputs, steps, epochs, data, memory, ended);
        Diagnosis result = Diagnosis.of(r.id(), Diagnosis.FILES, ended, d.findings());
        if (save && ended) {
            DiagnosisFile.write(store.dir(r.id()), result);
        }
        return result;
    }

    /** The output layer's width from its column name ("output dense 10"), 1 if unknown. */
    private static int outputsFromColumns(MetricsTable steps) {
        for (String layer : steps.layers(dev.trainbench.runs.MetricColumns.Step.LAYER_GRAD_NORM)) {
            if (layer.startsWith(dev.trainbench.model.ShapeInference.OUTPUT_LABEL_PREFIX)) {
                try {
                    return Integer.parseInt(layer.substring(dev.trainbench.model.ShapeInference.OUTPUT_LABEL_PREFIX.length()).strip());
                } catch (NumberFormatException ignored) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
