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
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final FilteredList<RunRecord> filtered = new FilteredList<>(runs, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final BooleanProperty testing = new SimpleBooleanProperty(false);
    private final StringProperty summary = new SimpleStringProperty("");

    public RunsViewModel(WorkbenchModel model) {
        this.model = model;
        filter.addListener((o, a, text) -> applyFilter());
        model.runsVersionProperty().addListener((o, a, b) -> reload());
    }

    private void applyFilter() {
        String[] words = filter.get() == null ? new String[0] : filter.get().toLowerCase(Locale.ROOT).strip().split("\\s+");
        filtered.setPredicate(r -> Arrays.stream(words).allMatch(w -> w.isEmpty() || searchText(r).contains(w)));
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

    static String searchText(RunRecord r) {
        return String.join(" ", r.id(), nz(r.name()), statusText(r), nz(r.dataLabel()),
                nz(r.modelLabel()), String.join(" ", r.tags()), nz(r.notes())).toLowerCase(Locale.ROOT);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Reads the workspace in the background. */
    public void reload() {
        loading.set(true);
        model.tasks().run("Reading runs", () -> model.store().list(), list -> {
            loading.set(false);
            runs.setAll(list);
            applyFilter();
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
                runs.set(i, updated);
                applyFilter();
                return;
            }
        }
        reload();
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
