package dev.trainbench.ui.data;

import dev.trainbench.data.CsvLoader;
import dev.trainbench.data.DataProfile;
import dev.trainbench.data.SplitSummary;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.data.Dataset;
import dev.trainbench.data.ToyDatasets;
import dev.trainbench.spec.Preprocessing;
import dev.trainbench.ui.EnumNames;
import dev.trainbench.ui.Forms;
import java.io.File;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/** The Data screen: choose and load data, see it (images or scatter), its statistics and warnings; split and preprocess. */
public final class DataView extends dev.trainbench.ui.KeptSplitPane {
    private final DataViewModel vm;
    private final StackPane preview = new StackPane();
    private final VBox warningsBox = new VBox(6);
    private final StackPane augmentationPreview = new StackPane();
    /** Tables of more than two features: a scatter matrix of the first ones and the class counts. */
    private final VBox tabularPreview = new VBox(6);
    private Canvas augmentationCanvas;
    private int augmentationPreviews;
    private final java.util.List<Object> keep = new java.util.ArrayList<>();
    private final TableView<java.util.List<String>> csvTable = new TableView<>();
    private final TableView<SplitRow> splitTable = new TableView<>();
    private final ScrollPane formPane;

    public DataView(DataViewModel vm) {
        this.vm = vm;
        getStyleClass().add("data-view");
        setId("data-view");
        formPane = form();
        getItems().addAll(formPane, right());
        // the form 30 % of the width or what its labels and controls need; the data the rest
        keepDividers(0.3);
        vm.workbench().datasetProperty().addListener((o, a, d) -> showPreview(d));
        vm.choiceProperty().addListener((o, a, c) -> showPreview(vm.workbench().dataset()));
        vm.csvPreviewProperty().addListener((o, a, p) -> showCsvPreview(p));
        vm.splitSummaryProperty().addListener((o, a, p) -> showSplitCounts(p));
        showPreview(vm.workbench().dataset());
        vm.warnings().addListener((javafx.collections.ListChangeListener<DataProfile.Warning>) c -> showWarnings());
        vm.workbench().specProperty().addListener((o, a, s) -> {
            if (a == null || !java.util.Objects.equals(a.augmentation(), s.augmentation())
                    || a.preprocessing() != s.preprocessing() || !a.seed().equals(s.seed())) {
                showAugmentation();
            }
        });
        vm.workbench().profileProperty().addListener((o, a, p) -> showAugmentation());
        showAugmentation();
        vm.loaderWarnings().addListener((javafx.collections.ListChangeListener<String>) c -> showWarnings());
        // a fix already in use says so: the warnings follow the scaling choices
        vm.preprocessingProperty().addListener((o, a, b) -> showWarnings());
        vm.targetScalingProperty().addListener((o, a, b) -> showWarnings());
        showWarnings();
    }

