package dev.trainbench.data;

import dev.trainbench.spec.DataSpec;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Loads the data a {@link DataSpec} names: a shipped sample, a toy set, or a user's file or folder. */
public final class DatasetLoader {

    public static final List<String> SAMPLES = List.of("mnist", "iris");
    /** Image size used for image folders when data.imageSize is left out. */
    public static final int DEFAULT_IMAGE_SIZE = 28;

    private DatasetLoader() {
    }

    /**
     * Loads the data; relative paths resolve against {@code baseDir}; {@code seed} drives toy sets.
     * Samples: "mnist" (10,000 images [1,28,28], raw pixels 0..255, classes "0".."9") and "iris"
     * (150 rows, 4 features, classes setosa, versicolor, virginica).
     */
    public static Dataset load(DataSpec spec, Path baseDir, long seed) {
        return load(spec, baseDir, seed, w -> { });
    }

    /**
     * As {@link #load(DataSpec, Path, long)}, handing loader warnings (skipped files, a header that
     * looks like data) to {@code warnings}. Only {@code data.path}: see {@link #loadAll} for the
     * validation and test files.
     */
    public static Dataset load(DataSpec spec, Path baseDir, long seed, Consumer<String> warnings) {
        return loadOne(spec, baseDir, seed, warnings, null, "data").dataset;
    }

    /**
     * Loads {@code data.path} and, where the spec gives them, the validation and test files, each
     * checked against the training data: the same sample shape, the same task, and (for classes)
     * no class the training data lacks; their labels are renumbered to the training data's classes.
     * Bad input is a {@link DataException} naming the file and the fix.
     */
    public static LoadedData loadAll(DataSpec spec, Path baseDir, long seed, Consumer<String> warnings) {
        One main = loadOne(spec, baseDir, seed, warnings, null, "data");
        Dataset validation = null;
        Dataset test = null;
        DataSpec v = spec.resolvedValidation();
        if (v != null) {
            validation = loadSplit(v, main, baseDir, seed, warnings, "validation");
        }
        DataSpec t = spec.resolvedTest();
        if (t != null) {
            test = loadSplit(t, main, baseDir, seed, warnings, "test");
        }
        Map<String, List<String>> files = new LinkedHashMap<>();
        files.put("data", files(spec, baseDir, seed));
        if (v != null) {
            files.put("validation", files(v, baseDir, seed));
        }
        if (t != null) {
            files.put("test", files(t, baseDir, seed));
        }
        return new LoadedData(main.dataset, validation, test, files);
    }

    private static Dataset loadSplit(DataSpec s, One main, Path baseDir, long seed, Consumer<String> warnings, String role) {
        One other = loadOne(s, baseDir, seed, warnings, main.source == DataSpec.Source.CSV && s.source() == DataSpec.Source.CSV
                ? main.layout : null, role);
        return align(main.dataset, other.dataset, role, String.join(" + ", s.ownPaths()), warnings);
    }

    /** A loaded section, with the CSV layout when it is a CSV file. */
    private record One(Dataset dataset, CsvLoader.Layout layout, DataSpec.Source source) {
    }

    private static One loadOne(DataSpec spec, Path baseDir, long seed, Consumer<String> warnings, CsvLoader.Layout like,
                               String role) {
        CsvLoader.Layout layout = null;
        Dataset d = switch (spec.source()) {
            case SAMPLE -> sample(spec.name());
            case TOY -> {
                String name = spec.name();
                yield ToyDatasets.generate(name,
                        spec.samples() == null ? ToyDatasets.DEFAULT_SAMPLES : spec.samples(),
                        spec.noise() == null ? ToyDatasets.defaultNoise(name) : spec.noise(),
                        spec.classes() == null ? ToyDatasets.defaultClasses(name) : spec.classes(),
                        seed);
            }
            case CSV -> {
                Path file = resolve(baseDir, spec.path());
                CsvLoader.Options options = CsvLoader.Options.of(spec);
                CsvLoader.Parsed p = like == null ? CsvLoader.load(file, options, warnings)
                        : CsvLoader.loadLike(file, options, like, warnings);
                layout = p.layout();
                yield p.dataset();
            }
            case IDX -> IdxLoader.load(resolve(baseDir, spec.path()),
                    spec.labelsPath() == null ? null : resolve(baseDir, spec.labelsPath()));
            case IMAGES -> {
                ImageFolderLoader.Result r = ImageFolderLoader.load(resolve(baseDir, spec.path()),
                        spec.imageSize() == null ? DEFAULT_IMAGE_SIZE : spec.imageSize(),
                        spec.grayscale() == null || spec.grayscale());
                r.warnings().forEach(warnings);
                yield r.dataset();
            }
        };
        List<String> names = classNames(spec, baseDir, role);
        if (names != null) {
            d = ClassNames.apply(d, names, role);
        }
        return new One(d, layout, spec.source());
    }

    /** data.classNames, or the lines of data.classNamesPath; null when neither is set. */
    static List<String> classNames(DataSpec spec, Path baseDir, String role) {
        if (spec.classNames() != null) {
            return spec.classNames().stream().map(String::strip).toList();
        }
        if (spec.classNamesPath() == null) {
            return null;
        }
        return ClassNames.read(resolve(baseDir, spec.classNamesPath()), role);
    }

