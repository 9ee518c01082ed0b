package dev.trainbench.compare;

import dev.trainbench.data.DataFingerprint;
import dev.trainbench.runs.RunGroup;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunSummary;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.runs.RunStoreException;
import dev.trainbench.spec.ExperimentSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the Compare view, {@code trainbench compare} and the HTML report show for 2..n runs:
 * the runs as comparison units (a seed group is one unit, a run outside any group another), the
 * configuration diff between units, the "more than one thing changed" warnings, the data identity,
 * the metrics table, seed-group statistics and the group-against-group statements, and the curves.
 *
 * <p>The first unit is the reference: diff kinds, data identity and group statements are relative
 * to it. Building one reads every run's {@code metrics.csv} and {@code epochs.csv}: do it off the
 * UI thread. Immutable once built.
 */
public final class Comparison {

    /**
     * One side of the comparison: a seed group (two or more selected runs sharing a {@code groupId})
     * or a single run.
     *
     * @param label   for tables and legends: the run's name, or the group's name; made unique
     * @param groupId the group, or null for a single run
     * @param runs    the unit's runs, in group order
     */
    public record Unit(String label, String groupId, List<RunRecord> runs) {
        public Unit {
            runs = List.copyOf(runs);
        }

        public boolean isGroup() {
            return groupId != null;
        }

        /** The run whose spec and fingerprint stand for the unit (a group's first seed). */
        public RunRecord first() {
            return runs.get(0);
        }
    }

    /**
     * A unit's metric statistics over its runs (for a single run: n = 1, no spread).
     *
     * @param unit the unit
     * @param finalValidationLoss     validation loss of the last epoch
     * @param bestValidationLoss      lowest validation loss
     * @param finalValidationAccuracy validation accuracy of the last epoch (null for regression)
     * @param bestValidationAccuracy  highest validation accuracy
     * @param testAccuracy            final test accuracy, over the runs that ran it
     */
    public record UnitStatistics(Unit unit, Summary finalValidationLoss, Summary bestValidationLoss,
                                 Summary finalValidationAccuracy, Summary bestValidationAccuracy, Summary testAccuracy) {
    }

    /** Whether a unit's difference from the reference is larger than the seed spread. */
    public enum Verdict { LARGER_THAN_SPREAD, WITHIN_SPREAD, NO_SPREAD_DIFFERENT, NO_SPREAD_SAME, CANNOT_TELL }

    /**
     * A unit against the reference on one metric.
     *
     * @param metric    the metric compared, e.g. "final validation accuracy"
     * @param percent   whether it is a fraction shown as a percentage
     * @param reference the reference unit's values
     * @param other     the other unit's values
     * @param test      Welch's t-test, or null when it cannot be made (a side with one run, or no spread at all)
     * @param verdict   the conclusion
     * @param statement the conclusion in words, with the rule used
     */
    public record GroupComparison(Unit referenceUnit, Unit otherUnit, String metric, boolean percent, Summary reference,
                                  Summary other, WelchTest test, Verdict verdict, String statement) {
    }

    /** How the data of the units relate. */
    public enum DataStatus { SAME, DIFFERENT, UNKNOWN }

    /**
     * The data identity of the comparison.
     *
     * @param status     SAME when every unit's data matches the reference's, DIFFERENT when some differs,
     *                   UNKNOWN when some run has no fingerprint (and its data settings were compared instead)
     * @param statements one line each, e.g. "same data in all 4 runs (fingerprint 1a2b3c4d5e6f)",
     *                   "B: same files, different split seed (42 vs 43)"
     */
    public record DataIdentity(DataStatus status, List<String> statements) {
        public DataIdentity {
            statements = List.copyOf(statements);
        }
    }

    private final List<RunRecord> runs;
    private final List<Unit> units;
    private final Map<String, RunCurves> curves;
    private final SpecDiff diff;
    private final List<String> warnings;
    private final DataIdentity dataIdentity;
    private final List<RunMetrics> metrics;
    private final List<UnitStatistics> statistics;
    private final List<GroupComparison> groupComparisons;

