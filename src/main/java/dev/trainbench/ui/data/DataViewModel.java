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

    public DataViewModel(WorkbenchModel model) {
        this.model = model;
        readFrom(model.spec());
        trainPercent.addListener((o, a, b) -> balance(true));
        validationPercent.addListener((o, a, b) -> balance(false));
        for (javafx.beans.Observable p : new javafx.beans.Observable[] {stratified, shuffle, seed, useSubset, subsetSize, preprocessing}) {
            p.addListener(o -> applySplit());
        }
        for (javafx.beans.Observable p : new javafx.beans.Observable[] {augShift, augFlip, augRotation, augNoise}) {
            p.addListener(o -> applyAugmentation());
        }
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
                }
            }
        } finally {
            syncing = false;
        }
        readSettings(spec);
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

    /** Writes the split, seed and preprocessing settings into the shared spec. */
    public void applySplit() {
        if (syncing) {
            return;
        }
        SplitSpec split = new SplitSpec(trainPercent.get(), validationPercent.get(), testPercent.get(),
                stratified.get(), shuffle.get(), useSubset.get() ? Math.max(2, subsetSize.get()) : null);
        applying = true;
        try {
            model.updateSpec(s -> s.withSplit(split).withSeed(seed.get()).withPreprocessing(preprocessing.get()));
        } finally {
            applying = false;
        }
    }

    /** Writes the augmentation settings into the spec; an invalid value leaves it unchanged and says why. */
    public void applyAugmentation() {
        if (syncing) {
            return;
        }
        try {
            AugmentationSpec aug = new AugmentationSpec(augShift.get(), augFlip.get(), augRotation.get(), augNoise.get());
            applying = true;
            try {
                model.updateSpec(s -> s.withAugmentation(aug));
            } finally {
                applying = false;
            }
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

    /** The data section the current choices describe. */
    public DataSpec dataSpec() {
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
            if (!loaded.dataset().isImage()) {
                // augmentation is for images only: the trainer refuses it for tables
                augShift.set(0);
                augFlip.set(false);
                augRotation.set(0);
                augNoise.set(0);
            }
            model.datasetProperty().set(loaded.dataset());
            model.profileProperty().set(loaded.profile());
            // The profile of the same data loaded again equals the last one, and a property does not
            // report a value equal to the one it holds: show it here, or the header keeps "Loading...".
            showProfile(loaded.profile());
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
