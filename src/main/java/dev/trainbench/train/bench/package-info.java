/**
 * Runnable benchmarks (throughput overhead against a bare DJL loop, optionally beside a fixed
 * competing load of pinned busy processes; memory and per-step allocation over many epochs; time to
 * the first step and, as a user sees it, from launch to the mapped GUI window), started with
 * {@code trainbench bench}; results are recorded in BENCHMARKS.md.
 */
package dev.trainbench.train.bench;
