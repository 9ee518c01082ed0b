/**
 * Runnable benchmarks (throughput overhead against a bare DJL loop, memory over many epochs, time to
 * the first step), started with {@code trainbench bench}; results are recorded in BENCHMARKS.md.
 */
package dev.trainbench.train.bench;
