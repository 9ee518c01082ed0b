package dev.trainbench.ui.compare;

import dev.trainbench.compare.Comparison;
import dev.trainbench.compare.DiffEntry;
import dev.trainbench.compare.FieldResponse;
import dev.trainbench.compare.HtmlReport;
import dev.trainbench.compare.Metric;
import dev.trainbench.compare.RunCurves;
import dev.trainbench.compare.RunMetrics;
import dev.trainbench.compare.Series;
import dev.trainbench.compare.Summary;
import dev.trainbench.compare.XAxis;
import dev.trainbench.runs.Lineage;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.ui.WorkbenchModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Compare screen's state: 2 to 10 runs (a seed group counts as one unit drawn as a mean with a
 * min-max band), read in the background into the core's {@link Comparison}; the curves the charts
 * draw, the metrics side by side, the configuration diff, the data identity, the "more than one
 * thing changed" warnings and, for seed groups, whether a difference exceeds the seed spread.
 * Everything numeric comes from the {@code compare} package; this class only chooses and orders
 * what is shown.
 */
public final class CompareViewModel {

    /** In which order the runs are compared; the first unit is the reference every other is compared with. */
    public enum Order {
        LINEAGE("lineage: parent before child"),
        SELECTION("as selected"),
        NAME("by name"),
        CREATED("oldest first");

        private final String label;

        Order(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The four charts. */
    public enum ChartKind { LOSS, ACCURACY, GRADIENT, LEARNING_RATE }

    /** Choices of the gradient chart besides a layer's name. */
    public static final String FIRST_LAYER = "first layer";
    public static final String LAST_LAYER = "last layer";
    public static final String ALL_LAYERS = "all layers (global norm)";

    /**
     * One run's points of a curve: where they are drawn, the step (or epoch) each belongs to (for
     * smoothing and for lining up the runs of a group), and the values.
     */
    public record Member(String runId, double[] x, double[] key, double[] y) {
    }

    /**
     * One curve of one unit: a run's line, or a group's mean and band over its members.
     *
     * @param label      "unit · curve", for hover and export
     * @param unit       the unit's label
     * @param colour     the unit's colour index (the same in every chart, the legend and the tables)
     * @param perStep    one point per step (drawn as a line); otherwise one per epoch (drawn with a dot on each)
     * @param smoothable drawn raw and faint with a smoothed curve on top (per-step curves)
     * @param dashed     validation curves are dashed, training ones solid
     * @param group      a seed group: mean with min-max band
     */
    public record Line(String label, String unit, int colour, boolean perStep, boolean smoothable, boolean dashed, boolean group,
                       List<Member> members) {
    }

    /** A row of the side-by-side metrics table: one metric, one value per unit, with detail on hover. */
    public record MetricRow(String metric, List<String> values, List<String> details) {
    }

    /** A unit as the legend and the tables name it. */
    public record UnitInfo(String label, int colour, boolean group, int runs, String detail) {
    }

    private final WorkbenchModel model;
    private final ObservableList<RunRecord> requested = FXCollections.observableArrayList();
    private final ObjectProperty<Comparison> comparison = new SimpleObjectProperty<>(this, "comparison");
    private final ObjectProperty<XAxis> xAxis = new SimpleObjectProperty<>(this, "xAxis", XAxis.STEP);
    private final ObjectProperty<Order> order = new SimpleObjectProperty<>(this, "order", Order.LINEAGE);
    private final StringProperty reference = new SimpleStringProperty(this, "reference");
    private final BooleanProperty differencesOnly = new SimpleBooleanProperty(this, "differencesOnly", true);
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.6);
    private final StringProperty gradientLayer = new SimpleStringProperty(this, "gradientLayer", FIRST_LAYER);
    private final BooleanProperty showStepLoss = new SimpleBooleanProperty(this, "showStepLoss", true);
    private final BooleanProperty showEpochLoss = new SimpleBooleanProperty(this, "showEpochLoss", false);
    private final BooleanProperty showValidationLoss = new SimpleBooleanProperty(this, "showValidationLoss", true);
    private final BooleanProperty showStepAccuracy = new SimpleBooleanProperty(this, "showStepAccuracy", false);
    private final BooleanProperty showValidationAccuracy = new SimpleBooleanProperty(this, "showValidationAccuracy", true);
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading", false);
    private final StringProperty status = new SimpleStringProperty(this, "status",
            "Select 2 to 10 runs on the Runs screen (Ctrl-click, Shift-click) and press Compare.");
    private final ObservableList<String> layers = FXCollections.observableArrayList(FIRST_LAYER, LAST_LAYER, ALL_LAYERS);
    private final ObservableList<String> units = FXCollections.observableArrayList();
    private final ObservableList<UnitInfo> unitInfo = FXCollections.observableArrayList();
    private final ObservableList<DiffEntry> diffRows = FXCollections.observableArrayList();
    private final ObservableList<MetricRow> metricRows = FXCollections.observableArrayList();
    private final ObservableList<String> statements = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObservableList<FieldResponse> sweepResponses = FXCollections.observableArrayList();
    private final StringProperty dataIdentity = new SimpleStringProperty(this, "dataIdentity", "");
    private final ObjectProperty<Comparison.DataStatus> dataStatus = new SimpleObjectProperty<>(this, "dataStatus");
    /** Bumped whenever what the charts draw changed (data, axis, curve choices), so the view redraws once. */
    private final javafx.beans.property.IntegerProperty chartsVersion = new javafx.beans.property.SimpleIntegerProperty(0);
    private int loads;
    private boolean reordering;

