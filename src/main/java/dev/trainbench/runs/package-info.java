/**
 * Runs on disk: one folder per run in a workspace ({@code run.json}, {@code metrics.csv},
 * {@code epochs.csv}, checkpoints), written atomically and as training goes. The folder name is a
 * run's identity; every writer holds the run's lock ({@code RunLock}); a checkpoint is committed by
 * the record that describes it ({@code RunFolder#stageCheckpoint}), and whoever opens a run no
 * process is writing to settles what a killed one left (a run marked interrupted, temporary and
 * pending files). {@code RunJson} reads run.json as far as this version understands it and merges
 * rewrites into the file on disk, so nothing a newer TrainBench wrote is lost. The metric columns
 * of the CSV files are defined once here ({@link dev.trainbench.runs.MetricColumns}, laid out in
 * rows by {@link dev.trainbench.runs.MetricLayout}, read by name through
 * {@link dev.trainbench.runs.MetricsTable}) for the trainer, the charts, the CLI and the diagnosis.
 * Also what is read straight off the folders: seed groups ({@link dev.trainbench.runs.RunGroup}),
 * lineage ({@link dev.trainbench.runs.Lineage}) and the runs table as CSV
 * ({@link dev.trainbench.runs.RunsCsv}). Imports no JavaFX and no DJL; of TrainBench only
 * {@code spec} and the data fingerprint record of {@code data} (stored in run.json).
 */
package dev.trainbench.runs;
