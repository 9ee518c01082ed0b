package dev.trainbench.ui.runs;

import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.train.FinalTest;
import dev.trainbench.ui.WorkbenchModel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The Runs screen's state: every run in the workspace, a text filter, and the edits (rename, notes, tags, delete). */
public final class RunsViewModel {
    private final WorkbenchModel model;
    private final ObservableList<RunRecord> runs;
    private final FilteredList<RunRecord> filtered;
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final BooleanProperty testing = new SimpleBooleanProperty(false);
    private final StringProperty summary = new SimpleStringProperty("");
    private final javafx.beans.property.ObjectProperty<RunRecord> familyOf = new javafx.beans.property.SimpleObjectProperty<>(this, "familyOf");
    private final StringProperty familyText = new SimpleStringProperty(this, "familyText", "");
    private Consumer<RunRecord> onClone = r -> { };
    private Consumer<RunRecord> onRepeat = r -> { };
    private Consumer<List<RunRecord>> onCompare = list -> { };
    private dev.trainbench.ui.sweep.SweepRunner sweepRunner;
    private final StringProperty sweepNotice = new SimpleStringProperty(this, "sweepNotice", "");

    /**
     * Most runs or seed groups one comparison shows: beyond ten, curves and colours stop being
     * readable. A seed group (a sweep's grid point) is one curve, so it counts once.
     */
    public static final int MAX_COMPARED = 10;

    public RunsViewModel(WorkbenchModel model) {
        this.model = model;
        this.runs = model.runs();
        this.filtered = new FilteredList<>(runs, r -> true);
        filter.addListener((o, a, text) -> applyFilter());
        familyOf.addListener((o, a, r) -> applyFilter());
        // the list is the workbench's: whoever refreshes it, the count and the family stay right
        runs.addListener((javafx.collections.ListChangeListener<RunRecord>) c -> applyFilter());
        model.runsVersionProperty().addListener((o, a, b) -> reload());
    }

    private void applyFilter() {
        String[] words = filter.get() == null ? new String[0] : filter.get().toLowerCase(Locale.ROOT).strip().split("\\s+");
        java.util.Set<String> family = null;
        RunRecord of = familyOf.get();
        if (of != null) {
            family = new java.util.HashSet<>(dev.trainbench.runs.Lineage.of(runs).family(of.id()));
            family.add(of.id());
            familyText.set("Family of " + of.name() + " (" + dev.trainbench.ui.RunIds.shortId(of.id()) + "): its first ancestor here and "
                    + "every run cloned from it, " + family.size() + (family.size() == 1 ? " run" : " runs"));
        } else {
            familyText.set("");
        }
        java.util.Set<String> members = family;
        filtered.setPredicate(r -> (members == null || members.contains(r.id()))
                && Arrays.stream(words).allMatch(w -> w.isEmpty() || searchText(r).contains(w)));
        summary.set(filtered.size() + " of " + runs.size() + " runs");
    }

    /**
     * A run's status as the table shows it: a status a newer TrainBench wrote is shown as written
     * with a "?", and a run made by a newer TrainBench is marked "(newer)".
     */
    public static String statusText(RunRecord r) {
        String raw = r.unread() == null ? null : r.unread().rawStatus();
        String status = r.status() != null ? r.status().label() : raw != null ? raw + "?" : "?";
        return r.fromNewerVersion() ? status + " (newer)" : status;
    }

    /** Shows only {@code r}'s family: the oldest ancestor in the workspace and all its descendants (null: every run). */
    public void showFamily(RunRecord r) {
        familyOf.set(r);
    }

    public javafx.beans.property.ObjectProperty<RunRecord> familyOfProperty() {
        return familyOf;
    }

    /** "Family of X (a1b2): ..." while the family filter is on, empty otherwise. */
    public StringProperty familyTextProperty() {
        return familyText;
    }

    /** The runs of {@code r}'s seed group (just {@code r} when it has none), for selecting a whole group. */
    public List<RunRecord> groupOf(RunRecord r) {
        if (r.groupId() == null) {
            return List.of(r);
        }
        return runs.stream().filter(x -> r.groupId().equals(x.groupId())).toList();
    }

