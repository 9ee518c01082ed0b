package dev.trainbench.ui;

import dev.trainbench.data.DataProfile;
import dev.trainbench.data.Dataset;
import dev.trainbench.model.Presets;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.TrainingSpec;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.task.TaskRunner;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State shared by every view: the experiment spec being edited (the one thing a run needs), the
 * data set loaded from it and its profile, and the services (run store, trainer, background
 * tasks, error reporting). Views read and change the spec only through here, so the Data, Model
 * and Train views always agree.
 */
public final class WorkbenchModel {
    private final ObjectProperty<ExperimentSpec> spec = new SimpleObjectProperty<>(this, "spec", defaultSpec());
    private final ObjectProperty<Dataset> dataset = new SimpleObjectProperty<>(this, "dataset");
    private final ObjectProperty<DataProfile> profile = new SimpleObjectProperty<>(this, "profile");
    private final StringProperty engineSummary = new SimpleStringProperty(this, "engineSummary", "engine: loading...");
    private final IntegerProperty gpuCount = new SimpleIntegerProperty(this, "gpuCount", 0);
    /** What the engine reported (null until it has loaded): the Train view lists its GPUs. */
    private final javafx.beans.property.ObjectProperty<dev.trainbench.train.EngineInfo> engineInfo =
            new SimpleObjectProperty<>(this, "engineInfo");
    private final StringProperty runStatus = new SimpleStringProperty(this, "runStatus", "no run");
    private final javafx.beans.property.DoubleProperty runProgress =
            new javafx.beans.property.SimpleDoubleProperty(this, "runProgress", 0);
    /** Bumped whenever runs were added or changed, so the runs table reloads. */
    private final IntegerProperty runsVersion = new SimpleIntegerProperty(this, "runsVersion", 0);

    /** The runs in the workspace as last read (the Runs table's rows, summaries: a run's whole record is loaded by id), for every view that needs them. */
    private final javafx.collections.ObservableList<dev.trainbench.runs.RunSummary> runs =
            javafx.collections.FXCollections.observableArrayList();

    private final RunStore store;
    private final TrainerService trainer;
    private final Path baseDir;
    private final TaskRunner tasks;
    private final ErrorReporter errors;

    public WorkbenchModel(RunStore store, TrainerService trainer, Path baseDir, TaskRunner tasks, ErrorReporter errors) {
        this.store = store;
        this.trainer = trainer;
        this.baseDir = baseDir;
        this.tasks = tasks;
        this.errors = errors;
    }

    /** MNIST digits and the tiny MLP: a real data set that trains in seconds. */
    public static ExperimentSpec defaultSpec() {
        return new ExperimentSpec(null, "experiment", 42L, DataSpec.sample("mnist"), null, null, null,
                Presets.get("tiny-mlp").model(), TrainingSpec.defaults().withEpochs(5));
    }

    public ObjectProperty<ExperimentSpec> specProperty() {
        return spec;
    }

    public ExperimentSpec spec() {
        return spec.get();
    }

    public void setSpec(ExperimentSpec value) {
        spec.set(value);
    }

    public void updateSpec(UnaryOperator<ExperimentSpec> change) {
        spec.set(change.apply(spec.get()));
    }

    public ObjectProperty<Dataset> datasetProperty() {
        return dataset;
    }

    public Dataset dataset() {
        return dataset.get();
    }

    public ObjectProperty<DataProfile> profileProperty() {
        return profile;
    }

    public StringProperty engineSummaryProperty() {
        return engineSummary;
    }

    public IntegerProperty gpuCountProperty() {
        return gpuCount;
    }

    /** Set once the engine has loaded; also sets {@link #gpuCountProperty()} and the summary. */
    public javafx.beans.property.ObjectProperty<dev.trainbench.train.EngineInfo> engineInfoProperty() {
        return engineInfo;
    }

    public void engineLoaded(dev.trainbench.train.EngineInfo info) {
        engineSummary.set(info.summary());
        gpuCount.set(info.gpuCount());
        engineInfo.set(info);
    }

    public StringProperty runStatusProperty() {
        return runStatus;
    }

    public javafx.beans.property.DoubleProperty runProgressProperty() {
        return runProgress;
    }

    public IntegerProperty runsVersionProperty() {
        return runsVersion;
    }

    /** The runs in the workspace as last read; the Runs screen keeps it current. */
    public javafx.collections.ObservableList<dev.trainbench.runs.RunSummary> runs() {
        return runs;
    }

    public void runsChanged() {
        runsVersion.set(runsVersion.get() + 1);
    }

    public RunStore store() {
        return store;
    }

    public TrainerService trainer() {
        return trainer;
    }

    public Path baseDir() {
        return baseDir;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public ErrorReporter errors() {
        return errors;
    }
}
