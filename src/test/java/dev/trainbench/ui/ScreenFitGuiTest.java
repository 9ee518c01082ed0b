package dev.trainbench.ui;

import static dev.trainbench.ui.FxThread.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.data.DataViewModel;
import dev.trainbench.ui.task.FxTaskRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workbench fits every screen: every view (found through the navigation, so a new view is
 * covered) and every window and dialog the app opens (the final test, a run's charts, the LR
 * range test, error dialogs), with data loaded and finished runs so every panel has content, at
 * 1280x800, 1440x900 and 1920x1080, in the light and dark theme and in presentation mode. The
 * scene graphs are walked whole ({@link FitCheck}): no visible label may be cut off unless a
 * tooltip holds its full text, no window may reach past the screen, no tooltip may be wider than
 * the screen, and no error dialog may name a spec field instead of a GUI label.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ScreenFitGuiTest {
    private static final int[][] SIZES = {{1280, 800}, {1440, 900}, {1920, 1080}};
    private static final Pattern SPEC_FIELD = Pattern.compile("\\b(data|model|training)\\.[a-z][A-Za-z]+");

    enum Mode { LIGHT, DARK, PRESENTATION }

    @TempDir
    static Path workspace;

    private Stage stage;
    private MainWindow window;
    private TrainerService trainer;
    private final FxTaskRunner tasks = new FxTaskRunner();
    /** Errors the app reported while it was being set up on purpose (a wrong target column, a CNN on a table). */
    private final List<Object[]> reported = new ArrayList<>();
    private RunRecord spiralRun;
    private RunRecord tableRun;

    @BeforeAll
    void openTheWorkbench() {
        FxThread.start();
        FxThread.run(() -> {
            RunStore store = new RunStore(workspace);
            trainer = new TrainerService(store);
            WorkbenchModel model = new WorkbenchModel(store, trainer, Path.of("").toAbsolutePath(), tasks,
                    (action, error) -> reported.add(new Object[] {action, error}));
            window = new MainWindow(model);
            stage = new Stage();
            stage.setScene(window.createScene(1280, 800));
            stage.show();
        });
    }

    @AfterAll
    void close() {
        FxThread.run(() -> {
            // only this test's windows: TestFX's primary stage serves the GUI tests that follow
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage s && s != stage && ownedBy(s, stage)) {
                    s.close();
                }
            }
            stage.close();
            window.shutdown();
        });
        trainer.close();
        tasks.close();
        FxThread.run(() -> HeadlessScreenSize.set(1600, 1000));
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void everyViewAndWindowFitsEveryScreenInEveryMode() throws Exception {
        Set<String> problems = new LinkedHashSet<>();
        trainTwoDimensionalRun(problems);
        checkEverything("spiral (2-D) run", problems);
        trainTableRun();
        checkEverything("wine-like table run", problems);
        assertTrue(problems.isEmpty(), problems.size() + " things do not fit:\n" + String.join("\n", problems));
    }

    /**
     * The dark theme reads: drop-down lists (a choice box's menu, a combo box's list) are dark, not
     * Modena's white; the filter's placeholder and a selected row's text stand out from their
     * backgrounds (WCAG contrast at least 3:1 and 4.5:1).
     */
    @Test
    @org.junit.jupiter.api.Order(2)
    void darkThemeDropDownsPlaceholderAndSelectedRowsHaveContrast() {
        FxThread.run(() -> {
            HeadlessScreenSize.set(1440, 900);
            stage.setWidth(1440);
            stage.setHeight(900);
            if (!window.isDark()) {
                window.toggleTheme();
            }
            window.show(3);
        });
        waitUntil("a run in the table", 30, () -> FxThread.call(() -> !window.runsView().table().getItems().isEmpty()));
        FxThread.run(() -> {
            var table = window.runsView().table();
            table.getSelectionModel().select(0);
            table.requestFocus();
        });
        settle();
        List<String> problems = FxThread.call(() -> {
            List<String> out = new ArrayList<>();
            var filter = (javafx.scene.control.TextField) stage.getScene().lookup("#runs-filter");
            javafx.scene.paint.Color field = lastFill(filter);
            for (javafx.scene.Node n : filter.lookupAll(".text")) {
                if (n instanceof javafx.scene.text.Text t && filter.getPromptText().equals(t.getText()) && t.isVisible()) {
                    double c = contrast((javafx.scene.paint.Color) t.getFill(), field);
                    if (c < 3) {
                        out.add(String.format(Locale.ROOT, "filter placeholder contrast %.1f:1", c));
                    }
                }
            }
            var table = window.runsView().table();
            for (javafx.scene.Node n : table.lookupAll(".table-row-cell")) {
                if (n instanceof javafx.scene.control.TableRow<?> row && row.isSelected() && row.getItem() != null) {
                    javafx.scene.paint.Color bg = lastFill(row);
                    for (javafx.scene.Node c : row.lookupAll(".table-cell")) {
                        if (c instanceof javafx.scene.control.Labeled cell && cell.getText() != null && !cell.getText().isEmpty()) {
                            double ratio = contrast((javafx.scene.paint.Color) cell.getTextFill(), bg);
                            if (ratio < 4.5) {
                                out.add(String.format(Locale.ROOT, "selected row text \"%s\" contrast %.1f:1", cell.getText(), ratio));
                            }
                            break;
                        }
                    }
                }
            }
            return out;
        });
        // drop-downs: a choice box's menu and a combo box's list
        FxThread.run(() -> window.show(0));
        settle();
        FxThread.run(() -> ((javafx.scene.control.ChoiceBox<?>) stage.getScene().lookup("#data-source")).show());
        settle();
        problems.addAll(FxThread.call(() -> darkPopups("the data source's drop-down")));
        FxThread.run(() -> ((javafx.scene.control.ChoiceBox<?>) stage.getScene().lookup("#data-source")).hide());
        FxThread.run(() -> {
            window.dataViewModel().choiceProperty().set(DataViewModel.Choice.TOY);
            ((javafx.scene.control.ComboBox<?>) stage.getScene().lookup("#toy-name")).show();
        });
        settle();
        problems.addAll(FxThread.call(() -> darkPopups("the generated set's drop-down")));
        FxThread.run(() -> {
            ((javafx.scene.control.ComboBox<?>) stage.getScene().lookup("#toy-name")).hide();
            window.toggleTheme();
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Every showing popup's background regions are dark (luminance below 0.2). */
    private static List<String> darkPopups(String what) {
        List<String> out = new ArrayList<>();
        int popups = 0;
        for (Window w : Window.getWindows()) {
            if (w instanceof javafx.stage.PopupWindow p && p.isShowing() && !(p instanceof Tooltip) && p.getScene() != null) {
                popups++;
                for (javafx.scene.Node n : p.getScene().getRoot().lookupAll(".context-menu, .list-view, .list-cell")) {
                    if (n instanceof javafx.scene.layout.Region r && r.getBackground() != null && !r.getBackground().getFills().isEmpty()
                            && r.isVisible() && r.getWidth() > 0) {
                        javafx.scene.paint.Color c = lastFill(r);
                        if (c != null && c.getOpacity() > 0.5 && luminance(c) > 0.2) {
                            out.add(what + ": " + r.getStyleClass() + " background " + c + " is light in the dark theme");
                            break;
                        }
                    }
                }
            }
        }
        if (popups == 0) {
            out.add(what + " did not open");
        }
        return out;
    }

    private static javafx.scene.paint.Color lastFill(javafx.scene.layout.Region r) {
        var fills = r.getBackground() == null ? List.<javafx.scene.layout.BackgroundFill>of() : r.getBackground().getFills();
        for (int i = fills.size() - 1; i >= 0; i--) {
            if (fills.get(i).getFill() instanceof javafx.scene.paint.Color c && c.getOpacity() > 0) {
                return c;
            }
        }
        return null;
    }

    static double luminance(javafx.scene.paint.Color c) {
        return 0.2126 * lin(c.getRed()) + 0.7152 * lin(c.getGreen()) + 0.0722 * lin(c.getBlue());
    }

    private static double lin(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    static double contrast(javafx.scene.paint.Color a, javafx.scene.paint.Color b) {
        if (a == null || b == null) {
            return 21;
        }
        double la = luminance(a) + 0.05;
        double lb = luminance(b) + 0.05;
        return Math.max(la, lb) / Math.min(la, lb);
    }

    /** A finished run on a 2-D set (decision boundary), its sanity checks, final test and an LR range test. */
    private void trainTwoDimensionalRun(Set<String> problems) {
        WorkbenchModel model = window.workbench();
        FxThread.run(() -> {
            window.dataViewModel().choiceProperty().set(DataViewModel.Choice.TOY);
            window.dataViewModel().toyNameProperty().set("spiral");
            window.dataViewModel().toySamplesProperty().set(300);
            window.dataViewModel().load();
        });
        waitUntil("the spiral", 60, () -> model.dataset() != null && model.dataset().sampleSize() == 2);
        checkTrainViewBeforeAnyRun(problems);
        FxThread.run(() -> {
            window.modelViewModel().applyPreset("tiny-mlp");
            window.trainViewModel().epochsProperty().set(2);
            window.trainViewModel().runNameProperty().set("spiral tiny-mlp with a name long enough to be cut off somewhere");
            window.show(2);
            window.trainViewModel().start();
        });
        waitUntil("the spiral run", 120, () -> !window.trainViewModel().runningProperty().get()
                && window.trainViewModel().epochsShownProperty().get() == 2);
        FxThread.run(() -> window.trainViewModel().check());
        waitUntil("the checks", 120, () -> !window.trainViewModel().checkingProperty().get());
        FxThread.run(() -> window.trainViewModel().lrRangeTest());
        waitUntil("the LR range test", 120, () -> !window.trainViewModel().findingLrProperty().get()
                && window.trainView().lrWindow() != null);
        String id = FxThread.call(() -> window.trainViewModel().currentProperty().get().runId());
        FxThread.run(() -> window.runsViewModel().reload());
        waitUntil("the runs table", 30, () -> FxThread.call(() -> window.runsViewModel().runs().size() == 1));
        FxThread.run(() -> {
            window.show(3);
            var table = window.runsView().table();
            table.getSelectionModel().select(0);
            window.runsViewModel().finalTest(id, r -> { });
        });
        waitUntil("the final test", 120, () -> !window.runsViewModel().testingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        // the Runs selection survives the final test (the tested run's row is replaced by its new record)
        assertEquals(List.of(id), FxThread.call(() -> window.runsView().selectedRuns().stream().map(dev.trainbench.runs.RunSummary::id).toList()),
                "the tested run stays selected");
        spiralRun = FxThread.call(() -> model.store().load(id));
    }

    /** A finished run on a 13-feature CSV with wine's long column names, and two errors the user can make with it. */
    private void trainTableRun() throws IOException {
        Path csv = wineLikeCsv(workspace.resolve("wine-like.csv"));
        WorkbenchModel model = window.workbench();
        // a wrong target column first: the error names the columns there are
        FxThread.run(() -> {
            window.dataViewModel().choiceProperty().set(DataViewModel.Choice.CSV);
            window.dataViewModel().pathProperty().set(csv.toString());
        });
        waitUntil("the CSV preview", 30, () -> FxThread.call(() -> window.dataViewModel().columns().size() == 14));
        FxThread.run(() -> {
            window.dataViewModel().targetColumnProperty().set("class");
            window.dataViewModel().load();
        });
        waitUntil("the CSV", 60, () -> FxThread.call(() -> model.dataset() != null && model.dataset().sampleSize() == 13
                && !window.dataViewModel().loadingProperty().get()));
        // a CNN on a table: refused with a message
        int before = reported.size();
        FxThread.run(() -> {
            window.modelViewModel().applyPreset("lenet-cnn");
            window.show(2);
            window.trainViewModel().start();
        });
        waitUntil("the refusal", 60, () -> FxThread.call(() -> reported.size() > before || window.trainViewModel().settingsErrorProperty().get() != null
                || !window.trainViewModel().runningProperty().get()));
        FxThread.run(() -> {
            window.modelViewModel().applyPreset("tiny-mlp");
            window.trainViewModel().epochsProperty().set(2);
            window.trainViewModel().batchSizeProperty().set(32);
            window.trainViewModel().runNameProperty().set("wine-like tiny-mlp");
        });
        waitUntil("idle", 60, () -> FxThread.call(() -> !window.trainViewModel().busyProperty().get()));
        // the status bar's epoch count never runs past the run's epochs ("epoch 3" of a 2-epoch run)
        List<String> statusLines = java.util.Collections.synchronizedList(new ArrayList<>());
        javafx.beans.value.ChangeListener<String> statusListener = (obs, was, now) -> statusLines.add(now);
        FxThread.run(() -> model.runStatusProperty().addListener(statusListener));
        FxThread.run(() -> window.trainViewModel().start());
        waitUntil("the table run", 120, () -> FxThread.call(() -> !window.trainViewModel().runningProperty().get()
                && window.trainViewModel().epochsShownProperty().get() == 2));
        FxThread.run(() -> model.runStatusProperty().removeListener(statusListener));
        List<String> epochLines = statusLines.stream().filter(l -> l != null && l.contains(" epoch ")).toList();
        assertTrue(!epochLines.isEmpty(), "the status bar showed the run's progress: " + statusLines);
        for (String line : epochLines) {
            var m = Pattern.compile("epoch (\\d+) of (\\d+)").matcher(line);
            assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 1 && Integer.parseInt(m.group(1)) <= 2 && m.group(2).equals("2"),
                    "status bar: " + line);
        }
        // the live per-epoch points sit at each epoch's own last step (124 training rows in batches of 32:
        // steps 0-3 and 4-7), not stacked where the steps delivered by a frame happened to end
        List<Double> epochSteps = FxThread.call(() -> {
            List<Double> xs = new ArrayList<>();
            for (var s : window.trainView().lossChart().series()) {
                if (s.name().equals("train (epoch)") || s.name().equals("validation")) {
                    for (int i = 0; i < s.buffer().size(); i++) {
                        xs.add(s.buffer().x(i));
                    }
                }
            }
            return xs;
        });
        assertEquals(List.of(3.0, 7.0, 3.0, 7.0), epochSteps, "per-epoch loss points (train, then validation) at steps 3 and 7");
        String id = FxThread.call(() -> window.trainViewModel().currentProperty().get().runId());
        tableRun = FxThread.call(() -> model.store().load(id));
        FxThread.run(() -> window.runsViewModel().reload());
        waitUntil("the runs table", 30, () -> FxThread.call(() -> window.runsViewModel().runs().size() == 2));
        // the Compare screen with a comparison on it
        FxThread.run(() -> window.runsViewModel().compare(List.copyOf(window.runsViewModel().runs())));
        waitUntil("the comparison", 60, () -> FxThread.call(() -> window.compareViewModel().comparisonProperty().get() != null
                && !window.compareViewModel().loadingProperty().get()));
        // a wrong target column by name, reported as the GUI reports it
        FxThread.run(() -> {
            window.dataViewModel().targetColumnProperty().set("cultivar");
            window.dataViewModel().load();
        });
        waitUntil("the refused load", 60, () -> FxThread.call(() -> !window.dataViewModel().loadingProperty().get()));
        FxThread.run(() -> {
            window.dataViewModel().targetColumnProperty().set("class");
            window.dataViewModel().load();
        });
        waitUntil("the CSV again", 60, () -> FxThread.call(() -> !window.dataViewModel().loadingProperty().get() && model.dataset() != null));
        assertTrue(reported.size() >= 1, "the mistakes were reported");
    }

    private void checkEverything(String phase, Set<String> problems) {
        for (int[] size : SIZES) {
            FxThread.run(() -> {
                HeadlessScreenSize.set(size[0], size[1]);
                Rectangle2D b = FitCheck.screen();
                stage.setX(b.getMinX());
                stage.setY(b.getMinY());
                stage.setWidth(b.getWidth());
                stage.setHeight(b.getHeight());
            });
            for (Mode mode : Mode.values()) {
                String where = phase + ", " + size[0] + "x" + size[1] + ", " + mode.name().toLowerCase(Locale.ROOT);
                FxThread.run(() -> {
                    if (window.isDark() != (mode == Mode.DARK)) {
                        window.toggleTheme();
                    }
                    window.setPresentation(mode == Mode.PRESENTATION);
                });
                Map<Tooltip, Boolean> seenTips = FitCheck.newSeen();
                int views = FxThread.call(() -> window.viewCount());
                for (int v = 0; v < views; v++) {
                    int view = v;
                    FxThread.run(() -> window.show(view));
                    settle();
                    String name = FxThread.call(() -> window.viewName(view));
                    snapshot(stage.getScene(), phase, size, mode, name);
                    FxThread.run(() -> {
                        for (String p : FitCheck.truncatedLabels(stage)) {
                            problems.add(where + ", " + name + " view: cut off " + p);
                        }
                        for (String p : FitCheck.oversizedTooltips(stage, FitCheck.screen(), seenTips)) {
                            problems.add(where + ", " + name + " view: " + p);
                        }
                        for (String p : otherProblems(stage)) {
                            problems.add(where + ", " + name + " view: " + p);
                        }
                        if (phase.startsWith("wine") && name.equals("Data")) {
                            for (String p : scatterMatrixProblems(stage)) {
                                problems.add(where + ", Data view: " + p);
                            }
                        }
                    });
                }
                List<Stage> opened = openWindows();
                settle();
                for (int i = 0; i < opened.size(); i++) {
                    Stage s = opened.get(i);
                    snapshot(s.getScene(), phase, size, mode, "window" + i);
                }
                FxThread.run(() -> {
                    Rectangle2D screen = FitCheck.screen();
                    for (Window w : FitCheck.showingWindows()) {
                        String off = FitCheck.offScreen(w, screen);
                        if (off != null) {
                            problems.add(where + ": " + off);
                        }
                        if (w == stage) {
                            continue;
                        }
                        for (String p : FitCheck.truncatedLabels(w)) {
                            problems.add(where + ", " + FitCheck.describe(w) + ": cut off " + p);
                        }
                        for (String p : FitCheck.oversizedTooltips(w, screen, seenTips)) {
                            problems.add(where + ", " + FitCheck.describe(w) + ": " + p);
                        }
                        for (String p : otherProblems(w)) {
                            problems.add(where + ", " + FitCheck.describe(w) + ": " + p);
                        }
                    }
                    for (Stage s : opened) {
                        s.close();
                    }
                });
            }
        }
        FxThread.run(() -> {
            window.setPresentation(false);
            if (window.isDark()) {
                window.toggleTheme();
            }
        });
        FxThread.run(() -> {
            for (Object[] e : reported) {
                String text = UserMessage.of((String) e[0], (Throwable) e[1]).text();
                var m = SPEC_FIELD.matcher(text);
                if (m.find()) {
                    problems.add(phase + ": error dialog names the spec field " + m.group() + " instead of a GUI label: "
                            + FitCheck.abbreviate(text));
                }
            }
        });
    }

    /** Charts that do not read, spinners too narrow for their value, pictures cut off. */
    private static List<String> otherProblems(Window w) {
        List<String> out = new ArrayList<>(FitCheck.chartProblems(w));
        out.addAll(FitCheck.narrowSpinners(w));
        out.addAll(FitCheck.clippedCanvases(w));
        return out;
    }

    /**
     * The Train view before the first run, at every size and in every mode: its empty charts' notes
     * ("Measured every few steps" under the update/weight ratio) stay inside their plots.
     */
    private void checkTrainViewBeforeAnyRun(Set<String> problems) {
        for (int[] size : SIZES) {
            for (Mode mode : Mode.values()) {
                FxThread.run(() -> {
                    HeadlessScreenSize.set(size[0], size[1]);
                    Rectangle2D b = FitCheck.screen();
                    stage.setX(b.getMinX());
                    stage.setY(b.getMinY());
                    stage.setWidth(b.getWidth());
                    stage.setHeight(b.getHeight());
                    if (window.isDark() != (mode == Mode.DARK)) {
                        window.toggleTheme();
                    }
                    window.setPresentation(mode == Mode.PRESENTATION);
                    window.show(2);
                });
                settle();
                String where = "before any run, " + size[0] + "x" + size[1] + ", " + mode.name().toLowerCase(Locale.ROOT) + ", Train view: ";
                FxThread.run(() -> {
                    int notes = 0;
                    for (javafx.scene.Node n : stage.getScene().getRoot().lookupAll(".chart-empty-label")) {
                        if (FitCheck.visibleAll(n) && ((javafx.scene.control.Labeled) n).getText().equals("Measured every few steps")) {
                            notes++;
                        }
                    }
                    if (notes != 1) {
                        problems.add(where + "the update/weight ratio chart does not say it is measured every few steps (" + notes + " notes)");
                    }
                    for (String p : FitCheck.truncatedLabels(stage)) {
                        problems.add(where + "cut off " + p);
                    }
                    for (String p : otherProblems(stage)) {
                        problems.add(where + p);
                    }
                });
            }
        }
        FxThread.run(() -> {
            window.setPresentation(false);
            if (window.isDark()) {
                window.toggleTheme();
            }
        });
    }

    /**
     * A table's Data view shows a scatter matrix of its first features, drawn (points in the class
     * colours), whole and on screen without scrolling.
     */
    private static List<String> scatterMatrixProblems(Stage stage) {
        List<String> out = new ArrayList<>();
        javafx.scene.Node n = stage.getScene().lookup("#scatter-matrix");
        if (!(n instanceof javafx.scene.canvas.Canvas c) || !FitCheck.visibleAll(c)) {
            out.add("no scatter matrix shown for a table of 13 features");
            return out;
        }
        javafx.geometry.Bounds b = c.localToScene(c.getBoundsInLocal());
        // the Data view's scrolling column, or the window
        javafx.scene.Node column = stage.getScene().lookup("#data-column");
        javafx.geometry.Bounds view = column != null ? column.localToScene(column.getLayoutBounds())
                : new javafx.geometry.BoundingBox(0, 0, stage.getScene().getWidth(), stage.getScene().getHeight());
        if (c.getWidth() < 200 || !FitCheck.inside(b, view)) {
            out.add("the scatter matrix " + FitCheck.box(b) + " is not whole in the data column " + FitCheck.box(view));
        }
        javafx.scene.image.WritableImage img = c.snapshot(null, null);
        int coloured = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                javafx.scene.paint.Color p = img.getPixelReader().getColor(x, y);
                for (int k = 0; k < 3; k++) {
                    javafx.scene.paint.Color want = Palette.color(k);
                    if (Math.abs(p.getRed() - want.getRed()) + Math.abs(p.getGreen() - want.getGreen()) + Math.abs(p.getBlue() - want.getBlue()) < 0.12) {
                        coloured++;
                        break;
                    }
                }
            }
        }
        // 12 scatter cells of 178 points (3.2-pixel dots) in the three class colours
        if (coloured < 1000) {
            out.add("the scatter matrix has " + coloured + " pixels in the class colours: nearly empty");
        }
        return out;
    }

    private static boolean ownedBy(Stage s, Stage owner) {
        for (Window w = s.getOwner(); w != null; w = w instanceof Stage st ? st.getOwner() : null) {
            if (w == owner) {
                return true;
            }
        }
        return false;
    }

    /** Opens the windows the app opens on request, as it opens them now (their size follows the screen and mode). */
    private List<Stage> openWindows() {
        MetricsTable[] tables = {window.workbench().store().readSteps(spiralRun.id()), window.workbench().store().readEpochs(spiralRun.id())};
        return FxThread.call(() -> {
            List<Stage> out = new ArrayList<>();
            window.show(3);
            out.add(window.runsView().showTestResult(spiralRun));
            out.add(window.runsView().chartsWindow(tableRun != null ? tableRun : spiralRun, tableRun != null
                    ? new MetricsTable[] {window.workbench().store().readSteps(tableRun.id()), window.workbench().store().readEpochs(tableRun.id())}
                    : tables));
            window.show(2);
            out.add(window.trainView().reopenLrWindow());
            out.add(window.openLessons());
            FxErrorReporter dialogs = new FxErrorReporter(() -> stage);
            for (Object[] e : reported) {
                dialogs.report((String) e[0], (Throwable) e[1]);
            }
            for (Window w : FitCheck.showingWindows()) {
                if (w instanceof Stage s && s != stage && !out.contains(s)) {
                    out.add(s);
                }
            }
            return out;
        });
    }

    /** With -Dtrainbench.fit.shots=DIR (or TRAINBENCH_FIT_SHOTS=DIR in the environment), a PNG of each view as checked (to look at; not needed for the test). */
    private static void snapshot(javafx.scene.Scene scene, String phase, int[] size, Mode mode, String view) {
        String dir = System.getProperty("trainbench.fit.shots", System.getenv("TRAINBENCH_FIT_SHOTS"));
        if (dir == null) {
            return;
        }
        FxThread.run(() -> {
            try {
                Path out = Path.of(dir, (phase.startsWith("spiral") ? "2d" : "table") + "-" + size[0] + "x" + size[1] + "-"
                        + mode.name().toLowerCase(Locale.ROOT) + "-" + view.toLowerCase(Locale.ROOT) + ".png");
                Files.createDirectories(out.getParent());
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", out.toFile());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static void settle() {
        WaitForAsyncUtils.waitForFxEvents(3);
    }

    /** 178 rows like UCI wine: 13 measurements with wine's long names, then the class (1-3). */
    static Path wineLikeCsv(Path file) throws IOException {
        String[] names = {"alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
            "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline"};
        double[] scale = {13, 2.3, 2.4, 19.5, 100, 2.3, 2.0, 0.36, 1.6, 5.0, 0.96, 2.6, 750};
        Random random = new Random(7);
        StringBuilder sb = new StringBuilder(String.join(",", names)).append(",class\n");
        for (int i = 0; i < 178; i++) {
            int c = i % 3;
            for (int f = 0; f < names.length; f++) {
                double v = scale[f] * (1 + 0.15 * (c - 1) * ((f % 2) * 2 - 1) + 0.08 * random.nextGaussian());
                sb.append(String.format(Locale.ROOT, "%.3f", v)).append(',');
            }
            sb.append(c + 1).append('\n');
        }
        Files.writeString(file, sb.toString());
        return file;
    }
}
