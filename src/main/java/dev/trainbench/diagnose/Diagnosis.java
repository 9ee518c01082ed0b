package dev.trainbench.diagnose;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.trainbench.runs.MetricColumns.Epoch;
import dev.trainbench.runs.MetricColumns.Step;
import dev.trainbench.runs.MetricsTable;
import dev.trainbench.spec.ExperimentSpec;
import java.time.Instant;
import java.util.List;

/**
 * A run's diagnosis as stored in its folder ({@code diagnosis.json}, format version
 * {@value #FORMAT_VERSION}): the findings, which rules' version made them, and from what (live while
 * it trained, or afterwards from its files).
 *
 * @param formatVersion the file format's version
 * @param rulesVersion  the rules' version: a newer TrainBench may diagnose the same files differently
 * @param runId         the run
 * @param diagnosedAt   when (ISO-8601)
 * @param source        {@value #LIVE} or {@value #FILES}
 * @param complete      whether the run had ended when it was diagnosed
 * @param findings      most severe first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"formatVersion", "rulesVersion", "runId", "diagnosedAt", "source", "complete", "findings"})
public record Diagnosis(int formatVersion, int rulesVersion, String runId, String diagnosedAt, String source,
                        boolean complete, List<Finding> findings) {

    public static final int FORMAT_VERSION = 1;
    /** Bumped whenever a rule or threshold changes what it finds. */
    public static final int RULES_VERSION = 1;
    public static final String LIVE = "live";
    public static final String FILES = "files";

    public Diagnosis {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    public static Diagnosis of(String runId, String source, boolean complete, List<Finding> findings) {
        return new Diagnosis(FORMAT_VERSION, RULES_VERSION, runId, Instant.now().toString(), source, complete, findings);
    }

    /** Findings of at least {@code severity}. */
    public List<Finding> atLeast(Severity severity) {
        return findings.stream().filter(f -> f.severity().atLeast(severity)).toList();
    }

    /** Whether any finding comes from {@code rule}. */
    public boolean has(String rule) {
        return findings.stream().anyMatch(f -> f.rule().equals(rule));
    }

    /**
     * Diagnoses a finished (or interrupted) run from its metric files, exactly as the live listener
     * would have: the same evidence, fed row by row.
     *
     * @param data   facts about its training data (null if the data cannot be read again)
     * @param memory its memory estimate (null if unknown)
     * @param ended  whether the run has ended (a live run's files are diagnosed so far)
     */
    public static Diagnoser replay(ExperimentSpec spec, int outputs, MetricsTable steps, MetricsTable epochs,
                                   DataFacts data, MemoryEstimate memory, boolean ended) {
        ModelFacts model = ModelFacts.of(spec, outputs);
        double[] step = steps.column(Step.STEP);
        long stepsPerEpoch = 0;
        double[] stepEpoch = steps.column(Step.EPOCH);
        if (stepEpoch != null) {
            for (double e : stepEpoch) {
                if (e == 1) {
                    stepsPerEpoch++;
                }
            }
        }
        Diagnoser d = new Diagnoser(spec, model, data, memory, stepsPerEpoch, spec.training().epochs());
        RunEvidence ev = d.evidence();
        List<ModelFacts.Group> groups = model.groups();
        List<String> columnLayers = steps.layers(Step.LAYER_GRAD_NORM);
        double[][] grads = new double[groups.size()][];
        double[][] dead = new double[groups.size()][];
        for (int l = 0; l < groups.size(); l++) {
            String name = groups.get(l).name();
            if (!columnLayers.contains(name) && l < columnLayers.size() && columnLayers.size() == groups.size()) {
                name = columnLayers.get(l); // an older naming of the same layers: match by position
            }
            grads[l] = steps.column(Step.LAYER_GRAD_NORM, name);
            dead[l] = steps.column(Step.LAYER_DEAD_FRACTION, name);
        }
        double[] loss = steps.column(Step.LOSS);
        double[] acc = steps.column(Step.ACCURACY);
        double[] lr = steps.column(Step.LEARNING_RATE);
        double[] norm = steps.column(Step.GRAD_NORM);
        double[] eEpoch = epochs.column(Epoch.EPOCH);
        int nextEpoch = 0;
        int rows = step == null ? 0 : step.length;
        for (int i = 0; i < rows; i++) {
            int epoch = stepEpoch == null ? 1 : (int) stepEpoch[i];
            while (eEpoch != null && nextEpoch < eEpoch.length && eEpoch[nextEpoch] < epoch) {
                feedEpoch(ev, epochs, nextEpoch++);
                d.refresh();
            }
            ev.beginStep((long) step[i], epoch, at(loss, i), at(acc, i), at(lr, i), at(norm, i));
            for (int l = 0; l < groups.size(); l++) {
                ev.layer(l, at(grads[l], i), at(dead[l], i));
            }
            ev.endStep();
            d.update();
        }
        while (eEpoch != null && nextEpoch < eEpoch.length) {
            feedEpoch(ev, epochs, nextEpoch++);
            d.refresh();
        }
        if (ended) {
            d.end();
        } else {
            d.refresh();
        }
        return d;
    }

    private static void feedEpoch(RunEvidence ev, MetricsTable epochs, int i) {
        ev.epoch((int) epochs.value(Epoch.EPOCH, i), epochs.value(Epoch.TRAIN_LOSS, i),
                epochs.value(Epoch.TRAIN_ACCURACY, i), epochs.value(Epoch.VALIDATION_LOSS, i),
                epochs.value(Epoch.VALIDATION_ACCURACY, i));
    }

    private static double at(double[] column, int i) {
        return column == null || i >= column.length ? Double.NaN : column[i];
    }
}
