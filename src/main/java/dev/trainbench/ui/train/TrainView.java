package dev.trainbench.ui.train;

import dev.trainbench.data.Dataset;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.ScheduleSpec;
import dev.trainbench.spec.TrainingSpec;
import dev.trainbench.train.DecisionGrid;
import dev.trainbench.train.EpochMetrics;
import dev.trainbench.train.MetricsHistory;
import dev.trainbench.ui.EnumNames;
import dev.trainbench.ui.Forms;
import dev.trainbench.ui.Palette;
import dev.trainbench.ui.RunIds;
import dev.trainbench.ui.chart.LayerHeatMap;
import dev.trainbench.ui.chart.LiveChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The Train screen: settings, Start/Pause/Resume/Stop, and live charts fed once per frame by an
 * AnimationTimer (throttled to ~30 Hz) from the run's metrics history.
 */
public final class TrainView extends dev.trainbench.ui.KeptSplitPane implements TrainingSink {
    private static final long FRAME_NANOS = 33_000_000L;

    private final TrainViewModel vm;
    private final LiveChart loss = new LiveChart("Loss");
    private final LiveChart accuracy = new LiveChart("Accuracy");
    private final LiveChart learningRate = new LiveChart("Learning rate");
    private final LiveChart gradients = new LiveChart("Gradient norm per layer");
    private final LiveChart throughput = new LiveChart("Samples / s");
    private final LiveChart updateRatio = new LiveChart("Update/weight ratio");
    private final LayerHeatMap heatMap = new LayerHeatMap("Gradient norm: layers (first on top) by step, log colour");
    private final Label gradientRatio = new Label("first/last layer gradient ratio: no data yet");
    private final HBox bottomRow = new HBox(8);
    private final List<LiveChart.Series> updateSeries = new ArrayList<>();
    private float[] rowValues = new float[0];
    private final DecisionBoundaryView boundary = new DecisionBoundaryView();
    private final GridPane charts = new GridPane();
    private final SanityPanel sanity = new SanityPanel(true);
    private final dev.trainbench.ui.diagnose.DiagnosisPanel diagnosis = new dev.trainbench.ui.diagnose.DiagnosisPanel();
    private static final double DIAGNOSIS_MIN_WIDTH = 220;
    private static final double DIAGNOSIS_MAX_WIDTH = 340;
    /** Of the charts pane's width. */
    private static final double DIAGNOSIS_SHARE = 0.28;
    private final Slider smoothing = new Slider(0, 0.99, 0.6);
    private final List<LiveChart.Series> layerSeries = new ArrayList<>();
    private LiveChart.Series stepLoss;
    private LiveChart.Series epochTrainLoss;
    private LiveChart.Series epochValLoss;
    /** The run's data is a regression: the accuracy chart shows validation RMSE and MAE. */
    private boolean regression;
    private LiveChart.Series batchAccuracy;
    private LiveChart.Series epochValAccuracy;
    private LiveChart.Series lr;
    private LiveChart.Series samples;
    private final AnimationTimer timer;
    private long lastPoll;
    private long lastFrame;
    private final FrameProfile profile = new FrameProfile();
    private boolean polledThisPulse;
    private double pollMillis;
    private long layoutStart;
    private long runStartedNanos;
    private long stepsNanos;
    private long redrawNanos;
    private long panelNanos;
    private int rowsThisFrame;
    private javafx.stage.Stage lrWindow;
    private final ScrollPane settingsPane;
    private final javafx.scene.control.ToggleButton settingsToggle = new javafx.scene.control.ToggleButton("Settings");
    private final ScrollPane chartScroll = new ScrollPane();
    /** Presentation mode: settings folded away, two charts per row (scrolling), thicker lines. */
    private boolean presentation;

    private Runnable onSweep = () -> { };

    /** What <i>Sweep…</i> does: the window opens the sweep dialog on the current spec. */
    public void setOnSweep(Runnable action) {
        onSweep = action;
    }

