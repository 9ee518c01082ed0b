package dev.trainbench.ui.predict;

import dev.trainbench.runs.ModelArchive;
import dev.trainbench.runs.ModelManifest;
import dev.trainbench.runs.TestResult;
import dev.trainbench.ui.runs.TestResultPane;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Predict screen: open an exported model, then draw a digit (image models with one channel)
 * or give it files (pick or drop images, folders, CSV or IDX files) and see its answer with a
 * probability bar per class; labelled inputs also get accuracy and the confusion matrix.
 */
public final class PredictView extends BorderPane {
    private final PredictViewModel vm;
    private final DrawingPad pad = new DrawingPad();
    private final InputPreview drawnPreview = new InputPreview();
    private final InputPreview selectedPreview = new InputPreview();
    private final ProbabilityBars drawnBars;
    private final ProbabilityBars selectedBars;
    private final TableView<PredictViewModel.Row> table = new TableView<>();
    private final StackPane evaluationHolder = new StackPane();
    private TableColumn<PredictViewModel.Row, String> probabilityColumn;
    private TableColumn<PredictViewModel.Row, String> labelColumn;
    private TableColumn<PredictViewModel.Row, String> checkColumn;
    private final TabPane tabs = new TabPane();
    private final Tab drawTab = new Tab("Draw");
    private final Tab inputsTab = new Tab("Inputs");
    private final CheckBox resize = new CheckBox("Resize images to the model's size");
    private Path lastFolder;

