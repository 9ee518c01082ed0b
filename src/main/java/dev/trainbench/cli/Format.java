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

    /**
     * "train 51 / validation 9 / test 20 (test: t10k-images-idx3-ubyte.gz + t10k-labels-idx1-ubyte.gz)":
     * the split sizes, and the files of any split that has its own.
     */
    static String splits(dev.trainbench.runs.RunRecord r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "train %s / validation %s / test %s",
                n(r.trainSamples()), n(r.validationSamples()), n(r.testSamples())));
        java.util.Map<String, java.util.List<String>> files = r.dataFiles();
        if (files != null && files.get("train") != null) {
            java.util.List<String> own = new java.util.ArrayList<>();
            for (String split : new String[] {"validation", "test"}) {
                java.util.List<String> f = files.get(split);
                if (f != null && !f.equals(files.get("train"))) {
                    own.add(split + ": " + String.join(" + ", f.stream().map(Format::fileName).toList()));
                }
            }
            if (!own.isEmpty()) {
                s.append(" (").append(String.join("; ", own)).append(')');
            }
        }
        return s.toString();
    }

    private static String n(Integer v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%,d", v);
    }

    static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** A metric in the target's units: 4 significant digits, "-" for none. */
    static String num(Double v) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    static String r2(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A regression run: it has regression metrics, or trained without any accuracy. */
    static boolean isRegression(dev.trainbench.runs.RunRecord r) {
        if (r.bestValidationRmse() != null || r.test() != null && r.test().rmse() != null) {
            return true;
        }
        if (r.test() != null && r.test().accuracy() != null || r.bestValidationAccuracy() != null) {
            return false;
        }
        return r.epochsCompleted() != null && r.epochsCompleted() > 0 && r.lastTrainAccuracy() == null;
    }

    /** The "best validation" cell of a table: accuracy, or "rmse 1.234" for regression. */
    static String bestValidation(dev.trainbench.runs.RunRecord r) {
        return r.bestValidationRmse() != null ? "rmse " + num(r.bestValidationRmse()) : pct(r.bestValidationAccuracy());
    }

    /** The "test" cell of a table: accuracy, or "rmse 1.234" for regression. */
    static String test(dev.trainbench.runs.RunRecord r) {
        return r.test() != null && r.test().rmse() != null ? "rmse " + num(r.test().rmse()) : pct(r.testAccuracy());
    }
}
