/**
 * Sweeps: a grid of one-field changes times seeds ({@link dev.trainbench.sweep.SweepPlan}, fields
 * by their JSON path through {@link dev.trainbench.spec.SpecPaths}), written as a sweep folder in
 * the workspace ({@link dev.trainbench.sweep.SweepFolder}, docs/file-formats.md) and handed to an
 * executor: {@link dev.trainbench.sweep.LocalExecutor} runs each task as a {@code trainbench run}
 * process here, K at a time; the Slurm executor writes a job array ({@link dev.trainbench.sweep.SlurmScript})
 * and submits it with {@code sbatch} ({@link dev.trainbench.sweep.Slurm}), each array task the same
 * {@code trainbench run} with the Java command of this installation ({@link dev.trainbench.sweep.JavaCommand}).
 * The runs are ordinary run folders that record their sweep; {@link dev.trainbench.sweep.SweepStatus}
 * reads them together with the scheduler's queue, and {@link dev.trainbench.sweep.SweepCancel}
 * cancels. Never loads the training engine (ArchUnit): training happens in the task processes.
 */
package dev.trainbench.sweep;
