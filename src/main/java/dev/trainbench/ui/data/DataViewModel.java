package dev.trainbench.ui.data;

import dev.trainbench.data.CsvLoader;
import dev.trainbench.data.DataProfile;
import dev.trainbench.data.Dataset;
import dev.trainbench.data.DatasetLoader;
import dev.trainbench.data.ImageFolderLoader;
import dev.trainbench.data.LoadedData;
import dev.trainbench.data.SplitSummary;
import dev.trainbench.data.ToyDatasets;
import dev.trainbench.spec.AugmentationSpec;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.Preprocessing;
import dev.trainbench.spec.SpecException;
import dev.trainbench.spec.SplitSpec;
import dev.trainbench.ui.WorkbenchModel;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Data screen's state: where the data comes from, how it is split and preprocessed, and its profile. */
public final class DataViewModel {

    /** The choices of the source selector. */
    public enum Choice {
        MNIST("Sample: MNIST digits (10,000 images)"),
        IRIS("Sample: Iris (150 flowers, 4 features)"),
        TOY("Generated 2-D set"),
        CSV("CSV file"),
        IDX("IDX file (.idx / .gz)"),
        IMAGES("Image folder (one sub-folder per class)");

        private final String label;

        Choice(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The CSV header option: detect, or force on/off. */
    public enum HeaderChoice {
        AUTO("detect"), YES("yes"), NO("no");

        private final String label;

        HeaderChoice(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        Boolean value() {
            return this == AUTO ? null : this == YES;
        }

        static HeaderChoice of(Boolean v) {
            return v == null ? AUTO : v ? YES : NO;
        }
    }

    /** The CSV task option: the automatic guess, or forced. */
    public enum TaskChoice {
        AUTO, CLASSIFICATION, REGRESSION;

        DataSpec.Task value() {
            return this == AUTO ? null : this == CLASSIFICATION ? DataSpec.Task.CLASSIFICATION : DataSpec.Task.REGRESSION;
        }

        static TaskChoice of(DataSpec.Task t) {
            return t == null ? AUTO : t == DataSpec.Task.CLASSIFICATION ? CLASSIFICATION : REGRESSION;
        }
    }

    /** Rows the CSV preview shows. */
    public static final int PREVIEW_ROWS = 10;

    private final WorkbenchModel model;
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(Choice.MNIST);
    private final StringProperty toyName = new SimpleStringProperty("spiral");
    private final IntegerProperty toySamples = new SimpleIntegerProperty(ToyDatasets.DEFAULT_SAMPLES);
    private final DoubleProperty toyNoise = new SimpleDoubleProperty(ToyDatasets.defaultNoise("spiral"));
    private final IntegerProperty toyClasses = new SimpleIntegerProperty(ToyDatasets.defaultClasses("spiral"));
    private final StringProperty path = new SimpleStringProperty("");
    private final StringProperty labelsPath = new SimpleStringProperty("");
    private final StringProperty targetColumn = new SimpleStringProperty("");
    private final IntegerProperty skipLines = new SimpleIntegerProperty(0);
    private final ObjectProperty<HeaderChoice> header = new SimpleObjectProperty<>(HeaderChoice.AUTO);
    private final ObjectProperty<DataSpec.Delimiter> delimiter = new SimpleObjectProperty<>(DataSpec.Delimiter.AUTO);
    private final ObjectProperty<TaskChoice> task = new SimpleObjectProperty<>(TaskChoice.AUTO);
    private final ObservableList<String> categoricalColumns = FXCollections.observableArrayList();
    private final StringProperty classNamesPath = new SimpleStringProperty("");
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObjectProperty<CsvLoader.Preview> csvPreview = new SimpleObjectProperty<>();
    private final StringProperty previewStatus = new SimpleStringProperty("");
    private final ObjectProperty<DataSpec.Task> taskGuess = new SimpleObjectProperty<>();
    private long previewGeneration;
    private final BooleanProperty testFromFiles = new SimpleBooleanProperty(false);
    private final StringProperty testPath = new SimpleStringProperty("");
    private final StringProperty testLabelsPath = new SimpleStringProperty("");
    private final BooleanProperty validationFromFiles = new SimpleBooleanProperty(false);
    private final StringProperty validationPath = new SimpleStringProperty("");
    private final StringProperty validationLabelsPath = new SimpleStringProperty("");
    private final ObjectProperty<LoadedData> loaded = new SimpleObjectProperty<>();
    private final ObjectProperty<DataSpec.TargetScaling> targetScaling = new SimpleObjectProperty<>(DataSpec.TargetScaling.NONE);
    private final ObjectProperty<SplitSummary> splitSummary = new SimpleObjectProperty<>();
    private final StringProperty splitText = new SimpleStringProperty("");
    private final IntegerProperty imageSize = new SimpleIntegerProperty(DatasetLoader.DEFAULT_IMAGE_SIZE);
    private final BooleanProperty grayscale = new SimpleBooleanProperty(true);

    private final DoubleProperty trainPercent = new SimpleDoubleProperty(70);
    private final DoubleProperty validationPercent = new SimpleDoubleProperty(15);
    private final DoubleProperty testPercent = new SimpleDoubleProperty(15);
    private final BooleanProperty stratified = new SimpleBooleanProperty(true);
    private final BooleanProperty shuffle = new SimpleBooleanProperty(true);
    private final IntegerProperty seed = new SimpleIntegerProperty(42);
    private final BooleanProperty useSubset = new SimpleBooleanProperty(false);
    private final IntegerProperty subsetSize = new SimpleIntegerProperty(1000);
    private final ObjectProperty<Preprocessing> preprocessing = new SimpleObjectProperty<>(Preprocessing.STANDARDIZE);

    private final IntegerProperty augShift = new SimpleIntegerProperty(0);
    private final BooleanProperty augFlip = new SimpleBooleanProperty(false);
    private final DoubleProperty augRotation = new SimpleDoubleProperty(0);
    private final DoubleProperty augNoise = new SimpleDoubleProperty(0);
    private final StringProperty augmentationError = new SimpleStringProperty("");

    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final DoubleProperty loadProgress = new SimpleDoubleProperty(-1);
    private final StringProperty loadDetail = new SimpleStringProperty("");
    private final ObservableList<String> loaderWarnings = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("No data loaded yet.");
    private final StringProperty symmetryHint = new SimpleStringProperty("");
    private final ObservableList<DataProfile.FeatureStats> featureStats = FXCollections.observableArrayList();
    private final ObservableList<DataProfile.Warning> warnings = FXCollections.observableArrayList();
    private final ObjectProperty<DataProfile.Recommendation> recommendation = new SimpleObjectProperty<>();
    private final StringProperty recommendationText = new SimpleStringProperty("");
    private final javafx.beans.binding.BooleanBinding canApplyRecommendation = javafx.beans.binding.Bindings.createBooleanBinding(
            () -> recommendation.get() != null && recommendation.get().mode() != preprocessing.get(), recommendation, preprocessing);
    private boolean syncing;
    private boolean applying;
    /** The data source controls as they were when the spec's data was last shown in them. */
    private com.fasterxml.jackson.databind.node.ObjectNode shown;

    public DataViewModel(WorkbenchModel model) {
        this.model = model;
        readFrom(model.spec());
        trainPercent.addListener((o, a, b) -> balance(true));
        validationPercent.addListener((o, a, b) -> balance(false));
        // every control edits exactly its own field of the current spec
        stratified.addListener((o, a, v) -> edit(s -> s.withSplit(s.split().withStratified(v))));
        shuffle.addListener((o, a, v) -> edit(s -> s.withSplit(s.split().withShuffle(v))));
        useSubset.addListener((o, a, v) -> edit(s -> s.withSplit(s.split().withSubset(v ? Math.max(2, subsetSize.get()) : null))));
        subsetSize.addListener((o, a, v) -> {
            if (useSubset.get()) {
                edit(s -> s.withSplit(s.split().withSubset(Math.max(2, v.intValue()))));
            }
        });
        seed.addListener((o, a, v) -> edit(s -> s.withSeed(v.longValue())));
        preprocessing.addListener((o, a, v) -> {
            if (v != null) {
                edit(s -> s.withPreprocessing(v));
            }
        });
        augShift.addListener((o, a, v) -> editAugmentation(aug -> aug.withShift(v.intValue())));
        augFlip.addListener((o, a, v) -> editAugmentation(aug -> aug.withFlip(v)));
        augRotation.addListener((o, a, v) -> editAugmentation(aug -> aug.withRotation(v.doubleValue())));
        augNoise.addListener((o, a, v) -> editAugmentation(aug -> aug.withNoise(v.doubleValue())));
        toyName.addListener((o, a, name) -> {
            if (name != null && !syncing) {
                toyNoise.set(ToyDatasets.defaultNoise(name));
                toyClasses.set(ToyDatasets.defaultClasses(name));
            }
        });
        model.specProperty().addListener((o, a, spec) -> {
            if (!applying) {
                if (a == null || !java.util.Objects.equals(a.data(), spec.data())) {
                    readSource(spec.data());
                }
                readSettings(spec);
            }
            if (a == null || !java.util.Objects.equals(a.split(), spec.split()) || !a.seed().equals(spec.seed())) {
                updateSplitSummary();
            }
        });
        targetScaling.addListener((o, a, v) -> applyTargetScaling());
        testFromFiles.addListener((o, a, on) -> fileSplitChanged(true, on));
        validationFromFiles.addListener((o, a, on) -> fileSplitChanged(false, on));
        for (javafx.beans.Observable p : new javafx.beans.Observable[] {choice, path, skipLines, header, delimiter, task,
                targetColumn, categoricalColumns}) {
            p.addListener(o -> refreshPreview());
        }
        model.profileProperty().addListener((o, a, p) -> showProfile(p));
        showProfile(model.profileProperty().get());
    }

    private void readFrom(ExperimentSpec spec) {
        readSource(spec.data());
        readSettings(spec);
    }

    /** Shows the data section of the spec being edited: source, files, CSV options, split files. */
    private void readSource(DataSpec d) {
        syncing = true;
        try {
            switch (d.source()) {
                case SAMPLE -> choice.set("iris".equalsIgnoreCase(d.name()) ? Choice.IRIS : Choice.MNIST);
                case TOY -> {
                    choice.set(Choice.TOY);
                    toyName.set(d.name());
                    if (d.samples() != null) {
                        toySamples.set(d.samples());
                    }
                    if (d.noise() != null) {
                        toyNoise.set(d.noise());
                    }
                    if (d.classes() != null) {
                        toyClasses.set(d.classes());
                    }
                }
                case CSV -> {
                    choice.set(Choice.CSV);
                    path.set(d.path());
                    targetColumn.set(d.targetColumn() == null ? "" : d.targetColumn());
                    skipLines.set(d.skipLines() == null ? 0 : d.skipLines());
                    header.set(HeaderChoice.of(d.header()));
                    delimiter.set(d.delimiter() == null ? DataSpec.Delimiter.AUTO : d.delimiter());
                    task.set(TaskChoice.of(d.task()));
                    categoricalColumns.setAll(d.categoricalColumns() == null ? java.util.List.of() : d.categoricalColumns());
                }
                case IDX -> {
                    choice.set(Choice.IDX);
                    path.set(d.path());
                    labelsPath.set(d.labelsPath() == null ? "" : d.labelsPath());
                }
                case IMAGES -> {
                    choice.set(Choice.IMAGES);
                    path.set(d.path());
                    imageSize.set(d.imageSize() == null ? DatasetLoader.DEFAULT_IMAGE_SIZE : d.imageSize());
                    grayscale.set(d.grayscale() == null || d.grayscale());
                }
            }
            classNamesPath.set(d.classNamesPath() == null ? "" : d.classNamesPath());
            targetScaling.set(d.targetScaling() == null ? DataSpec.TargetScaling.NONE : d.targetScaling());
            testFromFiles.set(d.test() != null);
            testPath.set(d.test() == null ? "" : d.test().path());
            testLabelsPath.set(d.test() == null || d.test().labelsPath() == null ? "" : d.test().labelsPath());
            validationFromFiles.set(d.validation() != null);
            validationPath.set(d.validation() == null ? "" : d.validation().path());
            validationLabelsPath.set(d.validation() == null || d.validation().labelsPath() == null ? ""
                    : d.validation().labelsPath());
        } finally {
            syncing = false;
        }
        shown = controlValues();
        refreshPreview();
    }

    /**
     * Shows the data source of the spec being edited (after a spec was opened or a run cloned):
     * the source controls otherwise keep what the user last chose until Load.
     */
    public void showSpecData() {
        readFrom(model.spec());
    }

    /** The data source controls as a JSON object in the spec's field names, for comparing and merging. */
    private com.fasterxml.jackson.databind.node.ObjectNode controlValues() {
        // a plain node: the spec's ObjectMapper (hundreds of classes to set up) is not needed before the window
        var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("choice", choice.get() == null ? "" : choice.get().name());
        n.put("name", choice.get() == Choice.TOY ? toyName.get() : null);
        n.put("samples", toySamples.get());
        n.put("noise", toyNoise.get());
        n.put("classes", toyClasses.get());
        n.put("path", blankToNull(path.get()));
        n.put("labelsPath", blankToNull(labelsPath.get()));
        n.put("targetColumn", blankToNull(targetColumn.get()));
        n.put("imageSize", imageSize.get());
        n.put("grayscale", grayscale.get());
        return n;
    }

    /**
     * Shows the split, seed, preprocessing and augmentation of {@code spec}. Called whenever the
     * shared spec changes (a spec file, a run's spec, a session), so the controls always show the
     * spec being edited; the data source fields wait for Load and are not touched here.
     */
    private void readSettings(ExperimentSpec spec) {
        syncing = true;
        try {
            SplitSpec s = spec.split();
            trainPercent.set(s.train());
            validationPercent.set(s.validation());
            testPercent.set(s.test());
            stratified.set(s.stratified());
            shuffle.set(s.shuffle());
            useSubset.set(s.subset() != null);
            if (s.subset() != null) {
                subsetSize.set(s.subset());
            }
            seed.set((int) (long) spec.seed());
            AugmentationSpec aug = spec.augmentation();
            augShift.set(aug.shift());
            augFlip.set(aug.flip());
            augRotation.set(aug.rotation());
            augNoise.set(aug.noise());
            preprocessing.set(spec.preprocessing());
        } finally {
            syncing = false;
        }
    }

    /** Keeps train + validation + test = 100: the slider just moved wins, test takes the rest. */
    private void balance(boolean trainMoved) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            double train = Math.max(5, Math.min(100, Math.round(trainPercent.get())));
            double validation = validationFromFiles.get() ? 0 : Math.max(0, Math.round(validationPercent.get()));
            if (train + validation > 100) {
                if (trainMoved) {
                    validation = 100 - train;
                } else {
                    train = 100 - validation;
                }
            }
            if (testFromFiles.get()) {
                // the test split has its own files: train and validation share data.path
                if (validationFromFiles.get()) {
                    train = 100;
                } else if (trainMoved) {
                    validation = 100 - train;
                } else {
                    train = 100 - validation;
                }
            }
            trainPercent.set(train);
            validationPercent.set(validation);
            testPercent.set(100 - train - validation);
        } finally {
            syncing = false;
        }
        applySplit();
    }

