package dev.trainbench.ui.sweep;

import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecException;
import dev.trainbench.spec.SpecPaths;
import dev.trainbench.sweep.ExecutorSettings;
import dev.trainbench.sweep.LocalExecutor;
import dev.trainbench.sweep.SlurmOptions;
import dev.trainbench.sweep.SweepAxis;
import dev.trainbench.sweep.SweepException;
import dev.trainbench.sweep.SweepFolder;
import dev.trainbench.sweep.SweepPlan;
import dev.trainbench.sweep.SweepSetup;
import dev.trainbench.ui.WorkbenchModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Sweep dialog's state: the swept fields of the current spec and their values, the seeds, the
 * executor and its options, and a preview (how many runs, and the job script or the task list)
 * that follows every change. Nothing is written until {@link #submit}; the plan shown is exactly
 * the one submitted (the same {@link SweepSetup} the command line uses).
 */
public final class SweepViewModel {

    /** One swept field: its path, its values as typed ("1e-4, 1e-3"), and what is wrong with them. */
    public static final class Axis {
        private final StringProperty path = new SimpleStringProperty("");
        private final StringProperty values = new SimpleStringProperty("");
        private final StringProperty current = new SimpleStringProperty("");
        private final StringProperty problem = new SimpleStringProperty("");

        public StringProperty pathProperty() {
            return path;
        }

        public StringProperty valuesProperty() {
            return values;
        }

        /** The field's value in the current spec, with its kind's choices: a hint for the values. */
        public StringProperty currentProperty() {
            return current;
        }

        public StringProperty problemProperty() {
            return problem;
        }
    }

    private final WorkbenchModel model;
    private final ExperimentSpec spec;
    private final ObservableList<Axis> axes = FXCollections.observableArrayList();
    private final List<String> fields;
    private final StringProperty name = new SimpleStringProperty("");
    private final IntegerProperty seeds = new SimpleIntegerProperty(3);
    private final ObjectProperty<ExecutorSettings.Kind> executor = new SimpleObjectProperty<>(ExecutorSettings.Kind.LOCAL);
    private final IntegerProperty parallel = new SimpleIntegerProperty(1);
    private final StringProperty partition = new SimpleStringProperty("");
    private final StringProperty time = new SimpleStringProperty("");
    private final StringProperty cpusPerTask = new SimpleStringProperty("");
    private final StringProperty mem = new SimpleStringProperty("");
    private final StringProperty gres = new SimpleStringProperty("");
    private final StringProperty maxParallel = new SimpleStringProperty("");
    private final StringProperty extra = new SimpleStringProperty("");
    private final StringProperty size = new SimpleStringProperty("");
    private final StringProperty preview = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final BooleanProperty ready = new SimpleBooleanProperty(false);
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private SweepSetup setup;

    public SweepViewModel(WorkbenchModel model) {
        this.model = model;
        this.spec = model.spec();
        this.fields = SpecPaths.leafPaths(spec).stream().filter(p -> !p.equals("name")).toList();
        name.set(spec.name() + " sweep");
        axes.addListener((javafx.collections.ListChangeListener<Axis>) c -> update());
        for (var p : List.of(name, partition, time, cpusPerTask, mem, gres, maxParallel, extra)) {
            p.addListener((o, a, b) -> update());
        }
        seeds.addListener((o, a, b) -> update());
        parallel.addListener((o, a, b) -> update());
        executor.addListener((o, a, b) -> update());
        addAxis(fields.contains("training.optimizer.learningRate") ? "training.optimizer.learningRate" : "", "");
    }

    /** Adds a swept field ({@code path} may be empty: chosen later). */
    public Axis addAxis(String path, String values) {
        Axis a = new Axis();
        a.path.set(path);
        a.values.set(values);
        a.path.addListener((o, x, p) -> {
            a.current.set(hint(p));
            update();
        });
        a.values.addListener((o, x, v) -> update());
        a.current.set(hint(path));
        axes.add(a);
        return a;
    }

    public void removeAxis(Axis a) {
        axes.remove(a);
    }

    /** The fields that hold one value in the current spec, offered for sweeping. */
    public List<String> fields() {
        return fields;
    }

    /** "now 0.001" or "now adam (sgd, adam, adamw, rmsprop)" for a field. */
    String hint(String path) {
        if (path == null || path.isBlank()) {
            return "";
        }
        try {
            SpecPaths.FieldInfo info = SpecPaths.info(path);
            String now = SpecPaths.getText(spec, path);
            return "now " + (now.isEmpty() ? "not set" : now) + (info.choices().isEmpty() ? ""
                    : " (one of " + String.join(", ", info.choices()) + ")");
        } catch (SpecException e) {
            return "";
        }
    }

    /** Re-plans after a change: the run count, the preview, and the first problem (nothing is written). */
    void update() {
        setup = null;
        ready.set(false);
        List<SweepAxis> parsed = new ArrayList<>();
        String first = null;
        for (Axis a : axes) {
            a.problem.set("");
            if (a.path.get() == null || a.path.get().isBlank()) {
                a.problem.set("choose a field");
                first = first == null ? "Choose the field to sweep." : first;
                continue;
            }
            if (a.values.get() == null || a.values.get().isBlank()) {
                a.problem.set("give its values, separated by commas");
                first = first == null ? "Give the values of " + a.path.get() + ", separated by commas." : first;
                continue;
            }
            try {
                SweepAxis axis = SweepAxis.parse(a.path.get().strip() + "=" + a.values.get());
                for (String v : axis.values()) {
                    SpecPaths.parseValue(axis.path(), v);
                }
                parsed.add(axis);
            } catch (SpecException e) {
                a.problem.set(e.getMessage());
                first = first == null ? e.getMessage() : first;
            }
        }
        if (axes.isEmpty() && seeds.get() < 2) {
            first = "Add a field to sweep (or ask for two or more seeds).";
        }
        long runs = Math.max(1, seeds.get());
        for (SweepAxis a : parsed) {
            runs *= a.values().size();
        }
        size.set(runs + (runs == 1 ? " run" : " runs"));
        if (first != null) {
            fail(first);
            return;
        }
        try {
            SweepSetup s = SweepSetup.of(spec, parsed, seeds.get(), name.get(), choices(), model.store().workspace(),
                    model.baseDir(), null);
            setup = s;
            size.set(s.plan().sizeText());
            preview.set(previewText(s));
            problem.set("");
            ready.set(true);
        } catch (SpecException | SweepException | NumberFormatException e) {
            fail(e instanceof NumberFormatException ? "A number is expected: " + e.getMessage() : e.getMessage());
        }
    }

    private void fail(String message) {
        problem.set(message);
        preview.set("");
        ready.set(false);
    }

    private SweepSetup.Choices choices() {
        if (executor.get() == ExecutorSettings.Kind.SLURM) {
            List<String> lines = Arrays.stream(extra.get() == null ? new String[0] : extra.get().split("\n"))
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            SlurmOptions o = new SlurmOptions(blank(partition.get()), blank(time.get()), integer(cpusPerTask.get(), "CPUs per task"),
                    blank(mem.get()), blank(gres.get()), integer(maxParallel.get(), "At most at once"), lines);
            return SweepSetup.Choices.slurm(o);
        }
        return SweepSetup.Choices.local(parallel.get());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Integer integer(String s, String what) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            throw new SpecException(what + ": '" + s.strip() + "' is not a whole number");
        }
    }

    /** The job script (Slurm), or each task's point and seed and the command it runs (local). */
    static String previewText(SweepSetup s) {
        if (s.executor().kind() == ExecutorSettings.Kind.SLURM) {
            return s.script();
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "# %s on this machine, %d at a time with %d libtorch threads each%n", s.plan().sizeText(),
                s.executor().parallel(), s.executor().threads()));
        for (SweepPlan.Task t : s.plan().tasks()) {
            b.append(String.format(Locale.ROOT, "task %d: %s%sseed %d%n", t.index(), t.label(), t.label().isEmpty() ? "" : ", ",
                    t.seed()));
        }
        b.append("# each task runs: trainbench run <its spec> --sweep ").append(s.plan().id()).append(" --task N --threads ")
                .append(s.executor().threads()).append('\n');
        return b.toString();
    }

    /**
     * Writes the sweep and starts it in the background: Slurm submits the job array; local starts
     * the task processes ({@code sweeps} keeps them, so they can be cancelled). {@code onStarted}
     * gets the folder on the UI thread.
     */
    public void submit(SweepRunner sweeps, Consumer<SweepFolder> onStarted) {
        SweepSetup s = setup;
        if (s == null || submitting.get()) {
            return;
        }
        submitting.set(true);
        model.tasks().run("Starting the sweep", () -> sweeps.start(s), folder -> {
            submitting.set(false);
            model.runsChanged();
            onStarted.accept(folder);
        }, error -> {
            submitting.set(false);
            model.errors().report("Starting the sweep", error);
        });
    }

    public ObservableList<Axis> axes() {
        return axes;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public IntegerProperty seedsProperty() {
        return seeds;
    }

    public ObjectProperty<ExecutorSettings.Kind> executorProperty() {
        return executor;
    }

    public IntegerProperty parallelProperty() {
        return parallel;
    }

    public StringProperty partitionProperty() {
        return partition;
    }

    public StringProperty timeProperty() {
        return time;
    }

    public StringProperty cpusPerTaskProperty() {
        return cpusPerTask;
    }

    public StringProperty memProperty() {
        return mem;
    }

    public StringProperty gresProperty() {
        return gres;
    }

    public StringProperty maxParallelProperty() {
        return maxParallel;
    }

    public StringProperty extraProperty() {
        return extra;
    }

    /** "2 learningRate x 3 seeds = 6 runs". */
    public StringProperty sizeProperty() {
        return size;
    }

    public StringProperty previewProperty() {
        return preview;
    }

    /** What stops the sweep from being started, in words; empty when it can start. */
    public StringProperty problemProperty() {
        return problem;
    }

    public BooleanProperty readyProperty() {
        return ready;
    }

    public BooleanProperty submittingProperty() {
        return submitting;
    }

    /** The plan as it stands (null while something is wrong). */
    public SweepSetup setup() {
        return setup;
    }

    /** Cores here: the most useful local parallelism. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static int threadsFor(int parallel) {
        return LocalExecutor.threadsFor(parallel);
    }
}
