/**
 * Runs on disk: one folder per run in a workspace ({@code run.json}, {@code metrics.csv},
 * {@code epochs.csv}, checkpoints), written atomically and as training goes, so that a crash
 * leaves a readable run that is marked interrupted on the next load. Also what is read straight
 * off the folders: seed groups ({@link dev.trainbench.runs.RunGroup}), lineage
 * ({@link dev.trainbench.runs.Lineage}) and the runs table as CSV ({@link dev.trainbench.runs.RunsCsv}).
 * Imports no JavaFX and no DJL; of TrainBench only {@code spec} and the data fingerprint record of
 * {@code data} (stored in run.json).
 */
package dev.trainbench.runs;
