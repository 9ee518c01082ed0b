/**
 * Training: the DJL/PyTorch loop (step-scoped native memory, per-layer gradient norms read after
 * backward and before the update), schedules, sanity checks, the background trainer service and
 * the bounded, coalescing event channel that feeds the GUI and the CLI; exporting a run's model
 * ({@link dev.trainbench.train.ModelExport}) and predicting with it ({@link dev.trainbench.train.Predictor})
 * in the same batches as the final test, so that the numbers repeat exactly. Imports no JavaFX;
 * hands out plain Java values only, never NDArrays.
 */
package dev.trainbench.train;
