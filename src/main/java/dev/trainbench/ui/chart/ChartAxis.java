package dev.trainbench.ui.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Axis arithmetic shared by every chart: fitting a range to the data with round bounds, choosing a
 * tick spacing of 1, 2 or 5 times a power of ten, listing the ticks, and writing values on axes and
 * in hover labels. Pure functions, no JavaFX.
 */
public final class ChartAxis {
    private ChartAxis() {
    }

    /** A fitted axis: bounds and the distance between ticks (on a log axis, in decades). */
    public record Range(double min, double max, double unit) {
    }

    /**
     * The X range for data from {@code lo} to {@code hi} (infinite lo when there is none): widened
     * to round bounds, never below zero for data that starts at or above zero.
     */
    public static Range fitX(double lo, double hi) {
        if (lo == Double.POSITIVE_INFINITY) {
            lo = 0;
            hi = 1;
        }
        if (hi <= lo) {
            hi = lo + 1;
        }
        double unit = niceUnit(hi - lo, 6);
        double min = Math.floor(lo / unit) * unit;
        double max = Math.ceil(hi / unit) * unit;
        if (lo >= 0 && min < 0) {
            min = 0;
        }
        return new Range(min, max, unit);
    }

    /**
     * The X range on a log axis for data from {@code lo} to {@code hi}, both given in log10 units
     * (infinite lo when there is none): padded by a tenth of a decade or 8 % of the span, whichever
     * is more, so that points at the ends are drawn whole; ticks every whole decade (or more) when
     * the span reaches a decade, else at round fractions of a decade (see {@link #logXUnit}).
     */
    public static Range fitLogX(double lo, double hi, int targetTicks) {
        if (lo == Double.POSITIVE_INFINITY) {
            lo = -1;
            hi = 0;
        }
        if (hi < lo) {
            hi = lo;
        }
        double pad = Math.max(0.1, (hi - lo) * 0.08);
        double min = lo - pad;
        double max = hi + pad;
        return new Range(min, max, logXUnit(min, max, targetTicks));
    }

    /**
     * Tick spacing in log10 units for a log X axis from min to max: whole decades (1, 2, 3...
     * decades apart, about {@code targetTicks} ticks) when the range spans a decade or more, else
     * a round fraction of a decade so that there are still ticks to read.
     */
    public static double logXUnit(double min, double max, int targetTicks) {
        double span = max - min;
        if (span >= 1) {
            return Math.max(1, Math.ceil(span / Math.max(1, targetTicks)));
        }
        return niceUnit(span, Math.max(2, targetTicks));
    }

    /**
     * The Y range for data from {@code lo} to {@code hi} (log10 units when {@code log}; infinite lo
     * when there is none): whole decades on a log axis, 5 % padding and round bounds on a linear
     * one, never below zero for data that is not.
     */
    /**
     * {@code r} with its top lowered to {@code ceiling} (data units; log10 taken on a log axis)
     * when it reaches above it, ticks recomputed; unchanged for an infinite ceiling or one at or
     * below the range's bottom.
     */
    public static Range capY(Range r, boolean log, double ceiling) {
        if (!Double.isFinite(ceiling) || (log && ceiling <= 0)) {
            return r;
        }
        double c = log ? Math.log10(ceiling) : ceiling;
        if (r.max() <= c || c <= r.min()) {
            return r;
        }
        return new Range(r.min(), c, unitFor(log, r.min(), c));
    }

    public static Range fitY(boolean log, double lo, double hi) {
        if (lo == Double.POSITIVE_INFINITY) {
            lo = log ? -1 : 0;
            hi = log ? 0 : 1;
        }
        if (log) {
            double min = Math.floor(lo);
            double max = Math.ceil(hi);
            if (max <= min) {
                max = min + 1;
            }
            return new Range(min, max, logUnit(min, max));
        }
        double pad = (hi - lo) * 0.05;
        // a constant curve (a learning rate, say) whose values differ only in the last bits of a
        // double would otherwise get ticks 1e-19 apart, labelled with twenty digits
        if (hi - lo <= Math.max(Math.abs(lo), Math.abs(hi)) * 1e-9) {
            pad = Math.abs(hi) * 0.1 + 1e-9;
        }
        double unit = niceUnit(hi - lo + 2 * pad, 5);
        double min = Math.floor((lo - pad) / unit) * unit;
        double max = Math.ceil((hi + pad) / unit) * unit;
        if (lo >= 0 && min < 0) {
            min = 0;
        }
        return new Range(min, max, unit);
    }

