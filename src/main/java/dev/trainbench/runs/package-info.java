/**
 * Runs on disk: one folder per run in a workspace ({@code run.json}, {@code metrics.csv},
 * {@code epochs.csv}, checkpoints), written atomically and as training goes, so that a crash
 * leaves a readable run that is marked interrupted on the next load; and exported models, one zip
 * file each ({@link dev.trainbench.runs.ModelArchive}), read with size limits and checksums. Imports
 * no JavaFX and no DJL.
 */
package dev.trainbench.runs;
