package dev.trainbench.ui.train;

import dev.trainbench.model.ModelSummary;
import dev.trainbench.model.ShapeInference;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.spec.EarlyStoppingSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.ScheduleSpec;
import dev.trainbench.spec.TrainingSpec;
import dev.trainbench.train.EventSubscription;
import dev.trainbench.train.LrFinder;
import dev.trainbench.train.MetricsHistory;
import dev.trainbench.train.RunHandle;
import dev.trainbench.train.SanityProbes;
import dev.trainbench.train.TrainerJob;
import dev.trainbench.train.TrainingEvent;
import dev.trainbench.train.TrainingException;
import dev.trainbench.ui.WorkbenchModel;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Train screen's state: the training settings of the shared spec, the run being trained and
 * its controls. {@link #poll()} is called once per frame (at most ~30 times a second): it drains
 * the trainer's events without blocking and hands only the new history rows to the
 * {@link TrainingSink}, so the UI never waits for training and training never waits for the UI.
 */
public final class TrainViewModel {
    private static final System.Logger LOG = System.getLogger(TrainViewModel.class.getName());
    private final WorkbenchModel model;
    private final ObjectProperty<OptimizerSpec.Type> optimizer = new SimpleObjectProperty<>(OptimizerSpec.Type.ADAM);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(1e-3);
    private final DoubleProperty momentum = new SimpleDoubleProperty(0.9);
    private final ObjectProperty<ScheduleSpec.Type> schedule = new SimpleObjectProperty<>(ScheduleSpec.Type.CONSTANT);
    private final IntegerProperty warmupSteps = new SimpleIntegerProperty(0);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(64);
    private final IntegerProperty epochs = new SimpleIntegerProperty(5);
    private final DoubleProperty weightDecay = new SimpleDoubleProperty(0);
    private final DoubleProperty clipNorm = new SimpleDoubleProperty(0);
    private final BooleanProperty earlyStopping = new SimpleBooleanProperty(false);
    private final IntegerProperty patience = new SimpleIntegerProperty(5);
    private final ObjectProperty<TrainingSpec.Device> device = new SimpleObjectProperty<>(TrainingSpec.Device.CPU);
    private final StringProperty runName = new SimpleStringProperty("experiment");
    private final BooleanProperty nesterov = new SimpleBooleanProperty(false);
    private final DoubleProperty beta1 = new SimpleDoubleProperty(0.9);
    private final DoubleProperty beta2 = new SimpleDoubleProperty(0.999);
    private final IntegerProperty stepEpochs = new SimpleIntegerProperty(10);
    private final DoubleProperty gamma = new SimpleDoubleProperty(0.1);
    private final DoubleProperty minLearningRate = new SimpleDoubleProperty(0);
    private final DoubleProperty minDelta = new SimpleDoubleProperty(0);
    /** Why the last edit of a setting was refused (the spec kept its value), or null when all are valid. */
    private final StringProperty settingsError = new SimpleStringProperty(null);
    /** A non-blocking warning when the run name is already used by a run in the workspace, else empty. */
    private final StringProperty nameWarning = new SimpleStringProperty("");
    /** The parent run of the spec being edited (set by "Clone and change"), recorded by the next Start. */
    private final StringProperty parentId = new SimpleStringProperty(null);
    private final StringProperty parentName = new SimpleStringProperty(null);
    /** Early stopping as it was before it was switched off, so switching it on again restores its settings. */
    private EarlyStoppingSpec lastEarlyStopping;

    private final ObjectProperty<RunHandle> current = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("Ready. Press Start (Ctrl+Enter) to train.");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final IntegerProperty stepsShown = new SimpleIntegerProperty(0);
    private final IntegerProperty epochsShown = new SimpleIntegerProperty(0);
    private final javafx.collections.ObservableList<String> sanityFindings = javafx.collections.FXCollections.observableArrayList();
    private final javafx.collections.ObservableList<dev.trainbench.diagnose.Finding> findings =
            javafx.collections.FXCollections.observableArrayList();
    /** A Try-this clone waiting for the current run to stop: the spec and its parent. */
    private ExperimentSpec pendingSpec;
    private String pendingParent;
    private final StringProperty sanityTitle = new SimpleStringProperty(null);
    private final BooleanProperty checking = new SimpleBooleanProperty(false);
    private final BooleanProperty findingLr = new SimpleBooleanProperty(false);
    private final ObjectProperty<LrFinder.Result> lrResult = new SimpleObjectProperty<>();
    private final StringProperty lrSuggestions = new SimpleStringProperty("");
    private final javafx.beans.binding.BooleanBinding busy = running.or(checking).or(findingLr);
    /** The probe queued or running on the trainer thread, cancelled when the view closes. */
    private TrainerJob<?> probe;
    private final LongProperty longestFrameGapMillis = new SimpleLongProperty(0);
    private final DoubleProperty longestFrameWorkMillis = new SimpleDoubleProperty(0);

    private int framesMeasured;
    private double longestLayoutMillis;
    private double longestPulseMillis;
    private double longestWarmFrameWorkMillis;
    private EventSubscription subscription;
    private dev.trainbench.train.GroupHandle group;
    private TrainingSink sink;
    private long totalSteps;
    private int runEpochs;
    private double lastEpochStep;
    private double lastStep;
    private boolean syncing;

    public TrainViewModel(WorkbenchModel model) {
        this.model = model;
        readFrom(model.spec());
        model.specProperty().addListener((o, a, s) -> readFrom(s));
        // every control edits exactly its own field of the current spec: nothing the screen does not
        // show (Adam's betas, a step schedule's gamma, early stopping's min delta...) is reset
        onChange(optimizer, v -> optimizer(o -> o.withType(v)));
        onChange(learningRate, v -> optimizer(o -> o.withLearningRate(v.doubleValue())));
        onChange(momentum, v -> optimizer(o -> o.withMomentum(positiveOrNull(v))));
        onChange(nesterov, v -> optimizer(o -> o.withNesterov(v ? Boolean.TRUE : null)));
        onChange(weightDecay, v -> optimizer(o -> o.withWeightDecay(positiveOrNull(v))));
        onChange(beta1, v -> optimizer(o -> o.withBeta1(v.doubleValue())));
        onChange(beta2, v -> optimizer(o -> o.withBeta2(v.doubleValue())));
        onChange(schedule, v -> schedule(sc -> sc.withType(v)));
        onChange(warmupSteps, v -> schedule(sc -> sc.withWarmupSteps(v.intValue() > 0 ? v.intValue() : null)));
        onChange(stepEpochs, v -> schedule(sc -> sc.withStepEpochs(v.intValue())));
        onChange(gamma, v -> schedule(sc -> sc.withGamma(v.doubleValue())));
        onChange(minLearningRate, v -> schedule(sc -> sc.withMinLearningRate(v.doubleValue())));
        onChange(batchSize, v -> training(t -> t.withBatchSize(v.intValue())));
        onChange(epochs, v -> training(t -> t.withEpochs(v.intValue())));
        onChange(clipNorm, v -> training(t -> t.withClipNorm(positiveOrNull(v))));
        onChange(earlyStopping, on -> training(t -> {
            if (on) {
                EarlyStoppingSpec es = lastEarlyStopping != null ? lastEarlyStopping.withPatience(patience.get())
                        : new EarlyStoppingSpec(patience.get(), null);
                return t.withEarlyStopping(es);
            }
            lastEarlyStopping = t.earlyStopping();
            return t.withEarlyStopping(null);
        }));
        onChange(patience, v -> training(t -> t.earlyStopping() == null ? t : t.withEarlyStopping(t.earlyStopping().withPatience(v.intValue()))));
        onChange(minDelta, v -> training(t -> t.earlyStopping() == null ? t : t.withEarlyStopping(t.earlyStopping().withMinDelta(v.doubleValue()))));
        onChange(device, v -> training(t -> t.withDevice(v)));
        onChange(runName, v -> edit(s -> s.withName(v)));
        runName.addListener((o, a, v) -> checkName());
        model.runs().addListener((javafx.collections.ListChangeListener<dev.trainbench.runs.RunSummary>) c -> checkName());
        if (model.trainer() != null) {
            subscription = model.trainer().subscribe();
        }
    }

    public void setSink(TrainingSink sink) {
        this.sink = sink;
    }

    private void readFrom(ExperimentSpec spec) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            TrainingSpec t = spec.training();
            OptimizerSpec o = t.optimizer();
            optimizer.set(o.type());
            learningRate.set(o.learningRate());
            momentum.set(o.momentumOrDefault());
            nesterov.set(o.nesterov() != null && o.nesterov());
            weightDecay.set(o.weightDecayOrDefault());
            beta1.set(o.beta1() == null ? 0.9 : o.beta1());
            beta2.set(o.beta2() == null ? 0.999 : o.beta2());
            ScheduleSpec sc = t.schedule();
            schedule.set(sc.type());
            warmupSteps.set(sc.warmupStepsOrDefault());
            stepEpochs.set(sc.stepEpochs() == null ? 10 : sc.stepEpochs());
            gamma.set(sc.gamma() == null ? 0.1 : sc.gamma());
            minLearningRate.set(sc.minLearningRate() == null ? 0 : sc.minLearningRate());
            batchSize.set(t.batchSize());
            epochs.set(t.epochs());
            clipNorm.set(t.clipNorm() == null ? 0 : t.clipNorm());
            earlyStopping.set(t.earlyStopping() != null);
            if (t.earlyStopping() != null) {
                patience.set(t.earlyStopping().patience());
                minDelta.set(t.earlyStopping().minDelta());
                lastEarlyStopping = t.earlyStopping();
            }
            device.set(t.device());
            runName.set(spec.name());
        } finally {
            syncing = false;
        }
    }

    private <T> void onChange(javafx.beans.value.ObservableValue<T> property, java.util.function.Consumer<T> write) {
        property.addListener((o, was, now) -> {
            if (!syncing && now != null) {
                write.accept(now);
            }
        });
    }

    private static Double positiveOrNull(Number v) {
        return v.doubleValue() > 0 ? v.doubleValue() : null;
    }

    private void optimizer(java.util.function.UnaryOperator<OptimizerSpec> change) {
        training(t -> t.withOptimizer(change.apply(t.optimizer())));
    }

    private void schedule(java.util.function.UnaryOperator<ScheduleSpec> change) {
        training(t -> t.withSchedule(change.apply(t.schedule())));
    }

    private void training(java.util.function.UnaryOperator<TrainingSpec> change) {
        edit(s -> s.withTraining(change.apply(s.training())));
    }

    /**
     * Applies one setting's change to the current spec. An invalid value (the spec's validation
     * refuses it) leaves the spec unchanged and says why in {@link #settingsErrorProperty()}.
     */
    private void edit(java.util.function.UnaryOperator<ExperimentSpec> change) {
        ExperimentSpec next;
        try {
            next = change.apply(model.spec());
        } catch (RuntimeException e) {
            settingsError.set(e.getMessage());
            return;
        }
        settingsError.set(null);
        syncing = true;
        try {
            model.setSpec(next);
        } finally {
            syncing = false;
        }
    }

    /** Warns (without blocking) when a run in the workspace already has the name the next run would get. */
    private void checkName() {
        String name = runName.get() == null ? "" : runName.get().strip();
        long n = name.isEmpty() ? 0 : model.runs().stream().filter(r -> name.equals(r.name())).count();
        nameWarning.set(n == 0 ? "" : (n == 1 ? "A run named \"" + name + "\" exists" : n + " runs are named \"" + name + "\"")
                + ": the Runs table tells them apart by their short id.");
    }

    /** Null when every setting on the screen is in the spec; otherwise why the last edit was refused. */
    public String apply() {
        return settingsError.get();
    }

    /** Queues the current spec on the trainer; refuses (with the reason) a model that cannot connect. */
    public boolean start() {
        ExperimentSpec spec = startable("Starting the run");
        if (spec == null) {
            return false;
        }
        group = null;
        begin(model.trainer().submit(spec, model.baseDir(), parentId.get()), spec.name());
        return true;
    }

    /**
     * Repeat with seeds: trains the spec being edited {@code seeds} times with seeds s, s+1, ...,
     * one after another on the trainer thread, as one seed group (recorded in every run), so that
     * Compare can draw it as a band and say whether a difference exceeds the seed spread.
     */
    public boolean repeatWithSeeds(int seeds) {
        ExperimentSpec spec = startable("Repeating with seeds");
        return spec != null && repeatWithSeeds(spec, seeds, parentId.get());
    }

    /** Repeat with seeds for any spec (a run's, from the Runs screen), with the given parent. */
    public boolean repeatWithSeeds(ExperimentSpec spec, int seeds, String parent) {
        if (busy.get()) {
            model.errors().report("Repeating with seeds", new TrainingException(
                    "a run is training; repeat with seeds when it has finished"));
            return false;
        }
        String refusal = seedsRefusal(seeds);
        if (refusal != null) {
            model.errors().report("Repeating with seeds", new IllegalArgumentException(refusal));
            return false;
        }
        if (subscription != null) {
            subscription.drain();
        }
        group = model.trainer().submitGroup(spec, model.baseDir(), seeds, parent);
        begin(group.members().get(0), spec.name());
        status.set(String.format(Locale.ROOT, "Seed group \"%s\": %d runs (seeds %d to %d), one after another. Preparing the first...",
                spec.name(), seeds, spec.seed(), spec.seed() + seeds - 1));
        return true;
    }

    /** Why {@code seeds} runs cannot make a group, or null when they can. */
    public static String seedsRefusal(int seeds) {
        if (seeds < 2 || seeds > dev.trainbench.train.SeedGroup.MAX_SEEDS) {
            return "a seed group needs 2 to " + dev.trainbench.train.SeedGroup.MAX_SEEDS + " seeds, not " + seeds
                    + " (3 to 5 show the spread of most recipes)";
        }
        return null;
    }

    /** The seed group training now, or null. */
    public dev.trainbench.train.GroupHandle currentGroup() {
        return group;
    }

    /** The spec being edited when it can start now; null after saying why not. */
    private ExperimentSpec startable(String action) {
        if (busy.get()) {
            // one training at a time: a run started now would train next to a probe, and both
            // seed PyTorch's global generator
            return null;
        }
        String invalid = apply();
        if (invalid != null) {
            model.errors().report(action, new TrainingException(invalid));
            return null;
        }
        ExperimentSpec spec = model.spec();
        return fits(action, spec) ? spec : null;
    }

    /** Whether {@code spec}'s model connects and fits in memory on the loaded data; says why not. */
    private boolean fits(String action, ExperimentSpec spec) {
        if (model.dataset() != null) {
            ModelSummary s = ShapeInference.infer(spec.model().layers(), model.dataset().sampleShape(), model.dataset().outputWidth());
            if (!s.valid()) {
                model.errors().report(action, new TrainingException(
                        "The model cannot connect: " + s.errorMessage() + ". Fix it on the Model screen."));
                return false;
            }
            java.util.Optional<String> refusal = dev.trainbench.train.MemoryCheck.refusal(spec, model.dataset().sampleShape(),
                    model.dataset().outputWidth(), model.dataset().size());
            if (refusal.isPresent()) {
                model.errors().report(action, new TrainingException(refusal.get()));
                status.set("Not started: the model or batch cannot fit in this machine's memory.");
                return false;
            }
        }
        if (subscription != null) {
            subscription.drain(); // forget anything left from earlier runs
        }
        return true;
    }

    /**
     * Try this: a clone of the run {@code parentId} (whose spec was {@code parentSpec}) with exactly
     * the change {@code t}, recorded as its child, started at once; the screens show the clone's spec.
     * While a run trains, it is stopped first and the clone starts when it has ended.
     *
     * @return the clone's spec (null when the change is invalid: the error is reported)
     */
    public ExperimentSpec tryThis(ExperimentSpec parentSpec, String parentId, dev.trainbench.diagnose.TryThis t) {
        ExperimentSpec child;
        try {
            child = t.apply(parentSpec);
        } catch (RuntimeException e) {
            model.errors().report("Try this", e);
            return null;
        }
        model.setSpec(child);
        if (running.get()) {
            pendingSpec = child;
            pendingParent = parentId;
            stop();
            status.set("Stopping this run; then starting the clone with " + t.label() + "...");
            return child;
        }
        startClone(child, parentId);
        return child;
    }

    /** Try this on the current (or last) run of this screen. */
    public ExperimentSpec tryThis(dev.trainbench.diagnose.TryThis t) {
        RunHandle h = current.get();
        if (h == null || h.runId() == null) {
            model.errors().report("Try this", new TrainingException("there is no run to clone yet; start one first"));
            return null;
        }
        return tryThis(h.spec(), h.runId(), t);
    }

    /** Submits {@code spec} exactly as it is, with {@code parentId} as its parent, and follows it. */
    private boolean startClone(ExperimentSpec spec, String parentId) {
        if (busy.get() || !fits("Try this", spec)) {
            return false;
        }
        group = null;
        begin(model.trainer().submit(spec, model.baseDir(), parentId), spec.name());
        return true;
    }

    /** Follows {@code handle} from now on: charts, progress and status start over. */
    private void begin(RunHandle handle, String name) {
        current.set(handle);
        running.set(true);
        paused.set(false);
        resetForRun();
        progress.set(-1);
        status.set("Preparing data and model...");
        model.runStatusProperty().set("starting " + name);
        model.runProgressProperty().set(-1);
    }

    private void resetForRun() {
        stepsShown.set(0);
        epochsShown.set(0);
        sanityTitle.set(null);
        sanityFindings.clear();
        findings.clear();
        longestFrameGapMillis.set(0);
        longestFrameWorkMillis.set(0);
        longestWarmFrameWorkMillis = 0;
        longestLayoutMillis = 0;
        longestPulseMillis = 0;
        framesMeasured = 0;
        totalSteps = 0;
        lastStep = 0;
        lastEpochStep = 0;
        // the run's own epoch count: the field may be edited while it trains
        runEpochs = model.spec().training().epochs();
    }

    /** Title of the sanity panel while it shows the pre-run checks' findings. */
    public static final String PRE_RUN_CHECKS_TITLE = "Pre-run checks: overfit one batch, input-independent baseline";

    /**
     * The pre-run checks (overfit one batch, input-independent baseline) on the spec being edited,
     * in the background; their findings replace the sanity panel's. Refused while a run trains or
     * another check runs.
     */
    public boolean check() {
        if (running.get() || checking.get() || findingLr.get()) {
            return false;
        }
        String invalid = apply();
        if (invalid != null) {
            model.errors().report("The pre-run checks", new TrainingException(invalid));
            return false;
        }
        ExperimentSpec spec = model.spec();
        checking.set(true);
        status.set("Running the pre-run checks (overfit one batch, input-independent baseline)...");
        model.tasks().run("Pre-run checks", () -> onTrainer("Pre-run checks",
                        () -> SanityProbes.run(spec, model.baseDir(), SanityProbes.Options.defaults(), w -> { })),
                findings -> {
                    checking.set(false);
                    long warnings = findings.stream().filter(f -> !f.ok()).count();
                    status.set(warnings == 0 ? "Pre-run checks passed."
                            : "Pre-run checks: " + warnings + (warnings == 1 ? " warning" : " warnings") + ", see above the charts.");
                    sanityTitle.set(PRE_RUN_CHECKS_TITLE);
                    sanityFindings.setAll(findings.stream().map(SanityProbes.Finding::line).toList());
                }, error -> {
                    checking.set(false);
                    status.set("The pre-run checks failed.");
                    model.errors().report("The pre-run checks", error);
                });
        return true;
    }

    /**
     * The learning-rate range test on the spec being edited, in the background; the result lands
     * in {@link #lrResultProperty()} and {@link #lrSuggestionsProperty()}.
     */
    public boolean lrRangeTest() {
        if (running.get() || checking.get() || findingLr.get()) {
            return false;
        }
        String invalid = apply();
        if (invalid != null) {
            model.errors().report("The learning-rate range test", new TrainingException(invalid));
            return false;
        }
        ExperimentSpec spec = model.spec();
        findingLr.set(true);
        status.set("Running the learning-rate range test...");
        model.tasks().run("Learning-rate range test", () -> onTrainer("Learning-rate range test",
                        () -> LrFinder.run(spec, model.baseDir(), LrFinder.Options.defaults())),
                r -> {
                    findingLr.set(false);
                    lrSuggestions.set(suggestionText(r));
                    lrResult.set(r);
                    status.set("Learning-rate range test done: " + lrSuggestions.get());
                }, error -> {
                    findingLr.set(false);
                    status.set("The learning-rate range test failed.");
                    model.errors().report("The learning-rate range test", error);
                });
        return true;
    }

    /**
     * Runs a probe on the trainer service's thread, queued like a run, and waits for it (on the
     * background task's thread, never the UI's). Every training goes through that one thread.
     */
    private <T> T onTrainer(String description, java.util.concurrent.Callable<T> work) throws Exception {
        if (model.trainer() == null) {
            throw new TrainingException("the trainer is not running, so nothing can train");
        }
        TrainerJob<T> job = model.trainer().submitJob(description, work);
        probe = job;
        try {
            return job.completion().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (java.util.concurrent.CancellationException e) {
            throw new TrainingException(description + " was cancelled");
        } finally {
            probe = null;
        }
    }

    /** The three suggestions of a range test, in words. */
    static String suggestionText(LrFinder.Result r) {
        return "valley " + lr(r.valley()) + ", steep " + lr(r.steep()) + ", minimum/10 " + lr(r.minimumOver10())
                + (r.diverged() ? " (the loss diverged at the end of the sweep)" : "");
    }

    /** A learning rate as shown to the user ("n/a" when the sweep could not say). */
    public static String lr(double v) {
        return Double.isNaN(v) || v <= 0 ? "n/a" : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Sets the learning rate to the last range test's "valley" suggestion; false when there is none. */
    public boolean useValley() {
        LrFinder.Result r = lrResult.get();
        if (r == null || !(r.valley() > 0) || running.get()) {
            return false;
        }
        learningRate.set(Double.parseDouble(lr(r.valley())));
        return true;
    }

    public void pause() {
        RunHandle h = current.get();
        if (h != null && running.get()) {
            h.pause();
            paused.set(true);
            status.set("Pausing...");
        }
    }

    public void resume() {
        RunHandle h = current.get();
        if (h != null && running.get()) {
            h.resume();
            paused.set(false);
        }
    }

    public void stop() {
        RunHandle h = current.get();
        if (h != null && running.get()) {
            if (group != null) {
                group.stop();
            }
            h.stop();
            status.set("Stopping...");
        }
    }

    /** Records the time between two frames while a run trains (the UI thread's longest stall). */
    public void frameGap(long millis) {
        if (running.get() && millis > longestFrameGapMillis.get()) {
            longestFrameGapMillis.set(millis);
        }
    }

    /** Records how long one frame's own work (drain, append, redraw) took on the UI thread. */
    public void frameWork(double millis) {
        if (!running.get()) {
            return;
        }
        framesMeasured++;
        if (millis > longestFrameWorkMillis.get()) {
            longestFrameWorkMillis.set(millis);
        }
        // the first second of a run includes class loading and JIT warm-up of the chart code
        if (framesMeasured > 30 && millis > longestWarmFrameWorkMillis) {
            longestWarmFrameWorkMillis = millis;
        }
    }

    /**
     * Records the CSS and layout pass of a pulse whose frame did {@code frameMillis} of work: the
     * two together are how long the UI thread was busy in that pulse (rendering aside).
     */
    public void layoutWork(double frameMillis, double layoutMillis) {
        if (!running.get()) {
            return;
        }
        longestLayoutMillis = Math.max(longestLayoutMillis, layoutMillis);
        longestPulseMillis = Math.max(longestPulseMillis, frameMillis + layoutMillis);
    }

    /** Longest frame work plus the CSS/layout pass of the same pulse, over the run. */
    public double longestPulseMillis() {
        return longestPulseMillis;
    }

    /** Longest frame work after the first 30 frames of the run (warm code). */
    public double longestWarmFrameWorkMillis() {
        return longestWarmFrameWorkMillis;
    }

    public DoubleProperty longestFrameWorkMillisProperty() {
        return longestFrameWorkMillis;
    }

    /** Drains trainer events and delivers new rows; never blocks. Call once per frame. */
    public void poll() {
        if (subscription == null) {
            return;
        }
        List<TrainingEvent> events = subscription.drain();
        RunHandle h = current.get();
        for (TrainingEvent e : events) {
            if (group != null && (h == null || !mine(h, e))) {
                // the next run of the seed group (or its failure before it started): follow it. Only
                // forward: a late event of an earlier member (its RunFinished can arrive after the next
                // member's first steps) must not switch back and append its steps to the new charts
                List<RunHandle> members = group.members();
                RunHandle next = null;
                for (int k = h == null ? 0 : members.indexOf(h) + 1; k < members.size() && next == null; k++) {
                    if (mine(members.get(k), e)) {
                        next = members.get(k);
                    }
                }
                if (next != null) {
                    h = next;
                    current.set(next);
                    resetForRun();
                }
            }
            if (h == null || !mine(h, e)) {
                if (e instanceof TrainingEvent.RunFinished) {
                    model.runsChanged();
                }
                continue;
            }
            if (e instanceof TrainingEvent.RunStarted s) {
                totalSteps = s.totalSteps();
                lastEpochStep = 0;
                if (sink != null) {
                    sink.runStarted(s.layerNames());
                }
                status.set("Training " + s.name() + " on " + s.device() + String.format(Locale.ROOT, " (%,d parameters)", s.parameterCount()));
            } else if (e instanceof TrainingEvent.StepsAvailable s) {
                deliverSteps(h.history(), s.size());
            } else if (e instanceof TrainingEvent.EpochEnded en) {
                deliverSteps(h.history(), h.history() == null ? 0 : h.history().size());
                epochsShown.set(epochsShown.get() + 1);
                if (sink != null) {
                    // at the epoch's own last step: on a small data set several epochs end between two
                    // frames, and the steps delivered by now already run into the next epochs
                    MetricsHistory hist = h.history();
                    int row = hist == null ? -1 : lastRowOfEpoch(hist.readableFrom(), hist.size(), en.metrics().epoch(), hist::epoch);
                    // never before an earlier epoch's point (the charts take x in order)
                    double at = Math.max(lastEpochStep, row >= 0 ? hist.step(row) : lastStep);
                    lastEpochStep = at;
                    sink.epoch(at, en.metrics());
                }
            } else if (e instanceof TrainingEvent.SanityChecked c) {
                sanityFindings.setAll(c.findings());
            } else if (e instanceof TrainingEvent.Diagnosed d) {
                findings.setAll(d.findings());
            } else if (e instanceof TrainingEvent.BoundarySnapshot b) {
                if (sink != null) {
                    sink.boundary(b.grid());
                }
            } else if (e instanceof TrainingEvent.StatusChanged c) {
                paused.set(c.status() == RunStatus.PAUSED);
                if (c.status() == RunStatus.PAUSED) {
                    status.set("Paused. Resume to go on.");
                }
            } else if (e instanceof TrainingEvent.RunFinished f) {
                deliverSteps(h.history(), h.history() == null ? 0 : h.history().size());
                if (group != null && !group.completion().isDone() && f.status() != RunStatus.FAILED
                        && group.members().indexOf(h) < group.members().size() - 1) {
                    int k = group.members().indexOf(h) + 1;
                    status.set(String.format(Locale.ROOT, "Seed %d of %d: %s. The next seed starts...", k, group.members().size(),
                            finishedText(f)));
                    model.runsChanged();
                    continue;
                }
                group = null;
                running.set(false);
                paused.set(false);
                progress.set(f.status() == RunStatus.COMPLETED || f.status() == RunStatus.EARLY_STOPPED ? 1 : progress.get() < 0 ? 0 : progress.get());
                status.set(finishedText(f));
                LOG.log(System.Logger.Level.DEBUG, () -> "run " + f.runId() + " " + f.status().label() + "; " + uiTimingSummary());
                model.runStatusProperty().set("last run " + f.status().label());
                model.runProgressProperty().set(progress.get());
                model.runsChanged();
                if (pendingSpec != null) {
                    ExperimentSpec next = pendingSpec;
                    String parent = pendingParent;
                    pendingSpec = null;
                    pendingParent = null;
                    startClone(next, parent);
                    return;
                }
                if (f.status() == RunStatus.FAILED) {
                    model.errors().report("Training", new TrainingException(f.message() == null ? "the run failed" : f.message()));
                }
            }
        }
        if (group != null && group.completion().isDone() && running.get() && events.isEmpty()) {
            group = null;
            running.set(false);
            paused.set(false);
            status.set("The seed group ended: " + status.get());
            model.runStatusProperty().set("seed group ended");
            model.runsChanged();
        }
        if (sink != null) {
            sink.frame();
        }
    }

    /**
     * The last of the first {@code size} step rows that belongs to {@code epoch} (epochs count from
     * 1 and never decrease along the rows), or -1 when no row does.
     */
    static int lastRowOfEpoch(int size, int epoch, java.util.function.IntUnaryOperator epochOfRow) {
        return lastRowOfEpoch(0, size, epoch, epochOfRow);
    }

    /** As above, looking only at rows from {@code from} on (the ones a bounded history still holds). */
    static int lastRowOfEpoch(int from, int size, int epoch, java.util.function.IntUnaryOperator epochOfRow) {
        int lo = from;
        int hi = size;
        // the first row of a later epoch
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (epochOfRow.applyAsInt(mid) <= epoch) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int row = lo - 1;
        return row >= from && epochOfRow.applyAsInt(row) == epoch ? row : -1;
    }

    /** What the status line says when a run ended: the outcome a user needs, in words. */
    static String finishedText(TrainingEvent.RunFinished f) {
        RunRecord r = f.record();
        String message = f.message() == null || f.message().isBlank() ? null : f.message().strip();
        String best = "";
        if (r != null && r.bestValidationRmse() != null) {
            best = String.format(Locale.ROOT, "best validation RMSE %.4g, R\u00b2 %s", r.bestValidationRmse(),
                    r.bestValidationR2() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.bestValidationR2()));
        } else if (r != null && r.bestValidationAccuracy() != null) {
            best = String.format(Locale.ROOT, "best validation accuracy %.1f%%", 100 * r.bestValidationAccuracy());
        } else if (r != null && r.bestValidationLoss() != null) {
            best = String.format(Locale.ROOT, "best validation loss %.4g", r.bestValidationLoss());
        }
        String epochs = r != null && r.epochsCompleted() != null
                ? r.epochsCompleted() + (r.epochsCompleted() == 1 ? " epoch" : " epochs") : null;
        return switch (f.status()) {
            case COMPLETED -> "Run completed" + (best.isEmpty() ? "" : ": " + best) + (epochs == null ? "" : " (" + epochs + ")");
            case EARLY_STOPPED -> "Stopped early, validation loss stopped improving" + (epochs == null ? "" : " after " + epochs)
                    + (best.isEmpty() ? "" : ": " + best);
            case STOPPED -> "Stopped" + (epochs == null ? "" : " after " + epochs) + (best.isEmpty() ? "" : ": " + best);
            case DIVERGED -> "Diverged: " + (message == null ? "the loss became NaN or infinite; lower the learning rate" : message);
            case FAILED -> "Failed: " + (message == null ? "the run could not go on" : message);
            default -> "Run " + f.status().label() + (message == null ? "" : ": " + message);
        };
    }

    /**
     * The UI-thread measurements of the last run, for tests, benchmarks and the debug log (not the
     * status line): the longest gap between two frames and the longest frame's own work.
     */
    public String uiTimingSummary() {
        return String.format(Locale.ROOT, "longest frame gap %d ms, longest frame work %.1f ms (after the first 30 frames %.1f ms), "
                + "longest css/layout %.1f ms, longest frame work + css/layout %.1f ms, %d frames",
                longestFrameGapMillis.get(), longestFrameWorkMillis.get(), longestWarmFrameWorkMillis, longestLayoutMillis,
                longestPulseMillis, framesMeasured);
    }

    private static boolean mine(RunHandle h, TrainingEvent e) {
        return e.runId().equals(h.runId()) || e.runId().equals(h.key());
    }

    private void deliverSteps(MetricsHistory history, int size) {
        if (history == null) {
            return;
        }
        int shown = stepsShown.get();
        // more than 49,152 steps behind the trainer (the history keeps the latest ones only): go on
        // from what it holds, to its end (read after readableFrom, so never below it)
        int from = Math.max(shown, history.readableFrom());
        int to = from > shown ? history.size() : Math.min(size, history.size());
        if (from > shown) {
            LOG.log(System.Logger.Level.WARNING, () -> String.format(Locale.ROOT,
                    "rows %d to %d were not drawn: the charts fell behind the history the trainer keeps (metrics.csv has them)",
                    shown, from - 1));
        }
        if (to <= from) {
            return;
        }
        if (sink != null) {
            sink.steps(history, from, to);
        }
        lastStep = history.step(to - 1);
        stepsShown.set(to);
        if (totalSteps > 0) {
            progress.set(Math.min(1, (lastStep + 1) / totalSteps));
            model.runProgressProperty().set(progress.get());
            // the history's epoch column counts from 1
            model.runStatusProperty().set(String.format(Locale.ROOT, "%s: step %,d of %,d, epoch %d of %d",
                    model.spec().name(), (long) lastStep + 1, totalSteps, history.epoch(to - 1), runEpochs));
        }
    }

    public void close() {
        TrainerJob<?> pending = probe;
        if (pending != null) {
            pending.cancel();
        }
        if (subscription != null) {
            subscription.close();
        }
    }

    public WorkbenchModel workbench() {
        return model;
    }

    public ObjectProperty<OptimizerSpec.Type> optimizerProperty() {
        return optimizer;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public DoubleProperty momentumProperty() {
        return momentum;
    }

    public ObjectProperty<ScheduleSpec.Type> scheduleProperty() {
        return schedule;
    }

    public IntegerProperty warmupStepsProperty() {
        return warmupSteps;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public DoubleProperty weightDecayProperty() {
        return weightDecay;
    }

    public DoubleProperty clipNormProperty() {
        return clipNorm;
    }

    public BooleanProperty earlyStoppingProperty() {
        return earlyStopping;
    }

    public IntegerProperty patienceProperty() {
        return patience;
    }

    public ObjectProperty<TrainingSpec.Device> deviceProperty() {
        return device;
    }

    public StringProperty runNameProperty() {
        return runName;
    }

    public BooleanProperty nesterovProperty() {
        return nesterov;
    }

    public DoubleProperty beta1Property() {
        return beta1;
    }

    public DoubleProperty beta2Property() {
        return beta2;
    }

    public IntegerProperty stepEpochsProperty() {
        return stepEpochs;
    }

    public DoubleProperty gammaProperty() {
        return gamma;
    }

    public DoubleProperty minLearningRateProperty() {
        return minLearningRate;
    }

    public DoubleProperty minDeltaProperty() {
        return minDelta;
    }

    /** Why the last edit of a setting was refused (the spec kept its old value); null when none was. */
    public StringProperty settingsErrorProperty() {
        return settingsError;
    }

    /** Non-blocking: says so when the run name is already taken in the workspace; empty otherwise. */
    public StringProperty nameWarningProperty() {
        return nameWarning;
    }

    /** The run the spec being edited was cloned from (recorded as the next run's parent), or null. */
    public StringProperty parentIdProperty() {
        return parentId;
    }

    /** The parent's name, for the screen. */
    public StringProperty parentNameProperty() {
        return parentName;
    }

    /** Records that the spec now being edited came from run {@code id} (null: from nowhere in particular). */
    public void setParent(String id, String name) {
        parentId.set(id);
        parentName.set(name);
    }

    public ObjectProperty<RunHandle> currentProperty() {
        return current;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public IntegerProperty stepsShownProperty() {
        return stepsShown;
    }

    public IntegerProperty epochsShownProperty() {
        return epochsShown;
    }

    /** Findings of the sanity checks on the current run's first batch ("OK ..." or "WARNING ..."). */
    public javafx.collections.ObservableList<String> sanityFindings() {
        return sanityFindings;
    }

    /** The diagnosis of the current (or last) run, most severe first; updated live as it trains. */
    public javafx.collections.ObservableList<dev.trainbench.diagnose.Finding> findings() {
        return findings;
    }

    /** Title for the sanity panel, or null for the default (the run's first-batch checks). */
    public StringProperty sanityTitleProperty() {
        return sanityTitle;
    }

    /** True while a run trains or a probe (checks, range test) runs: Start, Check and the range test wait. */
    public javafx.beans.binding.BooleanBinding busyProperty() {
        return busy;
    }

    /** True while the pre-run checks run. */
    public BooleanProperty checkingProperty() {
        return checking;
    }

    /** True while the learning-rate range test runs. */
    public BooleanProperty findingLrProperty() {
        return findingLr;
    }

    /** The last learning-rate range test's result, null before the first. */
    public ObjectProperty<LrFinder.Result> lrResultProperty() {
        return lrResult;
    }

    /** The last range test's suggestions in words, empty before the first. */
    public StringProperty lrSuggestionsProperty() {
        return lrSuggestions;
    }

    public LongProperty longestFrameGapMillisProperty() {
        return longestFrameGapMillis;
    }
}
