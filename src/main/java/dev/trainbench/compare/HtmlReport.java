package dev.trainbench.compare;

import dev.trainbench.runs.RunFiles;
import dev.trainbench.runs.RunRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A comparison as one self-contained HTML file: the charts as SVG images embedded in the page
 * ({@code data:} URLs, no external file, no script, no network), the warnings, the data identity,
 * the seed statements, the metrics table and the configuration diff (differences, then the full
 * configuration folded). Opens in any browser, offline, and prints.
 */
public final class HtmlReport {

    /** Per-step EMA weight for the training-loss chart, debiased; the raw curve stays visible, faint. */
    static final double SMOOTHING = 0.9;
    static final int CHART_WIDTH = 880;
    static final int CHART_HEIGHT = 380;

    private HtmlReport() {
    }

    /** Writes the report to {@code file} atomically. */
    public static void write(Comparison c, Path file, String generator) throws IOException {
        byte[] html = render(c, generator).getBytes(StandardCharsets.UTF_8);
        RunFiles.writeAtomically(file.toAbsolutePath(), out -> out.write(html));
    }

    /**
     * The report's HTML.
     *
     * @param generator what made it, e.g. "TrainBench 0.1.0", shown in the footer
     */
    public static String render(Comparison c, String generator) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "Comparison of " + c.runs().size() + " runs";
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape("TrainBench: " + title)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        h.append("<h1>").append(escape(title)).append("</h1>\n");
        h.append("<p class=\"meta\">").append(escape(c.units().stream().map(Comparison.Unit::label).toList().toString()
                .replaceAll("^\\[|\\]$", ""))).append("</p>\n");

        section(h, "Summary", "summary");
        h.append("<div class=\"statements\">");
        for (String w : c.warnings()) {
            h.append("<p class=\"warning\">⚠ ").append(escape(w)).append("</p>");
        }
        if (c.warnings().isEmpty() && c.units().size() > 1) {
            h.append("<p class=\"ok\">").append(escape(oneChangeStatement(c))).append("</p>");
        }
        for (String d : c.dataIdentity().statements()) {
            h.append("<p class=\"").append(c.dataIdentity().status() == Comparison.DataStatus.SAME ? "data" : "warning")
                    .append("\">Data: ").append(escape(d)).append("</p>");
        }
        for (Comparison.GroupComparison g : c.groupComparisons()) {
            h.append("<p class=\"seeds\">Seeds: ").append(escape(g.statement())).append("</p>");
        }
        h.append("</div>\n");

        section(h, "Runs", "runs");
        table(h, List.of("", "run", "id", "status", "seed", "group", "parent", "created"), c.runs().stream().map(r -> List.of(
                swatch(c, r), r.name() == null ? "" : r.name(), r.id(), r.status() == null ? "?" : r.status().label(),
                Long.toString(r.seed()), r.groupName() == null ? "" : r.groupName(), r.parentId() == null ? "" : r.parentId(),
                r.createdAt() == null ? "" : r.createdAt())).toList(), 0);

        section(h, "Curves", "curves");
        for (Chart chart : charts(c)) {
            if (chart.svg().isEmpty()) {
                continue;
            }
            h.append("<figure><img alt=\"").append(escape(chart.title())).append("\" width=\"").append(CHART_WIDTH)
                    .append("\" src=\"data:image/svg+xml;base64,")
                    .append(Base64.getEncoder().encodeToString(chart.svg().render().getBytes(StandardCharsets.UTF_8)))
                    .append("\"><figcaption>").append(escape(chart.caption())).append("</figcaption></figure>\n");
        }

