/**
 * The Compare screen (View and ViewModel): 2 to 10 runs side by side on shared axes, seed groups as
 * mean and min-max band, the configuration diff, the metrics table and the seed-spread statement.
 * All comparison logic (diff, data identity, statistics, report) comes from
 * {@code dev.trainbench.compare}; this package chooses, orders and draws it. JavaFX; never DJL.
 */
package dev.trainbench.ui.compare;
