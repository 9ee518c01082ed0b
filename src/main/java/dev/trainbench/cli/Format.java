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

    static String bytes(long b) {
        return b >= 10L << 20 ? String.format(Locale.ROOT, "%.1f MB", b / 1e6)
                : b >= 10_000 ? String.format(Locale.ROOT, "%.1f kB", b / 1e3) : b + " bytes";
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

    /** The confusion matrix of a test result with each class's accuracy (nothing for regression). */
    static void confusion(java.io.PrintWriter out, dev.trainbench.runs.TestResult t) {
        if (t.confusion() == null) {
            return;
        }
        out.println("confusion matrix (rows: true class, columns: predicted):");
        StringBuilder header = new StringBuilder(String.format("%12s", ""));
        t.classNames().forEach(c -> header.append(String.format(" %6s", cut(c, 6))));
        out.println(header + "   per-class acc");
        for (int k = 0; k < t.confusion().length; k++) {
            StringBuilder row = new StringBuilder(String.format("%12s", cut(t.classNames().get(k), 12)));
            for (int v : t.confusion()[k]) {
                row.append(String.format(" %6d", v));
            }
            out.println(row + "   " + pct(t.perClassAccuracy()[k]));
        }
    }
}
