package dev.trainbench.ui.data;

import dev.trainbench.data.DataProfile;
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
public final class DataView extends SplitPane {
    private final DataViewModel vm;
    private final StackPane preview = new StackPane();
    private final VBox warningsBox = new VBox(6);
    private final StackPane augmentationPreview = new StackPane();
    private Canvas augmentationCanvas;
    private int augmentationPreviews;

    public DataView(DataViewModel vm) {
        this.vm = vm;
        getStyleClass().add("data-view");
        setId("data-view");
        getItems().addAll(form(), right());
        setDividerPositions(0.3);
        vm.workbench().datasetProperty().addListener((o, a, d) -> showPreview(d));
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

        ComboBox<String> toy = new ComboBox<>();
        toy.getItems().setAll(ToyDatasets.NAMES);
        toy.valueProperty().bindBidirectional(vm.toyNameProperty());
        toy.setId("toy-name");
        Spinner<Integer> samples = new Spinner<>(20, ToyDatasets.MAX_SAMPLES, vm.toySamplesProperty().get(), 100);
        samples.setEditable(true);
        samples.valueProperty().addListener((o, a, v) -> vm.toySamplesProperty().set(v));
        Slider noise = new Slider(0, 1, vm.toyNoiseProperty().get());
        noise.valueProperty().bindBidirectional(vm.toyNoiseProperty());
        Label noiseValue = new Label();
        noiseValue.textProperty().bind(vm.toyNoiseProperty().asString(Locale.ROOT, "%.2f"));
        HBox noiseRow = new HBox(6, noise, noiseValue);
        HBox.setHgrow(noise, Priority.ALWAYS);
        Spinner<Integer> classes = new Spinner<>(2, ToyDatasets.MAX_CLASSES, vm.toyClassesProperty().get());
        classes.valueProperty().addListener((o, a, v) -> vm.toyClassesProperty().set(v));
        vm.toyClassesProperty().addListener((o, a, v) -> classes.getValueFactory().setValue(v.intValue()));
        f.row("Shape", toy).row("Samples", samples).row("Noise", noiseRow).row("Classes", classes);
        Forms.showWhen(vm.choiceProperty().isEqualTo(DataViewModel.Choice.TOY), toy, samples, noiseRow, classes);

        TextField path = new TextField();
        path.textProperty().bindBidirectional(vm.pathProperty());
        path.setPromptText("file or folder");
        Button browse = new Button("Browse...");
        browse.setOnAction(e -> browse(false));
        HBox pathRow = new HBox(6, path, browse);
        HBox.setHgrow(path, Priority.ALWAYS);
        TextField labels = new TextField();
        labels.textProperty().bindBidirectional(vm.labelsPathProperty());
        labels.setPromptText("labels file (IDX)");
        Button browseLabels = new Button("Browse...");
        browseLabels.setOnAction(e -> browse(true));
        HBox labelsRow = new HBox(6, labels, browseLabels);
        HBox.setHgrow(labels, Priority.ALWAYS);
        TextField target = new TextField();
        target.textProperty().bindBidirectional(vm.targetColumnProperty());
        target.setPromptText("last column");
        Spinner<Integer> imageSize = new Spinner<>(4, 512, vm.imageSizeProperty().get(), 4);
        imageSize.valueProperty().addListener((o, a, v) -> vm.imageSizeProperty().set(v));
        CheckBox grey = new CheckBox("greyscale");
        grey.selectedProperty().bindBidirectional(vm.grayscaleProperty());
        f.row("Path", pathRow).row("Labels", labelsRow).row("Target column", target, "The column to predict; empty means the last one.")
                .row("Image size", imageSize).row("", grey);
        var isFile = Bindings.createBooleanBinding(() -> switch (vm.choiceProperty().get()) {
            case CSV, IDX, IMAGES -> true;
            default -> false;
        }, vm.choiceProperty());
        Forms.showWhen(isFile, pathRow);
        Forms.showWhen(vm.choiceProperty().isEqualTo(DataViewModel.Choice.IDX), labelsRow);
        Forms.showWhen(vm.choiceProperty().isEqualTo(DataViewModel.Choice.CSV), target);
        Forms.showWhen(vm.choiceProperty().isEqualTo(DataViewModel.Choice.IMAGES), imageSize, grey);

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
        Forms.bindPercent(testLabel, vm.testPercentProperty());
        testLabel.setId("split-test");
        f.row("Train", sliderRow(train, trainLabel))
                .row("Validation", sliderRow(validation, validationLabel), "Used to watch generalisation during training.")
                .row("Test", testLabel, "Held back: evaluated only by the explicit final test.");
        CheckBox stratified = new CheckBox("stratified (keep class proportions)");
        stratified.selectedProperty().bindBidirectional(vm.stratifiedProperty());
        CheckBox shuffle = new CheckBox("shuffle every epoch");
        shuffle.selectedProperty().bindBidirectional(vm.shuffleProperty());
        shuffle.setId("shuffle");
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, vm.seedProperty().get());
        seed.setEditable(true);
        seed.setId("split-seed");
        seed.valueProperty().addListener((o, a, v) -> vm.seedProperty().set(v));
        vm.seedProperty().addListener((o, a, v) -> {
            if (!v.equals(seed.getValue())) {
                seed.getValueFactory().setValue(v.intValue());
            }
        });
        CheckBox subset = new CheckBox();
        subset.selectedProperty().bindBidirectional(vm.useSubsetProperty());
        subset.setId("use-subset");
        Spinner<Integer> subsetSize = new Spinner<>(2, 10_000_000, vm.subsetSizeProperty().get(), 100);
        subsetSize.setEditable(true);
        subsetSize.setId("subset-size");
        subsetSize.valueProperty().addListener((o, a, v) -> vm.subsetSizeProperty().set(v));
        // the spinner follows the spec being edited (a loaded spec, a preset, a restored session)
        vm.subsetSizeProperty().addListener((o, a, v) -> {
            if (!v.equals(subsetSize.getValue())) {
                subsetSize.getValueFactory().setValue(v.intValue());
            }
        });
        subsetSize.disableProperty().bind(vm.useSubsetProperty().not());
        f.full(stratified).full(shuffle).row("Seed", seed).row("Subset", new HBox(6, subset, subsetSize, new Label("samples")),
                "Start small: a bug shows in seconds on a few hundred samples.");