    private Comparison(List<RunRecord> runs, Function<RunRecord, RunCurves> read) {
        if (runs.size() < 2) {
            throw new RunStoreException("compare needs at least two runs (or a seed group of two or more); "
                    + (runs.isEmpty() ? "none was given" : "only " + runs.get(0).id() + " was given"));
        }
        this.runs = List.copyOf(runs);
        this.units = units(this.runs);
        Map<String, String> labels = new LinkedHashMap<>();
        for (Unit u : units) {
            for (RunRecord r : u.runs()) {
                labels.put(r.id(), u.isGroup() ? u.label() + " seed " + r.seed() : u.label());
            }
        }
        this.curves = new LinkedHashMap<>();
        for (RunRecord r : this.runs) {
            RunCurves c = read.apply(r);
            curves.put(r.id(), new RunCurves(r, labels.get(r.id()), c.steps(), c.epochs()));
        }
        List<String> warn = new ArrayList<>();
        this.diff = diff(units, warn);
        for (int i = 1; i < units.size(); i++) {
            List<String> changed = diffIndex(i) < 0 ? List.of() : diff.countedChanges(diffIndex(i));
            if (changed.size() > 1) {
                warn.add(units.get(i).label() + " differs from " + units.get(0).label() + " in " + changed.size()
                        + " fields (" + String.join(", ", changed) + "): this comparison cannot attribute the difference"
                        + " to any one of them");
            }
        }
        this.dataIdentity = computeDataIdentity();
        this.metrics = this.runs.stream().map(r -> RunMetrics.of(r, curves.get(r.id()))).toList();
        this.statistics = units.stream().map(this::statistics).toList();
        for (Unit u : units) {
            List<RunRecord> left = u.runs().stream().filter(r -> !finished(r)).toList();
            if (u.runs().size() > 1 && !left.isEmpty() && left.size() < u.runs().size()) {
                warn.add(u.label() + ": " + left.size() + " of " + u.runs().size() + " runs did not finish ("
                        + left.stream().map(r -> r.name() + " " + (r.status() == null ? "unknown status" : r.status().label()))
                        .collect(Collectors.joining(", ")) + ") and " + (left.size() == 1 ? "is" : "are")
                        + " left out of its statistics");
            }
        }
        List<GroupComparison> gc = new ArrayList<>();
        for (int i = 1; i < units.size(); i++) {
            gc.add(compareUnits(statistics.get(0), statistics.get(i)));
        }
        this.groupComparisons = List.copyOf(gc);
        this.warnings = List.copyOf(warn);
    }

    /**
     * Compares runs already loaded (e.g. selected in the Runs table), reading their curves from
     * {@code store}.
     *
     * @throws RunStoreException when fewer than two runs are given, or a run's files cannot be read
     */
    public static Comparison of(RunStore store, List<RunRecord> runs) {
        return new Comparison(runs, r -> RunCurves.read(store, r, r.name()));
    }

    /** For tests and callers that already hold the curves. */
    static Comparison of(List<RunRecord> runs, Function<RunRecord, RunCurves> curves) {
        return new Comparison(runs, curves);
    }

