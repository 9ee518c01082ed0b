/**
 * Benchmarks that need the real GUI: {@link dev.trainbench.ui.bench.LongRunBenchmark} trains a
 * long run in the workbench with the live charts showing and reports their frame times and the
 * process's memory as the run grows (started by {@code trainbench bench long}, under its own Xvfb).
 */
package dev.trainbench.ui.bench;
