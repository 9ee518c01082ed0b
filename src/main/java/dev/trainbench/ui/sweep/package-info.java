/**
 * The Sweep dialog (View {@link dev.trainbench.ui.sweep.SweepDialog}, ViewModel
 * {@link dev.trainbench.ui.sweep.SweepViewModel}): fields of the current spec and their values,
 * seeds, where to run, and a preview of the runs and the job script; {@link dev.trainbench.ui.sweep.SweepRunner}
 * starts and cancels the sweeps of this window (local task processes run on a thread of their own).
 */
package dev.trainbench.ui.sweep;
