package dev.trainbench.train;

/**
 * The model's prediction over a grid spanning a 2-D data set (in the data's own units), for the
 * decision-boundary view. Cell (i, j) is at index {@code j * width + i}, row j counted from yMin.
 */
public record DecisionGrid(double xMin, double xMax, double yMin, double yMax, int width, int height,
                           int[] predicted, float[] confidence, long step) {
}