        section(h, "Metrics", "metrics");
        List<List<String>> rows = new ArrayList<>();
        for (RunMetrics m : c.metrics()) {
            RunRecord r = c.runs().stream().filter(x -> x.id().equals(m.runId())).findFirst().orElseThrow();
            rows.add(List.of(swatch(c, r), m.name() == null ? m.runId() : m.name(), pct(m.bestValidationAccuracy())
                    + at(m.bestValidationAccuracyEpoch()), num(m.bestValidationLoss()) + at(m.bestValidationLossEpoch()),
                    pct(m.finalValidationAccuracy()), num(m.finalValidationLoss()), pct(m.testAccuracy()),
                    m.epochs() == null ? "" : m.epochs().toString(), m.parameters() == null ? "" : String.format(Locale.ROOT, "%,d", m.parameters()),
                    m.samplesPerSecond() == null ? "" : String.format(Locale.ROOT, "%.0f", m.samplesPerSecond()),
                    m.wallSeconds() == null ? "" : String.format(Locale.ROOT, "%.1f s", m.wallSeconds()),
                    m.status() == null ? "?" : m.status().label()));
        }
        table(h, List.of("", "run", "best val. accuracy (epoch)", "best val. loss (epoch)", "final val. accuracy",
                "final val. loss", "test accuracy", "epochs", "parameters", "samples/s", "wall time", "status"), rows, 2);

        if (c.hasGroups()) {
            section(h, "Seed groups", "groups");
            List<List<String>> g = new ArrayList<>();
            for (Comparison.UnitStatistics s : c.statistics()) {
                g.add(List.of(s.unit().label(), Integer.toString(s.unit().runs().size()), fmt(s.finalValidationAccuracy(), true),
                        fmt(s.bestValidationAccuracy(), true), fmt(s.finalValidationLoss(), false), fmt(s.testAccuracy(), true)));
            }
            table(h, List.of("unit", "runs", "final val. accuracy", "best val. accuracy", "final val. loss", "test accuracy"), g, 2);
            h.append("<p class=\"note\">mean ± standard deviation (n, min–max) over the runs of a group; a single run has no spread."
                    + " Groups are compared with Welch's t-test (two-sided, unequal variances) at p &lt; 0.05.</p>");
        }

        section(h, "Configuration: differences", "diff");
        List<String> head = new ArrayList<>(List.of("field", "kind"));
        c.diffUnits().forEach(u -> head.add(u.label()));
        List<DiffEntry> differences = c.diff().differences();
        if (differences.isEmpty()) {
            h.append("<p>The specs are identical").append(c.hasGroups() ? " (apart from the seeds of the groups)" : "").append(".</p>");
        } else {
            diffTable(h, head, differences);
        }
        h.append("<details><summary>Full configuration (").append(c.diff().entries().size()).append(" fields)</summary>");
        diffTable(h, head, c.diff().entries());
        h.append("</details>\n");