    /** Tick spacing for a Y range chosen by hand (zoom, pan). */
    public static double unitFor(boolean log, double min, double max) {
        return log ? logUnit(min, max) : niceUnit(max - min, 5);
    }

    private static double logUnit(double min, double max) {
        return Math.max(1, Math.ceil((max - min) / 6));
    }

    /** 1, 2 or 5 times a power of ten, giving about {@code targetTicks} ticks over {@code range}. */
    public static double niceUnit(double range, int targetTicks) {
        if (!(range > 0) || !Double.isFinite(range)) {
            return 1;
        }
        double raw = range / Math.max(1, targetTicks);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * magnitude;
    }

    /** The next tick spacing up the 1, 2, 5, 10 ladder (at least double is never skipped: 1 -> 2 -> 5 -> 10). */
    public static double nextUnit(double unit) {
        if (!(unit > 0) || !Double.isFinite(unit)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(unit) + 1e-9));
        double f = unit / magnitude;
        return (f < 1.5 ? 2 : f < 3 ? 5 : 10) * magnitude;
    }

    /** The multiples of {@code unit} in [min, max] (at most 50). */
    public static List<Double> ticks(double min, double max, double unit) {
        List<Double> out = new ArrayList<>();
        if (!(unit > 0) || !Double.isFinite(min) || !Double.isFinite(max)) {
            return out;
        }
        long first = (long) Math.ceil(min / unit - 1e-9);
        long last = (long) Math.floor(max / unit + 1e-9);
        for (long k = first; k <= last && out.size() < 50; k++) {
            out.add(k * unit);
        }
        return out;
    }

    /** A linear Y tick label: as many decimals as the tick spacing needs, or the formatter's text. */
    public static String formatY(double v, double unit, DoubleFunction<String> formatter) {
        if (formatter != null) {
            return formatter.apply(v);
        }
        if (Math.abs(v) < unit * 1e-6) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(unit) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** An exact value for a hover label: five significant digits, scientific when very small or large. */
    public static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return String.format(Locale.ROOT, "%.5g", v);
    }

    /** An X value (a step, an epoch, seconds) for a hover label. */
    public static String formatX(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** A value on a log axis (a learning rate, say) for a hover label: four significant digits, no trailing zeros (0.001, 3e-05). */
    public static String formatLogValue(double v) {
        String t = String.format(Locale.ROOT, "%.4g", v);
        int e = t.indexOf('e');
        String mantissa = e < 0 ? t : t.substring(0, e);
        String exponent = e < 0 ? "" : t.substring(e);
        return trim(mantissa) + exponent;
    }

    /** A log10 tick value v written as the number 10^v (0.01, 1, 1000, 1e-5). */
    public static String powerOfTen(double e) {
        if (Math.abs(e - Math.rint(e)) > 1e-9) {
            return String.format(Locale.ROOT, "%.2g", Math.pow(10, e));
        }
        int k = (int) Math.rint(e);
        if (k >= -3 && k <= 4) {
            return k >= 0 ? Long.toString((long) Math.pow(10, k)) : "0." + "0".repeat(-k - 1) + "1";
        }
        return "1e" + k;
    }

    /** An X tick label: 950, 12.5k, 1.25M. */
    public static String compact(double d) {
        double a = Math.abs(d);
        if (a >= 1e6) {
            return trim(String.format(Locale.ROOT, "%.2f", d / 1e6)) + "M";
        }
        if (a >= 1e4) {
            return trim(String.format(Locale.ROOT, "%.1f", d / 1e3)) + "k";
        }
        if (d == Math.rint(d)) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.3g", d);
    }

    /** "1.50" to "1.5", "2.00" to "2" (without a regular expression: this runs for every tick label of every frame). */
    private static String trim(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