    /** Writes the split percentages into the shared spec (they change together: they add up to 100). */
    public void applySplit() {
        double train = trainPercent.get();
        double validation = validationPercent.get();
        double test = testPercent.get();
        edit(s -> s.split().train() == train && s.split().validation() == validation && s.split().test() == test ? s
                : s.withSplit(s.split().withPercentages(train, validation, test)));
    }

    /** Applies one setting's change to the current spec (nothing else in it changes). */
    private void edit(java.util.function.UnaryOperator<ExperimentSpec> change) {
        if (syncing) {
            return;
        }
        applying = true;
        try {
            model.updateSpec(change);
        } finally {
            applying = false;
        }
    }

    /**
     * "Test data: from file(s)" (or validation data) switched on or off. On: that split's share goes
     * to training, since the percentages now divide data.path alone. Off: the split's files leave the
     * spec at once (a share next to its own files is refused) and it gets 15% back from training.
     */
    private void fileSplitChanged(boolean test, boolean on) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            DoubleProperty share = test ? testPercent : validationPercent;
            double train = trainPercent.get();
            if (on) {
                train += share.get();
                share.set(0);
            } else {
                double back = Math.min(15, train - 5);
                train -= back;
                share.set(back);
            }
            trainPercent.set(train);
            if (test) {
                testPercent.set(100 - train - validationPercent.get());
            } else {
                validationPercent.set(100 - train - testPercent.get());
            }
        } finally {
            syncing = false;
        }
        SplitSpec split = new SplitSpec(trainPercent.get(), validationPercent.get(), testPercent.get(),
                stratified.get(), shuffle.get(), useSubset.get() ? Math.max(2, subsetSize.get()) : null);
        applying = true;
        try {
            model.updateSpec(s -> {
                DataSpec d = s.data();
                if (!on) {
                    d = test ? d.withTest(null) : d.withValidation(null);
                }
                // files removed first, share set second: each step is a valid spec
                return s.withData(d).withSplit(split);
            });
        } finally {
            applying = false;
        }
    }

    /**
     * The loss follows the task where it cannot fit: cross-entropy needs classes, so regression data
     * gets L2 (and a note says so); classification data loaded after regression data gets
     * cross-entropy back. A loss chosen in a spec file that fits the task is kept.
     */
    private void followTask(Dataset d) {
        dev.trainbench.spec.TrainingSpec t = model.spec().training();
        Dataset before = model.dataset();
        dev.trainbench.spec.TrainingSpec.Loss wanted = null;
        if (!d.isClassification() && t.loss() == dev.trainbench.spec.TrainingSpec.Loss.CROSS_ENTROPY) {
            wanted = dev.trainbench.spec.TrainingSpec.Loss.L2;
            loaderWarnings.add("The target is numeric (regression), so the loss is now L2 (DJL's L2 loss is \u00bd\u00b7MSE);"
                    + " cross-entropy needs classes.");
        } else if (d.isClassification() && t.loss() != dev.trainbench.spec.TrainingSpec.Loss.CROSS_ENTROPY
                && before != null && !before.isClassification()) {
            wanted = dev.trainbench.spec.TrainingSpec.Loss.CROSS_ENTROPY;
        }
        if (wanted != null) {
            dev.trainbench.spec.TrainingSpec.Loss loss = wanted;
            model.updateSpec(s -> s.withTraining(s.training().withLoss(loss)));
        }
    }

    /** Writes the target scaling into the spec's data section at once, like the input preprocessing. */
    private void applyTargetScaling() {
        if (syncing) {
            return;
        }
        applying = true;
        try {
            model.updateSpec(s -> s.withData(s.data().withTargetScaling(targetScaling.get())));
        } finally {
            applying = false;
        }
    }

    /** Writes one augmentation setting into the spec; an invalid value leaves it unchanged and says why. */
    private void editAugmentation(java.util.function.UnaryOperator<AugmentationSpec> change) {
        if (syncing) {
            return;
        }
        try {
            edit(s -> s.withAugmentation(change.apply(s.augmentation())));
            augmentationError.set("");
        } catch (SpecException e) {
            augmentationError.set(e.getMessage());
        }
    }

    /** The augmentation preview for the loaded data and the spec's settings (empty for tables). */
    public java.util.List<AugmentationPreview.Row> augmentationPreview(int samples, int versions) {
        ExperimentSpec s = model.spec();
        return AugmentationPreview.build(model.dataset(), model.profileProperty().get(), s.preprocessing(), s.augmentation(),
                samples, versions, s.seed());
    }

    /**
     * The data section the current choices describe: the spec's own data section edited with the
     * choices (so fields this screen does not show survive), or a new one when the source changed.
     * A source control the user did not touch leaves its field as the spec had it (a default left
     * implicit stays implicit).
     */
    public DataSpec dataSpec() {
        DataSpec edited = editedDataSpec();
        DataSpec current = model.spec().data();
        if (shown == null || current.source() != edited.source()
                || (edited.source() == DataSpec.Source.SAMPLE && !java.util.Objects.equals(edited.name(), current.name()))) {
            return edited;
        }
        var mapper = dev.trainbench.spec.SpecJson.mapper();
        com.fasterxml.jackson.databind.node.ObjectNode merged = mapper.valueToTree(edited);
        com.fasterxml.jackson.databind.node.ObjectNode currentTree = mapper.valueToTree(current);
        com.fasterxml.jackson.databind.node.ObjectNode now = controlValues();
        java.util.List<String> owned = switch (edited.source()) {
            case SAMPLE -> java.util.List.of();
            case TOY -> java.util.List.of("name", "samples", "noise", "classes");
            case CSV -> java.util.List.of("path", "targetColumn");
            case IDX -> java.util.List.of("path", "labelsPath");
            case IMAGES -> java.util.List.of("path", "imageSize", "grayscale");
        };
        for (String field : owned) {
            if (now.path(field).equals(shown.path(field))) {
                if (currentTree.hasNonNull(field)) {
                    merged.set(field, currentTree.get(field));
                } else {
                    merged.remove(field);
                }
            }
        }
        try {
            return mapper.treeToValue(merged, DataSpec.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return edited;
        }
    }

    /**
     * The data section the choices describe, every field as the controls show it.
     */
    private DataSpec editedDataSpec() {
        DataSpec base = model.spec().data();
        Choice c = choice.get();
        DataSpec d = switch (c) {
            case MNIST, IRIS -> {
                String name = c == Choice.MNIST ? "mnist" : "iris";
                yield base.source() == DataSpec.Source.SAMPLE && name.equalsIgnoreCase(base.name())
                        ? base.withTest(null).withValidation(null) : DataSpec.sample(name);
            }
            case TOY -> (base.source() == DataSpec.Source.TOY ? base.withTest(null).withValidation(null)
                    : DataSpec.toy(toyName.get())).withName(toyName.get()).withSamples(toySamples.get())
                    .withNoise(toyNoise.get())
                    .withClasses(toyClasses.get() == ToyDatasets.defaultClasses(toyName.get()) ? null : toyClasses.get());
            case CSV -> start(base, DataSpec.Source.CSV).withTargetColumn(blankToNull(targetColumn.get()))
                    .withSkipLines(skipLines.get()).withHeader(header.get().value()).withDelimiter(delimiter.get())
                    .withTask(task.get().value()).withCategoricalColumns(java.util.List.copyOf(categoricalColumns));
            case IDX -> start(base, DataSpec.Source.IDX).withLabelsPath(blankToNull(labelsPath.get()));
            case IMAGES -> start(base, DataSpec.Source.IMAGES).withImageSize(imageSize.get()).withGrayscale(grayscale.get());
        };
        if (c == Choice.CSV || c == Choice.IDX) {
            String names = blankToNull(classNamesPath.get());
            d = names != null ? d.withClassNames(null).withClassNamesPath(names) : d.withClassNamesPath(null);
        }
        d = d.withTargetScaling(targetScaling.get());
        if (c == Choice.CSV || c == Choice.IDX || c == Choice.IMAGES) {
            d = d.withValidation(validationFromFiles.get()
                    ? splitFiles(base.validation(), validationPath.get(), validationLabelsPath.get(), "validation") : null)
                    .withTest(testFromFiles.get() ? splitFiles(base.test(), testPath.get(), testLabelsPath.get(), "test") : null);
        }
        return d;
    }

    /** The spec's section when it has this source (edited), else a new one; with the path chosen here. */
    private DataSpec start(DataSpec base, DataSpec.Source source) {
        String p = blankToNull(path.get());
        if (p == null) {
            throw new SpecException("choose the " + (source == DataSpec.Source.IMAGES ? "image folder" : "data file")
                    + " first (Path, or Browse...)");
        }
        if (base.source() == source) {
            return base.withPath(p);
        }
        return switch (source) {
            case CSV -> DataSpec.csv(p, null);
            case IDX -> DataSpec.idx(p, null);
            default -> DataSpec.images(p, null, null);
        };
    }

    /** A validation or test section: the spec's own, edited, or a new one that takes the rest from data. */
    private static DataSpec splitFiles(DataSpec own, String path, String labels, String role) {
        String p = blankToNull(path);
        if (p == null) {
            throw new SpecException("choose the " + role + " file(s) first, or set " + role + " data to \"split from"
                    + " training data\"");
        }
        return own == null ? DataSpec.files(p, blankToNull(labels)) : own.withPath(p).withLabelsPath(blankToNull(labels));
    }

    /**
     * Reads the first rows of the chosen CSV with the current options in the background; the
     * result lands in {@link #csvPreviewProperty()} unless newer options were chosen meanwhile.
     */
    public void refreshPreview() {
        if (syncing || choice.get() != Choice.CSV || blankToNull(path.get()) == null) {
            if (choice.get() != Choice.CSV) {
                csvPreview.set(null);
            }
            return;
        }
        long generation = ++previewGeneration;
        java.nio.file.Path file;
        CsvLoader.Options options;
        try {
            file = resolve(model.baseDir(), path.get().strip());
            options = new CsvLoader.Options(blankToNull(targetColumn.get()), header.get().value(), skipLines.get(),
                    delimiter.get(), task.get().value(), java.util.List.copyOf(categoricalColumns));
        } catch (RuntimeException e) {
            previewStatus.set(e.getMessage());
            return;
        }
        previewStatus.set("Reading " + file.getFileName() + "...");
        model.tasks().run("Previewing " + file.getFileName(), () -> CsvLoader.preview(file, options, PREVIEW_ROWS), p -> {
            if (generation != previewGeneration) {
                return; // options changed while this one was read
            }
            csvPreview.set(p);
            if (p.layout() != null || !p.columns().isEmpty() && p.error() == null) {
                columns.setAll(p.columns());
            }
            taskGuess.set(p.layout() == null ? null : p.layout().detectedTask());
            previewStatus.set(previewText(p, file.getFileName().toString()));
        }, error -> {
            if (generation == previewGeneration) {
                previewStatus.set(error.getMessage());
            }
        });
    }

    private static String previewText(CsvLoader.Preview p, String name) {
        if (p.error() != null) {
            return p.error();
        }
        CsvLoader.Layout l = p.layout();
        String delim = switch (l.delimiter()) {
            case '\t' -> "tab";
            case ' ' -> "whitespace";
            default -> "'" + l.delimiter() + "'";
        };
        return String.format(Locale.ROOT, "First %d of %,d rows of %s as they will be read: delimiter %s, %s, target %s (%s%s).",
                p.rows().size(), p.dataRows(), name, delim,
                l.hasHeader() ? "header row" + (l.headerDetected() ? " (detected)" : "") : "no header" + (l.headerDetected() ? " (detected)" : ""),
                l.columns().get(l.targetIndex()), l.classification() ? "classification" : "regression",
                l.classification() && l.classLabels() != null ? ", " + l.classLabels().size() + " classes" : "");
    }

    /** Recounts the splits of the loaded data for the current split settings (in the background). */
    private void updateSplitSummary() {
        LoadedData l = loaded.get();
        if (l == null) {
            splitSummary.set(null);
            splitText.set("");
            return;
        }
        ExperimentSpec s = model.spec();
        model.tasks().run("Counting splits", () -> SplitSummary.of(l, s.split(), s.seed()), summary -> {
            if (loaded.get() == l) {
                splitSummary.set(summary);
                splitText.set(summaryLine(summary));
            }
        }, error -> {
            splitSummary.set(null);
            splitText.set("Cannot split: " + error.getMessage());
        });
    }

    private static String summaryLine(SplitSummary s) {
        StringBuilder b = new StringBuilder();
        for (SplitSummary.Part p : s.parts()) {
            b.append(b.isEmpty() ? "" : "  \u00b7  ").append(String.format(Locale.ROOT, "%s %,d (%s)", p.split(), p.samples(), p.source()));
        }
        return b.toString();
    }

    /** Loads and profiles the chosen data in the background, then makes it the spec's data. */
    public void load() {
        DataSpec spec;
        try {
            spec = dataSpec();
            SplitSpec.requireFitsFiles(model.spec().split(), spec.validation() != null, spec.test() != null);
        } catch (RuntimeException e) {
            model.errors().report("Loading data", e);
            return;
        }
        loading.set(true);
        summary.set("Loading " + spec.label() + "...");
        long seedValue = seed.get();
        loadProgress.set(-1);
        loadDetail.set("");
        loaderWarnings.clear();
        java.util.concurrent.atomic.AtomicLong lastShown = new java.util.concurrent.atomic.AtomicLong(-1);
        model.tasks().run("Loading " + spec.label(), () -> {
            java.util.List<String> skipped = new java.util.concurrent.CopyOnWriteArrayList<>();
            Dataset d;
            LoadedData all = null;
            if (spec.source() == DataSpec.Source.IMAGES && spec.test() == null && spec.validation() == null) {
                // straight to the image loader for its progress callback (files decoded so far)
                ImageFolderLoader.Result r = ImageFolderLoader.load(resolve(model.baseDir(), spec.path()),
                        spec.imageSize() == null ? DatasetLoader.DEFAULT_IMAGE_SIZE : spec.imageSize(),
                        spec.grayscale() == null || spec.grayscale(), (done, total) -> {
                            long permille = total <= 0 ? 0 : done * 1000 / total;
                            if (lastShown.getAndSet(permille) != permille) {
                                onFx(() -> {
                                    loadProgress.set(total <= 0 ? -1 : (double) done / total);
                                    loadDetail.set(String.format(Locale.ROOT, "%,d of %,d files", done, total));
                                });
                            }
                        });
                skipped.addAll(r.warnings());
                d = r.dataset();
            } else {
                all = DatasetLoader.loadAll(spec, model.baseDir(), seedValue, skipped::add);
                d = all.data();
            }
            if (all == null) {
                all = new LoadedData(d, null, null, java.util.Map.of("data", DatasetLoader.files(spec, model.baseDir(), seedValue)));
            }
            onFx(() -> {
                loadProgress.set(-1);
                loadDetail.set("Profiling...");
            });
            return new Loaded(spec, d, DataProfile.of(d), java.util.List.copyOf(skipped), all);
        }, loaded -> {
            loading.set(false);
            loadDetail.set("");
            loaderWarnings.setAll(loaded.skipped());
            model.updateSpec(s -> s.withData(loaded.spec()));
            shown = controlValues();
            if (!loaded.dataset().isImage()) {
                // augmentation is for images only: the trainer refuses it for tables
                augShift.set(0);
                augFlip.set(false);
                augRotation.set(0);
                augNoise.set(0);
            }
            this.loaded.set(loaded.all());
            followTask(loaded.dataset());
            model.datasetProperty().set(loaded.dataset());
            model.profileProperty().set(loaded.profile());
            // The profile of the same data loaded again equals the last one, and a property does not
            // report a value equal to the one it holds: show it here, or the header keeps "Loading...".
            showProfile(loaded.profile());
            updateSplitSummary();
        }, error -> {
            loading.set(false);
            loadDetail.set("");
            summary.set("Could not load " + spec.label() + ".");
            model.errors().report("Loading data", error);
        });
    }

    /** Runs on the UI thread when there is one (tests without a toolkit run it in place). */
    private static void onFx(Runnable r) {
        try {
            if (javafx.application.Platform.isFxApplicationThread()) {
                r.run();
            } else {
                javafx.application.Platform.runLater(r);
            }
        } catch (IllegalStateException noToolkit) {
            r.run();
        }
    }

    private static java.nio.file.Path resolve(java.nio.file.Path baseDir, String path) {
        java.nio.file.Path p;
        try {
            p = java.nio.file.Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            throw new dev.trainbench.data.DataException("'" + path + "' is not a valid path (" + e.getReason() + "). Fix: correct the path.");
        }
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
    }

    private record Loaded(DataSpec spec, Dataset dataset, DataProfile profile, java.util.List<String> skipped, LoadedData all) {
    }

    private void showProfile(DataProfile p) {
        if (p == null) {
            featureStats.clear();
            warnings.clear();
            recommendation.set(null);
            recommendationText.set("");
            return;
        }
        summary.set(String.format(Locale.ROOT, "%s: %,d samples, shape %s, %s", p.name(), p.rows(),
                java.util.Arrays.toString(p.sampleShape()),
                p.classNames() == null || p.classNames().isEmpty() ? "regression"
                        : p.classNames().size() + " classes" + (p.imbalanceRatio() > 1.5
                        ? String.format(Locale.ROOT, " (imbalance %.1f:1)", p.imbalanceRatio()) : "")));
        featureStats.setAll(p.featureStats());
        warnings.setAll(p.warnings());
        symmetryHint.set(p.symmetryHint());
        DataProfile.Recommendation r = p.recommendedPreprocessing();
        recommendation.set(r);
        recommendationText.set(r == null ? "" : "Recommended preprocessing: " + dev.trainbench.ui.EnumNames.label(r.mode())
                + " \u2014 " + r.reason());
    }

    /** Sets the preprocessing to the recommended mode (written into the spec); false when there is none or it is already chosen. */
    public boolean applyRecommendation() {
        DataProfile.Recommendation r = recommendation.get();
        if (r == null || r.mode() == preprocessing.get()) {
            return false;
        }
        preprocessing.set(r.mode());
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** True when the loaded data is a 2-D set that can be drawn as a scatter plot. */
    public boolean isTwoDimensional() {
        Dataset d = model.dataset();
        return d != null && !d.isImage() && d.sampleSize() == 2;
    }

    public WorkbenchModel workbench() {
        return model;
    }

    public ObjectProperty<Choice> choiceProperty() {
        return choice;
    }

    public StringProperty toyNameProperty() {
        return toyName;
    }

    public IntegerProperty toySamplesProperty() {
        return toySamples;
    }

    public DoubleProperty toyNoiseProperty() {
        return toyNoise;
    }

    public IntegerProperty toyClassesProperty() {
        return toyClasses;
    }

    public StringProperty pathProperty() {
        return path;
    }

    public StringProperty labelsPathProperty() {
        return labelsPath;
    }

    public StringProperty targetColumnProperty() {
        return targetColumn;
    }

    /** Regression targets: none or standardize (fitted on the training split; metrics stay in the target's units). */
    public ObjectProperty<DataSpec.TargetScaling> targetScalingProperty() {
        return targetScaling;
    }

    /** CSV: lines to skip before the header (a preamble). */
    public IntegerProperty skipLinesProperty() {
        return skipLines;
    }

    public ObjectProperty<HeaderChoice> headerProperty() {
        return header;
    }

    public ObjectProperty<DataSpec.Delimiter> delimiterProperty() {
        return delimiter;
    }

    public ObjectProperty<TaskChoice> taskProperty() {
        return task;
    }

    /** CSV: feature columns to one-hot encode although they hold numbers. */
    public ObservableList<String> categoricalColumns() {
        return categoricalColumns;
    }

    /** A names file for numbered classes (IDX labels, integer CSV targets); empty for none. */
    public StringProperty classNamesPathProperty() {
        return classNamesPath;
    }

    /** The CSV's columns as parsed with the current options (for the target and categorical pickers). */
    public ObservableList<String> columns() {
        return columns;
    }

    /** The first rows of the CSV as they will be parsed; null before a CSV is chosen. */
    public ObjectProperty<CsvLoader.Preview> csvPreviewProperty() {
        return csvPreview;
    }

    /** What the preview shows (delimiter, header, target, task), or why the file cannot be read. */
    public StringProperty previewStatusProperty() {
        return previewStatus;
    }

    /** The task detection would choose for the CSV, whatever the task option says; null before a preview. */
    public ObjectProperty<DataSpec.Task> taskGuessProperty() {
        return taskGuess;
    }

    /** "Test data: from file(s)" rather than a share of the training data. */
    public BooleanProperty testFromFilesProperty() {
        return testFromFiles;
    }

    public StringProperty testPathProperty() {
        return testPath;
    }

    public StringProperty testLabelsPathProperty() {
        return testLabelsPath;
    }

    public BooleanProperty validationFromFilesProperty() {
        return validationFromFiles;
    }

    public StringProperty validationPathProperty() {
        return validationPath;
    }

    public StringProperty validationLabelsPathProperty() {
        return validationLabelsPath;
    }

    /** Each split's size, source and class counts for the loaded data and the current split settings. */
    public ObjectProperty<SplitSummary> splitSummaryProperty() {
        return splitSummary;
    }

    /** One line: "train 51,000 (85% of ...) · validation 9,000 (15% of ...) · test 10,000 (t10k-...)". */
    public StringProperty splitTextProperty() {
        return splitText;
    }

    public IntegerProperty imageSizeProperty() {
        return imageSize;
    }

    public BooleanProperty grayscaleProperty() {
        return grayscale;
    }

    public DoubleProperty trainPercentProperty() {
        return trainPercent;
    }

    public DoubleProperty validationPercentProperty() {
        return validationPercent;
    }

    public DoubleProperty testPercentProperty() {
        return testPercent;
    }

    public BooleanProperty stratifiedProperty() {
        return stratified;
    }

    public BooleanProperty shuffleProperty() {
        return shuffle;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public BooleanProperty useSubsetProperty() {
        return useSubset;
    }

    public IntegerProperty subsetSizeProperty() {
        return subsetSize;
    }

    /**
     * What a warning's fix says now: a fix that is already in use (the scale warnings while the
     * inputs or targets are standardized) says so instead of asking for it again; the profile's
     * statistics are of the data as read, before the scaling training applies.
     */
    public String fixText(DataProfile.Warning w) {
        boolean inputsScaled = preprocessing.get() == Preprocessing.STANDARDIZE
                || (preprocessing.get() == Preprocessing.MINMAX && "unscaled-inputs".equals(w.code()));
        if (("unscaled-inputs".equals(w.code()) || "scale-mismatch".equals(w.code())) && inputsScaled) {
            return "Already handled: preprocessing " + dev.trainbench.ui.EnumNames.label(preprocessing.get())
                    + " is in use, so training sees scaled inputs (the numbers above are of the file as read).";
        }
        if ("unscaled-targets".equals(w.code()) && targetScalingProperty().get() == DataSpec.TargetScaling.STANDARDIZE) {
            return "Already handled: Targets: standardize is in use, so training sees scaled targets"
                    + " (RMSE, MAE and R\u00b2 are reported in the target's units).";
        }
        return "Fix: " + dev.trainbench.ui.GuiWords.of(w.fix());
    }

    /** True when the warning's fix is already in use (shown quietly). */
    public boolean fixInUse(DataProfile.Warning w) {
        return fixText(w).startsWith("Already handled");
    }

    public ObjectProperty<Preprocessing> preprocessingProperty() {
        return preprocessing;
    }

    public IntegerProperty augShiftProperty() {
        return augShift;
    }

    public BooleanProperty augFlipProperty() {
        return augFlip;
    }

    public DoubleProperty augRotationProperty() {
        return augRotation;
    }

    public DoubleProperty augNoiseProperty() {
        return augNoise;
    }

    public StringProperty augmentationErrorProperty() {
        return augmentationError;
    }

    /** Fraction of image files decoded while an image folder loads; -1 when unknown. */
    public DoubleProperty loadProgressProperty() {
        return loadProgress;
    }

    /** "1,234 of 5,000 files" while an image folder loads. */
    public StringProperty loadDetailProperty() {
        return loadDetail;
    }

    /** What the loader skipped (non-image or unreadable files), one line each. */
    public ObservableList<String> loaderWarnings() {
        return loaderWarnings;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty symmetryHintProperty() {
        return symmetryHint;
    }

    public ObservableList<DataProfile.FeatureStats> featureStats() {
        return featureStats;
    }

    public ObservableList<DataProfile.Warning> warnings() {
        return warnings;
    }

    /** The preprocessing the loaded data's profile recommends, with its reason; null before data is loaded. */
    public ObjectProperty<DataProfile.Recommendation> recommendationProperty() {
        return recommendation;
    }

    /** "Recommended preprocessing: standardize — reason"; empty before data is loaded. */
    public StringProperty recommendationTextProperty() {
        return recommendationText;
    }

    /** True when there is a recommendation and the current preprocessing differs from it. */
    public javafx.beans.binding.BooleanBinding canApplyRecommendationProperty() {
        return canApplyRecommendation;
    }
}
