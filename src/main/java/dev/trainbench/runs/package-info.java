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
 * A list of the runs ({@code RunStore#summaries}) gives each run's {@link dev.trainbench.runs.RunSummary},
 * the columns a list shows, from the workspace's run index ({@code RunIndex}, a cache of them
 * checked against each run.json's stamp) so that 10,000 runs list without reading their records;
 * {@link dev.trainbench.runs.RunInfo} is what a summary and a whole record share, so that lineage,
 * seed groups and sweeps work on either.
 * Also what is read straight off the folders: seed groups ({@link dev.trainbench.runs.RunGroup}),
 * lineage ({@link dev.trainbench.runs.Lineage}) and the runs table as CSV
 * ({@link dev.trainbench.runs.RunsCsv}); and exported models, one zip file each
 * ({@link dev.trainbench.runs.ModelArchive}), read with size limits and checksums. Imports no JavaFX
 * and no DJL; of TrainBench only {@code spec}, the data fingerprint record of {@code data} (stored
 * in run.json) and the input encoding of {@code data} (stored in exported models).
 */
package dev.trainbench.runs;
