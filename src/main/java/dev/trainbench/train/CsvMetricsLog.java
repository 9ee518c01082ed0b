package dev.trainbench.train;

import dev.trainbench.runs.MetricLayout;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Appends every step to {@code metrics.csv} and every epoch to {@code epochs.csv}, with the columns of
 * {@link dev.trainbench.runs.MetricColumns} (through the run folder, which flushes them at every epoch).
 */
final class CsvMetricsLog extends TrainingListenerAdapter {
    private RunContext run;

    @Override
    public void onRunStart(RunContext run) {
        this.run = run;
        try {
            run.folder().openLogs(MetricLayout.steps(run.layerNames()).header(), EpochMetrics.layout().header());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onStep(StepMetrics step) {
        try {
            run.folder().appendStep(step.row());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics epoch) {
        try {
            run.folder().appendEpoch(epoch.row());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