    /** The runs of {@code r}'s sweep (just {@code r} when it is of none), for selecting or comparing a whole sweep. */
    public List<RunRecord> sweepOf(RunRecord r) {
        if (r.sweepId() == null) {
            return List.of(r);
        }
        return runs.stream().filter(x -> r.sweepId().equals(x.sweepId())).toList();
    }

    /**
     * "1a2b · learningRate=0.01, units=64": the sweep's short id (tells sweeps apart) and the run's
     * grid point, each swept field by its last name; empty outside a sweep.
     */
    public static String sweepLabel(RunRecord r) {
        if (r.sweepId() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(dev.trainbench.ui.RunIds.shortId(r.sweepId()));
        if (r.sweepPoint() != null && !r.sweepPoint().isEmpty()) {
            sb.append(" \u00b7 ");
            boolean first = true;
            for (var e : r.sweepPoint().entrySet()) {
                sb.append(first ? "" : ", ").append(dev.trainbench.compare.FieldResponse.shortName(e.getKey())).append('=').append(e.getValue());
                first = false;
            }
        }
        return sb.toString();
    }

    /** The window's sweep runner: cancelling a sweep stops the local task processes it drives too. */
    public void setSweepRunner(dev.trainbench.ui.sweep.SweepRunner runner) {
        sweepRunner = runner;
    }

    /**
     * Cancels {@code r}'s sweep in the background, as {@code trainbench sweep cancel} does (one
     * implementation: {@link dev.trainbench.sweep.SweepCancel}, through the window's runner so that
     * the local sweeps it drives stop too): queued tasks never start, running ones stop and save
     * their runs as stopped, runs already written stay. What was done lands in {@link #sweepNoticeProperty}.
     */
    public void cancelSweep(RunRecord r, Runnable onDone) {
        if (r.sweepId() == null) {
            return;
        }
        String id = r.sweepId();
        model.tasks().run("Cancelling sweep " + id, () -> {
            dev.trainbench.sweep.SweepFolder folder = new dev.trainbench.sweep.Sweeps(model.store().workspace()).find(id);
            return sweepRunner != null ? sweepRunner.cancel(folder)
                    : dev.trainbench.sweep.SweepCancel.cancel(folder, dev.trainbench.sweep.Slurm.system());
        }, lines -> {
            sweepNotice.set("Sweep " + dev.trainbench.ui.RunIds.shortId(id) + " cancelled: " + String.join("; ", lines));
            reload();
            onDone.run();
        }, error -> model.errors().report("Cancelling the sweep", error));
    }

    /** What the last sweep cancellation did, for the status line; empty before any. */
    public StringProperty sweepNoticeProperty() {
        return sweepNotice;
    }

    /**
     * "seed 2 of 3 · abcd" (the group's short id tells groups apart), with the group's name first
     * when it differs from the run's ("baseline · seed 2 of 3 · abcd"); empty outside a group.
     */
    public static String groupLabel(RunRecord r) {
        if (r.groupId() == null) {
            return "";
        }
        // members are usually named after the group ("mlp seed 43" in group "mlp"): then the name says it already
        String name = r.groupName() == null || (r.name() != null && r.name().startsWith(r.groupName())) ? "" : r.groupName() + " \u00b7 ";
        String seed = r.groupIndex() == null ? "seed group" : "seed " + (r.groupIndex() + 1) + (r.groupSize() == null ? "" : " of " + r.groupSize());
        return name + seed + " \u00b7 " + dev.trainbench.ui.RunIds.shortId(r.groupId());
    }

    /** Writes the given rows (the table's, as sorted and filtered) as CSV in the background. */
    public void exportCsv(List<RunRecord> rows, java.nio.file.Path file, Runnable onDone) {
        List<RunRecord> copy = List.copyOf(rows);
        model.tasks().run("Writing the runs table", () -> {
            dev.trainbench.runs.RunsCsv.write(copy, file.toAbsolutePath());
            return file;
        }, done -> onDone.run(), error -> model.errors().report("Exporting the runs table", error));
    }

    static String searchText(RunRecord r) {
        return String.join(" ", r.id(), nz(r.name()), statusText(r), nz(r.dataLabel()),
                nz(r.modelLabel()), optimizer(r), groupLabel(r), nz(r.groupId()), sweepLabel(r), String.join(" ", r.tags()), nz(r.notes()))
                .toLowerCase(Locale.ROOT);
    }

    // ----------------------------------------------------------------------------- table columns

    /** "adam", "sgd (momentum 0.9, nesterov)"; empty when the spec is unreadable. */
    public static String optimizer(RunRecord r) {
        if (r.spec() == null) {
            return "";
        }
        var o = r.spec().training().optimizer();
        String name = o.type().name().toLowerCase(Locale.ROOT);
        if (o.type() == dev.trainbench.spec.OptimizerSpec.Type.SGD && o.momentumOrDefault() > 0) {
            name += String.format(Locale.ROOT, " (momentum %s%s)", trim(o.momentumOrDefault()),
                    Boolean.TRUE.equals(o.nesterov()) ? ", nesterov" : "");
        }
        if (o.weightDecayOrDefault() > 0) {
            name += ", wd " + trim(o.weightDecayOrDefault());
        }
        return name;
    }

    public static Double learningRate(RunRecord r) {
        return r.spec() == null ? null : r.spec().training().optimizer().learningRate();
    }

    public static Integer batchSize(RunRecord r) {
        return r.spec() == null ? null : r.spec().training().batchSize();
    }

    /** "7 / 10": epochs completed of those planned. */
    public static String epochs(RunRecord r) {
        Integer planned = r.spec() == null ? null : r.spec().training().epochs();
        Integer done = r.epochsCompleted();
        if (planned == null) {
            return done == null ? "" : Integer.toString(done);
        }
        return (done == null ? "0" : Integer.toString(done)) + " / " + planned;
    }

    /** The data label with its subset, split and preprocessing: "sample:mnist, 3,000 of it, 80/10/10, standardize". */
    public static String dataSummary(RunRecord r) {
        StringBuilder sb = new StringBuilder(nz(r.dataLabel()));
        if (r.spec() != null) {
            var split = r.spec().split();
            if (split.subset() != null) {
                sb.append(String.format(Locale.ROOT, ", subset %,d", split.subset()));
            }
            sb.append(", ").append(trim(split.train())).append('/').append(trim(split.validation())).append('/')
                    .append(trim(split.test()));
            if (!split.shuffle()) {
                sb.append(", no shuffle");
            }
            sb.append(", ").append(r.spec().preprocessing().name().toLowerCase(Locale.ROOT));
            if (r.spec().augmentation().enabled()) {
                sb.append(", augmented");
            }
        }
        return sb.toString();
    }

    /** The model label with its layer count and initialization: "mlp-2x128, 7 layers, he". */
    public static String modelSummary(RunRecord r) {
        StringBuilder sb = new StringBuilder(nz(r.modelLabel()));
        if (r.spec() != null) {
            int layers = r.spec().model().layers().size();
            sb.append(sb.length() == 0 ? "" : ", ").append(layers).append(layers == 1 ? " layer" : " layers");
            sb.append(", ").append(r.spec().model().init().type().name().toLowerCase(Locale.ROOT)).append(" init");
        }
        return sb.toString();
    }

    /** The parent's name and short id ("mnist-mlp a1b2"), "(deleted) a1b2" when it is gone, empty for none. */
    public String parentLabel(RunRecord r) {
        if (r.parentId() == null) {
            return "";
        }
        RunRecord p = byId(r.parentId());
        return (p == null ? "(not here)" : p.name()) + " " + dev.trainbench.ui.RunIds.shortId(r.parentId());
    }

    public String parentTooltip(RunRecord r) {
        if (r.parentId() == null) {
            return null;
        }
        RunRecord p = byId(r.parentId());
        return p == null ? "Cloned from run " + r.parentId() + ", which is not in this workspace"
                : "Cloned from " + p.name() + " (" + p.id() + ")";
    }

    private RunRecord byId(String id) {
        for (RunRecord r : runs) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    private static String trim(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * Called around every change of the rows ({@code before} then {@code after}), so that a view
     * can keep its selection by run id when a row is replaced by the run's newer record (a final
     * test, a rename) or the runs are read again.
     */
    public void setRowsChangeGuard(Runnable before, Runnable after) {
        beforeRowsChange = before;
        afterRowsChange = after;
    }

    private Runnable beforeRowsChange = () -> { };
    private Runnable afterRowsChange = () -> { };

    private void changeRows(Runnable change) {
        beforeRowsChange.run();
        try {
            change.run();
        } finally {
            afterRowsChange.run();
        }
    }

    /** Reads the workspace in the background. */
    public void reload() {
        loading.set(true);
        model.tasks().run("Reading runs", () -> model.store().list(), list -> {
            loading.set(false);
            changeRows(() -> {
                runs.setAll(list);
                applyFilter();
            });
        }, error -> {
            loading.set(false);
            model.errors().report("Reading the runs", error);
        });
    }

    public void rename(String id, String name) {
        edit("Renaming the run", () -> model.store().rename(id, name));
    }

    public void setNotes(String id, String notes) {
        edit("Saving the notes", () -> model.store().setNotes(id, notes));
    }

    public void setTags(String id, List<String> tags) {
        edit("Saving the tags", () -> model.store().setTags(id, tags));
    }

    public void delete(String id) {
        edit("Deleting the run", () -> {
            model.store().delete(id);
            return null;
        });
    }

    private void edit(String action, java.util.concurrent.Callable<Object> work) {
        model.tasks().run(action, work, done -> reload(), error -> model.errors().report(action, error));
    }

    /**
     * The final test (T7) of run {@code id} in the background: evaluates the best checkpoint on the
     * held-back test split and records it in the run. Relative data paths in the run's spec resolve
     * against the workbench's base directory, the same folder the run was trained from.
     */
    public void finalTest(String id, Consumer<RunRecord> onDone) {
        if (testing.get()) {
            return;
        }
        testing.set(true);
        model.tasks().run("Final test on the held-back test split", () -> FinalTest.evaluate(model.store(), id, model.baseDir()),
                updated -> {
                    testing.set(false);
                    replace(updated);
                    onDone.accept(updated);
                }, error -> {
                    testing.set(false);
                    model.errors().report("The final test", error);
                });
    }

    private void replace(RunRecord updated) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).id().equals(updated.id())) {
                int row = i;
                changeRows(() -> {
                    runs.set(row, updated);
                    applyFilter();
                });
                return;
            }
        }
        reload();
    }

    /**
     * Exports run {@code id}'s {@code checkpoint} ("best" or "last") as a model file in the
     * background (an existing {@code file} is replaced: the file chooser asked already).
     */
    public void exportModel(String id, String checkpoint, java.nio.file.Path file, Consumer<java.nio.file.Path> onDone) {
        model.tasks().run("Exporting the model", () -> dev.trainbench.train.ModelExport.export(model.store(), id, checkpoint,
                file, model.baseDir(), true).file(), onDone, error -> model.errors().report("Exporting the model", error));
    }

    /** What "Repeat with seeds..." does with a run (the main window asks how many and queues the group). */
    public void setOnRepeat(Consumer<RunRecord> handler) {
        onRepeat = handler;
    }

    public void repeatWithSeeds(RunRecord r) {
        onRepeat.accept(r);
    }

    /** What "Clone and change" does with a run (the main window loads its spec into the editors). */
    public void setOnClone(Consumer<RunRecord> handler) {
        onClone = handler;
    }

    /** What "Compare" does with the selected runs (the main window opens the Compare screen). */
    public void setOnCompare(Consumer<List<RunRecord>> handler) {
        onCompare = handler;
    }

    /** Loads the run's spec into Data, Model and Train with the run as the next run's parent. */
    public void cloneRun(RunRecord r) {
        onClone.accept(r);
    }

    /**
     * Compares the given runs; refuses (saying why) fewer than two runs, or more than
     * {@value #MAX_COMPARED} runs and seed groups (a seed group counts once).
     *
     * @return true when the comparison was opened
     */
    public boolean compare(List<RunRecord> selected) {
        String refusal = compareRefusal(selected.size(), units(selected));
        if (refusal != null) {
            model.errors().report("Compare", new IllegalArgumentException(refusal));
            return false;
        }
        onCompare.accept(List.copyOf(selected));
        return true;
    }

    /** Curves the runs make in Compare: one per seed group, one per run outside a group. */
    public static int units(List<RunRecord> runs) {
        return (int) runs.stream().map(r -> r.groupId() != null ? "g:" + r.groupId() : "r:" + r.id()).distinct().count();
    }

    /** Why {@code n} selected runs cannot be compared, or null when they can (each run its own curve). */
    public static String compareRefusal(int n) {
        return compareRefusal(n, n);
    }

    /** Why {@code n} selected runs making {@code units} curves (runs and seed groups) cannot be compared, or null. */
    public static String compareRefusal(int n, int units) {
        if (n < 2) {
            return "select at least two runs to compare (Ctrl-click or Shift-click in the table)";
        }
        if (units > MAX_COMPARED) {
            return (units == n ? n + " runs are selected" : n + " runs in " + units + " runs and seed groups are selected")
                    + "; compare at most " + MAX_COMPARED + " at a time, a seed group counting once"
                    + " (narrow the table with the filter or the family view)";
        }
        return null;
    }

    /** True while a final test is running. */
    public BooleanProperty testingProperty() {
        return testing;
    }

    /** A run's files as the charts window needs them: its metric tables and its diagnosis. */
    public record RunFiles(MetricsTable steps, MetricsTable epochs, dev.trainbench.diagnose.Diagnosis diagnosis) {
    }

    /**
     * Reads a run's metrics and its diagnosis in the background (the stored one when current, else
     * diagnosed now from its files: older runs too).
     */
    public void loadRun(RunRecord r, Consumer<RunFiles> onLoaded) {
        model.tasks().run("Reading and diagnosing the run", () -> {
            MetricsTable steps = model.store().readSteps(r.id());
            MetricsTable epochs = model.store().readEpochs(r.id());
            dev.trainbench.diagnose.Diagnosis d;
            try {
                d = dev.trainbench.train.RunDiagnosis.current(model.store(), r, model.baseDir());
            } catch (RuntimeException e) {
                d = dev.trainbench.diagnose.Diagnosis.of(r.id(), dev.trainbench.diagnose.Diagnosis.FILES, true, List.of());
            }
            return new RunFiles(steps, epochs, d);
        }, onLoaded, error -> model.errors().report("Opening the run", error));
    }

    private java.util.function.BiConsumer<RunRecord, dev.trainbench.diagnose.TryThis> onTryThis = (r, t) -> { };

    /** Who clones a run with one change and starts it (the main window: on the Train screen). */
    public void setOnTryThis(java.util.function.BiConsumer<RunRecord, dev.trainbench.diagnose.TryThis> handler) {
        onTryThis = handler == null ? (r, t) -> { } : handler;
    }

    /** Try this on a stored run: a clone with exactly that change, the run as its parent. */
    public void tryThis(RunRecord r, dev.trainbench.diagnose.TryThis t) {
        onTryThis.accept(r, t);
    }

    /** Loads a run's step and epoch metrics in the background for its charts. */
    public void loadMetrics(String id, Consumer<MetricsTable[]> onLoaded) {
        model.tasks().run("Reading metrics", () -> new MetricsTable[] {model.store().readSteps(id), model.store().readEpochs(id)},
                onLoaded, error -> model.errors().report("Opening the run", error));
    }

    public ObservableList<RunRecord> runs() {
        return runs;
    }

    public FilteredList<RunRecord> filtered() {
        return filtered;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public WorkbenchModel workbench() {
        return model;
    }
}