        f.section("Augmentation (training images only)");
        Label augNote = new Label();
        augNote.setWrapText(true);
        augNote.getStyleClass().add("hint");
        augNote.setId("augmentation-note");
        Spinner<Integer> shift = new Spinner<>(0, 16, vm.augShiftProperty().get());
        shift.setEditable(true);
        shift.setId("aug-shift");
        shift.valueProperty().addListener((o, a, v) -> vm.augShiftProperty().set(v));
        vm.augShiftProperty().addListener((o, a, v) -> shift.getValueFactory().setValue(v.intValue()));
        CheckBox flip = new CheckBox("horizontal flip");
        flip.setId("aug-flip");
        flip.selectedProperty().bindBidirectional(vm.augFlipProperty());
        Spinner<Double> rotation = new Spinner<>(0.0, 45.0, vm.augRotationProperty().get(), 5.0);
        rotation.setEditable(true);
        rotation.setId("aug-rotation");
        rotation.valueProperty().addListener((o, a, v) -> vm.augRotationProperty().set(v));
        vm.augRotationProperty().addListener((o, a, v) -> rotation.getValueFactory().setValue(v.doubleValue()));
        Spinner<Double> augNoise = new Spinner<>(0.0, 5.0, vm.augNoiseProperty().get(), 0.05);
        augNoise.setEditable(true);
        augNoise.setId("aug-noise");
        augNoise.valueProperty().addListener((o, a, v) -> vm.augNoiseProperty().set(v));
        vm.augNoiseProperty().addListener((o, a, v) -> augNoise.getValueFactory().setValue(v.doubleValue()));
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

