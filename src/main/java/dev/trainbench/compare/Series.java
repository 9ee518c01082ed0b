package dev.trainbench.compare;

/**
 * One run's curve: points in x order, missing values (empty cells) left out.
 *
 * @param runId the run
 * @param label its name in a legend
 * @param x     x values, ascending
 * @param y     y values, one per x
 */
public record Series(String runId, String label, double[] x, double[] y) {

    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
        }
    }

    public int size() {
        return x.length;
    }

    public boolean isEmpty() {
        return x.length == 0;
    }

    /** The last y value, or NaN when empty. */
    public double last() {
        return y.length == 0 ? Double.NaN : y[y.length - 1];
    }
}
