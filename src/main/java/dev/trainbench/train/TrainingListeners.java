package dev.trainbench.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The standard listeners of a run, in the order the loop calls them (after DJL's
 * {@code TrainingListener.Defaults}). The order is part of the contract:
 * <ol>
 *   <li>first-batch sanity checks (may end the run before anything is logged),</li>
 *   <li>the NaN/Inf guard,</li>
 *   <li>the in-memory history, then the CSV files,</li>
 *   <li>checkpoints, then early stopping,</li>
 *   <li>the caller's own listeners (e.g. diagnosis): they see the step logged and the checkpoint
 *       written, and may still contribute to the record and stop the run,</li>
 *   <li>the run record, written after everyone contributed to it,</li>
 *   <li>events to the subscribers, after the record (a subscriber that reads {@code run.json} on an
 *       event finds it current), then decision-boundary snapshots.</li>
 * </ol>
 */
public final class TrainingListeners {

    private TrainingListeners() {
    }

    /**
     * @param onHistory receives the run's history before the first event
     * @param extra     the caller's listeners, placed before the record is written
     */
    public static List<TrainingListener> standard(Consumer<MetricsHistory> onHistory, List<TrainingListener> extra) {
        List<TrainingListener> all = new ArrayList<>();
        all.add(new FirstBatchChecks());
        all.add(new DivergenceGuard());
        all.add(new HistoryRecorder(onHistory));
        all.add(new CsvMetricsLog());
        all.add(new CheckpointSaver());
        all.add(new EarlyStopping());
        all.addAll(extra);
        all.add(new RunRecordUpdater());
        all.add(new EventPublisher());
        all.add(new BoundarySnapshots());
        return all;
    }
}
