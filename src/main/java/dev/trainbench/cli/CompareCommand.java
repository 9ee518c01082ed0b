package dev.trainbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.compare.Comparison;
import dev.trainbench.compare.DiffEntry;
import dev.trainbench.compare.HtmlReport;
import dev.trainbench.compare.RunMetrics;
import dev.trainbench.compare.Summary;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", description = {
    "Compare runs: the configuration diff (differences only unless --all), whether more than one thing changed,",
    "the data identity, the metrics table and, for seed groups, whether a difference is larger than the seed spread.",
    "The first run (or group) is the reference. A group id (g-..., see 'trainbench list') stands for all its runs."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", arity = "1..*",
            description = "Run ids, unique prefixes or unique names, or seed-group ids (g-...); at least two runs in all.")
    List<String> refs;

    @Option(names = "--group", paramLabel = "GROUP", description = "Also compare every run of this seed group (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--all", description = "Show every field of the configuration, not only the differences.")
    boolean all;

    @Option(names = "--json", description = "Print one JSON document instead of text (for scripts).")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write a self-contained HTML report (charts, diff, metrics, statements) to FILE.html.")
    Path report;

    @Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = commandSpec.commandLine().getOut();
        RunStore store = workspace.store();
        // a run that cannot be found or read throws RunStoreException, which Cli reports (exit 2, and
        // the --json error line)
        List<String> all = new ArrayList<>(refs);
        for (String g : groups) {
            all.add(g.startsWith(dev.trainbench.runs.RunGroup.ID_PREFIX) ? g : dev.trainbench.runs.RunGroup.ID_PREFIX + g);
        }
        List<RunRecord> runs = Comparison.resolve(store, all);
        Comparison c = Comparison.of(store, runs);
        if (report != null) {
            try {
                HtmlReport.write(c, report, "TrainBench " + version());
            } catch (IOException e) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(), "cannot write the report " + report
                        + ": " + e.getMessage() + "; check that its folder exists and is writable");
            }
        }
        if (json) {
            out.println(json(c));
        } else {
            text(c, out);
            if (report != null) {
                out.println("report written to " + report.toAbsolutePath());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String version() {
        String v = CompareCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static String letter(int i) {
        return i < 26 ? Character.toString((char) ('A' + i)) : "U" + (i + 1);
    }

    private void text(Comparison c, PrintWriter out) {
        List<Comparison.Unit> units = c.units();
        out.printf(Locale.ROOT, "comparing %d runs as %d %s; the reference is A%n", c.runs().size(), units.size(),
                units.size() == 1 ? "unit" : "units");
        for (int i = 0; i < units.size(); i++) {
            Comparison.Unit u = units.get(i);
            if (u.isGroup()) {
                out.printf(Locale.ROOT, "  %-3s %s: seed group %s, %d runs%n", letter(i), Format.cut(u.label(), 40), u.groupId(),
                        u.runs().size());
                for (RunRecord r : u.runs()) {
                    out.printf(Locale.ROOT, "        %s  %s, seed %d%n", r.id(), Format.status(r.status()), r.seed());
                }
            } else {
                RunRecord r = u.first();
                out.printf(Locale.ROOT, "  %-3s %s: %s  %s, seed %d%n", letter(i), Format.cut(u.label(), 40), r.id(),
                        Format.status(r.status()), r.seed());
            }
        }

        out.println();
        List<DiffEntry> rows = all ? c.diff().entries() : c.diff().differences();
        List<Comparison.Unit> diffUnits = c.diffUnits();
        out.println(all ? "configuration (every field):" : "configuration (differences only; --all shows every field):");
        if (rows.isEmpty()) {
            out.println("  no difference" + (c.hasGroups() ? " (apart from the seeds of the groups)" : ""));
        } else {
            int pathWidth = Math.min(44, Math.max(5, rows.stream().mapToInt(e -> e.path().length()).max().orElse(5)));
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-8s %-" + pathWidth + "s", "KIND", "FIELD"));
            for (Comparison.Unit u : diffUnits) {
                header.append(String.format(Locale.ROOT, "  %-22s", letter(units.indexOf(u))));
            }
            out.println(header.toString().stripTrailing());
            for (DiffEntry e : rows) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-8s %-" + pathWidth + "s",
                        e.kind().label(), Format.cut(e.path(), pathWidth)));
                for (String v : e.values()) {
                    line.append(String.format(Locale.ROOT, "  %-22s", Format.cut(v == null ? "-" : v, 22)));
                }
                out.println(line.toString().stripTrailing() + (e.isDifference() && !e.counted() ? "  (not counted: does not change results)" : ""));
            }
        }
        for (int i = 1; i < diffUnits.size(); i++) {
            List<String> changed = c.diff().countedChanges(i);
            out.printf(Locale.ROOT, "%s: %d changed %s against A%s%n", letter(units.indexOf(diffUnits.get(i))), changed.size(),
                    changed.size() == 1 ? "field" : "fields", changed.isEmpty() ? "" : " (" + String.join(", ", changed) + ")");
        }
        for (String w : c.warnings()) {
            out.println("warning: " + w);
        }

        out.println();
        for (String d : c.dataIdentity().statements()) {
            out.println("data: " + d);
        }

        out.println();
        out.println("metrics:");
        String fmt = "  %-3s %-30s %14s %14s %9s %9s %6s %8s %9s %8s  %s%n";
        out.printf(Locale.ROOT, fmt, "", "RUN", "BEST VAL ACC", "BEST VAL LOSS", "FINAL ACC", "TEST", "EPOCHS", "PARAMS",
                "SAMPLES/S", "TIME", "STATUS");
        for (RunMetrics m : c.metrics()) {
            int unit = units.indexOf(c.unitOf(m.runId()));
            out.printf(Locale.ROOT, fmt, letter(unit), Format.cut(m.name() == null ? m.runId() : m.name(), 30),
                    Format.pct(m.bestValidationAccuracy()) + epoch(m.bestValidationAccuracyEpoch()),
                    num(m.bestValidationLoss()) + epoch(m.bestValidationLossEpoch()), Format.pct(m.finalValidationAccuracy()),
                    Format.pct(m.testAccuracy()), m.epochs() == null ? "-" : m.epochs().toString(), Format.count(m.parameters()),
                    m.samplesPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.0f", m.samplesPerSecond()),
                    Format.seconds(m.wallSeconds()), Format.status(m.status()));
        }
        if (c.hasGroups()) {
            out.println();
            out.println("seed groups (mean ± standard deviation, n, min–max):");
            for (Comparison.UnitStatistics s : c.statistics()) {
                out.printf(Locale.ROOT, "  %-3s %s: final validation accuracy %s; final validation loss %s%s%n",
                        letter(units.indexOf(s.unit())), s.unit().label(), fmt(s.finalValidationAccuracy(), true),
                        fmt(s.finalValidationLoss(), false),
                        s.testAccuracy() == null ? "" : "; test accuracy " + fmt(s.testAccuracy(), true));
            }
        }
        out.println();
        for (Comparison.GroupComparison g : c.groupComparisons()) {
            out.println("seeds: " + g.statement());
        }
    }

    private static String fmt(Summary s, boolean percent) {
        return s == null ? "-" : s.format(percent);
    }

    private static String num(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String epoch(Integer e) {
        return e == null ? "" : " (" + e + ")";
    }

    /** n, mean, sd (null for one run: no spread), min, max; null when no run has the value. */
    private static com.fasterxml.jackson.databind.JsonNode summary(Summary s) {
        if (s == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        ObjectNode n = SpecJson.mapper().createObjectNode();
        n.put("n", s.n());
        n.put("mean", s.mean());
        if (s.hasSpread()) {
            n.put("sd", s.sd());
        } else {
            n.putNull("sd");
        }
        n.put("min", s.min());
        n.put("max", s.max());
        return n;
    }

    private String json(Comparison c) {
        ObjectNode root = SpecJson.mapper().createObjectNode();
        root.put("format", "trainbench-compare");
        root.put("version", 1);
        ArrayNode units = root.putArray("units");
        for (int i = 0; i < c.units().size(); i++) {
            Comparison.Unit u = c.units().get(i);
            ObjectNode n = units.addObject();
            n.put("unit", letter(i));
            n.put("label", u.label());
            if (u.isGroup()) {
                n.put("groupId", u.groupId());
            }
            ArrayNode ids = n.putArray("runs");
            u.runs().forEach(r -> ids.add(r.id()));
        }
        ArrayNode diff = root.putArray("diff");
        List<Comparison.Unit> diffUnits = c.diffUnits();
        ArrayNode diffUnitNames = root.putArray("diffUnits");
        diffUnits.forEach(u -> diffUnitNames.add(letter(c.units().indexOf(u))));
        for (DiffEntry e : all ? c.diff().entries() : c.diff().differences()) {
            ObjectNode n = diff.addObject();
            n.put("path", e.path());
            n.put("kind", e.kind().label());
            n.put("counted", e.counted());
            ArrayNode values = n.putArray("values");
            e.values().forEach(values::add);
            ArrayNode paths = n.putArray("paths");
            e.paths().forEach(paths::add);
        }
        ObjectNode changed = root.putObject("changedFields");
        for (int i = 1; i < diffUnits.size(); i++) {
            ArrayNode a = changed.putArray(letter(c.units().indexOf(diffUnits.get(i))));
            c.diff().countedChanges(i).forEach(a::add);
        }
        ArrayNode warnings = root.putArray("warnings");
        c.warnings().forEach(warnings::add);
        ObjectNode data = root.putObject("dataIdentity");
        data.put("status", c.dataIdentity().status().name().toLowerCase(Locale.ROOT));
        ArrayNode statements = data.putArray("statements");
        c.dataIdentity().statements().forEach(statements::add);
        root.set("metrics", SpecJson.mapper().valueToTree(c.metrics()));
        ArrayNode stats = root.putArray("statistics");
        for (Comparison.UnitStatistics s : c.statistics()) {
            ObjectNode n = stats.addObject();
            n.put("unit", letter(c.units().indexOf(s.unit())));
            n.set("finalValidationAccuracy", summary(s.finalValidationAccuracy()));
            n.set("bestValidationAccuracy", summary(s.bestValidationAccuracy()));
            n.set("finalValidationLoss", summary(s.finalValidationLoss()));
            n.set("bestValidationLoss", summary(s.bestValidationLoss()));
            n.set("testAccuracy", summary(s.testAccuracy()));
        }
        ArrayNode comparisons = root.putArray("groupComparisons");
        for (Comparison.GroupComparison g : c.groupComparisons()) {
            ObjectNode n = comparisons.addObject();
            n.put("unit", letter(c.units().indexOf(g.otherUnit())));
            n.put("reference", letter(c.units().indexOf(g.referenceUnit())));
            n.put("metric", g.metric());
            n.put("verdict", g.verdict().name().toLowerCase(Locale.ROOT));
            if (g.test() != null) {
                n.put("rule", "welch-t-test");
                n.put("t", g.test().t());
                n.put("df", g.test().df());
                n.put("p", g.test().p());
            }
            n.put("statement", g.statement());
        }
        if (report != null) {
            root.put("report", report.toAbsolutePath().toString());
        }
        return root.toString();
    }
}