    public CompareViewModel(WorkbenchModel model) {
        this.model = model;
        differencesOnly.addListener((o, a, b) -> showDiff(comparison.get()));
        order.addListener((o, a, b) -> {
            if (!reordering) {
                reference.set(null);
                load();
            }
        });
        reference.addListener((o, a, b) -> {
            if (!reordering && b != null && comparison.get() != null && !b.equals(units.isEmpty() ? null : units.get(0))) {
                load();
            }
        });
        for (javafx.beans.Observable p : new javafx.beans.Observable[] {xAxis, gradientLayer, showStepLoss, showEpochLoss,
                showValidationLoss, showStepAccuracy, showValidationAccuracy}) {
            p.addListener(o -> chartsVersion.set(chartsVersion.get() + 1));
        }
    }

    /** Compares {@code runs} (2 to 10): reads them in the background, ordered by lineage unless another order is chosen. */
    public void compare(List<RunRecord> runs) {
        requested.setAll(runs);
        reordering = true;
        try {
            reference.set(null);
        } finally {
            reordering = false;
        }
        load();
    }

    /** Reads the runs again (after a run finished or was tested, say). */
    public void reload() {
        if (!requested.isEmpty()) {
            load();
        }
    }

    /** The runs in the order the comparison uses: the chosen order, with the reference unit's runs first. */
    List<RunRecord> ordered() {
        List<RunRecord> runs = new ArrayList<>(requested);
        switch (order.get()) {
            case LINEAGE -> {
                List<dev.trainbench.runs.RunInfo> all = new ArrayList<>(model.runs());
                for (RunRecord r : runs) {
                    if (all.stream().noneMatch(a -> a.id().equals(r.id()))) {
                        all.add(r);
                    }
                }
                Lineage lineage = Lineage.of(all);
                // oldest first inside the tree order, so a parent comes before its children and siblings by age
                runs.sort(Comparator.comparing(RunRecord::createdAt, Comparator.nullsLast(Comparator.naturalOrder())));
                List<String> ids = lineage.treeOrder(runs.stream().map(RunRecord::id).toList());
                Map<String, RunRecord> byId = runs.stream().collect(Collectors.toMap(RunRecord::id, r -> r, (a, b) -> a,
                        LinkedHashMap::new));
                runs = ids.stream().map(byId::get).toList();
            }
            case SELECTION -> { }
            case NAME -> runs.sort(Comparator.comparing((RunRecord r) -> r.name() == null ? "" : r.name().toLowerCase(Locale.ROOT))
                    .thenComparing(RunRecord::id));
            case CREATED -> runs.sort(Comparator.comparing(RunRecord::createdAt, Comparator.nullsLast(Comparator.naturalOrder())));
        }
        String ref = reference.get();
        Comparison c = comparison.get();
        if (ref != null && c != null) {
            Comparison.Unit unit = c.units().stream().filter(u -> u.label().equals(ref)).findFirst().orElse(null);
            if (unit != null) {
                List<String> ids = unit.runs().stream().map(RunRecord::id).toList();
                List<RunRecord> first = new ArrayList<>(runs.stream().filter(r -> ids.contains(r.id())).toList());
                first.addAll(runs.stream().filter(r -> !ids.contains(r.id())).toList());
                runs = first;
            }
        }
        return runs;
    }

