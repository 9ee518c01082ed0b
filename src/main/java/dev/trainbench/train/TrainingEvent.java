package dev.trainbench.train;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import java.util.List;

/** What the trainer tells its subscribers. Plain values only. */
public sealed interface TrainingEvent {

    String runId();

    /** The run has a folder and a model; {@code layerNames} name the per-layer metric series. */
    record RunStarted(String runId, String name, List<String> layerNames, String device, long totalSteps,
                      long parameterCount) implements TrainingEvent {
    }

    /** New steps are in the run's {@link MetricsHistory}, up to {@code size} rows. Coalesced: only the latest is kept. */
    record StepsAvailable(String runId, int size) implements TrainingEvent {
    }

    record EpochEnded(String runId, EpochMetrics metrics) implements TrainingEvent {
    }

    /** Checks made on the first batch (initial loss, every parameter gets a gradient). */
    record SanityChecked(String runId, List<String> findings) implements TrainingEvent {
    }

    /** The diagnosis changed: the run's findings as they stand now (most severe first). */
    record Diagnosed(String runId, List<dev.trainbench.diagnose.Finding> findings) implements TrainingEvent {
        public Diagnosed {
            findings = List.copyOf(findings);
        }
    }

    /** Coalesced: only the latest is kept. */
    record BoundarySnapshot(String runId, DecisionGrid grid) implements TrainingEvent {
    }

    record StatusChanged(String runId, RunStatus status) implements TrainingEvent {
    }

    record RunFinished(String runId, RunStatus status, String message, RunRecord record) implements TrainingEvent {
    }
}