    private ScrollPane form() {
        Forms f = new Forms();
        ChoiceBox<DataViewModel.Choice> source = new ChoiceBox<>();
        source.getItems().setAll(DataViewModel.Choice.values());
        source.valueProperty().bindBidirectional(vm.choiceProperty());
        source.setId("data-source");
        source.setMaxWidth(Double.MAX_VALUE);
        f.section("Source").full(source);

        // the rows of the other sources (a toy's shape, a file's path and CSV options, split files) are
        // built when their source is first chosen: hidden, they would cost start-up their skins and CSS
        var isToy = vm.choiceProperty().isEqualTo(DataViewModel.Choice.TOY);
        f.lazyRows(isToy, this::toyRows);
        var isFile = Bindings.createBooleanBinding(() -> switch (vm.choiceProperty().get()) {
            case CSV, IDX, IMAGES -> true;
            default -> false;
        }, vm.choiceProperty());
        f.lazyRows(isFile, rows -> fileRows(rows, isFile));

        Button load = new Button("Load data");
        load.setId("load-data");
        load.setDefaultButton(true);
        load.setMaxWidth(Double.MAX_VALUE);
        load.disableProperty().bind(vm.loadingProperty());
        load.setOnAction(e -> vm.load());
        ProgressBar loadBar = new ProgressBar();
        loadBar.setId("load-progress");
        loadBar.setMaxWidth(Double.MAX_VALUE);
        loadBar.progressProperty().bind(vm.loadProgressProperty());
        Label loadDetail = new Label();
        loadDetail.textProperty().bind(vm.loadDetailProperty());
        loadDetail.getStyleClass().add("hint");
        VBox loadBox = new VBox(2, loadBar, loadDetail);
        loadBox.visibleProperty().bind(vm.loadingProperty());
        loadBox.managedProperty().bind(vm.loadingProperty());
        f.full(load).full(loadBox);

        f.section("Split");
        Slider train = new Slider(5, 100, vm.trainPercentProperty().get());
        train.valueProperty().bindBidirectional(vm.trainPercentProperty());
        train.setId("split-train");
        Slider validation = new Slider(0, 95, vm.validationPercentProperty().get());
        validation.valueProperty().bindBidirectional(vm.validationPercentProperty());
        validation.setId("split-validation");
        Label trainLabel = new Label();
        Forms.bindPercent(trainLabel, vm.trainPercentProperty());
        Label validationLabel = new Label();
        Forms.bindPercent(validationLabel, vm.validationPercentProperty());
        Label testLabel = new Label();
        testLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.testFromFilesProperty().get()
                ? "own files" : Forms.format(vm.testPercentProperty().get()) + "%",
                vm.testFromFilesProperty(), vm.testPercentProperty()));
        testLabel.setId("split-test");
        validation.disableProperty().bind(vm.validationFromFilesProperty());
        train.disableProperty().bind(vm.validationFromFilesProperty().and(vm.testFromFilesProperty()));
        f.row("Train", sliderRow(train, trainLabel))
                .row("Validation", sliderRow(validation, validationLabel), "Used to watch generalisation during training.")
                .row("Test", testLabel, "Held back: evaluated only by the explicit final test.");
        CheckBox stratified = new CheckBox("stratified (keep class proportions)");
        stratified.selectedProperty().bindBidirectional(vm.stratifiedProperty());
        CheckBox shuffle = new CheckBox("shuffle every epoch");
        shuffle.selectedProperty().bindBidirectional(vm.shuffleProperty());
        shuffle.setId("shuffle");
        Spinner<Integer> seed = Forms.intSpinner(0, Integer.MAX_VALUE, vm.seedProperty(), 1);
        seed.setId("split-seed");
        CheckBox subset = new CheckBox();
        subset.selectedProperty().bindBidirectional(vm.useSubsetProperty());
        subset.setId("use-subset");
        Spinner<Integer> subsetSize = Forms.intSpinner(2, 10_000_000, vm.subsetSizeProperty(), 100);
        subsetSize.setId("subset-size");
        subsetSize.disableProperty().bind(vm.useSubsetProperty().not());
        f.full(stratified).full(shuffle).row("Seed", seed).row("Subset", new HBox(6, subset, subsetSize, new Label("samples")),
                "Start small: a bug shows in seconds on a few hundred samples.");

        f.section("Augmentation (training images only)");
        Label augNote = new Label();
        augNote.setWrapText(true);
        augNote.getStyleClass().add("hint");
        augNote.setId("augmentation-note");
        Spinner<Integer> shift = Forms.intSpinner(0, 16, vm.augShiftProperty(), 1);
        shift.setId("aug-shift");
        CheckBox flip = new CheckBox("horizontal flip");
        flip.setId("aug-flip");
        flip.selectedProperty().bindBidirectional(vm.augFlipProperty());
        Spinner<Double> rotation = Forms.doubleSpinner(0.0, 45.0, vm.augRotationProperty(), 5.0);
        rotation.setId("aug-rotation");
        Spinner<Double> augNoise = Forms.doubleSpinner(0.0, 5.0, vm.augNoiseProperty(), 0.05);
        augNoise.setId("aug-noise");
        Label augError = new Label();
        augError.textProperty().bind(vm.augmentationErrorProperty());
        augError.getStyleClass().add("warning-message");
        f.full(augNote).row("Shift (pixels)", shift, "Random shift of up to this many pixels in x and y; images have translation symmetry.")
                .row("Flip", flip, "Mirror left-right half of the time. Off for digits and text: a mirrored 2 is not a 2.")
                .row("Rotation (deg)", rotation, "Random rotation of up to this many degrees either way.")
                .row("Noise (std)", augNoise, "Gaussian noise added after preprocessing, in input units (1 = one standard deviation when standardized).")
                .full(augError);
        var notImages = Bindings.createBooleanBinding(() -> vm.workbench().dataset() == null || !vm.workbench().dataset().isImage(),
                vm.workbench().datasetProperty());
        for (javafx.scene.Node n : List.of(shift, flip, rotation, augNoise)) {
            n.disableProperty().bind(notImages);
        }
        augNote.textProperty().bind(Bindings.createStringBinding(() -> {
            Dataset d = vm.workbench().dataset();
            if (d == null) {
                return "Load image data to augment it.";
            }
            return d.isImage() ? "Random changes to training batches only; validation and test images stay as they are."
                    : "Off for tables: shifting, flipping or rotating makes sense only for images, which have spatial structure."
                    + " A table's columns have no neighbours to shift into.";
        }, vm.workbench().datasetProperty()));

        f.section("Preprocessing");
        ChoiceBox<Preprocessing> prep = EnumNames.choiceBox(Preprocessing.class);
        prep.setId("preprocessing");
        prep.valueProperty().bindBidirectional(vm.preprocessingProperty());
        f.row("Inputs", prep, "Fitted on the training split only and stored with the run.");
        ChoiceBox<DataSpec.TargetScaling> targets = EnumNames.choiceBox(DataSpec.TargetScaling.class);
        targets.setId("target-scaling");
        targets.valueProperty().bindBidirectional(vm.targetScalingProperty());
        f.row("Targets", targets, "Regression targets: standardize to zero mean and unit variance, fitted on the training"
                + " split; RMSE, MAE and R\u00b2 are still reported in the target's units. Class labels are never scaled.");
        var regression = Bindings.createBooleanBinding(() -> vm.workbench().dataset() != null
                && !vm.workbench().dataset().isClassification(), vm.workbench().datasetProperty());
        targets.disableProperty().bind(regression.not().and(vm.targetScalingProperty().isEqualTo(DataSpec.TargetScaling.NONE)));

        return f.scrolling();
    }

    /** A toy data set's shape, size, noise and classes (shown for the toy source). */
    private void toyRows(Forms f) {
        ComboBox<String> toy = new ComboBox<>();
        toy.getItems().setAll(ToyDatasets.NAMES);
        toy.valueProperty().bindBidirectional(vm.toyNameProperty());
        toy.setId("toy-name");
        // every spinner follows its view-model property both ways: Samples did not show a value set
        // in code (a spec opened, a test), so the screen said 600 while 300 samples were loaded
        Spinner<Integer> samples = Forms.intSpinner(20, ToyDatasets.MAX_SAMPLES, vm.toySamplesProperty(), 100);
        samples.setId("toy-samples");
        Slider noise = new Slider(0, 1, vm.toyNoiseProperty().get());
        noise.valueProperty().bindBidirectional(vm.toyNoiseProperty());
        Label noiseValue = new Label();
        noiseValue.textProperty().bind(vm.toyNoiseProperty().asString(Locale.ROOT, "%.2f"));
        noiseValue.setMinWidth(Region.USE_PREF_SIZE);
        HBox noiseRow = new HBox(6, noise, noiseValue);
        HBox.setHgrow(noise, Priority.ALWAYS);
        Spinner<Integer> classes = Forms.intSpinner(2, ToyDatasets.MAX_CLASSES, vm.toyClassesProperty(), 1);
        classes.setId("toy-classes");
        f.row("Shape", toy).row("Samples", samples).row("Noise", noiseRow).row("Classes", classes);
        Forms.showWhen(vm.choiceProperty().isEqualTo(DataViewModel.Choice.TOY), toy, samples, noiseRow, classes);
    }

    /** A path field bound to {@code text} with a Browse... button beside it ({@code labels}: the IDX labels file). */
    private HBox browseRow(javafx.beans.property.StringProperty text, String prompt, boolean labels) {
        TextField field = new TextField();
        field.textProperty().bindBidirectional(text);
        field.setPromptText(prompt);
        Button browse = new Button("Browse...");
        browse.setOnAction(e -> browse(labels));
        HBox row = new HBox(6, field, browse);
        HBox.setHgrow(field, Priority.ALWAYS);
        return row;
    }

    /** A file source's paths, CSV options, class names, image size and split files (shown for CSV, IDX and images). */
    private void fileRows(Forms f, javafx.beans.binding.BooleanBinding isFile) {
        HBox pathRow = browseRow(vm.pathProperty(), "file or folder", false);
        HBox labelsRow = browseRow(vm.labelsPathProperty(), "labels file (IDX)", true);
        Spinner<Integer> imageSize = Forms.intSpinner(4, 512, vm.imageSizeProperty(), 4);
        imageSize.setId("image-size");
        CheckBox grey = new CheckBox("greyscale");
        grey.selectedProperty().bindBidirectional(vm.grayscaleProperty());
        f.row("Path", pathRow).row("Labels", labelsRow);
        csvOptions(f);
        TextField names = new TextField();
        names.setId("class-names");
        names.textProperty().bindBidirectional(vm.classNamesPathProperty());
        names.setPromptText("0, 1, 2, ... (no names file)");
        Button browseNames = new Button("Browse...");
        browseNames.setOnAction(e -> chooseFile("Class names: one per line, label 0 first", vm.classNamesPathProperty(),
                new FileChooser.ExtensionFilter("Text", "*.txt", "*.names", "*.csv")));
        HBox namesRow = new HBox(6, names, browseNames);
        HBox.setHgrow(names, Priority.ALWAYS);
        f.row("Class names", namesRow, "A text file with one class name per line, the name of label 0 first: names for"
                + " numbered classes (IDX labels, a CSV target of 0, 1, 2...). Empty: the classes are called 0, 1, 2...")
                .row("Image size", imageSize).row("", grey);
        Forms.showWhen(isFile, pathRow);
        Forms.showWhen(vm.choiceProperty().isEqualTo(DataViewModel.Choice.IDX), labelsRow);
        Forms.showWhen(vm.choiceProperty().isEqualTo(DataViewModel.Choice.IDX).or(vm.choiceProperty().isEqualTo(DataViewModel.Choice.CSV)),
                namesRow);
        Forms.showWhen(vm.choiceProperty().isEqualTo(DataViewModel.Choice.IMAGES), imageSize, grey);
        splitFiles(f, "Test data", "test", vm.testFromFilesProperty(), vm.testPathProperty(), vm.testLabelsPathProperty(), isFile,
                "Split from training data: a held-back share of Path. From file(s): the official test files (e.g."
                        + " t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz), used as they are; the split"
                        + " percentages then divide Path into train and validation.");
        splitFiles(f, "Validation data", "validation", vm.validationFromFilesProperty(), vm.validationPathProperty(),
                vm.validationLabelsPathProperty(), isFile, "Split from training data: a share of Path. From file(s):"
                        + " a separate validation set in the same format, used as it is.");
    }

    /** The CSV options: lines to skip, header, delimiter, target (picked from the parsed columns), task, categorical columns. */
    private void csvOptions(Forms f) {
        Spinner<Integer> skip = Forms.intSpinner(0, DataSpec.MAX_SKIP_LINES, vm.skipLinesProperty(), 1);
        skip.setId("csv-skip-lines");
        skip.setPrefWidth(90);
        ChoiceBox<DataViewModel.HeaderChoice> header = new ChoiceBox<>();
        header.getItems().setAll(DataViewModel.HeaderChoice.values());
        header.valueProperty().bindBidirectional(vm.headerProperty());
        header.setId("csv-header");
        ChoiceBox<DataSpec.Delimiter> delimiter = new ChoiceBox<>();
        delimiter.getItems().setAll(DataSpec.Delimiter.values());
        delimiter.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(DataSpec.Delimiter d) {
                return d == null ? "" : switch (d) {
                    case AUTO -> "detect";
                    case COMMA -> ", (comma)";
                    case SEMICOLON -> "; (semicolon)";
                    case TAB -> "tab";
                    case WHITESPACE -> "whitespace (runs of spaces)";
                };
            }

            @Override
            public DataSpec.Delimiter fromString(String s) {
                return null;
            }
        });
        delimiter.valueProperty().bindBidirectional(vm.delimiterProperty());
        delimiter.setId("csv-delimiter");
        ComboBox<String> target = new ComboBox<>();
        target.setId("csv-target");
        target.setMaxWidth(Double.MAX_VALUE);
        target.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String c) {
                return c == null || c.isEmpty() ? "last column" : c;
            }

            @Override
            public String fromString(String s) {
                return s == null || s.equals("last column") ? "" : s;
            }
        });
        Runnable fillTargets = () -> {
            String keep = vm.targetColumnProperty().get();
            java.util.List<String> items = new java.util.ArrayList<>();
            items.add("");
            items.addAll(vm.columns());
            if (keep != null && !keep.isEmpty() && !items.contains(keep)) {
                items.add(keep); // a column the file does not have: shown, and the preview says so
            }
            target.getItems().setAll(items);
            target.setValue(keep == null ? "" : keep);
        };
        vm.columns().addListener((javafx.collections.ListChangeListener<String>) c -> fillTargets.run());
        vm.targetColumnProperty().addListener((o, a, v) -> {
            if (!java.util.Objects.equals(target.getValue(), v)) {
                fillTargets.run();
            }
        });
        target.valueProperty().addListener((o, a, v) -> {
            if (v != null && !v.equals(vm.targetColumnProperty().get())) {
                vm.targetColumnProperty().set(v);
            }
        });
        fillTargets.run();
        ChoiceBox<DataViewModel.TaskChoice> task = new ChoiceBox<>();
        task.getItems().setAll(DataViewModel.TaskChoice.values());
        task.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(DataViewModel.TaskChoice t) {
                if (t == null) {
                    return "";
                }
                return switch (t) {
                    case AUTO -> vm.taskGuessProperty().get() == null ? "automatic"
                            : "automatic (" + EnumNames.label(vm.taskGuessProperty().get()) + ")";
                    case CLASSIFICATION -> "classification";
                    case REGRESSION -> "regression";
                };
            }

            @Override
            public DataViewModel.TaskChoice fromString(String s) {
                return null;
            }
        });
        task.valueProperty().bindBidirectional(vm.taskProperty());
        task.setId("csv-task");
        vm.taskGuessProperty().addListener((o, a, g) -> {
            // the converter's text changed: make the choice box redraw its items and value
            DataViewModel.TaskChoice v = task.getValue();
            task.getItems().setAll(DataViewModel.TaskChoice.values());
            task.setValue(v);
        });
        javafx.scene.control.MenuButton categorical = new javafx.scene.control.MenuButton();
        categorical.setId("csv-categorical");
        categorical.setMaxWidth(Double.MAX_VALUE);
        Runnable fillCategorical = () -> {
            categorical.getItems().clear();
            CsvLoader.Preview p = vm.csvPreviewProperty().get();
            for (int j = 0; j < vm.columns().size(); j++) {
                String col = vm.columns().get(j);
                if (p != null && p.layout() != null && j == p.layout().targetIndex()) {
                    continue;
                }
                javafx.scene.control.CheckMenuItem item = new javafx.scene.control.CheckMenuItem(col);
                item.setSelected(vm.categoricalColumns().contains(col));
                item.selectedProperty().addListener((o, a, on) -> {
                    if (on && !vm.categoricalColumns().contains(col)) {
                        vm.categoricalColumns().add(col);
                    } else if (!on) {
                        vm.categoricalColumns().remove(col);
                    }
                });
                categorical.getItems().add(item);
            }
            categorical.setText(vm.categoricalColumns().isEmpty() ? "only text columns" : String.join(", ", vm.categoricalColumns()));
        };
        vm.csvPreviewProperty().addListener((o, a, p) -> fillCategorical.run());
        vm.categoricalColumns().addListener((javafx.collections.ListChangeListener<String>) c ->
                categorical.setText(vm.categoricalColumns().isEmpty() ? "only text columns" : String.join(", ", vm.categoricalColumns())));
        fillCategorical.run();
        f.row("Skip lines", skip, "Lines before the header (or the first row) to skip: a preamble. scikit-learn's"
                        + " CSVs start with one, e.g. '178,13,class_0,class_1,class_2': skip 1.")
                .row("Header", header, "Detect, or say whether the first row (after the skipped lines) names the columns.")
                .row("Delimiter", delimiter, "What separates the cells; detect tries tab, ';', ',' and then runs of spaces.")
                .row("Target", target, "The column to predict, picked from the columns as read with these options.")
                .row("Task", task, "Classification (a class per row) or regression (a number per row); automatic shows its"
                        + " guess: text targets, or at most 20 whole-number values, are classes.")
                .row("Categorical", categorical, "Feature columns to one-hot encode although they hold numbers (codes such as"
                        + " a zone or a product type); text columns always are.");
        Forms.showWhen(vm.choiceProperty().isEqualTo(DataViewModel.Choice.CSV), skip, header, delimiter, target, task, categorical);
    }

    /** "Test data: split from training data / from file(s)...", with the files' paths when from files. */
    private void splitFiles(Forms f, String label, String role, javafx.beans.property.BooleanProperty fromFiles,
                            javafx.beans.property.StringProperty path, javafx.beans.property.StringProperty labels,
                            javafx.beans.binding.BooleanBinding isFile, String help) {
        ChoiceBox<Boolean> mode = new ChoiceBox<>();
        mode.getItems().setAll(false, true);
        mode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Boolean b) {
                return b == null ? "" : b ? "from file(s)..." : "split from training data";
            }

            @Override
            public Boolean fromString(String s) {
                return null;
            }
        });
        javafx.beans.property.ObjectProperty<Boolean> asObject = fromFiles.asObject();
        keep.add(asObject); // bidirectional bindings hold their properties weakly
        mode.valueProperty().bindBidirectional(asObject);
        mode.setId(role + "-mode");
        TextField file = new TextField();
        file.setId(role + "-path");
        file.textProperty().bindBidirectional(path);
        file.setPromptText(role + " file or folder");
        Button browse = new Button("Browse...");
        browse.setOnAction(e -> {
            if (vm.choiceProperty().get() == DataViewModel.Choice.IMAGES) {
                DirectoryChooser dc = new DirectoryChooser();
                dc.setTitle("Folder of " + role + " images, one sub-folder per class");
                File chosen = dc.showDialog(getScene() == null ? null : getScene().getWindow());
                if (chosen != null) {
                    path.set(chosen.getAbsolutePath());
                }
            } else {
                chooseFile(label + " file", path, dataFilter());
            }
        });
        HBox fileRow = new HBox(6, file, browse);
        HBox.setHgrow(file, Priority.ALWAYS);
        TextField labelFile = new TextField();
        labelFile.setId(role + "-labels");
        labelFile.textProperty().bindBidirectional(labels);
        labelFile.setPromptText(role + " labels file (IDX)");
        Button browseLabels = new Button("Browse...");
        browseLabels.setOnAction(e -> chooseFile(label + " labels (IDX)", labels, dataFilter()));
        HBox labelsRow = new HBox(6, labelFile, browseLabels);
        HBox.setHgrow(labelFile, Priority.ALWAYS);
        f.row(label, mode, help).row("", fileRow).row("", labelsRow);
        Forms.showWhen(isFile, mode);
        Forms.showWhen(isFile.and(fromFiles), fileRow);
        Forms.showWhen(isFile.and(fromFiles).and(vm.choiceProperty().isEqualTo(DataViewModel.Choice.IDX)), labelsRow);
    }

    private FileChooser.ExtensionFilter dataFilter() {
        return vm.choiceProperty().get() == DataViewModel.Choice.CSV
                ? new FileChooser.ExtensionFilter("CSV", "*.csv", "*.csv.gz", "*.tsv", "*.txt")
                : new FileChooser.ExtensionFilter("IDX", "*.idx", "*.gz", "*ubyte*");
    }

    private void chooseFile(String title, javafx.beans.property.StringProperty into, FileChooser.ExtensionFilter filter) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(filter, new FileChooser.ExtensionFilter("All files", "*"));
        File chosen = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            into.set(chosen.getAbsolutePath());
        }
    }

    private static HBox sliderRow(Slider slider, Label value) {
        // never narrower than "100%" at the current font (presentation mode), and at least 40 px
        value.setMinWidth(Region.USE_PREF_SIZE);
        value.setPrefWidth(Region.USE_COMPUTED_SIZE);
        if (value.getStyle().isEmpty()) {
            value.setStyle("-fx-min-width: 3.2em;");
        }
        HBox row = new HBox(6, slider, value);
        HBox.setHgrow(slider, Priority.ALWAYS);
        return row;
    }

    private void browse(boolean labels) {
        var window = getScene() == null ? null : getScene().getWindow();
        File chosen;
        if (vm.choiceProperty().get() == DataViewModel.Choice.IMAGES && !labels) {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Folder with one sub-folder per class");
            chosen = dc.showDialog(window);
        } else {
            FileChooser fc = new FileChooser();
            fc.setTitle(labels ? "IDX labels file" : "Data file");
            if (vm.choiceProperty().get() == DataViewModel.Choice.CSV) {
                fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv", "*.csv.gz", "*.tsv", "*.txt"));
            } else {
                fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("IDX", "*.idx", "*.gz", "*ubyte*"));
            }
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
            chosen = fc.showOpenDialog(window);
        }
        if (chosen != null) {
            (labels ? vm.labelsPathProperty() : vm.pathProperty()).set(chosen.getAbsolutePath());
        }
    }

    private ScrollPane right() {
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add("view-title");
        summary.setId("data-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        Label hint = new Label();
        hint.textProperty().bind(vm.symmetryHintProperty());
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.getStyleClass().add("hint");
        Label recommendation = new Label();
        recommendation.setId("recommendation");
        recommendation.textProperty().bind(vm.recommendationTextProperty());
        recommendation.setWrapText(true);
        recommendation.setMinHeight(Region.USE_PREF_SIZE);
        recommendation.getStyleClass().add("recommendation");
        recommendation.setMaxWidth(Double.MAX_VALUE);
        Hyperlink apply = new Hyperlink("Apply");
        apply.setId("apply-recommendation");
        apply.setOnAction(e -> vm.applyRecommendation());
        apply.visibleProperty().bind(vm.canApplyRecommendationProperty());
        apply.managedProperty().bind(apply.visibleProperty());
        dev.trainbench.ui.Tips.install(apply, "Set the preprocessing (left, under Preprocessing) to the recommended mode.");
        Label inUse = new Label("(in use)");
        inUse.getStyleClass().add("hint");
        inUse.setMinWidth(Region.USE_PREF_SIZE);
        apply.setMinWidth(Region.USE_PREF_SIZE);
        inUse.visibleProperty().bind(vm.recommendationProperty().isNotNull().and(vm.canApplyRecommendationProperty().not()));
        inUse.managedProperty().bind(inUse.visibleProperty());
        HBox recommendationRow = new HBox(6, recommendation, apply, inUse);
        recommendationRow.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        HBox.setHgrow(recommendation, Priority.ALWAYS);
        recommendationRow.visibleProperty().bind(vm.recommendationProperty().isNotNull());
        recommendationRow.managedProperty().bind(recommendationRow.visibleProperty());
        preview.getStyleClass().add("preview");
        augmentationPreview.setId("augmentation-preview");
        augmentationPreview.setPadding(new Insets(0, 0, 0, 16));
        tabularPreview.setId("tabular-preview");
        tabularPreview.setPadding(new Insets(0, 0, 0, 8));
        // a table's scatter matrix first: looking at the data comes before the parsed rows; side by side
        // while they fit, else one under the other (presentation mode), never squeezed or cut off
        PreviewRow previews = new PreviewRow(12);
        previews.setId("data-previews");
        previews.getChildren().addAll(tabularPreview, preview, augmentationPreview);

        TableView<DataProfile.FeatureStats> table = new TableView<>(vm.featureStats());
        table.setId("feature-stats");
        dev.trainbench.ui.Tables.fit(table, 260);
        table.getColumns().add(column("feature", s -> s.name()));
        table.getColumns().add(column("min", s -> num(s.min())));
        table.getColumns().add(column("max", s -> num(s.max())));
        table.getColumns().add(column("mean", s -> num(s.mean())));
        table.getColumns().add(column("std", s -> num(s.std())));
        table.getColumns().add(column("missing", s -> Long.toString(s.missing())));
        TableColumn<DataProfile.FeatureStats, DataProfile.FeatureStats> histogram = new TableColumn<>();
        Label histogramHeader = new Label("histogram");
        dev.trainbench.ui.Tips.install(histogramHeader, (DataProfile.HISTOGRAM_BINS
                + " equal bins from min to max; bar heights are log(1 + count). Hover a row for its numbers."));
        histogram.setGraphic(histogramHeader);
        histogram.setId("histogram-column");
        histogram.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        histogram.setCellFactory(c -> new HistogramCell());
        histogram.setSortable(false);
        histogram.setMinWidth(HistogramCell.WIDTH + 16);
        histogram.setPrefWidth(HistogramCell.WIDTH + 16);
        table.getColumns().add(histogram);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Load data to see per-feature statistics."));
        table.setPrefHeight(180);

        Label warnTitle = new Label("Warnings");
        warnTitle.getStyleClass().add("section-title");
        warnTitle.setMinWidth(Region.USE_PREF_SIZE);
        splitTable.setId("split-counts");
        dev.trainbench.ui.Tables.fit(splitTable, 200);
        splitTable.setPlaceholder(new Label("Load data to see each split's class counts."));
        splitTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // short tab names: both stay readable where the tables get a third of a projector's width
        javafx.scene.control.Tab statsTab = new javafx.scene.control.Tab("Statistics", table);
        statsTab.setTooltip(dev.trainbench.ui.Tips.of("Per-feature statistics (per channel for images) of the data as loaded"));
        javafx.scene.control.Tab splitsTab = new javafx.scene.control.Tab("Class counts", splitTable);
        splitsTab.setTooltip(dev.trainbench.ui.Tips.of("How many samples of each class each split has"));
        splitsTab.setId("splits-tab");
        javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(statsTab, splitsTab);
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("data-tabs");
        dev.trainbench.ui.KeptSplitPane lower = new dev.trainbench.ui.KeptSplitPane(tabs, new VBox(4, warnTitle, scroll(warningsBox)));
        lower.setOrientation(Orientation.HORIZONTAL);
        lower.keepDividers(0.66);
        Label splitLine = new Label();
        splitLine.setId("split-text");
        splitLine.textProperty().bind(vm.splitTextProperty());
        splitLine.setWrapText(true);
        splitLine.getStyleClass().add("hint");
        splitLine.setMinHeight(Region.USE_PREF_SIZE);
        splitLine.managedProperty().bind(splitLine.textProperty().isNotEmpty());
        // the tables and warnings take what the previews leave, but never less than about a dozen
        // lines: where the window is too small for both (presentation mode), the column scrolls
        lower.setStyle("-fx-min-height: 15em;");
        VBox box = new VBox(6, summary, splitLine, hint, recommendationRow, previews, lower) {
            @Override
            protected double computeMinHeight(double width) {
                // the scroll pane asks without a width: answer for the width the column has, where
                // the texts wrap and the previews stack, or it squeezed them and cut the previews off
                return super.computeMinHeight(width < 0 && getWidth() > 0 ? getWidth() : width);
            }
        };
        VBox.setVgrow(lower, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        ScrollPane column = new ScrollPane(box);
        column.setId("data-column");
        column.setFitToWidth(true);
        column.setFitToHeight(true);
        column.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return column;
    }

    private static ScrollPane scroll(VBox content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        VBox.setVgrow(s, Priority.ALWAYS);
        return s;
    }

    private static TableColumn<DataProfile.FeatureStats, String> column(String name,
            java.util.function.Function<DataProfile.FeatureStats, String> value) {
        TableColumn<DataProfile.FeatureStats, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        return c;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-3) ? "%.3e" : "%.4g", v);
    }

    /** One row of the split counts table: a class (or "all") and its count per split. */
    record SplitRow(String name, int train, int validation, int test) {
    }

    private void showSplitCounts(SplitSummary s) {
        splitTable.getColumns().clear();
        splitTable.getItems().clear();
        if (s == null) {
            return;
        }
        TableColumn<SplitRow, String> name = new TableColumn<>("class");
        name.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().name()));
        name.setMinWidth(80);
        name.setPrefWidth(160);
        splitTable.getColumns().add(name);
        String[] titles = {"train", "validation", "test"};
        for (int k = 0; k < 3; k++) {
            int split = k;
            SplitSummary.Part part = s.parts().get(k);
            TableColumn<SplitRow, String> c = new TableColumn<>(titles[k]);
            Label head = new Label(titles[k]);
            head.setTooltip(dev.trainbench.ui.Tips.of(titles[k] + ": " + part.source()));
            c.setText(null);
            c.setGraphic(head);
            c.setId("split-counts-" + titles[k]);
            c.setUserData(part.source());
            c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(String.format(Locale.ROOT, "%,d",
                    split == 0 ? cd.getValue().train() : split == 1 ? cd.getValue().validation() : cd.getValue().test())));
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
            c.setMinWidth(70);
            c.setPrefWidth(100);
            splitTable.getColumns().add(c);
        }
        java.util.List<SplitRow> rows = new java.util.ArrayList<>();
        rows.add(new SplitRow("all", s.parts().get(0).samples(), s.parts().get(1).samples(), s.parts().get(2).samples()));
        if (s.classNames() != null) {
            for (int c = 0; c < s.classNames().size(); c++) {
                rows.add(new SplitRow(s.classNames().get(c), s.parts().get(0).classCounts()[c],
                        s.parts().get(1).classCounts()[c], s.parts().get(2).classCounts()[c]));
            }
        }
        splitTable.getItems().setAll(rows);
    }

    /** The CSV's first rows as they will be parsed, column headers with their kind; or why it cannot be read. */
    private void showCsvPreview(CsvLoader.Preview p) {
        if (vm.choiceProperty().get() != DataViewModel.Choice.CSV) {
            return;
        }
        preview.getChildren().clear();
        csvTable.setId("csv-preview");
        dev.trainbench.ui.Tables.fit(csvTable, 160);
        csvTable.getColumns().clear();
        csvTable.getItems().clear();
        Label status = new Label();
        status.setId("csv-preview-status");
        status.textProperty().bind(vm.previewStatusProperty());
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.setMaxWidth(Double.MAX_VALUE);
        status.getStyleClass().add(p != null && p.error() != null ? "warning-message" : "hint");
        if (p == null) {
            status.textProperty().unbind();
            status.setText("Choose a CSV file to see its first rows as they will be read.");
            preview.getChildren().add(status);
            return;
        }
        for (int j = 0; j < p.columns().size(); j++) {
            int col = j;
            String kind = j < p.kinds().size() ? p.kinds().get(j) : "";
            TableColumn<java.util.List<String>, String> c = new TableColumn<>(p.columns().get(j) + (kind.isEmpty() ? "" : "\n" + kind));
            c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(col < cd.getValue().size() ? cd.getValue().get(col) : ""));
            c.setSortable(false);
            if ("target".equals(kind)) {
                c.setStyle("-fx-font-weight: bold;");
            }
            csvTable.getColumns().add(c);
        }
        csvTable.getItems().setAll(p.rows());
        csvTable.setPrefHeight(300);
        csvTable.setMinWidth(400);
        VBox box = new VBox(6, status, csvTable);
        VBox.setVgrow(csvTable, Priority.ALWAYS);
        preview.getChildren().add(box);
    }

    private void showPreview(Dataset d) {
        showTabular(d);
        boolean csv = vm.choiceProperty().get() == DataViewModel.Choice.CSV;
        // the parsed rows take the rest of the width; a scatter plot or image grid keeps its own size
        HBox.setHgrow(preview, csv ? Priority.ALWAYS : null);
        if (csv) {
            showCsvPreview(vm.csvPreviewProperty().get());
            return;
        }
        preview.getChildren().clear();
        if (d == null) {
            preview.getChildren().add(new Label("Choose a source and press Load data."));
            return;
        }
        if (d.isImage()) {
            preview.getChildren().add(DataPreview.imageGrid(d, 12, 28));
        } else if (d.sampleSize() == 2) {
            preview.getChildren().add(DataPreview.scatter(d, 420, 320));
        }
    }

    /**
     * For a table of more than two features: a scatter matrix of the first four coloured by class
     * (each pair, each feature's histogram on the diagonal) and how many samples each class has.
     */
    private void showTabular(Dataset d) {
        tabularPreview.getChildren().clear();
        boolean show = d != null && !d.isImage() && d.sampleSize() > 2;
        tabularPreview.setVisible(show);
        tabularPreview.setManaged(show);
        if (!show) {
            return;
        }
        int k = Math.min(4, d.sampleSize());
        Label title = new Label(k < d.sampleSize()
                ? String.format(Locale.ROOT, "The first %d of %d features, each against each, coloured by %s", k, d.sampleSize(),
                        d.isClassification() ? "class" : "nothing (regression)")
                : String.format(Locale.ROOT, "The %d features, each against each%s", k, d.isClassification() ? ", coloured by class" : ""));
        title.getStyleClass().add("hint");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.setMaxWidth(4 * 84);
        javafx.scene.canvas.Canvas matrix = DataPreview.scatterMatrix(d, k, 80, javafx.scene.paint.Color.gray(0.97),
                javafx.scene.paint.Color.gray(0.2));
        matrix.setId("scatter-matrix");
        StringBuilder names = new StringBuilder("Features, left to right and top to bottom: ");
        for (int f = 0; f < k; f++) {
            names.append(f == 0 ? "" : ", ").append(DataPreview.featureName(d, f));
        }
        javafx.scene.control.Tooltip.install(matrix, dev.trainbench.ui.Tips.of(names.toString()));
        tabularPreview.getChildren().addAll(title, matrix);
        if (d.isClassification() && d.labels() != null) {
            int[] counts = new int[Math.max(1, d.numClasses())];
            for (int label : d.labels()) {
                if (label >= 0 && label < counts.length) {
                    counts[label]++;
                }
            }
            javafx.scene.layout.FlowPane classes = new javafx.scene.layout.FlowPane(10, 2);
            classes.setId("class-counts");
            classes.setPrefWrapLength(4 * 84);
            for (int c = 0; c < counts.length; c++) {
                String name = d.classNames() != null && c < d.classNames().size() ? d.classNames().get(c) : Integer.toString(c);
                Label l = new Label(String.format(Locale.ROOT, "%s: %,d", name, counts[c]));
                javafx.scene.shape.Rectangle swatch = new javafx.scene.shape.Rectangle(10, 10, dev.trainbench.ui.Palette.color(c));
                l.setGraphic(swatch);
                l.setMinWidth(Region.USE_PREF_SIZE);
                classes.getChildren().add(l);
            }
            tabularPreview.getChildren().add(classes);
        }
    }

    /** Redraws the augmentation preview (seeded: the same settings draw the same images). */
    private void showAugmentation() {
        augmentationPreview.getChildren().clear();
        augmentationCanvas = null;
        Dataset d = vm.workbench().dataset();
        if (d == null || !d.isImage()) {
            augmentationPreview.setVisible(false);
            augmentationPreview.setManaged(false);
            return;
        }
        augmentationPreview.setVisible(true);
        augmentationPreview.setManaged(true);
        var rows = vm.augmentationPreview(Math.min(8, Math.max(1, d.numClasses())), 6);
        augmentationCanvas = DataPreview.augmentationGrid(rows, d.sampleShape(), 34, vm.workbench().spec().augmentation().enabled());
        augmentationPreview.getChildren().add(augmentationCanvas);
        augmentationPreviews++;
    }

    /** The augmentation preview canvas now shown, or null (for tests). */
    public Canvas augmentationCanvas() {
        return augmentationCanvas;
    }

    /** How many times the augmentation preview was drawn (for tests). */
    public int augmentationPreviewCount() {
        return augmentationPreviews;
    }

    private void showWarnings() {
        warningsBox.getChildren().clear();
        if (!vm.loaderWarnings().isEmpty()) {
            Label head = new Label("While loading (" + vm.loaderWarnings().size() + ")");
            head.getStyleClass().add("warning-message");
            VBox item = new VBox(2, head);
            for (String w : vm.loaderWarnings()) {
                Label l = new Label(w);
                l.setWrapText(true);
                l.getStyleClass().add("warning-fix");
                item.getChildren().add(l);
            }
            item.getStyleClass().add("warning-item");
            item.setId("loader-warnings");
            warningsBox.getChildren().add(item);
        }
        if (vm.warnings().isEmpty() && vm.loaderWarnings().isEmpty()) {
            Label ok = new Label(vm.workbench().dataset() == null ? "" : "No warnings.");
            warningsBox.getChildren().add(ok);
        }
        for (DataProfile.Warning w : vm.warnings()) {
            Label message = new Label(w.message());
            message.setWrapText(true);
            message.getStyleClass().add("warning-message");
            Label fix = new Label(vm.fixText(w));
            fix.setWrapText(true);
            fix.getStyleClass().add(vm.fixInUse(w) ? "hint" : "warning-fix");
            VBox item = new VBox(2, message, fix);
            item.getStyleClass().add("warning-item");
            warningsBox.getChildren().add(item);
        }
    }

    @SuppressWarnings("unused")
    private static <T> ReadOnlyObjectWrapper<T> wrap(T v) {
        return new ReadOnlyObjectWrapper<>(v);
    }
}
