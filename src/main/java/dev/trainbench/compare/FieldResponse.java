package dev.trainbench.compare;

import dev.trainbench.runs.RunInfo;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.spec.SpecPaths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A sweep's answer: the final metric of runs against the value of one spec field (the swept one),
 * one point per value with the mean and min–max over its seeds, one line per combination of the
 * other swept fields. Only finished runs (completed or early-stopped) count, as in every group
 * statistic. Learning rates and other fields whose values span a factor of ten or more are drawn on
 * a log axis.
 *
 * @param path    the field, e.g. {@code training.optimizer.learningRate}
 * @param metric  e.g. "final validation accuracy"
 * @param percent whether the metric is a fraction shown as a percentage
 * @param numeric whether every value is a number (else the x axis is the values in order, as categories)
 * @param logX    whether the x axis is logarithmic
 * @param lines   one per combination of the other swept fields' values (one line, labelled "", without them)
 */
public record FieldResponse(String path, String metric, boolean percent, boolean numeric, boolean logX, List<Line> lines) {

    /**
     * @param value the field's value as text
     * @param x     the value as a number (numeric), else its position among the values
     * @param y     the metric over the point's finished runs
     */
    public record Point(String value, double x, Summary y) {
    }

    /** @param label the other swept fields' values, e.g. "units=64"; "" when there are none */
    public record Line(String label, List<Point> points) {
        public Line {
            points = List.copyOf(points);
        }
    }

    public FieldResponse {
        lines = List.copyOf(lines);
    }

    /** The response in a comparison: the final validation accuracy (or loss, when some run has no accuracy) from each run's epochs. */
    public static FieldResponse of(Comparison c, String path) {
        Map<String, RunMetrics> byId = new LinkedHashMap<>();
        c.metrics().forEach(m -> byId.put(m.runId(), m));
        List<RunRecord> finished = c.runs().stream().filter(Comparison::finished).toList();
        boolean accuracy = !finished.isEmpty() && finished.stream().allMatch(r -> byId.get(r.id()).finalValidationAccuracy() != null);
        return build(c.runs(), path, accuracy ? "final validation accuracy" : "final validation loss", accuracy,
                r -> accuracy ? byId.get(r.id()).finalValidationAccuracy() : byId.get(r.id()).finalValidationLoss());
    }

    /** The response from run.json alone (no metric files read): best validation accuracy, or loss. */
    public static FieldResponse ofRecords(List<? extends RunInfo> runs, String path) {
        List<RunInfo> finished = runs.stream().filter(Comparison::finished).map(r -> (RunInfo) r).toList();
        boolean accuracy = !finished.isEmpty() && finished.stream().allMatch(r -> r.bestValidationAccuracy() != null);
        return build(runs, path, accuracy ? "best validation accuracy" : "best validation loss", accuracy,
                r -> accuracy ? r.bestValidationAccuracy() : r.bestValidationLoss());
    }

    /** The fields swept in these runs (their {@code sweepPoint}s), in axis order; empty for runs of no sweep. */
    public static List<String> sweptPaths(List<? extends RunInfo> runs) {
        Set<String> out = new LinkedHashSet<>();
        runs.stream().map(RunInfo::sweepPoint).filter(Objects::nonNull).forEach(p -> out.addAll(p.keySet()));
        return List.copyOf(out);
    }

    private static <R extends RunInfo> FieldResponse build(List<R> runs, String path, String metric, boolean percent,
                                                           Function<? super R, Double> value) {
        List<String> others = sweptPaths(runs).stream().filter(p -> !p.equals(path)).toList();
        Map<String, Map<String, List<Double>>> byLine = new LinkedHashMap<>();
        List<String> allValues = new ArrayList<>();
        for (R r : runs) {
            String v = valueOf(r, path);
            if (v == null) {
                continue;
            }
            if (!allValues.contains(v)) {
                allValues.add(v);
            }
            StringBuilder label = new StringBuilder();
            for (String o : others) {
                String ov = valueOf(r, o);
                label.append(label.isEmpty() ? "" : ", ").append(shortName(o)).append('=').append(ov == null ? "-" : ov);
            }
            List<Double> ys = byLine.computeIfAbsent(label.toString(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(v, k -> new ArrayList<>());
            if (Comparison.finished(r)) {
                ys.add(value.apply(r));
            }
        }
        boolean numeric = !allValues.isEmpty() && allValues.stream().allMatch(FieldResponse::isNumber);
        double min = allValues.stream().filter(FieldResponse::isNumber).mapToDouble(Double::parseDouble).min().orElse(0);
        double max = allValues.stream().filter(FieldResponse::isNumber).mapToDouble(Double::parseDouble).max().orElse(0);
        String field = shortName(path).toLowerCase(Locale.ROOT);
        boolean rate = field.endsWith("learningrate") || field.endsWith("weightdecay");
        boolean logX = numeric && min > 0 && max > min && (max / min >= 10 || rate);
        if (numeric) {
            allValues.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        List<Line> lines = new ArrayList<>();
        byLine.forEach((label, points) -> {
            List<Point> ps = new ArrayList<>();
            for (String v : allValues) {
                List<Double> ys = points.get(v);
                Summary s = ys == null ? null : Summary.of(ys);
                if (s != null) {
                    ps.add(new Point(v, numeric ? Double.parseDouble(v) : allValues.indexOf(v), s));
                }
            }
            lines.add(new Line(label, ps));
        });
        return new FieldResponse(path, metric, percent, numeric, logX, lines);
    }

    /** Every value on the x axis, in axis order (numbers ascending; categories as first seen). */
    public List<String> values() {
        Set<String> out = new LinkedHashSet<>();
        lines.forEach(l -> l.points().forEach(p -> out.add(p.value())));
        List<String> sorted = new ArrayList<>(out);
        if (numeric) {
            sorted.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        return sorted;
    }

    /** The best point over all lines (highest accuracy or lowest loss), or null when no run finished. */
    public Point best() {
        Comparator<Point> byMean = Comparator.comparingDouble(p -> p.y().mean());
        return lines.stream().flatMap(l -> l.points().stream())
                .max(percent ? byMean : byMean.reversed()).orElse(null);
    }

    /** The run's value of the field: from its sweep point, else (a whole record) from its spec. */
    static String valueOf(RunInfo r, String path) {
        if (r.sweepPoint() != null && r.sweepPoint().containsKey(path)) {
            return r.sweepPoint().get(path);
        }
        if (!(r instanceof RunRecord record) || record.spec() == null) {
            return null;
        }
        try {
            String t = SpecPaths.getText(record.spec(), path);
            return t.isEmpty() ? "null" : t;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The last field name of a path: {@code learningRate} for {@code training.optimizer.learningRate}. */
    public static String shortName(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static boolean isNumber(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
