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
 */
public final class MainWindow extends BorderPane {
    public static final String LIGHT = "light.css";
    public static final String DARK = "dark.css";

    private final WorkbenchModel model;
    private final DataViewModel dataVm;
    private final ModelViewModel modelVm;
    private final TrainViewModel trainVm;
    private final RunsViewModel runsVm;
    private final CompareViewModel compareVm;
    private final DataView dataView;
    private final ModelView modelView;
    private final TrainView trainView;
    private final SweepRunner sweeps;
    private final RunsView runsView;
    private final PredictViewModel predictVm;
    private final PredictView predictView;
    private final ToggleButton predictNav;
    private final CompareView compareView;
    private final SpecFiles specFiles;
    private final StackPane content = new StackPane();
    private final ToggleGroup nav = new ToggleGroup();
    private final List<ToggleButton> navButtons;
    private boolean dark;
    private boolean presentation;

    public MainWindow(WorkbenchModel model) {
        this.model = model;
        getStyleClass().add("main-window");
        dataVm = new DataViewModel(model);
        modelVm = new ModelViewModel(model);
        trainVm = new TrainViewModel(model);
        runsVm = new RunsViewModel(model);
        dataView = new DataView(dataVm);
        modelView = new ModelView(modelVm);
        trainView = new TrainView(trainVm);
        runsView = new RunsView(runsVm);
        // Try this on a stored run (its charts window): the clone starts on the Train screen, the run its parent
        runsVm.setOnTryThis((r, t) -> {
            if (trainVm.tryThis(r.spec(), r.id(), t) != null) {
                dataVm.showSpecData();
                show(2);
            }
        });
        compareVm = new CompareViewModel(model);
        compareView = new CompareView(compareVm);
        runsVm.setOnCompare(runs -> {
            compareVm.compare(runs);
            show(4);
        });
        specFiles = new SpecFiles(model);
        runsVm.setOnClone(r -> editSpecOf(r.spec(), r.id(), r.name()));
        runsVm.setOnRepeat(r -> {
            if (r.spec() == null) {
                model.errors().report("Repeating with seeds", new IllegalStateException("this run's spec could not be read"));
                return;
            }
            SeedsDialog.ask(runsView, r.name(), n -> {
                // the runs sit beside the original in the lineage: same parent, same spec, seeds s, s+1, ...
                if (trainVm.repeatWithSeeds(r.spec(), n, r.parentId())) {
                    show(2);
                }
            }, model.errors());
        });
        // Local sweeps' task processes report here; each ended task's run appears in the Runs view.
        sweeps = new SweepRunner(Slurm.system(), () -> javafx.application.Platform.runLater(runsVm::reload));
        runsVm.setSweepRunner(sweeps);
        trainView.setOnSweep(() -> SweepDialog.open(trainView, new SweepViewModel(model), sweeps, folder -> {
            runsVm.reload();
            show(3);
        }));

        // Predict: open an exported model, draw a digit or give it files (Ctrl+6)
        predictVm = new PredictViewModel(model);
        predictView = new PredictView(predictVm);
        navButtons = List.of(navButton("Data", "nav-data", dataView, "Ctrl+1"), navButton("Model", "nav-model", modelView, "Ctrl+2"),
                navButton("Train", "nav-train", trainView, "Ctrl+3"), navButton("Runs", "nav-runs", runsView, "Ctrl+4"),
                navButton("Compare", "nav-compare", compareView, "Ctrl+5"),
                navButton("Predict", "nav-predict", predictView, "Ctrl+6"));
        predictNav = navButtons.get(5);
        Label brand = new Label("TrainBench");
        brand.getStyleClass().add("brand");
        VBox navBox = new VBox(4);
        navBox.getChildren().add(brand);
        navBox.getChildren().addAll(navButtons);
        runsView.setOnOpenModel(file -> {
            showPredict();
            predictVm.openModel(file);
        });
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

    private ToggleButton navButton(String text, String id, Node view, String shortcut) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setToggleGroup(nav);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setTooltip(Tips.of(shortcut));
        b.getStyleClass().add("nav-button");
        b.selectedProperty().addListener((o, a, selected) -> {
            if (selected) {
                content.getChildren().setAll(view);
            }
        });
        return b;
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
        String[] names = {"Data", "Model", "Train", "Runs", "Compare", "Predict"};
        for (int i = 0; i < names.length; i++) {
            int index = i;
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(names[i]);
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
            trainVm.setParent(null, null);
            dataVm.showSpecData();
            dataVm.load();
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
        trainVm.setParent(parentId, parentName);
        dataVm.showSpecData();
        dataVm.load();
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
        ProgressBar runProgress = new ProgressBar();
        runProgress.progressProperty().bind(model.runProgressProperty());
        runProgress.setPrefWidth(140);
        runProgress.visibleProperty().bind(trainVm.runningProperty());
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
            trainVm.start();
        });
        acc.put(new KeyCodeCombination(KeyCode.ESCAPE), trainVm::stop);
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
        trainView.setPresentation(on);
    }

    public boolean isPresentation() {
        return presentation;
    }

    private void applyTheme(Scene scene) {
        scene.getStylesheets().setAll(
                Objects.requireNonNull(MainWindow.class.getResource("app.css")).toExternalForm(),
                Objects.requireNonNull(MainWindow.class.getResource(dark ? DARK : LIGHT)).toExternalForm());
    }

    /** Background start-up: engine detection (loads libtorch) and the default data set. */
    public void startUp() {
        model.tasks().run("Loading the engine", EngineInfo::detect, model::engineLoaded, error -> model.engineSummaryProperty().set("engine unavailable: " + UserMessage.of("Loading the engine", error).whatHappened()));
        dataVm.load();
        runsVm.reload();
    }

    public void shutdown() {
        trainVm.close();
        predictVm.close();
        sweeps.close(); // local sweeps stop with the window (their runs saved as stopped); Slurm ones go on
    }

    public DataViewModel dataViewModel() {
        return dataVm;
    }

    public ModelViewModel modelViewModel() {
        return modelVm;
    }

    public TrainViewModel trainViewModel() {
        return trainVm;
    }

    public RunsViewModel runsViewModel() {
        return runsVm;
    }

    public PredictViewModel predictViewModel() {
        return predictVm;
    }

    public PredictView predictView() {
        return predictView;
    }

    public SweepRunner sweepRunner() {
        return sweeps;
    }

    public CompareViewModel compareViewModel() {
        return compareVm;
    }

    public CompareView compareView() {
        return compareView;
    }

    public RunsView runsView() {
        return runsView;
    }

    public TrainView trainView() {
        return trainView;
    }

    public WorkbenchModel workbench() {
        return model;
    }
}
