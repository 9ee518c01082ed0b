/**
 * Training. {@link dev.trainbench.train.TrainingLoop} is the lean loop (epochs, seeded batches,
 * one {@link dev.trainbench.train.TrainingStep} per batch, validation, pause and stop); everything
 * else hangs on it as a one-job {@link dev.trainbench.train.TrainingListener} (history, CSV files,
 * checkpoints, early stopping, first-batch checks, the NaN guard, the run record, events,
 * decision-boundary snapshots; order in {@link dev.trainbench.train.TrainingListeners}), which sees
 * the run through a {@link dev.trainbench.train.RunContext}. {@code TrainingStep} (step-scoped
 * native memory, per-parameter gradient norms read after backward and before the update, clipping,
 * detail measurements) and {@code Batches} (indices to input and label arrays, augmentation for
 * training batches only) are the only step and batch code, shared with the sanity probes, the LR
 * range test, validation and the final test. Also: schedules, the background trainer service and
 * the bounded, coalescing event channel that feeds the GUI and the CLI. Every training (runs,
 * sanity probes, range tests) runs on the trainer service's one thread ({@code TrainerJob} for the
 * probes); {@code Checkpoints} is the one reader of saved weights. Imports no JavaFX; hands out
 * plain Java values only, never NDArrays.
 */
package dev.trainbench.train;
