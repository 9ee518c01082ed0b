package dev.trainbench.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Mean, sample standard deviation (n - 1), minimum and maximum of some runs' values of one metric.
 * Values that are missing (null or NaN: a run without a test, a run that ended before validation)
 * are left out, and {@link #n()} says how many were used.
 */
public record Summary(int n, double mean, double sd, double min, double max) {

    /** The summary of the values present, or null when none is. */
    public static Summary of(List<Double> values) {
        double[] v = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return null;
        }
        double mean = Arrays.stream(v).sum() / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = v.length < 2 ? Double.NaN : Math.sqrt(ss / (v.length - 1));
        return new Summary(v.length, mean, sd, Arrays.stream(v).min().orElseThrow(), Arrays.stream(v).max().orElseThrow());
    }

    /** True when there is a spread to speak of: at least two values. */
    public boolean hasSpread() {
        return n >= 2;
    }

    /** Sample variance; NaN for one value. */
    public double variance() {
        return sd * sd;
    }

    /**
     * "96.52 ± 0.30 % (n=3, 96.2–96.8)" for fractions shown as percentages, or "0.1234 ± 0.0050 (n=3,
     * 0.1190–0.1290)"; one value: "96.52 % (n=1, no spread)".
     */
    public String format(boolean percent) {
        double k = percent ? 100 : 1;
        String unit = percent ? " %" : "";
        String pattern = percent ? "%.2f" : "%.4f";
        if (!hasSpread()) {
            return String.format(Locale.ROOT, pattern, mean * k) + unit + " (n=1, no spread)";
        }
        return String.format(Locale.ROOT, pattern + " ± " + pattern + "%s (n=%d, " + pattern + "–" + pattern + ")",
                mean * k, sd * k, unit, n, min * k, max * k);
    }
}
