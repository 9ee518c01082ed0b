/**
 * Charts for live training metrics: full series in primitive arrays, min/max decimation to the
 * pixel width, debiased EMA smoothing over steps, log scale, zoom, pan and exact hover values,
 * drawn on a Canvas. JavaFX only; knows nothing of training.
 */
package dev.trainbench.ui.chart;