        h.append("<footer>Made by ").append(escape(generator)).append(" on ")
                .append(escape(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))
                .append(". Curves are read from each run's metrics.csv and epochs.csv; the specs from run.json.</footer>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    /** "B differs from A in one field: model.layers[2] (added: dropout 0.2)", one clause per unit. */
    static String oneChangeStatement(Comparison c) {
        List<String> parts = new ArrayList<>();
        List<Comparison.Unit> units = c.diffUnits();
        for (int i = 1; i < units.size(); i++) {
            List<String> ch = c.diff().countedChanges(i);
            String ref = units.get(0).label();
            if (ch.isEmpty()) {
                parts.add(units.get(i).label() + " has the same configuration as " + ref
                        + (c.hasGroups() ? " (apart from the seeds)" : ""));
                continue;
            }
            String path = ch.get(0);
            int k = i;
            String detail = c.diff().differences().stream().filter(e -> e.path().equals(path)).findFirst()
                    .map(e -> " (" + e.kind().label() + ": " + (e.values().get(0) == null ? "—" : e.values().get(0)) + " → "
                            + (e.values().get(k) == null ? "—" : e.values().get(k)) + ")").orElse("");
            parts.add(units.get(i).label() + " differs from " + ref + " in one field: " + path + detail);
        }
        return String.join("; ", parts) + ".";
    }

    record Chart(String title, String caption, SvgChart svg) {
    }

    /** The report's charts: loss by epoch, validation accuracy by epoch, training loss by step. */
    static List<Chart> charts(Comparison c) {
        List<Chart> out = new ArrayList<>();
        SvgChart loss = new SvgChart("Loss by epoch", XAxis.EPOCH.label(), true, false, CHART_WIDTH, height(c)).integerX();
        plot(c, loss, List.of(Metric.VALIDATION_LOSS, Metric.TRAIN_LOSS), XAxis.EPOCH, s -> s);
        loss.legend("validation loss", "#555555", false);
        loss.legend("training loss", "#555555", true);
        out.add(new Chart("Loss by epoch", "Validation loss (solid) and training loss (dashed) per epoch, log scale."
                + bandNote(c), loss));
        boolean anyAccuracy = c.series(Metric.VALIDATION_ACCURACY, XAxis.EPOCH).stream().anyMatch(s -> !s.isEmpty());
        if (anyAccuracy) {
            SvgChart acc = new SvgChart("Validation accuracy by epoch", XAxis.EPOCH.label(), false, true, CHART_WIDTH, height(c)).integerX();
            plot(c, acc, List.of(Metric.VALIDATION_ACCURACY), XAxis.EPOCH, s -> s);
            out.add(new Chart("Validation accuracy by epoch", "Validation accuracy per epoch." + bandNote(c), acc));
        }
        SvgChart steps = new SvgChart("Training loss by step", XAxis.STEP.label(), true, false, CHART_WIDTH, height(c)).integerX();
        for (Series s : c.series(Metric.STEP_LOSS, XAxis.STEP)) {
            if (!c.unitOf(s.runId()).isGroup()) {
                steps.line(s.x(), s.y(), color(c, s.runId()), false, 0.18, 1);
            }
        }
        plot(c, steps, List.of(Metric.STEP_LOSS), XAxis.STEP, s -> smooth(s, SMOOTHING));
        out.add(new Chart("Training loss by step", "Batch loss per step, smoothed (EMA " + SMOOTHING + " per step, debiased);"
                + " the raw curve is drawn faint behind single runs." + bandNote(c), steps));
        return out;
    }

    private static int height(Comparison c) {
        return CHART_HEIGHT + ((c.units().size() + 2) / 3) * 18;
    }

    private static String bandNote(Comparison c) {
        if (!c.hasGroups()) {
            return "";
        }
        StringBuilder note = new StringBuilder(" A seed group is drawn as its mean with the min–max band of its runs.");
        for (Band b : c.bands(Metric.VALIDATION_LOSS, XAxis.EPOCH)) {
            String n = b.note(XAxis.EPOCH);
            if (n != null) {
                note.append(' ').append(n).append('.');
            }
        }
        return note.toString();
    }

    /** Lines for single runs, mean and band for groups; the first metric solid, the others dashed. */
    private static void plot(Comparison c, SvgChart chart, List<Metric> metrics, XAxis axis, Function<Series, Series> transform) {
        for (int m = 0; m < metrics.size(); m++) {
            Metric metric = metrics.get(m);
            boolean dashed = m > 0;
            for (int u = 0; u < c.units().size(); u++) {
                Comparison.Unit unit = c.units().get(u);
                String color = SvgChart.color(u);
                List<Series> members = unit.runs().stream().map(r -> transform.apply(c.curves(r.id()).series(metric, axis))).toList();
                if (unit.isGroup()) {
                    Band b = Band.aggregate(unit.groupId(), unit.label(), members, axis);
                    if (!dashed) {
                        chart.band(b.x(), b.min(), b.max(), color);
                    }
                    chart.line(b.x(), b.mean(), color, dashed, 1, 2);
                } else {
                    chart.line(members.get(0).x(), members.get(0).y(), color, dashed, 1, 2);
                }
            }
        }
        for (int u = 0; u < c.units().size(); u++) {
            Comparison.Unit unit = c.units().get(u);
            chart.legend(unit.label() + (unit.isGroup() ? " (mean of " + unit.runs().size() + ", band min–max)" : ""),
                    SvgChart.color(u), false);
        }
    }

    /** Debiased EMA with weight {@code beta} per step of x, on the full series. */
    static Series smooth(Series s, double beta) {
        double[] y = new double[s.size()];
        double sum = 0;
        double weight = 0;
        double lastX = Double.NaN;
        for (int i = 0; i < s.size(); i++) {
            double decay = Double.isNaN(lastX) ? 0 : Math.pow(beta, s.x()[i] - lastX);
            sum = sum * decay + s.y()[i];
            weight = weight * decay + 1;
            y[i] = sum / weight;
            lastX = s.x()[i];
        }
        return new Series(s.runId(), s.label(), s.x(), y);
    }

    private static String color(Comparison c, String runId) {
        return SvgChart.color(c.units().indexOf(c.unitOf(runId)));
    }

    private static String swatch(Comparison c, RunRecord r) {
        return "\u0000" + color(c, r.id());
    }

    private static void section(StringBuilder h, String title, String id) {
        h.append("<h2 id=\"").append(id).append("\">").append(escape(title)).append("</h2>\n");
    }

    /** A table; cells starting with NUL are colour swatches; columns from {@code numericFrom} on are right-aligned. */
    private static void table(StringBuilder h, List<String> head, List<List<String>> rows, int numericFrom) {
        h.append("<table><thead><tr>");
        for (String c : head) {
            h.append("<th>").append(escape(c)).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (List<String> row : rows) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                if (cell.startsWith("\u0000")) {
                    h.append("<td><span class=\"swatch\" style=\"background:").append(cell.substring(1)).append("\"></span></td>");
                } else {
                    h.append(i >= numericFrom && numericFrom > 0 ? "<td class=\"num\">" : "<td>").append(escape(cell)).append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void diffTable(StringBuilder h, List<String> head, List<DiffEntry> entries) {
        h.append("<table class=\"diff\"><thead><tr>");
        for (String c : head) {
            h.append("<th>").append(escape(c)).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (DiffEntry e : entries) {
            h.append("<tr class=\"").append(e.kind().label()).append("\"><td class=\"path\">").append(escape(e.path()))
                    .append(e.counted() || !e.isDifference() ? "" : " <span class=\"note\">(not counted)</span>")
                    .append("</td><td>").append(e.kind().label()).append("</td>");
            for (int i = 0; i < e.values().size(); i++) {
                String v = e.values().get(i);
                h.append(e.differs().get(i) ? "<td class=\"changed\">" : "<td>").append(v == null ? "—" : escape(v)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static String fmt(Summary s, boolean percent) {
        return s == null ? "" : s.format(percent);
    }

    private static String pct(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }

    private static String num(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String at(Integer epoch) {
        return epoch == null ? "" : " (" + epoch + ")";
    }

    /** Text safe inside HTML and SVG elements and attributes. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (ch < 0x20 && ch != '\n' && ch != '\t') {
                        b.append('\uFFFD');
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font-family:Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222;line-height:1.4;padding:0 16px}
            h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
            .meta{color:#666;margin-top:0}
            table{border-collapse:collapse;margin:8px 0;font-size:13px}
            th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
            td.path{font-family:Menlo,Consolas,monospace;white-space:nowrap}
            tr.changed td.changed,tr.added td.changed,tr.removed td.changed{background:#fff3cd}
            tr.added td:first-child{border-left:4px solid #59a14f}tr.removed td:first-child{border-left:4px solid #e15759}
            tr.changed td:first-child{border-left:4px solid #f28e2b}
            .swatch{display:inline-block;width:14px;height:14px;border-radius:3px}
            .warning{background:#fff3cd;border-left:4px solid #f0ad4e;padding:6px 10px}
            .ok,.data,.seeds{background:#eef5fb;border-left:4px solid #4e79a7;padding:6px 10px}
            .note{color:#666;font-size:12px}
            figure{margin:12px 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{color:#555;font-size:12px}
            details{margin:12px 0}summary{cursor:pointer;font-weight:bold}
            footer{margin-top:32px;color:#888;font-size:12px}
            @media print{details{display:block}}
            """;
}
