/**
 * Runs on disk: one folder per run in a workspace ({@code run.json}, {@code metrics.csv},
 * {@code epochs.csv}, checkpoints), written atomically and as training goes. The folder name is a
 * run's identity; every writer holds the run's lock ({@code RunLock}); a checkpoint is committed by
 * the record that describes it ({@code RunFolder#saveCheckpoints}), and whoever opens a run no
 * process is writing to settles what a killed one left (a run marked interrupted, temporary and
 * pending files). {@code RunJson} reads run.json as far as this version understands it and merges
 * rewrites into the file on disk, so nothing a newer TrainBench wrote is lost.
 * Imports no JavaFX and no DJL.
 */
package dev.trainbench.runs;