    private void load() {
        List<RunRecord> runs = ordered();
        if (runs.size() < 2) {
            status.set(runs.isEmpty() ? status.get() : "A comparison needs at least two runs.");
            return;
        }
        int token = ++loads;
        loading.set(true);
        status.set("Reading " + runs.size() + " runs...");
        model.tasks().run("Reading " + runs.size() + " runs for the comparison", () -> Comparison.of(model.store(), runs), c -> {
            if (token != loads) {
                return;
            }
            loading.set(false);
            show(c);
        }, error -> {
            if (token != loads) {
                return;
            }
            loading.set(false);
            status.set("Could not compare: " + dev.trainbench.ui.UserMessage.of("Comparing runs", error).whatHappened());
            model.errors().report("Comparing runs", error);
        });
    }

    /** Shows a comparison: everything derived from it first, then the comparison itself, then the charts. */
    private void show(Comparison c) {
        reordering = true;
        try {
            units.setAll(c.units().stream().map(Comparison.Unit::label).toList());
            reference.set(units.get(0));
        } finally {
            reordering = false;
        }
        List<UnitInfo> info = new ArrayList<>();
        for (int i = 0; i < c.units().size(); i++) {
            Comparison.Unit u = c.units().get(i);
            String detail = u.isGroup()
                    ? u.runs().size() + " seeds (" + u.runs().stream().map(r -> Long.toString(r.seed())).collect(Collectors.joining(", "))
                            + "), group " + u.groupId()
                    : "run " + u.first().id();
            info.add(new UnitInfo(u.label(), i, u.isGroup(), u.runs().size(), detail));
        }
        unitInfo.setAll(info);
        List<String> names = new ArrayList<>(List.of(FIRST_LAYER, LAST_LAYER, ALL_LAYERS));
        for (RunRecord r : c.runs()) {
            for (String layer : c.curves(r.id()).layers()) {
                if (!names.contains(layer)) {
                    names.add(layer);
                }
            }
        }
        layers.setAll(names);
        if (!layers.contains(gradientLayer.get())) {
            gradientLayer.set(FIRST_LAYER);
        }
        statements.setAll(c.groupComparisons().stream().map(Comparison.GroupComparison::statement).toList());
        warnings.setAll(c.warnings());
        Comparison.DataIdentity data = c.dataIdentity();
        dataStatus.set(data.status());
        dataIdentity.set(switch (data.status()) {
            case SAME -> "Same data";
            case DIFFERENT -> "Different data";
            case UNKNOWN -> "Data identity unknown";
        } + (data.statements().isEmpty() ? "" : ": " + String.join("; ", data.statements())));
        metricRows.setAll(metricRows(c));
        sweepResponses.setAll(sweepResponses(c));
        showDiff(c);
        comparison.set(c);
        int groups = (int) c.units().stream().filter(Comparison.Unit::isGroup).count();
        status.set(c.runs().size() + " runs" + (groups == 0 ? "" : " (" + groups + (groups == 1 ? " seed group" : " seed groups")
                + ")") + "; reference: " + units.get(0) + (order.get() == Order.LINEAGE ? " (lineage order)" : ""));
        chartsVersion.set(chartsVersion.get() + 1);
    }

    /**
     * For runs of a sweep, the final metric against each swept field's value: the same
     * {@link FieldResponse} the HTML report draws, one per swept field that has a finished run.
     */
    static List<FieldResponse> sweepResponses(Comparison c) {
        List<FieldResponse> out = new ArrayList<>();
        for (String path : FieldResponse.sweptPaths(c.runs())) {
            FieldResponse r = FieldResponse.of(c, path);
            if (r.lines().stream().anyMatch(l -> !l.points().isEmpty())) {
                out.add(r);
            }
        }
        return out;
    }

