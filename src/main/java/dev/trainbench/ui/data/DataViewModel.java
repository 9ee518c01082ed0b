package dev.trainbench.ui.data;

import dev.trainbench.data.DataProfile;
import dev.trainbench.data.Dataset;
import dev.trainbench.data.DatasetLoader;
import dev.trainbench.data.ImageFolderLoader;
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

    private final WorkbenchModel model;
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(Choice.MNIST);
    private final StringProperty toyName = new SimpleStringProperty("spiral");
    private final IntegerProperty toySamples = new SimpleIntegerProperty(ToyDatasets.DEFAULT_SAMPLES);
    private final DoubleProperty toyNoise = new SimpleDoubleProperty(ToyDatasets.defaultNoise("spiral"));
    private final IntegerProperty toyClasses = new SimpleIntegerProperty(ToyDatasets.defaultClasses("spiral"));
    private final StringProperty path = new SimpleStringProperty("");
    private final StringProperty labelsPath = new SimpleStringProperty("");
    private final StringProperty targetColumn = new SimpleStringProperty("");
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
                readSettings(spec);
            }
        });
        model.profileProperty().addListener((o, a, p) -> showProfile(p));
        showProfile(model.profileProperty().get());
    }

    private void readFrom(ExperimentSpec spec) {
        syncing = true;
        try {
            DataSpec d = spec.data();
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
        } finally {
            syncing = false;
        }
        shown = controlValues();
        readSettings(spec);
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
        var n = dev.trainbench.spec.SpecJson.mapper().createObjectNode();
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
            double validation = Math.max(0, Math.round(validationPercent.get()));
            if (train + validation > 100) {
                if (trainMoved) {
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
     * The data section the current choices describe. When the source is the spec's own, only the
     * fields whose controls the user changed are written into the spec's data section; everything
     * else in it (fields the screen does not show, a default left implicit) is kept as it was.
     */
    public DataSpec dataSpec() {
        DataSpec fresh = freshDataSpec();
        DataSpec current = model.spec().data();
        if (shown == null || current.source() != fresh.source()
                || (fresh.source() == DataSpec.Source.SAMPLE && !fresh.name().equals(current.name()))) {
            return fresh;
        }
        var mapper = dev.trainbench.spec.SpecJson.mapper();
        com.fasterxml.jackson.databind.node.ObjectNode merged = mapper.valueToTree(current);
        com.fasterxml.jackson.databind.node.ObjectNode now = controlValues();
        com.fasterxml.jackson.databind.node.ObjectNode freshTree = mapper.valueToTree(fresh);
        java.util.List<String> owned = switch (fresh.source()) {
            case SAMPLE -> java.util.List.of();
            case TOY -> java.util.List.of("name", "samples", "noise", "classes");
            case CSV -> java.util.List.of("path", "targetColumn");
            case IDX -> java.util.List.of("path", "labelsPath");
            case IMAGES -> java.util.List.of("path", "imageSize", "grayscale");
        };
        for (String field : owned) {
            if (!now.path(field).equals(shown.path(field))) {
                if (freshTree.hasNonNull(field)) {
                    merged.set(field, freshTree.get(field));
                } else {
                    merged.remove(field);
                }
            }
        }
        try {
            return mapper.treeToValue(merged, DataSpec.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return fresh;
        }
    }

    private DataSpec freshDataSpec() {
        return switch (choice.get()) {
            case MNIST -> DataSpec.sample("mnist");
            case IRIS -> DataSpec.sample("iris");
            case TOY -> DataSpec.toy(toyName.get(), toySamples.get(), toyNoise.get(),
                    toyClasses.get() == ToyDatasets.defaultClasses(toyName.get()) ? null : toyClasses.get());
            case CSV -> DataSpec.csv(blankToNull(path.get()), blankToNull(targetColumn.get()));
            case IDX -> DataSpec.idx(blankToNull(path.get()), blankToNull(labelsPath.get()));
            case IMAGES -> DataSpec.images(blankToNull(path.get()), imageSize.get(), grayscale.get());
        };
    }

    /** Loads and profiles the chosen data in the background, then makes it the spec's data. */
    public void load() {
        DataSpec spec;
        try {
            spec = dataSpec();
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
            if (spec.source() == DataSpec.Source.IMAGES) {
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
                d = DatasetLoader.load(spec, model.baseDir(), seedValue, skipped::add);
            }
            onFx(() -> {
                loadProgress.set(-1);
                loadDetail.set("Profiling...");
            });
            return new Loaded(spec, d, DataProfile.of(d), java.util.List.copyOf(skipped));
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
            model.datasetProperty().set(loaded.dataset());
            model.profileProperty().set(loaded.profile());
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

    private record Loaded(DataSpec spec, Dataset dataset, DataProfile profile, java.util.List<String> skipped) {
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