        ScrollPane scroll = new ScrollPane(f.node());
        scroll.setFitToWidth(true);
        scroll.setMinWidth(300);
        return scroll;
    }

    private static HBox sliderRow(Slider slider, Label value) {
        value.setMinWidth(40);
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
                fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv", "*.txt"));
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

    private VBox right() {
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add("view-title");
        summary.setId("data-summary");
        Label hint = new Label();
        hint.textProperty().bind(vm.symmetryHintProperty());
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        Label recommendation = new Label();
        recommendation.setId("recommendation");
        recommendation.textProperty().bind(vm.recommendationTextProperty());
        recommendation.setWrapText(true);
        recommendation.getStyleClass().add("recommendation");
        recommendation.setMaxWidth(Double.MAX_VALUE);
        Hyperlink apply = new Hyperlink("Apply");
        apply.setId("apply-recommendation");
        apply.setOnAction(e -> vm.applyRecommendation());
        apply.visibleProperty().bind(vm.canApplyRecommendationProperty());
        apply.managedProperty().bind(apply.visibleProperty());
        apply.setTooltip(new javafx.scene.control.Tooltip("Set the preprocessing (left, under Preprocessing) to the recommended mode."));
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
        preview.setMinHeight(200);
        augmentationPreview.setId("augmentation-preview");
        augmentationPreview.setPadding(new Insets(0, 0, 0, 16));
        HBox previews = new HBox(12, preview, augmentationPreview);
        ScrollPane previewScroll = new ScrollPane(previews);
        previewScroll.setFitToWidth(true);
        previewScroll.setFitToHeight(true);
        previewScroll.setPrefHeight(340);

        TableView<DataProfile.FeatureStats> table = new TableView<>(vm.featureStats());
        table.setId("feature-stats");
        table.getColumns().add(column("feature", s -> s.name()));
        table.getColumns().add(column("min", s -> num(s.min())));
        table.getColumns().add(column("max", s -> num(s.max())));
        table.getColumns().add(column("mean", s -> num(s.mean())));
        table.getColumns().add(column("std", s -> num(s.std())));
        table.getColumns().add(column("missing", s -> Long.toString(s.missing())));
        TableColumn<DataProfile.FeatureStats, DataProfile.FeatureStats> histogram = new TableColumn<>();
        Label histogramHeader = new Label("histogram");
        histogramHeader.setTooltip(new javafx.scene.control.Tooltip(DataProfile.HISTOGRAM_BINS
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

        Label statsTitle = new Label("Per-feature statistics (per channel for images)");
        statsTitle.getStyleClass().add("section-title");
        Label warnTitle = new Label("Warnings");
        warnTitle.getStyleClass().add("section-title");
        SplitPane lower = new SplitPane(new VBox(4, statsTitle, table), new VBox(4, warnTitle, scroll(warningsBox)));
        lower.setOrientation(Orientation.HORIZONTAL);
        lower.setDividerPositions(0.6);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, summary, hint, recommendationRow, previewScroll, lower);
        VBox.setVgrow(lower, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        return box;
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

    private void showPreview(Dataset d) {
        preview.getChildren().clear();
        if (d == null) {
            preview.getChildren().add(new Label("Choose a source and press Load data."));
            return;
        }
        if (d.isImage()) {
            preview.getChildren().add(DataPreview.imageGrid(d, 12, 28));
        } else if (d.sampleSize() == 2) {
            preview.getChildren().add(DataPreview.scatter(d, 420, 320));
        } else {
            Label l = new Label(d.sampleSize() + " features per sample: see the statistics below.");
            preview.getChildren().add(l);
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
            Label head = new Label("Skipped while loading (" + vm.loaderWarnings().size() + ")");
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
            Label fix = new Label("Fix: " + w.fix());
            fix.setWrapText(true);
            fix.getStyleClass().add("warning-fix");
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
