package dev.trainbench.data;

import dev.trainbench.spec.DataSpec;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

    /** As {@link #load(DataSpec, Path, long)}, handing loader warnings (skipped files) to {@code warnings}. */
    public static Dataset load(DataSpec spec, Path baseDir, long seed, Consumer<String> warnings) {
        return switch (spec.source()) {
            case SAMPLE -> sample(spec.name());
            case TOY -> {
                String name = spec.name();
                yield ToyDatasets.generate(name,
                        spec.samples() == null ? ToyDatasets.DEFAULT_SAMPLES : spec.samples(),
                        spec.noise() == null ? ToyDatasets.defaultNoise(name) : spec.noise(),
                        spec.classes() == null ? ToyDatasets.defaultClasses(name) : spec.classes(),
                        seed);
            }
            case CSV -> CsvLoader.load(resolve(baseDir, spec.path()), spec.targetColumn(), spec.header(), spec.task());
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
