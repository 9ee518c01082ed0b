package dev.trainbench.cli;

import dev.trainbench.runs.RunRecord;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;

/** How the command line prints values: numbers, times, and text from files made safe for a terminal. */
final class Format {
    private Format() {
    }

    static String pct(Double v) {
        return v == null || v.isNaN() ? "-" : fixed(100 * v, 2) + "%";
    }

    static String seconds(Double v) {
        if (v == null) {
            return "-";
        }
        if (v < 120) {
            return fixed(v, 1) + "s";
        }
        long s = (long) (v % 60);
        return (long) (v / 60) + "m" + (s < 10 ? "0" : "") + s + "s";
    }

    static String count(Long v) {
        if (v == null) {
            return "-";
        }
        if (v >= 1_000_000) {
            return fixed(v / 1e6, 1) + "M";
        }
        return v >= 10_000 ? fixed(v / 1e3, 1) + "k" : Long.toString(v);
    }

    /**
     * {@code v} with {@code decimals} digits after the point, exactly as {@code String.format(Locale.ROOT,
     * "%.Nf", v)} writes it (the shortest decimal form of the double, rounded half up), at a fraction
     * of its cost: a Formatter looks up the locale's symbols each time, which made the number cells,
     * not the runs, most of what {@code trainbench list} of 10,000 runs cost.
     */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
        if (v < 0 || v == 0 && 1 / v < 0) {
            return "-" + fixed(-v, decimals); // Formatter keeps the sign of a negative that rounds to zero
        }
        return new java.math.BigDecimal(Double.toString(v)).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    static String bytes(long b) {
        return b >= 10L << 20 ? String.format(Locale.ROOT, "%.1f MB", b / 1e6)
                : b >= 10_000 ? String.format(Locale.ROOT, "%.1f kB", b / 1e3) : b + " bytes";
    }

    /** A status; one a newer TrainBench wrote reads as null here and is shown as written, with a "?". */
    static String status(dev.trainbench.runs.RunStatus status) {
        return status == null ? "unknown status" : status.label();
    }

    static String status(dev.trainbench.runs.RunInfo r) {
        if (r.status() != null) {
            return r.status().label();
        }
        String raw = r.rawStatus();
        return raw == null ? "unknown status" : safe(raw) + "?";
    }

    static String cut(String s, int width) {
        if (s == null) {
            return "-";
        }
        String t = safe(s);
        return t.length() <= width ? t : t.substring(0, width - 1) + "~";
    }

    /**
     * Text from a file or a user (run names, notes, labels, messages) as it may reach a terminal:
     * control characters are printed escaped ({@code \e}, {@code \n}, {@code \x07}...), so that a
     * name can neither move the cursor, retitle the terminal nor fake other lines. Also escaped:
     * the C1 controls and the bidirectional overrides that reorder what is shown.
     */
    static String safe(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escaped = escape(c, false);
            if (escaped != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** The escaped form of {@code c}, or null when it prints as itself. */
    private static String escape(char c, boolean keepNewline) {
        if (c == '\n') {
            return keepNewline ? null : "\\n";
        }
        if (c < 0x20 || c == 0x7f) {
            return switch (c) {
                case 0x1b -> "\\e";
                case 0x07 -> "\\a";
                case '\t' -> "\\t";
                case '\r' -> "\\r";
                case '\b' -> "\\b";
                default -> String.format(Locale.ROOT, "\\x%02x", (int) c);
            };
        }
        if ((c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c) {
            return String.format(Locale.ROOT, "\\u%04x", (int) c);
        }
        return null;
    }

    /**
     * Standard output as the commands write it: every control character but the newline escaped
     * ({@link #safe}), so that nothing a command prints, now or in a command added later, can
     * drive the terminal. Only the progress bar on standard error writes control sequences.
     */
    static PrintWriter terminalSafe(Writer out) {
        return new PrintWriter(new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                String e = escape((char) c, true);
                if (e == null) {
                    out.write(c);
                } else {
                    out.write(e);
                }
            }

            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                write(java.nio.CharBuffer.wrap(buf), off, len);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                write((CharSequence) str, off, len);
            }

            /** Runs of characters that print as themselves are passed on whole: a table of 10,000 lines is one call per line, not per character. */
            private void write(CharSequence text, int off, int len) throws IOException {
                int run = off;
                for (int i = off; i < off + len; i++) {
                    String e = escape(text.charAt(i), true);
                    if (e != null) {
                        out.append(text, run, i);
                        out.write(e);
                        run = i + 1;
                    }
                }
                out.append(text, run, off + len);
            }
        }, true);
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
    static String bestValidation(dev.trainbench.runs.RunInfo r) {
        return r.bestValidationRmse() != null ? "rmse " + num(r.bestValidationRmse()) : pct(r.bestValidationAccuracy());
    }

    /** The "test" cell of a table: accuracy, or "rmse 1.234" for regression. */
    static String test(dev.trainbench.runs.RunInfo r) {
        return r.testRmse() != null ? "rmse " + num(r.testRmse()) : pct(r.testAccuracy());
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
