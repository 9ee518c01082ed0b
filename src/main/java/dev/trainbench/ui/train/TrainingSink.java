package dev.trainbench.ui.train;

import dev.trainbench.train.DecisionGrid;
import dev.trainbench.train.EpochMetrics;
import dev.trainbench.train.MetricsHistory;
import java.util.List;

/** Where the Train screen's view model delivers what a run produced since the last frame (the charts). */
public interface TrainingSink {
    /** A new run began: clear the charts; one gradient-norm series per layer. */
    void runStarted(List<String> layerNames);

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of the run's history are new. */
    void steps(MetricsHistory history, int from, int to);

    /** An epoch ended at training step {@code step}. */
    void epoch(double step, EpochMetrics metrics);

    void boundary(DecisionGrid grid);

    /** Called once per frame after the new data was delivered. */
    void frame();
}
