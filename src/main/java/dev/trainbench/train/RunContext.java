package dev.trainbench.train;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.trainbench.model.BuiltModel;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.spec.ExperimentSpec;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a {@link TrainingListener} sees of the run it listens to, from its start to its end: the
 * spec, the prepared data, the model's layers, the run folder and its record, the event channel,
 * and the loop's stop request. One per run, used on the trainer thread only.
 */
public final class RunContext {
    private final ExperimentSpec spec;
    private final PreparedData data;
    private final RunFolder folder;
    private final Consumer<TrainingEvent> events;
    private final TrainingLoop.Options options;
    private final List<String> layerNames;
    private final List<List<String>> parameterNames;
    private final String device;
    private final long parameterCount;
    private final int batchSize;
    private final long stepsPerEpoch;
    private final long startedNanos;
    private final Instant startedAt;
    private final RunRecord.Builder record;
    private final Trainer trainer;
    private final BuiltModel built;
    private final ParameterWriter weights;
    private long stepsCompleted;
    private RunStatus stopStatus;
    private String stopMessage;

    RunContext(ExperimentSpec spec, PreparedData data, RunFolder folder, Consumer<TrainingEvent> events,
               TrainingLoop.Options options, List<String> layerNames, List<List<String>> parameterNames, String device,
               long parameterCount, int batchSize, long stepsPerEpoch, long startedNanos, Instant startedAt,
               Trainer trainer, BuiltModel built) {
        this.spec = spec;
        this.data = data;
        this.folder = folder;
        this.events = events;
        this.options = options;
        this.layerNames = List.copyOf(layerNames);
        this.parameterNames = parameterNames.stream().map(List::copyOf).toList();
        this.device = device;
        this.parameterCount = parameterCount;
        this.batchSize = batchSize;
        this.stepsPerEpoch = stepsPerEpoch;
        this.startedNanos = startedNanos;
        this.startedAt = startedAt;
        this.record = folder.record().toBuilder();
        this.trainer = trainer;
        this.built = built;
        this.weights = new ParameterWriter(built.block());
    }

    public ExperimentSpec spec() {
        return spec;
    }

    /** The splits as trained on (preprocessed), and the raw training split. */
    public PreparedData data() {
        return data;
    }

    public String runId() {
        return folder.id();
    }

    /** The run's folder: its files are written through it (atomically, in the order the store requires). */
    public RunFolder folder() {
        return folder;
    }

    public TrainingLoop.Options options() {
        return options;
    }

    /** Layers with parameters, by the names of the per-layer metric columns (first layer first). */
    public List<String> layerNames() {
        return layerNames;
    }

    /** DJL's names of each layer's learning parameters; {@link StepMetrics#parameterGradNorm} follows this order. */
    public List<List<String>> parameterNames() {
        return parameterNames;
    }

    /** "cpu" or "gpu0"... */
    public String device() {
        return device;
    }

    /** Trainable parameters (values, not tensors). */
    public long parameterCount() {
        return parameterCount;
    }

    public int batchSize() {
        return batchSize;
    }

    public long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public int epochs() {
        return spec.training().epochs();
    }

    public long totalSteps() {
        return stepsPerEpoch * epochs();
    }

    /** Whether the task is classification (accuracy columns are NaN otherwise). */
    public boolean classification() {
        return data.train().isClassification();
    }

    /** Steps finished so far; during {@link TrainingListener#onStep} the current step is not yet counted. */
    public long stepsCompleted() {
        return stepsCompleted;
    }

    /** When the loop started ({@link System#nanoTime()}), for wall times. */
    public long startedNanos() {
        return startedNanos;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /**
     * The run record being built: set the fields your listener is responsible for. It reaches
     * {@code run.json} when the record listener (last but two in the standard order) writes it at
     * run start, at every status change, epoch end and run end, or when you call
     * {@link #saveRecord()}.
     */
    public RunRecord.Builder record() {
        return record;
    }

    /** Writes the record as it stands to {@code run.json} now (atomically). */
    public void saveRecord() {
        folder.update(record.build());
    }

    /** Sends an event to the run's subscribers (the coalescing channel: never blocks). */
    public void publish(TrainingEvent event) {
        events.accept(event);
    }

    /**
     * Asks the loop to end the run with {@code status} (e.g. early stopped, diverged) and a message
     * for the user. The loop honours it once every listener has seen the current step or epoch end;
     * the first request wins.
     */
    public void requestStop(RunStatus status, String message) {
        if (status == null || status.isActive() || status == RunStatus.QUEUED) {
            throw new IllegalArgumentException("a run cannot end as " + status);
        }
        if (stopStatus == null) {
            stopStatus = status;
            stopMessage = message;
        }
    }

    public boolean stopRequested() {
        return stopStatus != null;
    }

    /** The status a listener asked the run to end with, or null. */
    public RunStatus stopStatus() {
        return stopStatus;
    }

    public String stopMessage() {
        return stopMessage;
    }

    // ------------------------------------------------------------------------------------------
    // For the listeners of this package (DJL stays inside train)

    void stepDone() {
        stepsCompleted++;
    }

    Trainer trainer() {
        return trainer;
    }

    Model model() {
        return trainer.getModel();
    }

    BuiltModel built() {
        return built;
    }

    /**
     * Writes the model's parameters, taken after {@code epoch} epochs (null: none finished) and the
     * steps completed so far, as checkpoint {@code name} ("best", "last"): staged in the run folder
     * and committed by the next record write, which must describe them (RunFolder#stageCheckpoint).
     */
    void saveCheckpoint(String name, Integer epoch) throws IOException {
        folder.stageCheckpoint(name, epoch, stepsCompleted, weights::write);
    }
}
