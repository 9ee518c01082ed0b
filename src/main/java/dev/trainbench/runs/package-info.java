/**
 * Runs on disk: one folder per run in a workspace ({@code run.json}, {@code metrics.csv},
 * {@code epochs.csv}, checkpoints), written atomically and as training goes, so that a crash
 * leaves a readable run that is marked interrupted on the next load. The metric columns of the CSV
 * files are defined once here ({@link dev.trainbench.runs.MetricColumns}, laid out in rows by
 * {@link dev.trainbench.runs.MetricLayout}, read by name through
 * {@link dev.trainbench.runs.MetricsTable}) for the trainer, the charts, the CLI and the diagnosis.
 * Also what is read straight off the folders: seed groups ({@link dev.trainbench.runs.RunGroup}),
 * lineage ({@link dev.trainbench.runs.Lineage}) and the runs table as CSV
 * ({@link dev.trainbench.runs.RunsCsv}). Imports no JavaFX and no DJL; of TrainBench only
 * {@code spec} and the data fingerprint record of {@code data} (stored in run.json).
 */
package dev.trainbench.runs;
