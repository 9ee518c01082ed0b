package dev.trainbench.ui.runs;

import dev.trainbench.runs.Lineage;
import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunInfo;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunSummary;
import dev.trainbench.sweep.Slurm;
import dev.trainbench.sweep.SweepStatus;
import dev.trainbench.sweep.Sweeps;
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

/**
 * The Runs screen's state: every run in the workspace as a row ({@link RunSummary}, from the run
 * index: no spec is read to list), a text filter, the sweeps of the workspace with their status, and
 * the edits (rename, notes, tags, delete). What needs a run's whole record (its charts, a clone, the
 * final test, Compare) loads it by id in the background.
 */
public final class RunsViewModel {
    private final WorkbenchModel model;
    private final ObservableList<RunSummary> runs;
    private final FilteredList<RunSummary> filtered;
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final BooleanProperty testing = new SimpleBooleanProperty(false);
    private final StringProperty summary = new SimpleStringProperty("");
    private final javafx.beans.property.ObjectProperty<RunSummary> familyOf = new javafx.beans.property.SimpleObjectProperty<>(this, "familyOf");
    /** Each row's text the filter searches, lower case, made once per row (a keystroke reads, never rebuilds, 10,000 of them). */
    private final java.util.Map<RunSummary, String> searchTexts = new java.util.IdentityHashMap<>();
    private final java.util.Map<String, RunSummary> byId = new java.util.HashMap<>();
    private Lineage lineage;
    private final ObservableList<SweepStatus> sweeps = FXCollections.observableArrayList();
    private final javafx.beans.property.ObjectProperty<String> sweepShown = new javafx.beans.property.SimpleObjectProperty<>(this, "sweepShown");
    private int reloads;
    private java.util.Map<RunSummary, String> readTexts;
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
        sweepShown.addListener((o, a, id) -> applyFilter());
        // the list is the workbench's: whoever refreshes it, the count and the family stay right
        runs.addListener((javafx.collections.ListChangeListener<RunSummary>) c -> {
            searchTexts.clear();
            if (readTexts != null) {
                searchTexts.putAll(readTexts); // made with the rows, off the UI thread
                readTexts = null;
            }
            byId.clear();
            runs.forEach(r -> byId.put(r.id(), r));
            lineage = null;
            applyFilter();
        });
        model.runsVersionProperty().addListener((o, a, b) -> reload());
    }

    private void applyFilter() {
        String[] words = filter.get() == null ? new String[0] : filter.get().toLowerCase(Locale.ROOT).strip().split("\\s+");
        java.util.Set<String> family = null;
        RunSummary of = familyOf.get();
        if (of != null) {
            if (lineage == null) {
                lineage = Lineage.of(runs);
            }
            family = new java.util.HashSet<>(lineage.family(of.id()));
            family.add(of.id());
            familyText.set("Family of " + of.name() + " (" + dev.trainbench.ui.RunIds.shortId(of.id()) + "): its first ancestor here and "
                    + "every run cloned from it, " + family.size() + (family.size() == 1 ? " run" : " runs"));
        } else {
            familyText.set("");
        }
        java.util.Set<String> members = family;
        String sweep = sweepShown.get();
        filtered.setPredicate(r -> (members == null || members.contains(r.id())) && (sweep == null || sweep.equals(r.sweepId()))
                && matches(r, words));
        summary.set(filtered.size() + " of " + runs.size() + " runs");
    }

    private boolean matches(RunSummary r, String[] words) {
        if (words.length == 0 || words.length == 1 && words[0].isEmpty()) {
            return true;
        }
        String text = searchTexts.computeIfAbsent(r, RunsViewModel::searchText);
        for (String w : words) {
            if (!w.isEmpty() && !text.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A run's status as the table shows it: a status a newer TrainBench wrote is shown as written
     * with a "?", and a run made by a newer TrainBench is marked "(newer)".
     */
    public static String statusText(RunInfo r) {
        String raw = r.rawStatus();
        String status = r.status() != null ? r.status().label() : raw != null ? raw + "?" : "?";
        return r.fromNewerVersion() ? status + " (newer)" : status;
    }

    /** Shows only {@code r}'s family: the oldest ancestor in the workspace and all its descendants (null: every run). */
    public void showFamily(RunSummary r) {
        familyOf.set(r);
    }

    public javafx.beans.property.ObjectProperty<RunSummary> familyOfProperty() {
        return familyOf;
    }

    /** "Family of X (a1b2): ..." while the family filter is on, empty otherwise. */
    public StringProperty familyTextProperty() {
        return familyText;
    }

    /** The runs of {@code r}'s seed group (just {@code r} when it has none), for selecting a whole group. */
    public List<RunSummary> groupOf(RunSummary r) {
        if (r.groupId() == null) {
            return List.of(r);
        }
        return runs.stream().filter(x -> r.groupId().equals(x.groupId())).toList();
    }

    /** The runs of {@code r}'s sweep (just {@code r} when it is of none), for selecting or comparing a whole sweep. */
    public List<RunSummary> sweepOf(RunSummary r) {
        if (r.sweepId() == null) {
            return List.of(r);
        }
        return runs.stream().filter(x -> r.sweepId().equals(x.sweepId())).toList();
    }

    /**
     * "1a2b · learningRate=0.01, units=64": the sweep's short id (tells sweeps apart) and the run's
     * grid point, each swept field by its last name; empty outside a sweep.
     */
    public static String sweepLabel(RunInfo r) {
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
     * Cancels sweep {@code sweepId} in the background, as {@code trainbench sweep cancel} does (one
     * implementation: {@link dev.trainbench.sweep.SweepCancel}, through the window's runner so that
     * the local sweeps it drives stop too): queued tasks never start, running ones stop and save
     * their runs as stopped, runs already written stay. Also a sweep that has written no run yet
     * (queued on Slurm, say). What was done lands in {@link #sweepNoticeProperty}.
     */
    public void cancelSweep(String sweepId, Runnable onDone) {
        if (sweepId == null) {
            return;
        }
        model.tasks().run("Cancelling sweep " + sweepId, () -> {
            dev.trainbench.sweep.SweepFolder folder = new Sweeps(model.store().workspace()).find(sweepId);
            return sweepRunner != null ? sweepRunner.cancel(folder) : dev.trainbench.sweep.SweepCancel.cancel(folder, slurm());
        }, lines -> {
            sweepNotice.set("Sweep " + dev.trainbench.ui.RunIds.shortId(sweepId) + " cancelled: " + String.join("; ", lines));
            reload();
            onDone.run();
        }, error -> model.errors().report("Cancelling the sweep", error));
    }

    private Slurm slurm() {
        return sweepRunner != null ? sweepRunner.slurm() : Slurm.system();
    }

    /** The workspace's sweeps (its sweeps folder), newest first, each with its status; also those with no run yet. */
    public ObservableList<SweepStatus> sweeps() {
        return sweeps;
    }

    /** The sweep whose runs the table shows (its id), or null for every run. */
    public javafx.beans.property.ObjectProperty<String> sweepShownProperty() {
        return sweepShown;
    }

    /** The status of sweep {@code id} as last read, or null. */
    public SweepStatus sweepStatus(String id) {
        return id == null ? null : sweeps.stream().filter(s -> s.sweep().id().equals(id)).findFirst().orElse(null);
    }

    /**
     * Whether sweep {@code s} can still be cancelled: it is not marked cancelled, and some task is
     * queued, running or of unknown state (a Slurm sweep where squeue cannot be asked: scancel may).
     */
    public static boolean cancellable(SweepStatus s) {
        return s != null && !s.sweep().cancelled() && s.tasks().stream().anyMatch(t -> t.state() == SweepStatus.State.QUEUED
                || t.state() == SweepStatus.State.RUNNING || t.state() == SweepStatus.State.UNKNOWN);
    }

    /**
     * "lr-units · 9f3c · slurm job 4242 · 2 completed, 2 queued": how a sweep is offered in the Runs view's
     * sweep chooser (its name, short id, executor and where its tasks stand).
     */
    public static String sweepChoiceLabel(SweepStatus s) {
        var r = s.sweep();
        String executor = r.executor() == null || r.executor().kind() == null ? "" : " \u00b7 " + r.executor().kind().label()
                + (r.submission() != null && r.submission().jobId() != null ? " job " + r.submission().jobId() : "");
        String summary = s.summary();
        return (r.name() == null ? "sweep" : r.name()) + " \u00b7 " + dev.trainbench.ui.RunIds.shortId(r.id()) + executor
                + " \u00b7 " + (r.cancelled() && !summary.contains("cancelled") ? "cancelled, " : "") + summary;
    }

    /** What the last sweep cancellation did, for the status line; empty before any. */
    public StringProperty sweepNoticeProperty() {
        return sweepNotice;
    }

    /**
     * "seed 2 of 3 · abcd" (the group's short id tells groups apart), with the group's name first
     * when it differs from the run's ("baseline · seed 2 of 3 · abcd"); empty outside a group.
     */
    public static String groupLabel(RunInfo r) {
        if (r.groupId() == null) {
            return "";
        }
        // members are usually named after the group ("mlp seed 43" in group "mlp"): then the name says it already
        String name = r.groupName() == null || (r.name() != null && r.name().startsWith(r.groupName())) ? "" : r.groupName() + " \u00b7 ";
        String seed = r.groupIndex() == null ? "seed group" : "seed " + (r.groupIndex() + 1) + (r.groupSize() == null ? "" : " of " + r.groupSize());
        return name + seed + " \u00b7 " + dev.trainbench.ui.RunIds.shortId(r.groupId());
    }

    /** Writes the given rows (the table's, as sorted and filtered) as CSV in the background. */
    public void exportCsv(List<RunSummary> rows, java.nio.file.Path file, Runnable onDone) {
        List<RunSummary> copy = List.copyOf(rows);
        model.tasks().run("Writing the runs table", () -> {
            dev.trainbench.runs.RunsCsv.write(copy, file.toAbsolutePath());
            return file;
        }, done -> onDone.run(), error -> model.errors().report("Exporting the runs table", error));
    }

    static String searchText(RunSummary r) {
        return String.join(" ", r.id(), nz(r.name()), statusText(r), nz(r.dataLabel()),
                nz(r.modelLabel()), optimizer(r), groupLabel(r), nz(r.groupId()), sweepLabel(r), String.join(" ", r.tags()), nz(r.notes()))
                .toLowerCase(Locale.ROOT);
    }

    // ----------------------------------------------------------------------------- table columns

    /** "adam", "sgd (momentum 0.9, nesterov)"; empty when the spec is unreadable. */
    public static String optimizer(RunSummary r) {
        RunSummary.Setup o = r.setup();
        if (o == null || o.optimizer() == null) {
            return "";
        }
        String name = o.optimizer();
        if ("sgd".equals(name) && o.momentum() > 0) {
            name += String.format(Locale.ROOT, " (momentum %s%s)", trim(o.momentum()), o.nesterov() ? ", nesterov" : "");
        }
        if (o.weightDecay() > 0) {
            name += ", wd " + trim(o.weightDecay());
        }
        return name;
    }

    public static Double learningRate(RunSummary r) {
        return r.setup() == null ? null : r.setup().learningRate();
    }

    public static Integer batchSize(RunSummary r) {
        return r.setup() == null ? null : r.setup().batchSize();
    }

    /** "7 / 10": epochs completed of those planned. */
    public static String epochs(RunSummary r) {
        Integer planned = r.plannedEpochs();
        Integer done = r.epochsCompleted();
        if (planned == null) {
            return done == null ? "" : Integer.toString(done);
        }
        return (done == null ? "0" : Integer.toString(done)) + " / " + planned;
    }

    /** The data label with its subset, split and preprocessing: "sample:mnist, 3,000 of it, 80/10/10, standardize". */
    public static String dataSummary(RunSummary r) {
        StringBuilder sb = new StringBuilder(nz(r.dataLabel()));
        RunSummary.Setup s = r.setup();
        if (s != null) {
            if (s.subset() != null) {
                sb.append(String.format(Locale.ROOT, ", subset %,d", s.subset()));
            }
            sb.append(", ").append(trim(s.train())).append('/').append(trim(s.validation())).append('/').append(trim(s.test()));
            if (!s.shuffle()) {
                sb.append(", no shuffle");
            }
            if (s.preprocessing() != null) {
                sb.append(", ").append(s.preprocessing());
            }
            if (s.augmented()) {
                sb.append(", augmented");
            }
        }
        return sb.toString();
    }

    /** The model label with its layer count and initialization: "mlp-2x128, 7 layers, he". */
    public static String modelSummary(RunSummary r) {
        StringBuilder sb = new StringBuilder(nz(r.modelLabel()));
        RunSummary.Setup s = r.setup();
        if (s != null) {
            int layers = s.layers();
            sb.append(sb.length() == 0 ? "" : ", ").append(layers).append(layers == 1 ? " layer" : " layers");
            if (s.init() != null) {
                sb.append(", ").append(s.init()).append(" init");
            }
        }
        return sb.toString();
    }

    /** The parent's name and short id ("mnist-mlp a1b2"), "(deleted) a1b2" when it is gone, empty for none. */
    public String parentLabel(RunInfo r) {
        if (r.parentId() == null) {
            return "";
        }
        RunSummary p = byId.get(r.parentId());
        return (p == null ? "(not here)" : p.name()) + " " + dev.trainbench.ui.RunIds.shortId(r.parentId());
    }

    public String parentTooltip(RunInfo r) {
        if (r.parentId() == null) {
            return null;
        }
        RunSummary p = byId.get(r.parentId());
        return p == null ? "Cloned from run " + r.parentId() + ", which is not in this workspace"
                : "Cloned from " + p.name() + " (" + p.id() + ")";
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

    /**
     * Reads the runs in the background unless they are read or being read (when the Runs screen is
     * shown: the workbench started reading them when it built this view model after the window's
     * first frame, and a second read of 10,000 runs would cost about half a CPU second again).
     */
    public void loadIfNeeded() {
        if (runs.isEmpty() && !loading.get()) {
            reload();
        }
    }

    /**
     * Reads the workspace in the background: the runs (from the run index), then the sweeps and
     * their status (which may ask Slurm), so that the rows never wait for the scheduler. A reload
     * overtaken by a newer one is dropped.
     */
    public void reload() {
        loading.set(true);
        int token = ++reloads;
        model.tasks().run("Reading runs", () -> {
            List<RunSummary> list = model.store().summaries();
            java.util.Map<RunSummary, String> texts = new java.util.IdentityHashMap<>(list.size() * 2);
            list.forEach(r -> texts.put(r, searchText(r)));
            return java.util.Map.entry(list, texts);
        }, read -> {
            if (token != reloads) {
                return;
            }
            loading.set(false);
            readTexts = read.getValue();
            changeRows(() -> runs.setAll(read.getKey()));
            readTexts = null;
            reloadSweeps(token, read.getKey());
        }, error -> {
            if (token == reloads) {
                loading.set(false);
            }
            model.errors().report("Reading the runs", error);
        });
    }

    private void reloadSweeps(int token, List<RunSummary> list) {
        Sweeps all = new Sweeps(model.store().workspace());
        Slurm slurm = slurm();
        model.tasks().run("Reading sweeps", () -> all.list().stream().map(f -> SweepStatus.of(f, list, slurm)).toList(), statuses -> {
            if (token != reloads) {
                return;
            }
            sweeps.setAll(statuses);
            String shown = sweepShown.get();
            if (shown != null && statuses.stream().noneMatch(s -> s.sweep().id().equals(shown))) {
                sweepShown.set(null); // deleted meanwhile
            }
        }, error -> model.errors().report("Reading the sweeps", error));
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
                changeRows(() -> runs.set(row, updated.summary()));
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

    /** Loads {@code r}'s record in the background, then repeats it with seeds (the main window asks how many). */
    public void repeatWithSeeds(RunSummary r) {
        withRecord(r, "Repeating with seeds", onRepeat);
    }

    /**
     * Loads the whole record of {@code r} (a row holds only its summary) in the background and hands
     * it to {@code then} on the UI thread; a run that cannot be read is reported under {@code action}.
     */
    public void withRecord(RunInfo r, String action, Consumer<RunRecord> then) {
        if (r instanceof RunRecord record) {
            then.accept(record);
            return;
        }
        model.tasks().run("Reading run " + r.id(), () -> model.store().load(r.id()), then,
                error -> model.errors().report(action, error));
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
    public void cloneRun(RunSummary r) {
        withRecord(r, "Clone and change", onClone);
    }

    /**
     * Compares the given runs (rows, or whole records); refuses (saying why) fewer than two runs,
     * or more than {@value #MAX_COMPARED} runs and seed groups (a seed group counts once). The
     * records of rows are read in the background first.
     *
     * @return true when the comparison is opened
     */
    public boolean compare(List<? extends RunInfo> selected) {
        String refusal = compareRefusal(selected.size(), units(selected));
        if (refusal != null) {
            model.errors().report("Compare", new IllegalArgumentException(refusal));
            return false;
        }
        List<RunInfo> chosen = List.copyOf(selected);
        if (chosen.stream().allMatch(r -> r instanceof RunRecord)) {
            onCompare.accept(chosen.stream().map(r -> (RunRecord) r).toList());
            return true;
        }
        model.tasks().run("Reading " + chosen.size() + " runs", () -> chosen.stream()
                .map(r -> r instanceof RunRecord record ? record : model.store().load(r.id())).toList(),
                records -> onCompare.accept(records), error -> model.errors().report("Compare", error));
        return true;
    }

    /** Curves the runs make in Compare: one per seed group, one per run outside a group. */
    public static int units(List<? extends RunInfo> runs) {
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

    /** A run's files as the charts window needs them: its record, its metric tables and its diagnosis. */
    public record RunFiles(RunRecord record, MetricsTable steps, MetricsTable epochs, dev.trainbench.diagnose.Diagnosis diagnosis) {
    }

    /**
     * Reads a run's metrics and its diagnosis in the background (the stored one when current, else
     * diagnosed now from its files: older runs too).
     */
    public void loadRun(RunInfo row, Consumer<RunFiles> onLoaded) {
        model.tasks().run("Reading and diagnosing the run", () -> {
            RunRecord r = row instanceof RunRecord record ? record : model.store().load(row.id());
            MetricsTable steps = model.store().readSteps(r.id());
            MetricsTable epochs = model.store().readEpochs(r.id());
            dev.trainbench.diagnose.Diagnosis d;
            try {
                d = dev.trainbench.train.RunDiagnosis.current(model.store(), r, model.baseDir());
            } catch (RuntimeException e) {
                d = dev.trainbench.diagnose.Diagnosis.of(r.id(), dev.trainbench.diagnose.Diagnosis.FILES, true, List.of());
            }
            return new RunFiles(r, steps, epochs, d);
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

    public ObservableList<RunSummary> runs() {
        return runs;
    }

    public FilteredList<RunSummary> filtered() {
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