    /**
     * Finds runs by what a person types: a run id, a unique prefix of one, a unique run name, or a
     * group id ({@code g-...}, or a unique prefix of one), which stands for every run of the group.
     * Duplicates are dropped; order is kept.
     *
     * @throws RunStoreException naming the reference that matches nothing, or matches several runs
     */
    public static List<RunRecord> resolve(RunStore store, List<String> refs) {
        Set<String> seen = new LinkedHashSet<>();
        List<RunRecord> out = new ArrayList<>();
        List<RunSummary> all = null;
        for (String ref : refs) {
            List<RunRecord> found;
            if (ref != null && (ref.startsWith(RunGroup.ID_PREFIX) || ref.startsWith(SWEEP_PREFIX))) {
                if (all == null) {
                    all = store.summaries(); // the members found from the index; only their records are read
                }
                List<RunSummary> members = ref.startsWith(RunGroup.ID_PREFIX) ? group(all, ref, store) : sweep(all, ref, store);
                found = members.stream().filter(r -> !seen.contains(r.id())).map(r -> store.load(r.id())).toList();
            } else {
                found = List.of(store.find(ref));
            }
            for (RunRecord r : found) {
                if (seen.add(r.id())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** Sweep ids start with this ({@code s-yyyyMMdd-...}); a run id starts with a date, a group id with {@code g-}. */
    static final String SWEEP_PREFIX = "s-";

    /** Every run of the sweep {@code ref} (its id or a unique prefix), in task order. */
    private static List<RunSummary> sweep(List<RunSummary> all, String ref, RunStore store) {
        java.util.Set<String> ids = all.stream().map(RunSummary::sweepId).filter(Objects::nonNull)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        List<String> matches = ids.contains(ref) ? List.of(ref) : ids.stream().filter(id -> id.startsWith(ref)).toList();
        if (matches.isEmpty()) {
            throw new RunStoreException("no runs of a sweep matching '" + ref + "' in " + store.workspace()
                    + "; 'trainbench sweep list' shows the sweeps and how many runs each has written");
        }
        if (matches.size() > 1) {
            throw new RunStoreException("'" + ref + "' matches " + matches.size() + " sweeps (" + String.join(", ",
                    matches.stream().limit(5).toList()) + "); give more of the id");
        }
        return all.stream().filter(r -> matches.get(0).equals(r.sweepId()))
                .sorted(java.util.Comparator.comparing((RunSummary r) -> r.sweepTask() == null ? Integer.MAX_VALUE : r.sweepTask())
                        .thenComparing(RunSummary::createdAt, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
                .toList();
    }

    private static List<RunSummary> group(List<RunSummary> all, String ref, RunStore store) {
        List<RunGroup<RunSummary>> groups = RunGroup.of(all);
        List<RunGroup<RunSummary>> exact = groups.stream().filter(g -> g.id().equals(ref)).toList();
        List<RunGroup<RunSummary>> matches = exact.isEmpty() ? groups.stream().filter(g -> g.id().startsWith(ref)).toList() : exact;
        if (matches.isEmpty()) {
            throw new RunStoreException("no seed group matches '" + ref + "' in " + store.workspace()
                    + "; 'trainbench list' shows each run's group");
        }
        if (matches.size() > 1) {
            throw new RunStoreException("'" + ref + "' matches " + matches.size() + " groups ("
                    + matches.stream().limit(5).map(RunGroup::id).collect(Collectors.joining(", ")) + "); give more of the id");
        }
        return matches.get(0).runs();
    }

    /** The runs, in the order given. */
    public List<RunRecord> runs() {
        return runs;
    }

    /** The units: each seed group once (where its first selected run is), and each run outside a group. */
    public List<Unit> units() {
        return units;
    }

    /** True when some unit is a seed group. */
    public boolean hasGroups() {
        return units.stream().anyMatch(Unit::isGroup);
    }

    /** The configuration diff between units (one column per unit; the reference first). */
    public SpecDiff diff() {
        return diff;
    }

    /** Units whose spec is in {@link #diff()} (a run whose spec cannot be read is left out), in diff column order. */
    public List<Unit> diffUnits() {
        return units.stream().filter(u -> u.first().spec() != null).toList();
    }

    /**
     * "More than one thing changed" warnings, one per unit that differs from the reference in more
     * than one counted field, naming them; also a group whose runs differ in more than the seed,
     * and runs whose spec cannot be read.
     */
    public List<String> warnings() {
        return warnings;
    }

    public DataIdentity dataIdentity() {
        return dataIdentity;
    }

    /** The metrics table: one row per run, in run order. */
    public List<RunMetrics> metrics() {
        return metrics;
    }

    /** Per unit statistics (a single run is a unit of one). */
    public List<UnitStatistics> statistics() {
        return statistics;
    }

    /** Each unit after the first against the reference: is the difference larger than the seed spread? */
    public List<GroupComparison> groupComparisons() {
        return groupComparisons;
    }

    /** A run's curves. */
    public RunCurves curves(String runId) {
        return curves.get(runId);
    }

    /** Every run's curve of {@code metric}, in run order (empty series for runs without it). */
    public List<Series> series(Metric metric, XAxis axis) {
        return runs.stream().map(r -> curves.get(r.id()).series(metric, axis)).toList();
    }

    /** Every seed group's mean and min–max band of {@code metric}, in unit order. */
    public List<Band> bands(Metric metric, XAxis axis) {
        List<Band> out = new ArrayList<>();
        for (Unit u : units) {
            if (u.isGroup()) {
                List<Series> members = u.runs().stream().map(r -> curves.get(r.id()).series(metric, axis)).toList();
                out.add(Band.aggregate(u.groupId(), u.label(), members, axis));
            }
        }
        return out;
    }

    /** The unit a run belongs to. */
    public Unit unitOf(String runId) {
        return units.stream().filter(u -> u.runs().stream().anyMatch(r -> r.id().equals(runId))).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------------------------------------

    private static List<Unit> units(List<RunRecord> runs) {
        Map<String, List<RunRecord>> byGroup = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            if (r.groupId() != null) {
                byGroup.computeIfAbsent(r.groupId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Unit> raw = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        for (RunRecord r : runs) {
            List<RunRecord> members = r.groupId() == null ? null : byGroup.get(r.groupId());
            if (members != null && members.size() >= 2) {
                if (placed.add(r.groupId())) {
                    List<RunRecord> sorted = RunGroup.of(members).get(0).runs();
                    String name = sorted.get(0).groupName() != null ? sorted.get(0).groupName() : r.groupId();
                    raw.add(new Unit(name, r.groupId(), sorted));
                }
            } else {
                raw.add(new Unit(r.name() == null ? r.id() : r.name(), null, List.of(r)));
            }
        }
        // labels must tell units apart in a legend: add the end of the id where names collide
        Map<String, Long> counts = raw.stream().collect(Collectors.groupingBy(Unit::label, Collectors.counting()));
        List<Unit> out = new ArrayList<>();
        for (Unit u : raw) {
            String label = u.label();
            if (counts.get(label) > 1) {
                String id = u.isGroup() ? u.groupId() : u.first().id();
                label = label + " (" + id.substring(Math.max(0, id.length() - 4)) + ")";
            }
            out.add(new Unit(label, u.groupId(), u.runs()));
        }
        return List.copyOf(out);
    }

    /** The column of unit i in the diff, or -1 when its spec is unreadable. */
    private int diffIndex(int unit) {
        if (units.get(unit).first().spec() == null || units.get(0).first().spec() == null) {
            return -1;
        }
        int k = 0;
        for (int i = 0; i < unit; i++) {
            if (units.get(i).first().spec() != null) {
                k++;
            }
        }
        return k;
    }

    private static SpecDiff diff(List<Unit> units, List<String> warn) {
        List<ExperimentSpec> specs = new ArrayList<>();
        List<Unit> withSpec = new ArrayList<>();
        for (Unit u : units) {
            if (u.first().spec() == null) {
                warn.add(u.label() + ": its spec cannot be read (made by a newer TrainBench?), so it is left out of the"
                        + " configuration diff");
            } else {
                specs.add(u.first().spec());
                withSpec.add(u);
            }
            if (u.isGroup()) {
                List<ExperimentSpec> memberSpecs = u.runs().stream().map(RunRecord::spec).filter(Objects::nonNull).toList();
                if (memberSpecs.size() >= 2) {
                    SpecDiff inside = SpecDiff.of(memberSpecs);
                    Set<String> extra = new LinkedHashSet<>();
                    for (int i = 1; i < memberSpecs.size(); i++) {
                        inside.countedChanges(i).stream().filter(p -> !p.equals("seed")).forEach(extra::add);
                    }
                    if (!extra.isEmpty()) {
                        warn.add(u.label() + " is not a pure seed group: its runs also differ in " + String.join(", ", extra)
                                + ", so its spread is not seed noise alone");
                    }
                }
            }
        }
        if (specs.isEmpty()) {
            return SpecDiff.of(0, List.of());
        }
        SpecDiff plain = SpecDiff.of(specs);
        if (withSpec.stream().noneMatch(Unit::isGroup)) {
            return plain;
        }
        // a seed group varies the seed by design: show each unit's seeds, and do not count them as a change
        List<DiffEntry> entries = new ArrayList<>();
        for (DiffEntry e : plain.entries()) {
            if (e.path().equals("seed")) {
                List<String> values = withSpec.stream().map(Comparison::seeds).toList();
                List<Boolean> differs = values.stream().map(v -> !v.equals(values.get(0))).toList();
                boolean same = differs.stream().noneMatch(d -> d);
                entries.add(new DiffEntry("seed", same ? DiffEntry.Kind.SAME : DiffEntry.Kind.CHANGED, values, e.paths(),
                        differs, false));
            } else {
                entries.add(e);
            }
        }
        return SpecDiff.of(specs.size(), entries);
    }

    /** "42" for a run, "42–44" for a group of consecutive seeds, "1, 5, 9" otherwise. */
    private static String seeds(Unit u) {
        List<Long> s = u.runs().stream().map(RunRecord::seed).sorted().toList();
        if (s.size() == 1) {
            return s.get(0).toString();
        }
        boolean consecutive = true;
        for (int i = 1; i < s.size(); i++) {
            consecutive &= s.get(i) == s.get(i - 1) + 1;
        }
        return consecutive ? s.get(0) + "–" + s.get(s.size() - 1)
                : s.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    private DataIdentity computeDataIdentity() {
        List<String> lines = new ArrayList<>();
        DataStatus status = DataStatus.SAME;
        Unit ref = units.get(0);
        DataFingerprint refFp = ref.first().dataFingerprint();
        boolean grouped = hasGroups();
        for (int i = 1; i < units.size(); i++) {
            Unit u = units.get(i);
            DataFingerprint fp = u.first().dataFingerprint();
            if (refFp == null || fp == null) {
                status = DataStatus.UNKNOWN;
                String whose = refFp == null && fp == null ? "both runs were" : (refFp == null ? ref.label() : u.label()) + " was";
                List<String> settings = dataSettingChanges(i);
                lines.add(u.label() + ": data identity unknown (" + whose + " recorded before TrainBench stored a data"
                        + " fingerprint); " + (settings == null ? "the data settings cannot be compared"
                        : settings.isEmpty() ? "the data settings are the same as " + ref.label() + "'s (files not checked)"
                        : "the data settings differ from " + ref.label() + "'s in " + String.join(", ", settings)));
                continue;
            }
            DataFingerprint.Difference d = grouped ? refFp.differencesIgnoringSeed(fp) : refFp.differences(fp);
            if (d.verdict() != DataFingerprint.Verdict.SAME) {
                if (status == DataStatus.SAME) {
                    status = DataStatus.DIFFERENT;
                }
                lines.add(u.label() + ": " + d.statement() + " (compared with " + ref.label() + ")");
            }
        }
        for (Unit u : units) {
            if (u.isGroup()) {
                Set<String> contents = u.runs().stream().map(RunRecord::dataFingerprint).filter(Objects::nonNull)
                        .map(DataFingerprint::contentHash).collect(Collectors.toCollection(LinkedHashSet::new));
                boolean generated = u.first().dataFingerprint() != null && u.first().dataFingerprint().sources().stream()
                        .anyMatch(s -> "generated".equals(s.kind()));
                if (contents.size() > 1 && !generated) {
                    lines.add(u.label() + ": the data files changed between the group's runs");
                    if (status == DataStatus.SAME) {
                        status = DataStatus.DIFFERENT;
                    }
                }
            }
        }
        if (status == DataStatus.SAME) {
            String fp = refFp == null ? "" : " (fingerprint " + refFp.shortHash() + ")";
            // every run, also those of a seed group (a unit standing for several runs)
            lines.add(0, "same data in all " + runs.size() + " runs" + fp + (grouped ? "; within a seed group the split (and a generated set) follows each run's seed" : ""));
        }
        return new DataIdentity(status, lines);
    }

    /** Counted diff paths in the data-defining sections for unit i, or null without specs. */
    private List<String> dataSettingChanges(int i) {
        int k = diffIndex(i);
        if (k < 0) {
            return null;
        }
        return diff.countedChanges(k).stream().filter(p -> p.equals("seed") || p.startsWith("data") || p.equals("preprocessing")
                || p.startsWith("augmentation") || (p.startsWith("split") && !p.equals("split.shuffle"))).toList();
    }

    /**
     * Statistics over the unit's finished runs (completed or early-stopped): a stopped, failed or
     * interrupted run's last metrics are not the recipe's result. A unit with no finished run uses
     * all its runs. Runs left out are named in {@link #warnings()}.
     */
    private UnitStatistics statistics(Unit u) {
        List<RunRecord> finished = u.runs().stream().filter(Comparison::finished).toList();
        List<RunRecord> used = finished.isEmpty() ? u.runs() : finished;
        List<RunMetrics> rows = used.stream().map(r -> metrics.stream().filter(m -> m.runId().equals(r.id()))
                .findFirst().orElseThrow()).toList();
        return new UnitStatistics(u,
                Summary.of(rows.stream().map(RunMetrics::finalValidationLoss).toList()),
                Summary.of(rows.stream().map(RunMetrics::bestValidationLoss).toList()),
                Summary.of(rows.stream().map(RunMetrics::finalValidationAccuracy).toList()),
                Summary.of(rows.stream().map(RunMetrics::bestValidationAccuracy).toList()),
                Summary.of(rows.stream().map(RunMetrics::testAccuracy).toList()));
    }

    static boolean finished(dev.trainbench.runs.RunInfo r) {
        return r.status() == RunStatus.COMPLETED || r.status() == RunStatus.EARLY_STOPPED;
    }

    /**
     * The rule: final validation accuracy when every run of both units has one (classification), else
     * final validation loss; Welch's t-test, two-sided, at {@value WelchTest#ALPHA}.
     */
    static GroupComparison compareUnits(UnitStatistics ref, UnitStatistics other) {
        boolean accuracy = ref.finalValidationAccuracy() != null && other.finalValidationAccuracy() != null
                && ref.finalValidationAccuracy().n() == ref.unit().runs().size()
                && other.finalValidationAccuracy().n() == other.unit().runs().size();
        Summary a = accuracy ? ref.finalValidationAccuracy() : ref.finalValidationLoss();
        Summary b = accuracy ? other.finalValidationAccuracy() : other.finalValidationLoss();
        String metric = accuracy ? "final validation accuracy" : "final validation loss";
        String head = other.unit().label() + " vs " + ref.unit().label() + ", " + metric + ": ";
        if (a == null || b == null) {
            return new GroupComparison(ref.unit(), other.unit(), metric, accuracy, a, b, null, Verdict.CANNOT_TELL,
                    head + "cannot tell: " + (a == null ? ref.unit().label() : other.unit().label())
                            + " has no validation result (validation split of 0 %, or it ended before its first epoch)");
        }
        double diff = b.mean() - a.mean();
        String values = b.format(accuracy) + " vs " + a.format(accuracy) + "; difference " + signed(diff, accuracy);
        if (!a.hasSpread() || !b.hasSpread()) {
            String which = !a.hasSpread() && !b.hasSpread() ? "each side is a single run"
                    : (!a.hasSpread() ? ref.unit().label() : other.unit().label()) + " is a single run";
            return new GroupComparison(ref.unit(), other.unit(), metric, accuracy, a, b, null, Verdict.CANNOT_TELL,
                    head + values + ". Cannot tell whether this is more than seed noise: " + which
                            + ", so there is no seed spread to compare with; repeat with seeds (Repeat with seeds…,"
                            + " or trainbench run SPEC --seeds 3)");
        }
        WelchTest t = WelchTest.of(a, b);
        if (t == null) {
            boolean same = a.mean() == b.mean();
            return new GroupComparison(ref.unit(), other.unit(), metric, accuracy, a, b, null,
                    same ? Verdict.NO_SPREAD_SAME : Verdict.NO_SPREAD_DIFFERENT,
                    head + values + ". Every run of each group gave exactly the same value (no seed spread at all), so "
                            + (same ? "the groups do not differ" : "the difference is not seed noise"));
        }
        // Welch's test of the other against the reference: the sign follows other - reference
        WelchTest oriented = new WelchTest(-t.t(), t.df(), t.p(), -t.meanDifference());
        String rule = String.format(Locale.ROOT, "Welch's t-test: t = %.2f, df = %.1f, p = %s", oriented.t(), oriented.df(),
                p(oriented.p()));
        String few = Math.min(a.n(), b.n()) < 3 ? "; with so few runs per group only a large difference can show" : "";
        String statement = oriented.significant()
                ? head + values + ", larger than the seed spread (" + rule + " < " + WelchTest.ALPHA + ")"
                : head + values + ", not larger than the seed spread (" + rule + " ≥ " + WelchTest.ALPHA
                        + "): it may be seed noise" + few;
        return new GroupComparison(ref.unit(), other.unit(), metric, accuracy, a, b, oriented,
                oriented.significant() ? Verdict.LARGER_THAN_SPREAD : Verdict.WITHIN_SPREAD, statement);
    }

    private static String signed(double diff, boolean percent) {
        return percent ? String.format(Locale.ROOT, "%+.2f points", 100 * diff) : String.format(Locale.ROOT, "%+.4f", diff);
    }

    private static String p(double p) {
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }
}