    private void showDiff(Comparison c) {
        if (c == null) {
            diffRows.clear();
            return;
        }
        diffRows.setAll(differencesOnly.get() ? c.diff().differences() : c.diff().entries());
    }

    // ----------------------------------------------------------------------------- metrics table

    private static List<MetricRow> metricRows(Comparison c) {
        Map<String, RunMetrics> byRun = new LinkedHashMap<>();
        for (RunMetrics m : c.metrics()) {
            byRun.put(m.runId(), m);
        }
        List<MetricRow> rows = new ArrayList<>();
        rows.add(row(c, "best validation loss (epoch)", u -> withEpochs(c, u, byRun, RunMetrics::bestValidationLoss,
                RunMetrics::bestValidationLossEpoch, false, stats(c, u).bestValidationLoss())));
        rows.add(row(c, "best validation accuracy (epoch)", u -> withEpochs(c, u, byRun, RunMetrics::bestValidationAccuracy,
                RunMetrics::bestValidationAccuracyEpoch, true, stats(c, u).bestValidationAccuracy())));
        rows.add(row(c, "final validation accuracy", u -> summary(stats(c, u).finalValidationAccuracy(), true)));
        rows.add(row(c, "final validation loss", u -> summary(stats(c, u).finalValidationLoss(), false)));
        rows.add(row(c, "test accuracy", u -> {
            Summary s = stats(c, u).testAccuracy();
            return s == null ? new String[] {"not run", "The final test was not run (Runs > Final test...)."} : summary(s, true);
        }));
        rows.add(row(c, "epochs", u -> numbers(u, byRun, m -> m.epochs() == null ? null : m.epochs().doubleValue(), "%.0f")));
        rows.add(row(c, "parameters", u -> numbers(u, byRun, m -> m.parameters() == null ? null : m.parameters().doubleValue(), "%,.0f")));
        rows.add(row(c, "samples / s", u -> numbers(u, byRun, RunMetrics::samplesPerSecond, "%,.0f")));
        rows.add(row(c, "wall time (s)", u -> numbers(u, byRun, RunMetrics::wallSeconds, "%.1f")));
        rows.add(row(c, "status", u -> {
            Map<String, Long> counts = u.runs().stream().map(r -> byRun.get(r.id()))
                    .map(m -> m == null || m.status() == null ? "?" : m.status().label())
                    .collect(Collectors.groupingBy(s -> s, LinkedHashMap::new, Collectors.counting()));
            String text = u.runs().size() == 1 ? counts.keySet().iterator().next()
                    : counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
            return new String[] {text, text};
        }));
        return rows;
    }

    private static Comparison.UnitStatistics stats(Comparison c, Comparison.Unit u) {
        return c.statistics().get(c.units().indexOf(u));
    }

    private static MetricRow row(Comparison c, String name, Function<Comparison.Unit, String[]> cell) {
        List<String> values = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (Comparison.Unit u : c.units()) {
            String[] v = cell.apply(u);
            values.add(v[0]);
            details.add(v[1]);
        }
        return new MetricRow(name, values, details);
    }

    /** A single run's value, or a group's mean ± sd; detail: n and min-max. */
    private static String[] summary(Summary s, boolean percent) {
        if (s == null) {
            return new String[] {"", "no value recorded"};
        }
        String full = s.format(percent);
        if (s.n() == 1) {
            String v = percent ? String.format(Locale.ROOT, "%.2f %%", s.mean() * 100) : String.format(Locale.ROOT, "%.4g", s.mean());
            return new String[] {v, full};
        }
        String v = percent ? String.format(Locale.ROOT, "%.2f ± %.2f %%", s.mean() * 100, s.sd() * 100)
                : String.format(Locale.ROOT, "%.4g ± %.2g", s.mean(), s.sd());
        return new String[] {v, full};
    }

    /** The best value (a group's mean ± sd) with the epoch it was reached at (a group's epochs listed). */
    private static String[] withEpochs(Comparison c, Comparison.Unit u, Map<String, RunMetrics> byRun,
                                       Function<RunMetrics, Double> value, Function<RunMetrics, Integer> epoch, boolean percent,
                                       Summary s) {
        String[] v = summary(s, percent);
        List<String> epochs = u.runs().stream().map(r -> byRun.get(r.id())).map(m -> m == null ? null : epoch.apply(m))
                .filter(java.util.Objects::nonNull).map(String::valueOf).toList();
        if (!epochs.isEmpty() && !v[0].isEmpty()) {
            v[0] = v[0] + " (" + String.join(", ", epochs) + ")";
        }
        return v;
    }

