package dev.trainbench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as a standalone SVG document, drawn without JavaFX (the core and the command line
 * run headless): shared axes, optional log scale, lines, min–max bands and a legend. Long series
 * are decimated to the plot's pixel width keeping each column's minimum and maximum, so a spike is
 * never dropped and the file size follows the width, not the run length.
 */
final class SvgChart {

    /** Tableau 10: distinct, and readable by most colour-blind viewers. */
    static final String[] COLORS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac"};

    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 34;
    private static final int BOTTOM = 44;

    private record Line(double[] x, double[] y, String color, boolean dashed, double opacity, double width) {
    }

    private record Area(double[] x, double[] lo, double[] hi, String color) {
    }

    private record LegendItem(String label, String color, boolean dashed) {
    }

    private final String title;
    private final String xLabel;
    private final boolean logY;
    private final boolean percentY;
    /** Whole-number x ticks only (epochs, steps). */
    private boolean integerX;
    private final int width;
    private final int height;
    private final List<Line> lines = new ArrayList<>();
    private final List<Area> areas = new ArrayList<>();
    private final List<LegendItem> legend = new ArrayList<>();

    SvgChart(String title, String xLabel, boolean logY, boolean percentY, int width, int height) {
        this.title = title;
        this.xLabel = xLabel;
        this.logY = logY;
        this.percentY = percentY;
        this.width = width;
        this.height = height;
    }

    SvgChart integerX() {
        integerX = true;
        return this;
    }

    static String color(int index) {
        return COLORS[Math.floorMod(index, COLORS.length)];
    }

    void line(double[] x, double[] y, String color, boolean dashed, double opacity, double strokeWidth) {
        lines.add(new Line(x, y, color, dashed, opacity, strokeWidth));
    }

    void band(double[] x, double[] lo, double[] hi, String color) {
        areas.add(new Area(x, lo, hi, color));
    }

    void legend(String label, String color, boolean dashed) {
        legend.add(new LegendItem(label, color, dashed));
    }

    boolean isEmpty() {
        return lines.stream().allMatch(l -> l.x().length == 0) && areas.isEmpty();
    }

