package dev.trainbench.train;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.spec.ExperimentSpec;
import java.util.concurrent.CompletableFuture;

/** A submitted run: control it from any thread; its history fills while it trains. */
public final class RunHandle {
    private final String key;
    private final ExperimentSpec spec;
    private final RunControl control = new RunControl();
    private final CompletableFuture<RunRecord> completion = new CompletableFuture<>();
    private volatile String runId;
    private volatile MetricsHistory history;
    private volatile RunStatus status = RunStatus.QUEUED;

    RunHandle(String key, ExperimentSpec spec) {
        this.key = key;
        this.spec = spec;
    }

    /** Identifies the submission before it has a run id. */
    public String key() {
        return key;
    }

    public ExperimentSpec spec() {
        return spec;
    }

    /** The run folder's id, or null while queued or when it failed before training started. */
    public String runId() {
        return runId;
    }

    /** The metrics history, or null until training has started. */
    public MetricsHistory history() {
        return history;
    }

    public RunStatus status() {
        return status;
    }

    public void pause() {
        control.pause();
    }

    public void resume() {
        control.resume();
    }

    public void stop() {
        control.stop();
    }

    public boolean isPaused() {
        return control.isPaused();
    }

    /** Completes with the final record, or exceptionally with a {@link TrainingException} (message for the user). */
    public CompletableFuture<RunRecord> completion() {
        return completion;
    }

    RunControl control() {
        return control;
    }

    void setHistory(MetricsHistory h) {
        history = h;
    }

    void setRunId(String id) {
        runId = id;
    }

    void setStatus(RunStatus s) {
        status = s;
    }
}