    private static String[] numbers(Comparison.Unit u, Map<String, RunMetrics> byRun, Function<RunMetrics, Double> value, String format) {
        List<Double> values = u.runs().stream().map(r -> byRun.get(r.id())).map(m -> m == null ? null : value.apply(m)).toList();
        Summary s = Summary.of(values);
        if (s == null) {
            return new String[] {"", "not recorded"};
        }
        if (s.n() == 1) {
            String v = String.format(Locale.ROOT, format, s.mean());
            return new String[] {v, v};
        }
        String v = String.format(Locale.ROOT, format + " ± " + format, s.mean(), s.sd());
        return new String[] {v, String.format(Locale.ROOT, "n=%d, " + format + " to " + format, s.n(), s.min(), s.max())};
    }

    // ----------------------------------------------------------------------------- charts

    /** What chart {@code kind} draws now: one line per unit and curve, in unit order. */
    public List<Line> lines(ChartKind kind) {
        Comparison c = comparison.get();
        if (c == null) {
            return List.of();
        }
        List<Line> out = new ArrayList<>();
        switch (kind) {
            case LOSS -> {
                if (showStepLoss.get()) {
                    out.addAll(metricLines(c, Metric.STEP_LOSS, "training (step)", true, false));
                }
                if (showEpochLoss.get()) {
                    out.addAll(metricLines(c, Metric.TRAIN_LOSS, "training (epoch)", false, false));
                }
                if (showValidationLoss.get()) {
                    out.addAll(metricLines(c, Metric.VALIDATION_LOSS, "validation", false, true));
                }
            }
            case ACCURACY -> {
                if (showStepAccuracy.get()) {
                    out.addAll(metricLines(c, Metric.STEP_ACCURACY, "training (step)", true, false));
                }
                if (showValidationAccuracy.get()) {
                    out.addAll(metricLines(c, Metric.VALIDATION_ACCURACY, "validation", false, true));
                }
            }
            case LEARNING_RATE -> out.addAll(metricLines(c, Metric.LEARNING_RATE, "learning rate", false, false));
            case GRADIENT -> {
                String choice = gradientLayer.get();
                if (ALL_LAYERS.equals(choice)) {
                    out.addAll(metricLines(c, Metric.GRAD_NORM, "gradient norm", true, false));
                } else {
                    out.addAll(lines(c, choice, true, true, false, (curves, axis) -> {
                        List<String> names = curves.layers();
                        String layer = FIRST_LAYER.equals(choice) ? (names.isEmpty() ? null : names.get(0))
                                : LAST_LAYER.equals(choice) ? (names.isEmpty() ? null : names.get(names.size() - 1)) : choice;
                        return layer == null || !names.contains(layer) ? null : curves.layerGradNorm(layer, axis);
                    }));
                }
            }
        }
        return out;
    }

    private List<Line> metricLines(Comparison c, Metric metric, String curve, boolean smoothable, boolean dashed) {
        return lines(c, curve, metric.perStep(), smoothable, dashed, (curves, axis) -> curves.series(metric, axis));
    }

    private List<Line> lines(Comparison c, String curve, boolean perStep, boolean smoothable, boolean dashed,
                             java.util.function.BiFunction<RunCurves, XAxis, Series> read) {
        XAxis axis = xAxis.get();
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < c.units().size(); i++) {
            Comparison.Unit u = c.units().get(i);
            List<Member> members = new ArrayList<>();
            for (RunRecord r : u.runs()) {
                RunCurves curves = c.curves(r.id());
                Series s = read.apply(curves, axis);
                if (s == null || s.isEmpty()) {
                    continue;
                }
                // the key: the step (per-step curves) or the epoch (per-epoch ones) of each point, for
                // smoothing per step and for lining up a group's runs whatever the X axis is; points
                // without a place on the axis (the unfinished last epoch on a time axis) drop off the end
                Series keys = axis == (perStep ? XAxis.STEP : XAxis.EPOCH) ? s : read.apply(curves, perStep ? XAxis.STEP : XAxis.EPOCH);
                double[] key = keys != null && keys.size() >= s.size() ? java.util.Arrays.copyOf(keys.x(), s.size()) : s.x();
                members.add(new Member(r.id(), s.x(), key, s.y()));
            }
            if (!members.isEmpty()) {
                out.add(new Line(u.label() + " · " + curve, u.label(), i, perStep, smoothable, dashed, u.isGroup(), members));
            }
        }
        return out;
    }

