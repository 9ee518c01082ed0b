/**
 * Charts for training metrics, live and from run files, used by the Train screen, a run's chart
 * window and the Compare screen: full series in primitive arrays ({@link dev.trainbench.ui.chart.SeriesBuffer})
 * with a min/max pyramid kept up to date as points arrive ({@link dev.trainbench.ui.chart.MinMaxPyramid}),
 * so decimating to the pixel width costs the same at a million points as at ten thousand
 * ({@link dev.trainbench.ui.chart.Decimator}); debiased EMA smoothing over steps
 * ({@link dev.trainbench.ui.chart.Ema}); axes and ticks ({@link dev.trainbench.ui.chart.ChartAxis}),
 * what is on screen ({@link dev.trainbench.ui.chart.Viewport}), drawing
 * ({@link dev.trainbench.ui.chart.ChartRenderer}) and the mouse (zoom, pan, hover:
 * {@link dev.trainbench.ui.chart.ChartInteraction}) as separate pieces composed by
 * {@link dev.trainbench.ui.chart.LiveChart}; seed groups as mean and min-max band (from member curves, or
 * from statistics computed elsewhere, such as a sweep's final metric per value); a log X axis for
 * charts whose X is a value such as a learning rate, not steps; charts that share
 * an X axis ({@link dev.trainbench.ui.chart.XLink}); PNG export ({@link dev.trainbench.ui.chart.ChartExport}).
 * Texts on a canvas (tick labels, layer names) are measured at the chart's CSS font
 * ({@link dev.trainbench.ui.chart.TextMeasure}): margins follow them, ticks thin out where labels
 * would meet, and every chart reports what it drew ({@link dev.trainbench.ui.chart.ChartText}) so a
 * test can check nothing is cut off or drawn over, at presentation mode's font too.
 * JavaFX only; knows nothing of training.
 */
package dev.trainbench.ui.chart;