    public PredictView(PredictViewModel vm) {
        this.vm = vm;
        setId("predict-view");
        setPadding(new Insets(10));
        drawnBars = new ProbabilityBars(vm.drawnBars());
        drawnBars.setId("drawn-bars");
        selectedBars = new ProbabilityBars(vm.selectedBars());
        selectedBars.setId("selected-bars");

        Button open = new Button("Open model...");
        open.setId("open-model");
        open.getStyleClass().add("accent");
        open.setOnAction(e -> chooseModel());
        open.setMinWidth(Region.USE_PREF_SIZE);
        // Text rather than a spinner: an indeterminate ProgressIndicator shown here left the view's layout
        // stuck (the screen stopped updating) once it appeared during a layout pass.
        Label loading = new Label();
        loading.setId("predict-busy");
        loading.getStyleClass().add("hint");
        loading.textProperty().bind(javafx.beans.binding.Bindings.when(vm.loadingProperty().or(vm.predictingProperty()))
                .then("Working...").otherwise(""));
        Label summary = new Label();
        summary.setId("model-summary");
        summary.textProperty().bind(vm.modelSummaryProperty());
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(summary, Priority.ALWAYS);
        HBox top = new HBox(10, open, loading, summary);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 0, 8, 0));
        top.getStyleClass().add("toolbar-row");
        setTop(top);

        drawTab.setId("draw-tab");
        drawTab.setClosable(false);
        drawTab.setContent(drawPane());
        inputsTab.setId("inputs-tab");
        inputsTab.setClosable(false);
        inputsTab.setContent(inputsPane());
        tabs.getTabs().addAll(drawTab, inputsTab);
        tabs.setId("predict-tabs");
        Label empty = new Label("Open a model exported from a run (Runs, Export model..., or 'trainbench export RUN FILE'),"
                + " or drop its file here. Then draw a digit or give it images, CSV or IDX files.");
        empty.setWrapText(true);
        empty.getStyleClass().add("hint");
        empty.setMaxWidth(560);
        StackPane center = new StackPane(empty);
        setCenter(center);
        vm.modelProperty().addListener((o, a, m) -> {
            setCenter(m == null ? center : tabs);
            drawTab.setDisable(!vm.drawableProperty().get());
            if (!vm.drawableProperty().get()) {
                tabs.getSelectionModel().select(inputsTab);
            } else {
                tabs.getSelectionModel().select(drawTab);
            }
            pad.clear();
            boolean image = m != null && m.input().encoding().image() != null;
            selectedPreview.setVisible(image);
            selectedPreview.setManaged(image);
            resize.setVisible(vm.sizeIsFixed());
            resize.setManaged(vm.sizeIsFixed());
            // a regression model answers values (in the target's units): no probabilities, a target instead of a label
            boolean classifies = m == null || m.output().classifies();
            probabilityColumn.setVisible(classifies);
            labelColumn.setText(classifies ? "label" : "target");
            checkColumn.setText(classifies ? "" : "error");
        });
        vm.drawnInputProperty().addListener((o, a, x) -> showInput(drawnPreview, x));
        vm.selectedInputProperty().addListener((o, a, x) -> showInput(selectedPreview, x));
        vm.evaluationProperty().addListener((o, a, t) -> showEvaluation(t));
        setOnDragOver(this::dragOver);
        setOnDragDropped(this::dropped);
    }

    private Region drawPane() {
        pad.setId("drawing-pad");
        pad.setOnChange(ink -> vm.drawingChanged(ink, DrawingPad.SIZE, DrawingPad.SIZE));
        Button clear = new Button("Clear");
        clear.setId("clear-drawing");
        clear.setMinWidth(Region.USE_PREF_SIZE);
        clear.setOnAction(e -> {
            pad.clear();
            vm.clearDrawing();
        });
        CheckBox invert = new CheckBox("Invert (for models trained on dark ink on a light ground)");
        invert.selectedProperty().bindBidirectional(vm.invertProperty());
        invert.setWrapText(true);
        Label hint = new Label("Draw with the mouse, a pen or a finger. The drawing is framed as MNIST digits are: scaled to"
                + " fit 20x20 pixels and moved so that its centre of mass is at the centre of 28x28.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        VBox padBox = new VBox(8, pad, new HBox(10, clear, invert), hint);
        VBox.setVgrow(pad, Priority.ALWAYS);
        padBox.setMinWidth(220);
        HBox.setHgrow(padBox, Priority.ALWAYS);

        Label seesTitle = new Label("What the model sees");
        seesTitle.getStyleClass().add("section-title");
        drawnPreview.setId("drawn-preview");
        // the 28x28 input at six screen pixels per input pixel. Fixed sizes: a size bound to the pad's
        // width would change during the layout pass. Where the column is short (a projector's 1024x768
        // in presentation mode, or a desktop font with taller lines) it shrinks to three pixels per
        // input pixel, so that all the bars stay visible: it is the only part of the column that can.
        drawnPreview.setMinSize(168, 84);
        drawnPreview.setPrefSize(168, 168);
        drawnPreview.setMaxSize(168, 168);
        Label answerTitle = new Label("The model says");
        answerTitle.getStyleClass().add("section-title");
        Label cls = new Label();
        cls.setId("drawn-class");
        cls.getStyleClass().add("predicted-class");
        cls.textProperty().bind(vm.drawnClassProperty());
        Label detail = new Label();
        detail.setId("drawn-detail");
        detail.getStyleClass().add("hint");
        detail.textProperty().bind(vm.drawnDetailProperty());
        detail.setWrapText(true);
        // The input beside the answer, the bars below both: stacked, the column did not fit a projector's
        // 1024x768 in presentation mode (the last bars and the pad's controls were cut off).
        // Titles wrap rather than end in "...": in presentation mode's large font they are wider than the input.
        seesTitle.setWrapText(true);
        answerTitle.setWrapText(true);
        // wrapped, never shortened to one line ending in "..." when the height is short
        seesTitle.setMinHeight(Region.USE_PREF_SIZE);
        answerTitle.setMinHeight(Region.USE_PREF_SIZE);
        seesTitle.setId("sees-title");
        answerTitle.setId("says-title");
        VBox sees = new VBox(6, seesTitle, drawnPreview);
        sees.setMinWidth(168);
        sees.setMaxWidth(168);
        VBox says = new VBox(4, answerTitle, cls, detail);
        says.setMinWidth(0);
        HBox.setHgrow(says, Priority.ALWAYS);
        VBox answer = new VBox(8, new HBox(16, sees, says), drawnBars);
        answer.setMinWidth(360);
        answer.setPrefWidth(400);
        answer.setMaxWidth(480);

        HBox box = new HBox(18, padBox, answer);
        box.setPadding(new Insets(10));
        box.setId("draw-panel");
        return box;
    }

    private Region inputsPane() {
        Button pick = new Button("Open inputs...");
        pick.setMinWidth(Region.USE_PREF_SIZE);
        pick.setId("open-inputs");
        pick.setTooltip(dev.trainbench.ui.Tips.of("Image files (PNG, JPEG), CSV files or IDX files; folders can be dropped here"));
        pick.setOnAction(e -> chooseInputs());
        Button folder = new Button("Open folder...");
        folder.setTooltip(dev.trainbench.ui.Tips.of("A folder of images, or of one sub-folder of images per class (then labelled)"));
        folder.setOnAction(e -> chooseFolder());
        CheckBox invert = new CheckBox("Invert images");
        invert.setTooltip(dev.trainbench.ui.Tips.of("Dark ink on light paper becomes light on dark, as MNIST digits are"));
        invert.selectedProperty().bindBidirectional(vm.invertProperty());
        resize.selectedProperty().bindBidirectional(vm.resizeProperty());
        resize.setTooltip(dev.trainbench.ui.Tips.of("The model's training images were not resized; other sizes are refused unless this"
                + " is on"));
        Label drop = new Label("or drop files and folders here");
        drop.getStyleClass().add("hint");
        HBox controls = new HBox(10, pick, folder, invert, resize, drop);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label result = new Label();
        result.setId("result-summary");
        result.textProperty().bind(vm.resultSummaryProperty());
        result.setWrapText(true);
        result.getStyleClass().add("section-title");

        table.setId("prediction-table");
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("Predictions appear here: one row per image, CSV row or IDX sample."));
        table.getColumns().add(column("input", PredictViewModel.Row::input, 220));
        table.getColumns().add(column("predicted", PredictViewModel.Row::predicted, 110));
        probabilityColumn = column("probability", r -> Double.isNaN(r.probability()) ? ""
                : String.format(Locale.ROOT, "%.1f%%", 100 * r.probability()), 100);
        table.getColumns().add(probabilityColumn);
        labelColumn = column("label", r -> r.label() == null ? "" : r.label(), 90);
        table.getColumns().add(labelColumn);
        // classification: right or WRONG; regression: the signed error (predicted minus target)
        checkColumn = column("", r -> r.right() != null ? (r.right() ? "right" : "WRONG")
                : r.error() != null ? String.format(Locale.ROOT, "%+.4g", r.error()) : "", 80);
        table.getColumns().add(checkColumn);
        table.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i != null && i.intValue() >= 0) {
                vm.select(i.intValue());
            }
        });
        table.setMinWidth(260);

        Label cls = new Label();
        cls.setId("selected-class");
        cls.getStyleClass().add("predicted-class");
        cls.textProperty().bind(vm.selectedClassProperty());
        Label detail = new Label();
        detail.getStyleClass().add("hint");
        detail.setWrapText(true);
        detail.textProperty().bind(vm.selectedDetailProperty());
        selectedPreview.setId("selected-preview");
        selectedPreview.setPrefSize(140, 140);
        selectedPreview.setMaxSize(140, 140);
        VBox answer = new VBox(6, cls, detail, selectedBars);
        HBox.setHgrow(answer, Priority.ALWAYS);
        HBox one = new HBox(12, selectedPreview, answer);
        evaluationHolder.setId("evaluation");
        VBox.setVgrow(evaluationHolder, Priority.ALWAYS);
        // no scroll pane around this side: the confusion matrix scrolls inside its own pane
        VBox right = new VBox(10, one, evaluationHolder);
        right.setPadding(new Insets(0, 0, 0, 8));
        right.setMinWidth(0);
        dev.trainbench.ui.KeptSplitPane split = new dev.trainbench.ui.KeptSplitPane(table, right);
        split.keepDividers(0.42);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = new VBox(8, controls, result, split);
        box.setPadding(new Insets(10));
        return box;
    }

    private static TableColumn<PredictViewModel.Row, String> column(String name, Function<PredictViewModel.Row, String> value,
                                                                   double width) {
        TableColumn<PredictViewModel.Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private void showInput(InputPreview preview, float[] values) {
        ModelManifest m = vm.modelProperty().get();
        if (values == null || m == null || m.input().encoding().image() == null) {
            preview.show(null, 0, 0, 0);
            return;
        }
        var image = m.input().encoding().image();
        preview.show(values, image.channels(), image.height(), image.width());
    }

    private void showEvaluation(TestResult t) {
        if (t == null) {
            evaluationHolder.getChildren().clear();
            return;
        }
        String heading = t.accuracy() != null
                ? String.format(Locale.ROOT, "Accuracy %.2f%%, loss %.4g", 100 * t.accuracy(), t.loss())
                : t.rmse() != null
                ? PredictViewModel.regression(t) + String.format(Locale.ROOT, " (target's units); %s %.4g",
                        vm.modelProperty().get() == null ? "loss" : dev.trainbench.train.LossName.of(vm.modelProperty().get().spec())
                                + ":", t.loss())
                : String.format(Locale.ROOT, "Loss %.4g", t.loss());
        TestResultPane pane = new TestResultPane(t, heading, "labelled samples");
        evaluationHolder.getChildren().setAll(pane);
    }

    private void chooseModel() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a model exported from a run");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("TrainBench models", "*.zip"),
                new FileChooser.ExtensionFilter("All files", "*"));
        initialFolder(fc);
        File f = fc.showOpenDialog(window());
        if (f != null) {
            lastFolder = f.toPath().getParent();
            vm.openModel(f.toPath());
        }
    }

    private void chooseInputs() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Inputs for the model");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images, CSV and IDX files", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp",
                        "*.csv", "*.tsv", "*.txt", "*.idx", "*.gz", "*-ubyte"),
                new FileChooser.ExtensionFilter("All files", "*"));
        initialFolder(fc);
        List<File> files = fc.showOpenMultipleDialog(window());
        if (files != null && !files.isEmpty()) {
            lastFolder = files.get(0).toPath().getParent();
            vm.predictFiles(files.stream().map(File::toPath).toList());
        }
    }

    private void chooseFolder() {
        javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
        dc.setTitle("A folder of images (or of one sub-folder per class)");
        if (lastFolder != null && Files.isDirectory(lastFolder)) {
            dc.setInitialDirectory(lastFolder.toFile());
        }
        File f = dc.showDialog(window());
        if (f != null) {
            lastFolder = f.toPath();
            vm.predictFiles(List.of(f.toPath()));
        }
    }

    private void initialFolder(FileChooser fc) {
        if (lastFolder != null && Files.isDirectory(lastFolder)) {
            fc.setInitialDirectory(lastFolder.toFile());
        }
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    /** A dropped model file opens the model; anything else is predicted. */
    private void dropped(DragEvent e) {
        List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
        e.setDropCompleted(!files.isEmpty());
        e.consume();
        drop(files.stream().map(File::toPath).toList());
    }

    /** What dropping these files does (also for tests): a model file opens, other files are predicted. */
    public void drop(List<Path> files) {
        if (files.size() == 1 && isModelFile(files.get(0))) {
            vm.openModel(files.get(0));
        } else if (!files.isEmpty()) {
            tabs.getSelectionModel().select(inputsTab);
            vm.predictFiles(files);
        }
    }

    /** A zip whose first entry is model.json, as export writes it. */
    static boolean isModelFile(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(30 + ModelArchive.MANIFEST.length());
            return head.length >= 30 && head[0] == 'P' && head[1] == 'K'
                    && new String(head, 30, head.length - 30, java.nio.charset.StandardCharsets.UTF_8).equals(ModelArchive.MANIFEST);
        } catch (IOException e) {
            return false;
        }
    }

    public DrawingPad pad() {
        return pad;
    }

    public ProbabilityBars drawnBars() {
        return drawnBars;
    }

    public InputPreview drawnPreview() {
        return drawnPreview;
    }

    public TabPane tabs() {
        return tabs;
    }

    public PredictViewModel viewModel() {
        return vm;
    }
}
