package dev.trainbench.ui.chart;

import java.util.Arrays;

/**
 * The full history of one plotted series in growable primitive arrays (no boxing, so a million
 * points cost 24 MB rather than hundreds), with its debiased EMA kept alongside and updated as
 * points arrive. X values must not decrease (steps), which lets the visible range be found by
 * binary search.
 */
public final class SeriesBuffer {
    private double[] xs;
    private double[] ys;
    private double[] smoothed;
    private int size;
    private final Ema ema;

    public SeriesBuffer(double smoothing) {
        this(1024, smoothing);
    }

    public SeriesBuffer(int initialCapacity, double smoothing) {
        xs = new double[Math.max(16, initialCapacity)];
        ys = new double[xs.length];
        smoothed = new double[xs.length];
        ema = new Ema(smoothing);
    }

    public void append(double x, double y) {
        if (size > 0 && x < xs[size - 1]) {
            throw new IllegalArgumentException("x must not decrease: " + x + " after " + xs[size - 1]);
        }
        if (size == xs.length) {
            int capacity = xs.length * 2;
            xs = Arrays.copyOf(xs, capacity);
            ys = Arrays.copyOf(ys, capacity);
            smoothed = Arrays.copyOf(smoothed, capacity);
        }
        xs[size] = x;
        ys[size] = y;
        smoothed[size] = ema.next(x, y);
        size++;
    }

    public void clear() {
        size = 0;
        ema.reset();
    }

    public int size() {
        return size;
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }

    public double smoothed(int i) {
        return smoothed[i];
    }

    /** The backing arrays, valid up to {@link #size()}; callers must not modify them. */
    double[] xArray() {
        return xs;
    }

    double[] yArray() {
        return ys;
    }

    double[] smoothedArray() {
        return smoothed;
    }

    public double smoothing() {
        return ema.beta();
    }

    /** Changes the EMA weight and recomputes the smoothed curve over the whole series. */
    public void setSmoothing(double beta) {
        if (beta == ema.beta()) {
            return;
        }
        ema.setBeta(beta);
        for (int i = 0; i < size; i++) {
            smoothed[i] = ema.next(xs[i], ys[i]);
        }
    }

    /** Index of the first point with x >= value (size when none). */
    public int lowerBound(double value) {
        return Decimator.lowerBound(xs, size, value);
    }

    /** Index of the point whose x is nearest to value, or -1 when empty. */
    public int nearest(double value) {
        if (size == 0) {
            return -1;
        }
        int i = lowerBound(value);
        if (i >= size) {
            return size - 1;
        }
        if (i > 0 && value - xs[i - 1] <= xs[i] - value) {
            return i - 1;
        }
        return i;
    }
}