    /**
     * The files a section reads (absolute, normalised), or its label for a sample or generated set:
     * what a run records as the source of each split, and what a data fingerprint must cover.
     */
    public static List<String> files(DataSpec spec, Path baseDir, long seed) {
        return switch (spec.source()) {
            case SAMPLE -> List.of("sample:" + spec.name().strip().toLowerCase(Locale.ROOT));
            case TOY -> List.of("toy:" + spec.name() + " (generated, seed " + seed + ")");
            default -> spec.ownPaths().stream().map(p -> resolve(baseDir, p).toAbsolutePath().normalize().toString()).toList();
        };
    }

    /**
     * {@code other} (a validation or test file) checked against the training data and renumbered
     * to its classes; {@code files} names it in messages.
     */
    static Dataset align(Dataset reference, Dataset other, String role, String files, Consumer<String> warnings) {
        String who = files + " (data." + role + ")";
        if (!java.util.Arrays.equals(reference.sampleShape(), other.sampleShape())) {
            throw new DataException(who + ": its samples have shape " + java.util.Arrays.toString(other.sampleShape())
                    + " but the training data's have " + java.util.Arrays.toString(reference.sampleShape()) + ". Fix: use "
                    + role + " files of the same shape as the training data (image folders: the same imageSize and"
                    + " grayscale; tables: the same columns).");
        }
        if (reference.isClassification() != other.isClassification()) {
            throw new DataException(who + ": holds " + (other.isClassification() ? "class labels" : "regression targets")
                    + " but the training data holds " + (reference.isClassification() ? "class labels" : "regression targets")
                    + ". Fix: use " + role + " files with the same kind of labels (IDX: an integer labels file for"
                    + " classes, a float one for regression; CSV: the same data.task).");
        }
        if (!reference.isClassification()) {
            if (reference.targetWidth() != other.targetWidth()) {
                throw new DataException(who + ": has " + other.targetWidth() + " targets per sample but the training data has "
                        + reference.targetWidth() + ". Fix: use " + role + " files with the same targets.");
            }
            return other;
        }
        List<String> refNames = reference.classNames();
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int c = 0; c < refNames.size(); c++) {
            index.put(refNames.get(c), c);
        }
        List<String> unknown = new ArrayList<>();
        int[] counts = new int[other.numClasses()];
        for (int label : other.labels()) {
            counts[label]++;
        }
        for (int c = 0; c < other.numClasses(); c++) {
            if (counts[c] > 0 && !index.containsKey(other.classNames().get(c))) {
                unknown.add(other.classNames().get(c));
            }
        }
        if (!unknown.isEmpty()) {
            throw new DataException(who + ": has class" + (unknown.size() == 1 ? " " : "es ") + CsvLoader.clipList(unknown)
                    + " that the training data lacks (training classes: " + CsvLoader.clipList(refNames) + "), so the model"
                    + " has no output for " + (unknown.size() == 1 ? "it" : "them") + ". Fix: use " + role + " files whose"
                    + " classes all occur in the training data, or add examples of "
                    + (unknown.size() == 1 ? "that class" : "those classes") + " to the training data.");
        }
        int[] labels = new int[other.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = index.get(other.classNames().get(other.labels()[i]));
        }
        boolean[] present = new boolean[refNames.size()];
        for (int l : labels) {
            present[l] = true;
        }
        List<String> absent = new ArrayList<>();
        for (int c = 0; c < present.length; c++) {
            if (!present[c]) {
                absent.add(refNames.get(c));
            }
        }
        if (!absent.isEmpty()) {
            warnings.accept(who + ": has no samples of class" + (absent.size() == 1 ? " " : "es ")
                    + CsvLoader.clipList(absent) + ", so its accuracy says nothing about " + (absent.size() == 1 ? "it" : "them") + ".");
        }
        return Dataset.classification(other.name(), other.features(), other.sampleShape(), labels, refNames,
                other.featureNames());
    }

    /** A shipped sample by name. */
    public static Dataset sample(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "mnist" -> IdxLoader.read(resource("mnist/digits-images-idx3-ubyte.gz"), "digits-images-idx3-ubyte.gz",
                    resource("mnist/digits-labels-idx1-ubyte.gz"), "digits-labels-idx1-ubyte.gz", "mnist");
            case "iris" -> {
                Dataset d = CsvLoader.read(resource("iris/iris.csv"), "iris.csv", "species", true, DataSpec.Task.CLASSIFICATION);
                yield d.select(identity(d.size()), "iris");
            }
            default -> throw new DataException("unknown sample data set '" + name + "'. Fix: set data.name to one of "
                    + SAMPLES + " (or use source \"toy\" for " + ToyDatasets.NAMES + ").");
        };
    }

    private static InputStream resource(String path) {
        InputStream in = DatasetLoader.class.getResourceAsStream("/sample-datasets/" + path);
        if (in == null) {
            throw new DataException("sample-datasets/" + path + " is missing from the application. Fix: rebuild "
                    + "TrainBench (mvn package copies sample-datasets/ into the jar).");
        }
        return in;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    static Path resolve(Path baseDir, String path) {
        Path p;
        try {
            p = Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            throw new DataException("'" + path + "' is not a valid path (" + e.getReason() + "). Fix: correct data.path.");
        }
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
    }
}
