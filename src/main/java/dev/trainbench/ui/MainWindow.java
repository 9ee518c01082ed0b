package dev.trainbench.ui;

import dev.trainbench.sweep.Slurm;
import dev.trainbench.train.EngineInfo;
import dev.trainbench.ui.compare.CompareView;
import dev.trainbench.ui.compare.CompareViewModel;
import dev.trainbench.ui.data.DataView;
import dev.trainbench.ui.data.DataViewModel;
import dev.trainbench.ui.model.ModelView;
import dev.trainbench.ui.model.ModelViewModel;
import dev.trainbench.ui.predict.PredictView;
import dev.trainbench.ui.predict.PredictViewModel;
import dev.trainbench.ui.runs.RunsView;
import dev.trainbench.ui.runs.RunsViewModel;
import dev.trainbench.ui.sweep.SweepDialog;
import dev.trainbench.ui.sweep.SweepRunner;
import dev.trainbench.ui.sweep.SweepViewModel;
import dev.trainbench.ui.train.TrainView;
import dev.trainbench.ui.train.TrainViewModel;
import java.util.List;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's content: a menu bar (File: open and save specs), navigation (Data, Model,
 * Train, Runs, Compare, Predict), the current screen, and a
 * status bar with the engine and device, the current run's progress and any background task.
 *
 * <p>Only the first screen (Data) is built with the window, so the window maps and paints sooner;
 * {@link #startUp()} (called after the first frame) builds the others one per FX event, each
 * screen's view model first, so the UI stays responsive in between. Anything that needs a screen
 * earlier (navigation, a shortcut, Clone and change, Try this, Compare from Runs, opening an exported
 * model) builds it on the spot: every screen and view model is reached through its getter, and each
 * cross-screen wiring is made where the object it is set on is built.
 */
public final class MainWindow extends BorderPane {
    public static final String LIGHT = "light.css";
    public static final String DARK = "dark.css";
    private static final String[] NAMES = {"Data", "Model", "Train", "Runs", "Compare", "Predict"};
    private static final String[] IDS = {"nav-data", "nav-model", "nav-train", "nav-runs", "nav-compare", "nav-predict"};

    private final WorkbenchModel model;
    private DataViewModel dataVm;
    private ModelViewModel modelVm;
    private TrainViewModel trainVm;
    private RunsViewModel runsVm;
    private CompareViewModel compareVm;
    private PredictViewModel predictVm;
    private DataView dataView;
    private ModelView modelView;
    private TrainView trainView;
    private RunsView runsView;
    private CompareView compareView;
    private PredictView predictView;
    private SweepRunner sweeps;
    private final SpecFiles specFiles;
    private final StackPane content = new StackPane();
    private final ToggleGroup nav = new ToggleGroup();
    private final List<ToggleButton> navButtons;
    private final ToggleButton predictNav;
    private final ProgressBar runProgress = new ProgressBar();
    private boolean dark;
    private boolean presentation;
    /** Whether {@link #startUp()} ran: from then on a view model built late reads what it shows at once. */
    private boolean started;
    private boolean closed;
    private final javafx.beans.property.BooleanProperty allScreensBuilt =
            new javafx.beans.property.SimpleBooleanProperty(this, "allScreensBuilt", false);

    public MainWindow(WorkbenchModel model) {
        this.model = model;
        getStyleClass().add("main-window");
        specFiles = new SpecFiles(model);
        java.util.ArrayList<ToggleButton> buttons = new java.util.ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            buttons.add(navButton(i, "Ctrl+" + (i + 1)));
        }
        navButtons = List.copyOf(buttons);
        predictNav = navButtons.get(5);
        Label brand = new Label("TrainBench");
        brand.getStyleClass().add("brand");
        VBox navBox = new VBox(4);
        navBox.getChildren().add(brand);
        navBox.getChildren().addAll(navButtons);
        navBox.getStyleClass().add("nav");
        navBox.setPadding(new Insets(10, 8, 10, 8));
        setLeft(navBox);
        setTop(menuBar());
        setCenter(content);
        setBottom(statusBar());
        nav.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null) {
                nav.selectToggle(old);
            }
        });
        show(0);
    }

    private ToggleButton navButton(int index, String shortcut) {
        ToggleButton b = new ToggleButton(NAMES[index]);
        b.setId(IDS[index]);
        b.setToggleGroup(nav);
        b.setMaxWidth(Double.MAX_VALUE);
        Tips.install(b, shortcut);
        b.getStyleClass().add("nav-button");
        b.selectedProperty().addListener((o, a, selected) -> {
            if (selected) {
                content.getChildren().setAll(view(index));
            }
        });
        return b;
    }

    /** Screen {@code index}'s view, built (with its view model) on first use. */
    private Node view(int index) {
        return switch (index) {
            case 0 -> dataView();
            case 1 -> modelView();
            case 2 -> trainView();
            case 3 -> runsView();
            case 4 -> compareView();
            case 5 -> predictView();
            default -> throw new IndexOutOfBoundsException(index);
        };
    }

    /** Whether screen {@code index}'s view has been built (tests check that start-up builds only the first). */
    public boolean isBuilt(int index) {
        return switch (index) {
            case 0 -> dataView != null;
            case 1 -> modelView != null;
            case 2 -> trainView != null;
            case 3 -> runsView != null;
            case 4 -> compareView != null;
            case 5 -> predictView != null;
            default -> throw new IndexOutOfBoundsException(index);
        };
    }

    /** True once every screen is built (after start-up's background building, or earlier by use). */
    public javafx.beans.property.ReadOnlyBooleanProperty allScreensBuiltProperty() {
        return allScreensBuilt;
    }

    public DataViewModel dataViewModel() {
        if (dataVm == null) {
            dataVm = new DataViewModel(model);
        }
        return dataVm;
    }

    public DataView dataView() {
        if (dataView == null) {
            dataView = new DataView(dataViewModel());
            screenBuilt();
        }
        return dataView;
    }

    public ModelViewModel modelViewModel() {
        if (modelVm == null) {
            modelVm = new ModelViewModel(model);
        }
        return modelVm;
    }

    public ModelView modelView() {
        if (modelView == null) {
            modelView = new ModelView(modelViewModel());
            screenBuilt();
        }
        return modelView;
    }

    public TrainViewModel trainViewModel() {
        if (trainVm == null) {
            trainVm = new TrainViewModel(model);
            runProgress.visibleProperty().bind(trainVm.runningProperty());
        }
        return trainVm;
    }

    public TrainView trainView() {
        if (trainView == null) {
            trainView = new TrainView(trainViewModel());
            trainView.setOnSweep(() -> SweepDialog.open(trainView, new SweepViewModel(model), sweepRunner(), folder -> {
                runsViewModel().reload();
                show(3);
            }));
            trainView.setPresentation(presentation);
            screenBuilt();
        }
        return trainView;
    }

    public RunsViewModel runsViewModel() {
        if (runsVm == null) {
            runsVm = new RunsViewModel(model);
            // Try this on a stored run (its charts window): the clone starts on the Train screen, the run its parent
            runsVm.setOnTryThis((r, t) -> {
                if (trainViewModel().tryThis(r.spec(), r.id(), t) != null) {
                    dataViewModel().showSpecData();
                    show(2);
                }
            });
            runsVm.setOnCompare(runs -> {
                compareViewModel().compare(runs);
                show(4);
            });
            runsVm.setOnClone(r -> editSpecOf(r.spec(), r.id(), r.name()));
            runsVm.setOnRepeat(r -> {
                if (r.spec() == null) {
                    model.errors().report("Repeating with seeds", new IllegalStateException("this run's spec could not be read"));
                    return;
                }
                SeedsDialog.ask(runsView(), r.name(), n -> {
                    // the runs sit beside the original in the lineage: same parent, same spec, seeds s, s+1, ...
                    if (trainViewModel().repeatWithSeeds(r.spec(), n, r.parentId())) {
                        show(2);
                    }
                }, model.errors());
            });
            runsVm.setSweepRunner(sweepRunner());
            if (started) {
                runsVm.reload();
            }
        }
        return runsVm;
    }

    public RunsView runsView() {
        if (runsView == null) {
            runsView = new RunsView(runsViewModel());
            runsView.setOnOpenModel(file -> {
                showPredict();
                predictViewModel().openModel(file);
            });
            screenBuilt();
        }
        return runsView;
    }

    public CompareViewModel compareViewModel() {
        if (compareVm == null) {
            compareVm = new CompareViewModel(model);
        }
        return compareVm;
    }

    public CompareView compareView() {
        if (compareView == null) {
            compareView = new CompareView(compareViewModel());
            screenBuilt();
        }
        return compareView;
    }

    /** Predict: open an exported model, draw a digit or give it files (Ctrl+6). */
    public PredictViewModel predictViewModel() {
        if (predictVm == null) {
            predictVm = new PredictViewModel(model);
        }
        return predictVm;
    }

    public PredictView predictView() {
        if (predictView == null) {
            predictView = new PredictView(predictViewModel());
            screenBuilt();
        }
        return predictView;
    }

    /** Local sweeps' task processes report here; each ended task's run appears in the Runs view. */
    public SweepRunner sweepRunner() {
        if (sweeps == null) {
            sweeps = new SweepRunner(Slurm.system(), () -> javafx.application.Platform.runLater(() -> {
                if (!closed) {
                    runsViewModel().reload();
                }
            }));
        }
        return sweeps;
    }

    private void screenBuilt() {
        for (int i = 0; i < NAMES.length; i++) {
            if (!isBuilt(i)) {
                return;
            }
        }
        allScreensBuilt.set(true);
    }

    private javafx.scene.control.MenuBar menuBar() {
        javafx.scene.control.MenuItem open = new javafx.scene.control.MenuItem("Open spec\u2026");
        open.setId("menu-open-spec");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> chooseSpecToOpen());
        javafx.scene.control.MenuItem save = new javafx.scene.control.MenuItem("Save spec as\u2026");
        save.setId("menu-save-spec");
        save.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        save.setOnAction(e -> chooseWhereToSaveSpec());
        javafx.scene.control.MenuItem quit = new javafx.scene.control.MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> {
            if (getScene() != null && getScene().getWindow() instanceof javafx.stage.Stage st) {
                st.fireEvent(new javafx.stage.WindowEvent(st, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
                if (st.isShowing()) {
                    st.close();
                }
            }
        });
        javafx.scene.control.Menu file = new javafx.scene.control.Menu("File");
        file.setId("menu-file");
        file.getItems().addAll(open, save, new javafx.scene.control.SeparatorMenuItem(), quit);
        javafx.scene.control.Menu view = new javafx.scene.control.Menu("View");
        for (int i = 0; i < NAMES.length; i++) {
            int index = i;
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(NAMES[i]);
            item.setAccelerator(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (i + 1)), KeyCombination.SHORTCUT_DOWN));
            item.setOnAction(e -> show(index));
            view.getItems().add(item);
        }
        javafx.scene.control.MenuItem theme = new javafx.scene.control.MenuItem("Light/dark theme");
        theme.setAccelerator(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN));
        theme.setOnAction(e -> toggleTheme());
        javafx.scene.control.MenuItem presentationItem = new javafx.scene.control.MenuItem("Presentation mode (projector)");
        presentationItem.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        presentationItem.setOnAction(e -> togglePresentation());
        view.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), theme, presentationItem);
        javafx.scene.control.MenuItem lessons = new javafx.scene.control.MenuItem("Lessons\u2026");
        lessons.setId("menu-lessons");
        lessons.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN));
        lessons.setOnAction(e -> openLessons());
        javafx.scene.control.Menu help = new javafx.scene.control.Menu("Help");
        help.setId("menu-help");
        help.getItems().add(lessons);
        javafx.scene.control.MenuBar bar = new javafx.scene.control.MenuBar(file, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    private javafx.stage.Stage lessonsWindow;
    private dev.trainbench.ui.lessons.LessonsView lessonsView;

    /** Help > Lessons: the guided lessons in their own window (one, reused). */
    public javafx.stage.Stage openLessons() {
        if (lessonsWindow == null) {
            dev.trainbench.ui.lessons.LessonsViewModel vm = new dev.trainbench.ui.lessons.LessonsViewModel(model);
            lessonsView = new dev.trainbench.ui.lessons.LessonsView(vm);
            if (getScene() != null) {
                lessonsView.getStyleClass().setAll(getScene().getRoot().getStyleClass());
            }
            // sized to the screen it opens on (never larger), styled like the workbench
            lessonsWindow = Windows.create(getScene() == null ? null : getScene().getWindow(), "TrainBench lessons",
                    lessonsView, 1400, 920);
            lessonsWindow.setOnHidden(e -> vm.stop());
        }
        lessonsWindow.show();
        // reopened on a smaller screen (or after a resolution change): never larger than it, and on it
        javafx.geometry.Rectangle2D screen = Windows.screenOf(lessonsWindow.getOwner());
        if (lessonsWindow.getWidth() > screen.getWidth() * 0.96 || lessonsWindow.getHeight() > screen.getHeight() * 0.96
                || !screen.contains(lessonsWindow.getX(), lessonsWindow.getY(), Math.min(lessonsWindow.getWidth(), screen.getWidth()),
                        Math.min(lessonsWindow.getHeight(), screen.getHeight()))) {
            lessonsWindow.setWidth(Math.min(lessonsWindow.getWidth(), screen.getWidth() * 0.96));
            lessonsWindow.setHeight(Math.min(lessonsWindow.getHeight(), screen.getHeight() * 0.96));
            lessonsWindow.centerOnScreen();
        }
        lessonsWindow.toFront();
        return lessonsWindow;
    }

    /** The lessons window's view, null before Help > Lessons was opened. */
    public dev.trainbench.ui.lessons.LessonsView lessonsView() {
        return lessonsView;
    }

    private javafx.stage.Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void chooseSpecToOpen() {
        javafx.stage.FileChooser chooser = specChooser("Open spec");
        java.io.File f = chooser.showOpenDialog(window());
        if (f != null) {
            openSpec(f.toPath());
        }
    }

    private void chooseWhereToSaveSpec() {
        javafx.stage.FileChooser chooser = specChooser("Save spec as");
        chooser.setInitialFileName(model.spec().name().replaceAll("[^A-Za-z0-9._-]+", "-") + ".json");
        java.io.File f = chooser.showSaveDialog(window());
        if (f != null) {
            java.nio.file.Path path = f.toPath();
            if (!path.getFileName().toString().contains(".")) {
                path = path.resolveSibling(path.getFileName() + ".json");
            }
            saveSpec(path);
        }
    }

    private javafx.stage.FileChooser specChooser(String title) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Experiment spec (JSON)", "*.json"));
        java.nio.file.Path examples = model.baseDir().resolve("examples");
        if (java.nio.file.Files.isDirectory(examples)) {
            chooser.setInitialDirectory(examples.toFile());
        }
        return chooser;
    }

    /** Opens a spec file into Data, Model and Train (in the background); the next run has no parent. */
    public void openSpec(java.nio.file.Path file) {
        specFiles.open(file, spec -> {
            trainViewModel().setParent(null, null);
            dataViewModel().showSpecData();
            dataViewModel().load();
            model.runStatusProperty().set("opened " + file.getFileName());
        });
    }

    /** Saves the spec being edited (in the background). */
    public void saveSpec(java.nio.file.Path file) {
        specFiles.saveAs(file, () -> model.runStatusProperty().set("saved " + file.getFileName()));
    }

    /**
     * Clone and change: makes a run's spec the one being edited on Data, Model and Train, with the
     * run recorded as the parent of the next run, and shows the Train screen.
     */
    public void editSpecOf(dev.trainbench.spec.ExperimentSpec spec, String parentId, String parentName) {
        if (spec == null) {
            model.errors().report("Clone and change", new IllegalStateException(
                    "this run's spec could not be read from its run.json, so it cannot be cloned"));
            return;
        }
        model.setSpec(spec);
        trainViewModel().setParent(parentId, parentName);
        dataViewModel().showSpecData();
        dataViewModel().load();
        show(2);
    }

    /** Shows screen {@code index}: 0 Data, 1 Model, 2 Train, 3 Runs, 4 Compare, 5 Predict. */
    public void show(int index) {
        navButtons.get(index).setSelected(true);
    }

    /** Shows the Predict screen. */
    public void showPredict() {
        predictNav.setSelected(true);
    }

    /** How many screens the navigation offers (tests walk them all, so a new screen is covered). */
    public int viewCount() {
        return navButtons.size();
    }

    /** The navigation label of screen {@code index}. */
    public String viewName(int index) {
        return navButtons.get(index).getText();
    }

    private HBox statusBar() {
        Label engine = new Label();
        engine.textProperty().bind(model.engineSummaryProperty());
        engine.setId("status-engine");
        Label run = new Label();
        run.textProperty().bind(model.runStatusProperty());
        run.setId("status-run");
        runProgress.progressProperty().bind(model.runProgressProperty());
        runProgress.setPrefWidth(140);
        // shown while a run trains: bound to the Train view model when that is built (no run before)
        runProgress.setVisible(false);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.tasks().busyProperty());
        Label task = new Label();
        task.textProperty().bind(model.tasks().messageProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, engine, sep(), run, runProgress, spacer, busy, task);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static Label sep() {
        Label l = new Label("|");
        l.getStyleClass().add("status-separator");
        return l;
    }

    /** Puts the window into a scene with the theme and keyboard shortcuts installed. */
    public Scene createScene(double width, double height) {
        Scene scene = new Scene(this, width, height);
        applyTheme(scene);
        var acc = scene.getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN), () -> show(0));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), () -> show(1));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN), () -> show(2));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN), () -> show(3));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT5, KeyCombination.SHORTCUT_DOWN), () -> show(4));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT6, KeyCombination.SHORTCUT_DOWN), this::showPredict);
        acc.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), () -> {
            show(2);
            trainViewModel().start();
        });
        acc.put(new KeyCodeCombination(KeyCode.ESCAPE), () -> {
            if (trainVm != null) { // no Train view model yet: no run to stop
                trainVm.stop();
            }
        });
        acc.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), this::toggleTheme);
        acc.put(new KeyCodeCombination(KeyCode.F11), this::togglePresentation);
        return scene;
    }

    public void toggleTheme() {
        dark = !dark;
        if (getScene() != null) {
            applyTheme(getScene());
        }
    }

    public boolean isDark() {
        return dark;
    }

    /** Presentation mode: large fonts for a projector. */
    public void togglePresentation() {
        setPresentation(!presentation);
    }

    /**
     * Presentation mode on or off: larger fonts (the {@code presentation} style class), and the
     * screens re-lay out for it (the Train screen folds its settings away and shows fewer charts
     * per row with thicker lines).
     */
    public void setPresentation(boolean on) {
        if (on == presentation) {
            return;
        }
        presentation = on;
        if (presentation) {
            getStyleClass().add("presentation");
        } else {
            getStyleClass().remove("presentation");
        }
        if (trainView != null) { // a Train view built later starts in the current mode
            trainView.setPresentation(on);
        }
    }

    public boolean isPresentation() {
        return presentation;
    }

    private void applyTheme(Scene scene) {
        scene.getStylesheets().setAll(
                Objects.requireNonNull(MainWindow.class.getResource("app.css")).toExternalForm(),
                Objects.requireNonNull(MainWindow.class.getResource(dark ? DARK : LIGHT)).toExternalForm());
    }

    /**
     * Start-up work that waits for the window's first frame: engine detection (loads libtorch) and
     * the default data set in the background, the workspace's runs, then the screens not shown yet,
     * one per FX event (each view model, then its view), so a click or a shortcut in between is
     * handled at once. {@code onAllScreens} runs when every screen is built.
     */
    public void startUp(Runnable onAllScreens) {
        started = true;
        model.tasks().run("Loading the engine", EngineInfo::detect, model::engineLoaded, error -> model.engineSummaryProperty().set("engine unavailable: " + UserMessage.of("Loading the engine", error).whatHappened()));
        dataViewModel().load();
        List<Runnable> steps = List.of(this::runsViewModel, this::modelViewModel, this::modelView, this::trainViewModel,
                this::trainView, this::runsView, this::compareViewModel, this::compareView, this::predictViewModel,
                this::predictView);
        buildInTurn(steps, 0, onAllScreens);
    }

    /** {@link #startUp(Runnable)} with nothing to run at the end. */
    public void startUp() {
        startUp(() -> { });
    }

    private void buildInTurn(List<Runnable> steps, int next, Runnable done) {
        javafx.application.Platform.runLater(() -> {
            if (closed) {
                return;
            }
            if (next == steps.size()) {
                done.run();
                return;
            }
            steps.get(next).run();
            buildInTurn(steps, next + 1, done);
        });
    }

    public void shutdown() {
        closed = true;
        if (trainVm != null) {
            trainVm.close();
        }
        if (predictVm != null) {
            predictVm.close();
        }
        if (sweeps != null) {
            sweeps.close(); // local sweeps stop with the window (their runs saved as stopped); Slurm ones go on
        }
    }

    public WorkbenchModel workbench() {
        return model;
    }
}
