/**
 * Training: the DJL/PyTorch loop (step-scoped native memory, per-layer gradient norms read after
 * backward and before the update), schedules, sanity checks, the background trainer service and
 * the bounded, coalescing event channel that feeds the GUI and the CLI. Every training (runs,
 * sanity probes, range tests) runs on the trainer service's one thread ({@code TrainerJob} for
 * the probes); {@code Checkpoints} is the one reader of saved weights. Imports no JavaFX; hands
 * out plain Java values only, never NDArrays.
 */
package dev.trainbench.train;