    public TrainView(TrainViewModel vm) {
        this.vm = vm;
        setId("train-view");
        vm.setSink(this);
        settingsPane = form();
        getItems().addAll(settingsPane, center());
        keepDividers(0.24);
        settingsToggle.setId("settings-toggle");
        settingsToggle.setSelected(true);
        settingsToggle.setTooltip(dev.trainbench.ui.Tips.of("Show or hide the settings (presentation mode hides them to give the charts the room)"));
        settingsToggle.selectedProperty().addListener((o, was, show) -> showSettings(show));
        for (LiveChart c : List.of(loss, accuracy, learningRate, gradients, throughput, updateRatio)) {
            c.smoothingProperty().bind(smoothing.valueProperty());
        }
        updateRatio.setId("chart-update-ratio");
        updateRatio.setLogY(true);
        updateRatio.setLogToggleVisible(false);
        updateRatio.addReferenceLine(1e-3, "1e-3 rule of thumb");
        updateRatio.setEmptyText("Measured every few steps");
        heatMap.setId("gradient-heatmap");
        gradientRatio.setId("gradient-ratio");
        gradientRatio.getStyleClass().add("gradient-ratio");
        gradientRatio.setWrapText(true);
        gradientRatio.setPadding(new Insets(2, 8, 2, 8));
        // a fixed height (two lines at any font size, in app.css): a longer verdict must not resize the
        // heat map (and redraw it) mid-run; a verdict longer than two lines is in the tooltip
        gradientRatio.getStyleClass().add("gradient-ratio-box");
        gradientRatio.setTooltip(dev.trainbench.ui.Tips.following(gradientRatio.textProperty()));
        loss.setId("chart-loss");
        accuracy.setId("chart-accuracy");
        gradients.setId("chart-gradients");
        learningRate.setId("chart-lr");
        throughput.setId("chart-throughput");
        gradients.setLogY(true);
        learningRate.setLogToggleVisible(false);
        throughput.setLogToggleVisible(false);
        accuracy.setLogToggleVisible(false);
        accuracy.setYFormatter(v -> String.format(Locale.ROOT, "%.0f%%", v * 100));
        runStarted(List.of());
        // compile the chart drawing code before a run needs it (the first frames of a run drew cold: ~20 ms per redraw)
        javafx.application.Platform.runLater(() -> {
            LiveChart.warmUp();
            LayerHeatMap.warmUp();
        });
        vm.workbench().datasetProperty().addListener((o, a, d) -> layoutCharts(d));
        layoutCharts(vm.workbench().dataset());
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastFrame != 0) {
                    vm.frameGap((now - lastFrame) / 1_000_000L);
                }
                lastFrame = now;
                if (now - lastPoll >= FRAME_NANOS) {
                    if (lastPoll != 0) {
                        profile.interval((now - lastPoll) / 1e6);
                    }
                    lastPoll = now;
                    runStartedNanos = 0;
                    stepsNanos = 0;
                    redrawNanos = 0;
                    panelNanos = 0;
                    rowsThisFrame = 0;
                    long t0 = System.nanoTime();
                    vm.poll();
                    pollMillis = (System.nanoTime() - t0) / 1_000_000.0;
                    polledThisPulse = true;
                    vm.frameWork(pollMillis);
                }
            }
        };
        // the CSS and layout pass runs after the animation timers in the same pulse: time it too
        Runnable preLayout = () -> layoutStart = System.nanoTime();
        Runnable postLayout = () -> {
            if (polledThisPulse) {
                polledThisPulse = false;
                double layout = (System.nanoTime() - layoutStart) / 1_000_000.0;
                vm.layoutWork(pollMillis, layout);
                profile.add(rowsThisFrame, pollMillis, runStartedNanos / 1e6, stepsNanos / 1e6, redrawNanos / 1e6, panelNanos / 1e6, layout);
            }
        };
        sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePreLayoutPulseListener(preLayout);
                was.removePostLayoutPulseListener(postLayout);
            }
            if (now != null) {
                now.addPreLayoutPulseListener(preLayout);
                now.addPostLayoutPulseListener(postLayout);
            }
        });
        vm.runningProperty().addListener((o, was, now) -> {
            if (now) {
                lastFrame = 0;
                lastPoll = 0;
                profile.reset();
                timer.start();
            }
        });
        // keep draining for a moment after the run so the final events arrive, then stop the timer
        vm.runningProperty().addListener((o, was, now) -> {
            if (!now) {
                vm.poll();
                timer.stop();
            }
        });
        // built while a run already trains (the window builds this screen at first use: Try this or
        // Ctrl+Enter can start the run first): this view drains its events from now on
        if (vm.runningProperty().get()) {
            profile.reset();
            timer.start();
        }
    }

    private ScrollPane form() {
        Forms f = new Forms();
        TextField name = new TextField();
        name.setId("run-name");
        name.textProperty().bindBidirectional(vm.runNameProperty());
        Label nameWarning = new Label();
        nameWarning.setId("run-name-warning");
        nameWarning.getStyleClass().add("field-warning");
        nameWarning.setWrapText(true);
        nameWarning.textProperty().bind(vm.nameWarningProperty());
        Forms.showWhen(vm.nameWarningProperty().isNotEmpty(), nameWarning);
        Label parent = new Label();
        parent.setId("run-parent");
        parent.setWrapText(true);
        parent.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.parentIdProperty().get() == null ? ""
                : "Cloned from " + vm.parentNameProperty().get() + " (" + RunIds.shortId(vm.parentIdProperty().get())
                        + "): the next run records it as its parent.", vm.parentIdProperty(), vm.parentNameProperty()));
        Button forgetParent = new Button("Forget");
        forgetParent.getStyleClass().add("small-button");
        forgetParent.setTooltip(dev.trainbench.ui.Tips.of("Start the next run without a parent"));
        forgetParent.setOnAction(e -> vm.setParent(null, null));
        HBox parentRow = new HBox(6, parent, forgetParent);
        parentRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(parent, Priority.ALWAYS);
        parent.setMaxWidth(Double.MAX_VALUE);
        Button repeat = new Button("Repeat with seeds\u2026");
        repeat.setId("repeat-seeds");
        repeat.setTooltip(dev.trainbench.ui.Tips.of("Train these settings several times with seeds s, s+1, ..., one after another, as a group: "
                + "Compare then draws the group as a band and says whether a difference is larger than the seed spread."));
        repeat.disableProperty().bind(vm.runningProperty());
        repeat.setOnAction(e -> askSeeds(n -> vm.repeatWithSeeds(n)));
        repeat.setMaxWidth(Double.MAX_VALUE);
        f.section("Run").row("Name", name).full(nameWarning).full(parentRow).full(repeat);
        Forms.showWhen(vm.parentIdProperty().isNotNull(), parentRow);
        f.section("Optimizer");
        ChoiceBox<OptimizerSpec.Type> opt = EnumNames.choiceBox(OptimizerSpec.Type.class);
        opt.setId("optimizer");
        opt.valueProperty().bindBidirectional(vm.optimizerProperty());
        TextField lrField = numberField(vm.learningRateProperty(), v -> {
            if (!(v > 0 && v <= 100)) {
                throw new IllegalArgumentException("the learning rate must be in (0, 100]");
            }
        });
        lrField.setId("learning-rate");
        TextField momentum = numberField(vm.momentumProperty(), v -> {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1)");
            }
        });
        momentum.setId("momentum");
        CheckBox nesterov = new CheckBox("Nesterov");
        nesterov.selectedProperty().bindBidirectional(vm.nesterovProperty());
        TextField beta1 = numberField(vm.beta1Property(), TrainView::unitInterval);
        TextField beta2 = numberField(vm.beta2Property(), TrainView::unitInterval);
        HBox betas = new HBox(6, beta1, beta2);
        beta1.setPrefColumnCount(5);
        beta2.setPrefColumnCount(5);
        TextField decay = numberField(vm.weightDecayProperty(), v -> {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalArgumentException("weight decay must be in [0, 1)");
            }
        });
        decay.setId("weight-decay");
        f.row("Optimizer", opt).row("Learning rate", lrField, "Too small learns slowly; too large is unstable (loss jumps or becomes NaN).")
                .row("Momentum", momentum, "SGD only.").row("", nesterov, "Nesterov momentum (SGD only).")
                .row("Betas", betas, "Adam's decay rates of the first and second moment estimates (default 0.9, 0.999).")
                .row("Weight decay", decay, "Regularization; 0 for none.");
        Forms.showWhen(vm.optimizerProperty().isEqualTo(OptimizerSpec.Type.SGD), momentum, nesterov);
        Forms.showWhen(vm.optimizerProperty().isEqualTo(OptimizerSpec.Type.ADAM).or(vm.optimizerProperty().isEqualTo(OptimizerSpec.Type.ADAMW)), betas);
        f.section("Schedule");
        ChoiceBox<ScheduleSpec.Type> sched = EnumNames.choiceBox(ScheduleSpec.Type.class);
        sched.setId("schedule");
        sched.valueProperty().bindBidirectional(vm.scheduleProperty());
        Spinner<Integer> warmup = intSpinner(0, 100_000, vm.warmupStepsProperty(), 50);
        Spinner<Integer> stepEvery = intSpinner(1, 100_000, vm.stepEpochsProperty(), 1);
        TextField gamma = numberField(vm.gammaProperty(), v -> {
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException("gamma must be in (0, 1]");
            }
        });
        TextField minLr = numberField(vm.minLearningRateProperty(), v -> {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("the minimum learning rate must be >= 0");
            }
        });
        f.row("Schedule", sched).row("Every (epochs)", stepEvery, "Step schedule: multiply the learning rate by gamma every this many epochs.")
                .row("Gamma", gamma, "Step schedule: the factor applied at each step.")
                .row("Min learning rate", minLr, "Cosine schedule: the learning rate at the end of the run.")
                .row("Warm-up steps", warmup);
        Forms.showWhen(vm.scheduleProperty().isEqualTo(ScheduleSpec.Type.STEP), stepEvery, gamma);
        Forms.showWhen(vm.scheduleProperty().isEqualTo(ScheduleSpec.Type.COSINE), minLr);
        f.section("Loop");
        Spinner<Integer> batch = intSpinner(1, 65536, vm.batchSizeProperty(), 16);
        batch.setId("batch-size");
        Spinner<Integer> epochs = intSpinner(1, 100_000, vm.epochsProperty(), 1);
        epochs.setId("epochs");
        TextField clip = numberField(vm.clipNormProperty(), v -> {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("the clipping norm must be >= 0 (0 for none)");
            }
        });
        CheckBox early = new CheckBox("stop when validation loss stalls");
        early.setWrapText(true);
        early.selectedProperty().bindBidirectional(vm.earlyStoppingProperty());
        Spinner<Integer> patience = intSpinner(1, 1000, vm.patienceProperty(), 1);
        patience.disableProperty().bind(vm.earlyStoppingProperty().not());
        TextField minDelta = numberField(vm.minDeltaProperty(), v -> {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("the minimum improvement must be >= 0");
            }
        });
        minDelta.disableProperty().bind(vm.earlyStoppingProperty().not());
        ChoiceBox<TrainingSpec.Device> device = new ChoiceBox<>();
        device.setId("device");
        device.getItems().setAll(TrainingSpec.Device.CPU);
        Label deviceInfo = new Label(DeviceText.info(null));
        deviceInfo.setId("device-info");
        deviceInfo.setWrapText(true);
        deviceInfo.getStyleClass().add("hint");
        Runnable showDevices = () -> {
            dev.trainbench.train.EngineInfo info = vm.workbench().engineInfoProperty().get();
            device.setConverter(DeviceText.converter(info));
            TrainingSpec.Device chosen = device.getValue();
            device.getItems().setAll(info != null && info.gpuCount() > 0
                    ? List.of(TrainingSpec.Device.CPU, TrainingSpec.Device.GPU) : List.of(TrainingSpec.Device.CPU));
            device.setValue(chosen);
            deviceInfo.setText(DeviceText.info(info));
        };
        showDevices.run();
        vm.workbench().engineInfoProperty().addListener((o, a, n) -> showDevices.run());
        device.valueProperty().bindBidirectional(vm.deviceProperty());
        device.setTooltip(dev.trainbench.ui.Tips.of("GPU is offered only when the engine reports one;"
                + " training on the GPU uses GPU 0 (set CUDA_VISIBLE_DEVICES before starting to pick another)."));
        Label settingsError = new Label();
        settingsError.setId("settings-error");
        settingsError.getStyleClass().add("field-error");
        settingsError.setWrapText(true);
        settingsError.textProperty().bind(vm.settingsErrorProperty());
        Forms.showWhen(vm.settingsErrorProperty().isNotNull(), settingsError);
        f.row("Batch size", batch, "Larger batches are faster per sample but need more memory.").row("Epochs", epochs)
                .row("Clip grad norm", clip, "0 for no clipping.").row("Early stopping", early).row("Patience", patience)
                .row("Min change", minDelta, "Early stopping: a validation loss at least this much lower counts as better.")
                .row("Device", device).full(deviceInfo).full(settingsError);
        return f.scrolling();
    }

    private void askSeeds(java.util.function.IntConsumer onChosen) {
        dev.trainbench.ui.SeedsDialog.ask(this, vm.runNameProperty().get(), onChosen, vm.workbench().errors());
    }

    private static void unitInterval(double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException("must be in [0, 1)");
        }
    }

    /**
     * A number field tied to a view-model property both ways: typing a valid number sets the
     * property, and the property's changes (a spec opened, a run cloned) show in the field unless
     * the user is typing in it.
     */
    private static TextField numberField(javafx.beans.property.DoubleProperty p, java.util.function.DoubleConsumer check) {
        TextField field = Forms.numberField(p.get(), v -> {
            check.accept(v);
            p.set(v);
        });
        p.addListener((o, a, v) -> {
            if (!Forms.sameNumber(field.getText(), v.doubleValue())) {
                field.setText(Forms.format(v.doubleValue()));
            }
        });
        return field;
    }

    private static Spinner<Integer> intSpinner(int min, int max, javafx.beans.property.IntegerProperty p, int step) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get(), step);
        s.setEditable(true);
        s.valueProperty().addListener((o, a, v) -> p.set(v));
        p.addListener((o, a, v) -> {
            if (!v.equals(s.getValue())) {
                s.getValueFactory().setValue(v.intValue());
            }
        });
        return s;
    }

    private BorderPane center() {
        Button start = new Button("Start");
        start.setId("start");
        start.getStyleClass().add("accent");
        start.setTooltip(dev.trainbench.ui.Tips.of("Ctrl+Enter"));
        start.disableProperty().bind(vm.busyProperty());
        start.setOnAction(e -> vm.start());
        Button pause = new Button("Pause");
        pause.setId("pause");
        pause.disableProperty().bind(vm.runningProperty().not().or(vm.pausedProperty()));
        pause.setOnAction(e -> vm.pause());
        Button resume = new Button("Resume");
        resume.setId("resume");
        resume.disableProperty().bind(vm.runningProperty().not().or(vm.pausedProperty().not()));
        resume.setOnAction(e -> vm.resume());
        Button stop = new Button("Stop");
        stop.setId("stop");
        stop.setTooltip(dev.trainbench.ui.Tips.of("Esc"));
        stop.disableProperty().bind(vm.runningProperty().not());
        stop.setOnAction(e -> vm.stop());
        javafx.beans.binding.BooleanBinding probing = vm.checkingProperty().or(vm.findingLrProperty());
        Button check = new Button("Check\u2026");
        check.setId("check");
        check.setTooltip(dev.trainbench.ui.Tips.of("Pre-run checks on the current settings: can the model overfit one small batch, "
                + "and does it learn more from the real inputs than from zeroed ones? Nothing is saved."));
        check.disableProperty().bind(vm.busyProperty());
        check.setOnAction(e -> vm.check());
        Button lrTest = new Button("LR range test\u2026");
        lrTest.setId("lr-range-test");
        lrTest.setTooltip(dev.trainbench.ui.Tips.of("Raises the learning rate step by step on a fresh copy of the model and plots the loss: "
                + "suggests a learning rate. Nothing is saved."));
        lrTest.disableProperty().bind(vm.busyProperty());
        lrTest.setOnAction(e -> vm.lrRangeTest());
        Button sweep = new Button("Sweep\u2026");
        sweep.setId("sweep-open");
        sweep.setTooltip(dev.trainbench.ui.Tips.of("Train a grid of changes to the current settings (a learning-rate grid, several seeds of"
                + " each) as ordinary runs, on this machine or as a Slurm job array; a preview comes first."));
        sweep.setOnAction(e -> onSweep.run());
        javafx.scene.control.ProgressIndicator busy = new javafx.scene.control.ProgressIndicator();
        busy.setId("probe-busy");
        busy.setPrefSize(18, 18);
        busy.setMaxSize(18, 18);
        busy.visibleProperty().bind(probing);
        busy.managedProperty().bind(probing);
        vm.lrResultProperty().addListener((o, a, r) -> {
            if (r != null) {
                javafx.stage.Window owner = getScene() == null ? null : getScene().getWindow();
                lrWindow = LrRangePane.open(owner != null && owner.isShowing() ? owner : null, vm, lrWindow);
            }
        });
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.setPrefWidth(160);
        progress.visibleProperty().bind(vm.runningProperty().or(vm.progressProperty().greaterThan(0)));
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setId("train-status");
        status.setMaxWidth(Double.MAX_VALUE);
        // its own row, wrapping: a finished run's summary is long, and presentation mode's font is large
        status.setWrapText(true);
        status.setMinHeight(Label.USE_PREF_SIZE);
        status.setPadding(new Insets(0, 10, 4, 10));
        Forms.showWhen(vm.statusProperty().isNotEmpty(), status);
        Label smoothLabel = new Label("Smoothing");
        smoothing.setPrefWidth(120);
        smoothing.setTooltip(dev.trainbench.ui.Tips.of("EMA weight per step, debiased; the raw curve stays visible, faint."));
        Label smoothValue = new Label();
        smoothValue.textProperty().bind(smoothing.valueProperty().asString(Locale.ROOT, "%.2f"));
        for (javafx.scene.control.Control c : List.of(settingsToggle, start, pause, resume, stop, check, lrTest, smoothLabel, smoothValue)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        progress.setMinWidth(60);
        smoothing.setMinWidth(60);
        sweep.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // wraps onto a second row where the window (or presentation mode's larger font) is too narrow for one:
        // an HBox cut the smoothing slider off at 1280x800 in presentation mode
        HBox smoothingBox = new HBox(8, smoothLabel, smoothing, smoothValue);
        smoothingBox.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 6, settingsToggle, start, pause, resume, stop, check,
                lrTest, sweep, busy, progress, smoothingBox);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 8, 10));
        bar.getStyleClass().add("toolbar-row");

        charts.setHgap(8);
        charts.setVgap(8);
        charts.setPadding(new Insets(0, 8, 8, 8));
        sanity.setId("sanity-panel");
        vm.sanityFindings().addListener((javafx.collections.ListChangeListener<String>) c -> {
            long t0 = System.nanoTime();
            sanity.setFindings(vm.sanityTitleProperty().get(), List.copyOf(vm.sanityFindings()));
            panelNanos += System.nanoTime() - t0;
        });
        diagnosis.setEmptyText("The diagnosis reads the run as it trains: findings appear here within a few steps of"
                + " the evidence, each with the chart to look at, the tip it comes from and a one-change fix to try.");
        // its width follows the window only, never its content: findings arriving mid-run must not resize (and
        // redraw) the charts; and nothing in this pane may demand more than a small window's width, or the
        // panel (at the right edge) is the part cut off
        diagnosis.setMinWidth(DIAGNOSIS_MIN_WIDTH);
        diagnosis.setMaxWidth(DIAGNOSIS_MAX_WIDTH);
        bar.setMinWidth(0);
        charts.setMinWidth(0);
        vm.findings().addListener((javafx.collections.ListChangeListener<dev.trainbench.diagnose.Finding>) c -> {
            long t0 = System.nanoTime();
            diagnosis.setFindings(List.copyOf(vm.findings()));
            panelNanos += System.nanoTime() - t0;
        });
        diagnosis.setOnTry((finding, change) -> vm.tryThis(change));
        diagnosis.setOnLook(this::pointAt);
        chartScroll.setContent(charts);
        chartScroll.setFitToWidth(true);
        chartScroll.setFitToHeight(true);
        chartScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        chartScroll.getStyleClass().add("chart-scroll");
        BorderPane pane = new BorderPane(chartScroll);
        VBox top = new VBox(bar, status, sanity);
        top.setMinWidth(0);
        pane.setTop(top);
        pane.setRight(diagnosis);
        diagnosis.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> Math.max(DIAGNOSIS_MIN_WIDTH,
                Math.min(DIAGNOSIS_MAX_WIDTH, DIAGNOSIS_SHARE * pane.getWidth())), pane.widthProperty()));
        return pane;
    }

    /**
     * Presentation mode on or off: the settings fold away (the Settings button brings them back),
     * the charts go two to a row in a scrolling column, each tall enough to read from the back of
     * a room, and lines and dots are drawn thicker.
     */
    public void setPresentation(boolean on) {
        presentation = on;
        settingsToggle.setSelected(!on);
        for (LiveChart c : List.of(loss, accuracy, learningRate, gradients, throughput, updateRatio)) {
            c.setLineScale(on ? 2.0 : 1.0);
        }
        layoutCharts(vm.workbench().dataset());
    }

    private void showSettings(boolean show) {
        if (show && !getItems().contains(settingsPane)) {
            getItems().add(0, settingsPane);
            // a quarter of the width (30 % in presentation mode), or what the settings' labels need
            keepDividers(presentation ? 0.3 : 0.24);
        } else if (!show) {
            getItems().remove(settingsPane);
        }
    }

    private void layoutCharts(Dataset d) {
        boolean twoD = d != null && !d.isImage() && d.sampleSize() == 2 && d.isClassification();
        boundary.setData(twoD ? d : null);
        charts.getChildren().clear();
        charts.getColumnConstraints().clear();
        charts.getRowConstraints().clear();
        if (presentation) {
            layoutForPresentation(twoD);
            return;
        }
        chartScroll.setFitToHeight(true);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            charts.getColumnConstraints().add(c);
        }
        for (int i = 0; i < 3; i++) {
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(100.0 / 3);
            r.setVgrow(Priority.ALWAYS);
            charts.getRowConstraints().add(r);
        }
        charts.add(loss, 0, 0);
        charts.add(accuracy, 1, 0);
        charts.add(gradients, 0, 1);
        BorderPane heat = new BorderPane(heatMap);
        heat.setBottom(gradientRatio);
        charts.add(heat, 1, 1);
        bottomRow.getChildren().setAll(updateRatio, learningRate, throughput);
        if (twoD) {
            bottomRow.getChildren().add(boundary);
        }
        for (javafx.scene.Node n : bottomRow.getChildren()) {
            HBox.setHgrow(n, Priority.ALWAYS);
            if (n instanceof javafx.scene.layout.Region r) {
                r.setMinWidth(0);
                r.setPrefWidth(200);
                r.setMaxWidth(Double.MAX_VALUE);
            }
        }
        charts.add(bottomRow, 0, 2, 2, 1);
    }

    /** Two charts to a row, each row at least a third of a 900-pixel screen tall; the column scrolls. */
    private void layoutForPresentation(boolean twoD) {
        chartScroll.setFitToHeight(false);
        bottomRow.getChildren().clear();
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            charts.getColumnConstraints().add(c);
        }
        BorderPane heat = new BorderPane(heatMap);
        heat.setBottom(gradientRatio);
        List<javafx.scene.layout.Region> panels = new ArrayList<>(List.of(loss, accuracy, gradients, heat));
        if (twoD) {
            panels.add(boundary);
        }
        panels.addAll(List.of(updateRatio, learningRate, throughput));
        for (int i = 0; i < panels.size(); i++) {
            javafx.scene.layout.Region r = panels.get(i);
            r.setMinWidth(0);
            r.setPrefWidth(200);
            r.setMaxWidth(Double.MAX_VALUE);
            charts.add(r, i % 2, i / 2);
        }
        for (int row = 0; row < (panels.size() + 1) / 2; row++) {
            RowConstraints r = new RowConstraints();
            r.setMinHeight(320);
            r.setPrefHeight(360);
            r.setVgrow(Priority.ALWAYS);
            charts.getRowConstraints().add(r);
        }
    }

    // ----------------------------------------------------------------------------- TrainingSink

    @Override
    public void runStarted(List<String> layerNames) {
        long t0 = System.nanoTime();
        startSeries(layerNames);
        runStartedNanos += System.nanoTime() - t0;
    }

    private void startSeries(List<String> layerNames) {
        for (LiveChart c : List.of(loss, accuracy, learningRate, gradients, throughput, updateRatio)) {
            c.removeAllSeries();
        }
        heatMap.setLayers(layerNames);
        rowValues = new float[layerNames.size()];
        updateSeries.clear();
        gradientRatio.setText("first/last layer gradient ratio: no data yet");
        setRatioWarning(false);
        stepLoss = loss.addSeries("train (step)", Palette.color(0));
        epochTrainLoss = loss.addSeries("train (epoch)", Palette.color(2), false);
        epochValLoss = loss.addSeries("validation", Palette.color(1), false);
        // the loss named honestly (DJL's L2 is half the MSE); regression shows RMSE and MAE, not accuracy
        loss.setTitle(dev.trainbench.train.LossName.chartTitle(vm.workbench().spec()));
        Dataset d = vm.workbench().dataset();
        regression = d != null && !d.isClassification();
        if (regression) {
            accuracy.setTitle("Validation RMSE and MAE (target's units)");
            accuracy.setYFormatter(v -> String.format(Locale.ROOT, "%.4g", v));
            accuracy.setYCeiling(Double.POSITIVE_INFINITY);
            batchAccuracy = accuracy.addSeries("validation RMSE", Palette.color(1), false);
            epochValAccuracy = accuracy.addSeries("validation MAE", Palette.color(3), false);
        } else {
            accuracy.setTitle("Accuracy");
            accuracy.setYFormatter(v -> String.format(Locale.ROOT, "%.0f%%", v * 100));
            // an accuracy never exceeds 100 %: the axis stops there
            accuracy.setYCeiling(1.0);
            batchAccuracy = accuracy.addSeries("batch", Palette.color(0));
            epochValAccuracy = accuracy.addSeries("validation", Palette.color(1), false);
        }
        lr = learningRate.addSeries("learning rate", Palette.color(4), false);
        samples = throughput.addSeries("samples/s", Palette.color(5));
        layerSeries.clear();
        for (int i = 0; i < layerNames.size(); i++) {
            layerSeries.add(gradients.addSeries(layerNames.get(i), Palette.color(i)));
            updateSeries.add(updateRatio.addSeries(layerNames.get(i), Palette.color(i), false));
        }
        boundary.setData(boundaryData());
    }

    private Dataset boundaryData() {
        Dataset d = vm.workbench().dataset();
        return d != null && !d.isImage() && d.sampleSize() == 2 ? d : null;
    }

    @Override
    public void steps(MetricsHistory h, int from, int to) {
        long t0 = System.nanoTime();
        appendSteps(h, from, to);
        stepsNanos += System.nanoTime() - t0;
        rowsThisFrame += to - from;
    }

    private void appendSteps(MetricsHistory h, int from, int to) {
        for (int i = from; i < to; i++) {
            double step = h.step(i);
            stepLoss.append(step, h.loss(i));
            if (!regression) {
                batchAccuracy.append(step, h.accuracy(i));
            }
            lr.append(step, h.learningRate(i));
            samples.append(step, h.samplesPerSecond(i));
            for (int l = 0; l < layerSeries.size(); l++) {
                float g = h.layerGradNorm(i, l);
                rowValues[l] = g;
                if (!Float.isNaN(g)) {
                    layerSeries.get(l).append(step, g);
                }
                float u = h.layerUpdateRatio(i, l);
                if (!Float.isNaN(u) && u > 0) {
                    updateSeries.get(l).append(step, u);
                }
            }
            heatMap.append((long) step, rowValues);
        }
        if (to > from && !layerSeries.isEmpty()) {
            showGradientRatio(h, to);
        }
    }

    /** The first-to-last-layer gradient ratio over the latest steps, with what it means. */
    private void showGradientRatio(MetricsHistory h, int to) {
        GradientRatio v = GradientRatio.ofRecentMeans(layerSeries.size(), to, (layer, row) -> h.layerGradNorm(row, layer),
                vm.findings());
        if (v == null) {
            return;
        }
        gradientRatio.setText(v.text());
        setRatioWarning(v.warning());
    }

    private void setRatioWarning(boolean warning) {
        gradientRatio.getStyleClass().removeAll("gradient-ratio", "gradient-ratio-warning");
        gradientRatio.getStyleClass().add(warning ? "gradient-ratio-warning" : "gradient-ratio");
    }

    @Override
    public void epoch(double step, EpochMetrics m) {
        epochTrainLoss.append(step, m.trainLoss());
        if (!Float.isNaN(m.validationLoss())) {
            epochValLoss.append(step, m.validationLoss());
        }
        if (regression) {
            double rmse = m.get(dev.trainbench.runs.MetricColumns.Epoch.VALIDATION_RMSE);
            double mae = m.get(dev.trainbench.runs.MetricColumns.Epoch.VALIDATION_MAE);
            if (!Double.isNaN(rmse)) {
                batchAccuracy.append(step, rmse);
                epochValAccuracy.append(step, mae);
            }
        } else if (!Float.isNaN(m.validationAccuracy())) {
            epochValAccuracy.append(step, m.validationAccuracy());
        }
    }

    @Override
    public void boundary(DecisionGrid grid) {
        long t0 = System.nanoTime();
        boundary.show(grid);
        panelNanos += System.nanoTime() - t0;
    }

    @Override
    public void frame() {
        long t0 = System.nanoTime();
        redrawCharts();
        redrawNanos += System.nanoTime() - t0;
    }

    private void redrawCharts() {
        loss.refresh();
        accuracy.refresh();
        learningRate.refresh();
        gradients.refresh();
        throughput.refresh();
        updateRatio.refresh();
        heatMap.refresh();
    }

    /** Points at the chart a finding's evidence names: it is outlined for a moment. */
    void pointAt(dev.trainbench.diagnose.Evidence evidence) {
        javafx.scene.layout.Region target = switch (evidence.chart() == null ? "" : evidence.chart()) {
            case dev.trainbench.diagnose.Evidence.CHART_LOSS -> loss;
            case dev.trainbench.diagnose.Evidence.CHART_ACCURACY -> accuracy;
            case dev.trainbench.diagnose.Evidence.CHART_GRADIENTS -> gradients;
            case dev.trainbench.diagnose.Evidence.CHART_HEATMAP -> heatMap;
            case dev.trainbench.diagnose.Evidence.CHART_UPDATE_RATIO -> updateRatio;
            default -> null;
        };
        if (target == null) {
            return;
        }
        target.getStyleClass().add("chart-pointed");
        javafx.animation.PauseTransition off = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(1.5));
        off.setOnFinished(e -> target.getStyleClass().remove("chart-pointed"));
        off.play();
    }

    public dev.trainbench.ui.diagnose.DiagnosisPanel diagnosisPanel() {
        return diagnosis;
    }

    /** Where the UI thread's time went in the frames of the current (or last) run. */
    public FrameProfile frameProfile() {
        return profile;
    }

    public LayerHeatMap heatMap() {
        return heatMap;
    }

    public LiveChart updateRatioChart() {
        return updateRatio;
    }

    public String gradientRatioText() {
        return gradientRatio.getText();
    }

    public LiveChart lossChart() {
        return loss;
    }

    public LiveChart gradientChart() {
        return gradients;
    }

    /**
     * Closes the learning-rate range test's window and opens it again for the current screen and
     * mode (as the next test would); returns it, null before the first test.
     */
    public javafx.stage.Stage reopenLrWindow() {
        if (lrWindow == null) {
            return null;
        }
        lrWindow.close();
        javafx.stage.Window owner = getScene() == null ? null : getScene().getWindow();
        lrWindow = LrRangePane.open(owner, vm, null);
        return lrWindow;
    }

    /** The learning-rate range test's window, null before the first test. */
    public javafx.stage.Stage lrWindow() {
        return lrWindow;
    }

    public SanityPanel sanityPanel() {
        return sanity;
    }

    public DecisionBoundaryView boundaryView() {
        return boundary;
    }

    public static Color seriesColor(int i) {
        return Palette.color(i);
    }
}