    String render() {
        int legendRows = (legend.size() + 2) / 3;
        int plotBottom = height - BOTTOM - legendRows * 18;
        double[] xr = range(true);
        double[] yr = range(false);
        double x0 = xr[0];
        double x1 = xr[1];
        double y0 = yr[0];
        double y1 = yr[1];
        int pw = width - LEFT - RIGHT;
        int ph = plotBottom - TOP;
        Scale sx = v -> LEFT + (v - x0) / (x1 - x0) * pw;
        Scale sy = v -> plotBottom - (ty(v) - ty(y0)) / (ty(y1) - ty(y0)) * ph;

        StringBuilder s = new StringBuilder(8192);
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">", width, height, width, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>", LEFT,
                HtmlReport.escape(title + (logY ? " (log scale)" : ""))));
        // grid and ticks
        for (double t : logY ? logTicks(y0, y1) : ticks(y0, y1, 6)) {
            double py = sy.at(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>",
                    LEFT, LEFT + pw, py, py));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#444\">%s</text>",
                    LEFT - 6, py + 4, HtmlReport.escape(label(t, percentY))));
        }
        for (double t : integerX ? integerTicks(x0, x1, 8) : ticks(x0, x1, 8)) {
            double px = sx.at(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#f0f0f0\"/>",
                    px, px, TOP, plotBottom));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%s</text>",
                    px, plotBottom + 16, HtmlReport.escape(label(t, false))));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
                LEFT, TOP, pw, ph));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#222\">%s</text>",
                LEFT + pw / 2.0, plotBottom + 34, HtmlReport.escape(xLabel)));
        s.append(String.format(Locale.ROOT, "<clipPath id=\"plot\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/></clipPath>",
                LEFT, TOP, pw, ph));
        s.append("<g clip-path=\"url(#plot)\">");
        for (Area a : areas) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < a.x().length; i++) {
                if (usable(a.x()[i], a.hi()[i])) {
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.at(a.x()[i]), sy.at(a.hi()[i])));
                }
            }
            for (int i = a.x().length - 1; i >= 0; i--) {
                if (usable(a.x()[i], a.lo()[i])) {
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.at(a.x()[i]), sy.at(a.lo()[i])));
                }
            }
            s.append("<polygon fill=\"").append(a.color()).append("\" fill-opacity=\"0.2\" stroke=\"none\" points=\"")
                    .append(pts.toString().strip()).append("\"/>");
        }
        for (Line l : lines) {
            List<double[]> pts = decimate(l.x(), l.y(), sx, sy, pw);
            if (pts.isEmpty()) {
                continue;
            }
            StringBuilder p = new StringBuilder();
            for (double[] pt : pts) {
                p.append(String.format(Locale.ROOT, "%.1f,%.1f ", pt[0], pt[1]));
            }
            s.append("<polyline fill=\"none\" stroke=\"").append(l.color()).append('"')
                    .append(String.format(Locale.ROOT, " stroke-width=\"%.1f\" stroke-opacity=\"%.2f\"", l.width(), l.opacity()))
                    .append(l.dashed() ? " stroke-dasharray=\"6 4\"" : "")
                    .append(" stroke-linejoin=\"round\" points=\"").append(p.toString().strip()).append("\"/>");
            if (pts.size() == 1) {
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", pts.get(0)[0],
                        pts.get(0)[1], l.color()));
            }
        }
        s.append("</g>");
        // legend below the plot, three to a row
        int colWidth = (width - LEFT) / 3;
        for (int i = 0; i < legend.size(); i++) {
            LegendItem item = legend.get(i);
            int lx = LEFT + (i % 3) * colWidth;
            int ly = plotBottom + 50 + (i / 3) * 18;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"%s/>",
                    lx, lx + 22, ly - 4, ly - 4, item.color(), item.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            String text = item.label().length() > 44 ? item.label().substring(0, 43) + "…" : item.label();
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#222\">%s</text>", lx + 28, ly,
                    HtmlReport.escape(text)));
        }
        s.append("</svg>");
        return s.toString();
    }

    @FunctionalInterface
    private interface Scale {
        double at(double v);
    }

    private double ty(double v) {
        return logY ? Math.log10(v) : v;
    }

    private boolean usable(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0);
    }

    /** Data range of x (or y) over lines and bands, padded; a log axis spans whole decades when short. */
    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (int i = 0; i < l.x().length; i++) {
                if (usable(l.x()[i], l.y()[i])) {
                    double v = x ? l.x()[i] : l.y()[i];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        for (Area a : areas) {
            for (int i = 0; i < a.x().length; i++) {
                if (x) {
                    lo = Math.min(lo, a.x()[i]);
                    hi = Math.max(hi, a.x()[i]);
                } else {
                    if (usable(a.x()[i], a.lo()[i])) {
                        lo = Math.min(lo, a.lo()[i]);
                    }
                    if (usable(a.x()[i], a.hi()[i])) {
                        hi = Math.max(hi, a.hi()[i]);
                    }
                }
            }
        }
        if (!Double.isFinite(lo)) {
            return new double[] {x ? 0 : logY ? 0.1 : 0, x ? 1 : logY ? 10 : 1};
        }
        if (logY && !x) {
            double a = Math.log10(lo);
            double b = Math.log10(hi);
            double pad = Math.max(0.05, (b - a) * 0.05);
            return new double[] {Math.pow(10, a - pad), Math.pow(10, b + pad)};
        }
        if (hi == lo) {
            double d = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new double[] {lo - d, hi + d};
        }
        double pad = x ? 0 : (hi - lo) * 0.05;
        return new double[] {lo - pad, hi + pad};
    }

    /** Nice linear ticks (1, 2, 5 × 10^k steps). */
    static List<Double> ticks(double lo, double hi, int target) {
        double span = hi - lo;
        double raw = span / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3 ? 2 * mag : raw / mag < 7 ? 5 * mag : 10 * mag;
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }

    static List<Double> integerTicks(double lo, double hi, int target) {
        List<Double> t = ticks(lo, hi, target);
        if (t.size() < 2 || t.get(1) - t.get(0) >= 1) {
            return t;
        }
        List<Double> out = new ArrayList<>();
        for (double v = Math.ceil(lo); v <= hi + 1e-9; v++) {
            out.add(v);
        }
        return out;
    }

    /** Decades, with 2 and 5 between them when the axis spans less than three decades. */
    static List<Double> logTicks(double lo, double hi) {
        List<Double> out = new ArrayList<>();
        int a = (int) Math.floor(Math.log10(lo));
        int b = (int) Math.ceil(Math.log10(hi));
        double[] mult = b - a <= 3 ? new double[] {1, 2, 5} : new double[] {1};
        for (int e = a; e <= b; e++) {
            for (double m : mult) {
                double t = m * Math.pow(10, e);
                if (t >= lo && t <= hi) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    static String label(double v, boolean percent) {
        if (percent) {
            return String.format(Locale.ROOT, "%.4g%%", 100 * v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /** Pixel points; more points than pixel columns become each column's first, min, max and last value. */
    private List<double[]> decimate(double[] x, double[] y, Scale sx, Scale sy, int pw) {
        List<double[]> out = new ArrayList<>();
        int n = x.length;
        if (n <= 2 * pw) {
            for (int i = 0; i < n; i++) {
                if (usable(x[i], y[i])) {
                    out.add(new double[] {sx.at(x[i]), sy.at(y[i])});
                }
            }
            return out;
        }
        int i = 0;
        while (i < n) {
            long column = Math.round(sx.at(x[i]));
            int first = -1;
            int last = -1;
            int min = -1;
            int max = -1;
            while (i < n && Math.round(sx.at(x[i])) == column) {
                if (usable(x[i], y[i])) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                    if (min < 0 || y[i] < y[min]) {
                        min = i;
                    }
                    if (max < 0 || y[i] > y[max]) {
                        max = i;
                    }
                }
                i++;
            }
            if (first >= 0) {
                int[] keep = {first, Math.min(min, max), Math.max(min, max), last};
                int prev = -1;
                for (int k : keep) {
                    if (k != prev) {
                        out.add(new double[] {sx.at(x[k]), sy.at(y[k])});
                        prev = k;
                    }
                }
            }
        }
        return out;
    }
}
