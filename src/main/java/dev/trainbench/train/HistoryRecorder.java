package dev.trainbench.train;

import java.util.function.Consumer;

/** Keeps every step and epoch in a {@link MetricsHistory}, which the charts and the CLI read while the run trains. */
final class HistoryRecorder extends TrainingListenerAdapter {
    private final Consumer<MetricsHistory> onHistory;
    private volatile MetricsHistory history;

    /** @param onHistory receives the history at run start, before any event about the run */
    HistoryRecorder(Consumer<MetricsHistory> onHistory) {
        this.onHistory = onHistory;
    }

    MetricsHistory history() {
        return history;
    }

    @Override
    public void onRunStart(RunContext run) {
        history = new MetricsHistory(run.layerNames());
        onHistory.accept(history);
    }

    @Override
    public void onStep(StepMetrics step) {
        history.append(step);
    }

    @Override
    public void onEpochEnd(EpochMetrics epoch) {
        history.addEpoch(epoch);
    }
}
