/**
 * The diagnosis on screen: {@link dev.trainbench.ui.diagnose.DiagnosisPanel} lists a run's findings
 * (severity, evidence and the chart to look at, the tip, and a <em>Try this</em> button that clones
 * the run with that one change), in the Train view and in a run's charts window.
 */
package dev.trainbench.ui.diagnose;
