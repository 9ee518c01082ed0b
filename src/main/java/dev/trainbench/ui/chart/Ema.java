package dev.trainbench.ui.chart;

/**
 * Debiased exponential moving average over steps, as TensorBoard and Adam do it: the running sum
 * starts at zero and is divided by the total weight seen so far, so the first points are not
 * pulled towards zero. The decay is applied per step of x ({@code beta^(x - previousX)}), so the
 * curve depends on the steps, not on how many points were recorded or drawn: it is computed on
 * the full series, never on a decimated one. Non-finite values (NaN, infinity) are skipped.
 */
public final class Ema {
    private double beta;
    private double sum;
    private double weight;
    private double lastX = Double.NaN;
    private double last = Double.NaN;

    public Ema(double beta) {
        setBeta(beta);
    }

    public double beta() {
        return beta;
    }

    /** Sets the weight of history per step, in [0, 1); 0 means no smoothing. Resets the state. */
    public void setBeta(double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), was " + beta);
        }
        this.beta = beta;
        reset();
    }

    public void reset() {
        sum = 0;
        weight = 0;
        lastX = Double.NaN;
        last = Double.NaN;
    }

    /** Feeds one point and returns the smoothed value at it. */
    public double next(double x, double y) {
        if (!Double.isFinite(y)) {
            return last;
        }
        if (beta == 0) {
            lastX = x;
            last = y;
            return y;
        }
        double steps = Double.isNaN(lastX) ? 1 : Math.max(0, x - lastX);
        double decay = Math.pow(beta, steps);
        sum = decay * sum + (1 - beta) * y;
        weight = decay * weight + (1 - beta);
        lastX = x;
        last = sum / weight;
        return last;
    }
}