    // ----------------------------------------------------------------------------- report

    /** Writes the comparison as one self-contained HTML file (the core's report, with its own SVG charts). */
    public void exportReport(Path file, Runnable onDone) {
        Comparison c = comparison.get();
        if (c == null) {
            model.errors().report("Exporting the report", new IllegalStateException("there is no comparison yet: compare some runs first"));
            return;
        }
        model.tasks().run("Writing the comparison report", () -> {
            HtmlReport.write(c, file, "TrainBench");
            return file;
        }, done -> {
            status.set("Report written to " + file);
            onDone.run();
        }, error -> model.errors().report("Exporting the report", error));
    }

    /** A suggested file name for the report. */
    public String reportFileName() {
        Comparison c = comparison.get();
        String base = c == null ? "comparison" : "compare-" + c.units().stream().map(Comparison.Unit::label).limit(3)
                .collect(Collectors.joining("-vs-"));
        return base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-+|-+$)", "") + ".html";
    }

    /** The run ids compared, in order (for tests and the title). */
    public List<String> runIds() {
        Comparison c = comparison.get();
        return c == null ? List.of() : c.runs().stream().map(RunRecord::id).toList();
    }

    // ----------------------------------------------------------------------------- properties

    public WorkbenchModel workbench() {
        return model;
    }

    public ObservableList<RunRecord> requested() {
        return requested;
    }

    public ObjectProperty<Comparison> comparisonProperty() {
        return comparison;
    }

    public ObjectProperty<XAxis> xAxisProperty() {
        return xAxis;
    }

    public ObjectProperty<Order> orderProperty() {
        return order;
    }

    /** The reference unit's label: every other unit is compared with it. */
    public StringProperty referenceProperty() {
        return reference;
    }

    public BooleanProperty differencesOnlyProperty() {
        return differencesOnly;
    }

    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    public StringProperty gradientLayerProperty() {
        return gradientLayer;
    }

    public BooleanProperty showStepLossProperty() {
        return showStepLoss;
    }

    public BooleanProperty showEpochLossProperty() {
        return showEpochLoss;
    }

    public BooleanProperty showValidationLossProperty() {
        return showValidationLoss;
    }

    public BooleanProperty showStepAccuracyProperty() {
        return showStepAccuracy;
    }

    public BooleanProperty showValidationAccuracyProperty() {
        return showValidationAccuracy;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The gradient chart's choices: first layer, last layer, all layers, then every layer name seen. */
    public ObservableList<String> layers() {
        return layers;
    }

    /** Unit labels in comparison order (the reference first). */
    public ObservableList<String> units() {
        return units;
    }

    public ObservableList<UnitInfo> unitInfo() {
        return unitInfo;
    }

    /** The configuration diff as shown: only the differences unless the toggle is off. */
    public ObservableList<DiffEntry> diffRows() {
        return diffRows;
    }

    public ObservableList<MetricRow> metricRows() {
        return metricRows;
    }

    /** For each unit after the reference: whether the difference exceeds the seed spread, with the rule and p. */
    public ObservableList<String> statements() {
        return statements;
    }

    /** More than one thing changed, a group whose runs differ in more than the seed, an unreadable spec. */
    /** The sweep charts' data (empty when the compared runs are of no sweep); set before the comparison. */
    public ObservableList<FieldResponse> sweepResponses() {
        return sweepResponses;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    /** "Same data: ..." or "Different data: ...". */
    public StringProperty dataIdentityProperty() {
        return dataIdentity;
    }

    public ObjectProperty<Comparison.DataStatus> dataStatusProperty() {
        return dataStatus;
    }

    public javafx.beans.property.IntegerProperty chartsVersionProperty() {
        return chartsVersion;
    }
}
