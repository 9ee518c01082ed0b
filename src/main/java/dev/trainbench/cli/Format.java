package dev.trainbench.cli;

import java.util.Locale;

final class Format {
    private Format() {
    }

    static String pct(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    static String seconds(Double v) {
        if (v == null) {
            return "-";
        }
        return v < 120 ? String.format(Locale.ROOT, "%.1fs", v) : String.format(Locale.ROOT, "%dm%02ds", (long) (v / 60), (long) (v % 60));
    }

    static String count(Long v) {
        if (v == null) {
            return "-";
        }
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        return v >= 10_000 ? String.format(Locale.ROOT, "%.1fk", v / 1e3) : Long.toString(v);
    }

    /** A status a newer TrainBench wrote reads as null here. */
    static String status(dev.trainbench.runs.RunStatus status) {
        return status == null ? "unknown status" : status.label();
    }

    static String cut(String s, int width) {
        if (s == null) {
            return "-";
        }
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
