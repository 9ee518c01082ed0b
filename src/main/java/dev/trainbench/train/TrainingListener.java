package dev.trainbench.train;

import dev.trainbench.runs.RunStatus;

/**
 * Something that hangs on the training loop and does one job (after DJL's
 * {@code TrainingListener}): logging, checkpoints, early stopping, checks, events, diagnosis. The
 * loop only trains; it calls every listener, in order, on the trainer thread:
 * <ol>
 *   <li>{@link #onRunStart} once the model is built, before the first step;</li>
 *   <li>{@link #onStep} after every step (the update is done);</li>
 *   <li>{@link #onEpochEnd} after every epoch, validation included;</li>
 *   <li>{@link #onStatusChanged} when the user pauses or resumes;</li>
 *   <li>{@link #onRunEnd} when the run ends normally (completed, stopped, early stopped, diverged);
 *       a run that throws ends without it, and the runner marks it failed.</li>
 * </ol>
 * A listener keeps the {@link RunContext} it gets at the start: through it, it reads the run's
 * spec, data and layers, contributes fields to the run record, publishes events and
 * {@linkplain RunContext#requestStop asks the loop to stop}. Extend {@link TrainingListenerAdapter}
 * to implement only what you need.
 *
 * <p>{@link #onStep} runs at every step: it must be cheap and allocate nothing per step (no boxing,
 * no per-step lists, strings or capturing lambdas), and must not keep the {@link StepMetrics}, which
 * the loop reuses. A listener that throws ends the run as failed with its message.
 */
public interface TrainingListener {

    void onRunStart(RunContext run);

    void onStep(StepMetrics step);

    void onEpochEnd(EpochMetrics epoch);

    /** {@link RunStatus#PAUSED} or {@link RunStatus#RUNNING} again. */
    void onStatusChanged(RunStatus status);

    /** The run's final status and message (null when completed). */
    void onRunEnd(RunStatus status, String message);
}
