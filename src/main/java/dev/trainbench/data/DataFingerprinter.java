package dev.trainbench.data;

import dev.trainbench.spec.AugmentationSpec;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SplitSpec;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Computes a {@link DataFingerprint} for a spec: SHA-256 of every file the data came from
 * (streamed, never held in memory), or of a generator's parameters, plus the settings that change
 * what the model sees from the same files.
 *
 * <p>Meant to run right after the data was loaded: the files are then in the operating system's
 * cache, so hashing costs the digest, not a second read from disk (measured in BENCHMARKS.md,
 * "Data fingerprint"). Which files a spec reads is decided in {@link #sources}: a spec field that
 * names more files (separate validation or test files) adds its sources there, with its own role.
 */
public final class DataFingerprinter {

    /** The shipped samples' files inside the application, by sample name; role to resource path. */
    static final Map<String, Map<String, String>> SAMPLE_FILES = Map.of(
            "mnist", orderedMap("images", "mnist/digits-images-idx3-ubyte.gz", "labels", "mnist/digits-labels-idx1-ubyte.gz"),
            "iris", orderedMap("data", "iris/iris.csv"));

    private static final int BUFFER = 1 << 16;

    private DataFingerprinter() {
    }

    /**
     * The fingerprint of the data {@code spec} trains on; relative paths resolve against {@code baseDir}.
     *
     * @throws DataException when a file the spec names cannot be read
     */
    public static DataFingerprint of(ExperimentSpec spec, Path baseDir) {
        List<DataFingerprint.Source> sources = new ArrayList<>();
        sources(spec.data(), "", baseDir, spec.seed(), sources);
        // separate validation and test files (data.validation, data.test), each with its own role
        DataSpec validation = spec.data().resolvedValidation();
        if (validation != null) {
            sources(validation, "validation ", baseDir, spec.seed(), sources);
        }
        DataSpec test = spec.data().resolvedTest();
        if (test != null) {
            sources(test, "test ", baseDir, spec.seed(), sources);
        }
        Map<String, String> settings = settings(spec);
        MessageDigest content = sha256();
        for (DataFingerprint.Source s : sources) {
            update(content, s.role());
            update(content, s.kind().equals("sample") ? "file" : s.kind());
            update(content, s.sha256());
        }
        String contentHash = hex(content.digest());
        MessageDigest all = sha256();
        update(all, contentHash);
        settings.forEach((k, v) -> {
            update(all, k);
            update(all, v);
        });
        return new DataFingerprint(DataFingerprint.VERSION, hex(all.digest()), contentHash, sources, settings);
    }

    /** Adds the sources of one data section; {@code rolePrefix} (e.g. "test ") tells sections apart. */
    static void sources(DataSpec data, String rolePrefix, Path baseDir, long seed, List<DataFingerprint.Source> out) {
        switch (data.source()) {
            case SAMPLE -> {
                String name = data.name().strip().toLowerCase(Locale.ROOT);
                Map<String, String> files = SAMPLE_FILES.get(name);
                if (files == null) {
                    throw new DataException("unknown sample data set '" + data.name() + "'. Fix: set data.name to one of "
                            + DatasetLoader.SAMPLES + ".");
                }
                files.forEach((role, resource) -> out.add(sample(rolePrefix + role, resource)));
            }
            case TOY -> {
                String name = data.name();
                Map<String, String> p = new LinkedHashMap<>();
                p.put("name", name);
                p.put("samples", Integer.toString(data.samples() == null ? ToyDatasets.DEFAULT_SAMPLES : data.samples()));
                p.put("noise", number(data.noise() == null ? ToyDatasets.defaultNoise(name) : data.noise()));
                p.put("classes", Integer.toString(data.classes() == null ? ToyDatasets.defaultClasses(name) : data.classes()));
                // the generator draws its points from the run's seed
                p.put("seed", Long.toString(seed));
                MessageDigest d = sha256();
                p.forEach((k, v) -> {
                    update(d, k);
                    update(d, v);
                });
                out.add(new DataFingerprint.Source(rolePrefix + "generator", "generated", "toy:" + name, null, null,
                        hex(d.digest()), p));
            }
            case CSV -> out.add(file(rolePrefix + "data", DatasetLoader.resolve(baseDir, data.path())));
            case IDX -> {
                out.add(file(rolePrefix + "images", DatasetLoader.resolve(baseDir, data.path())));
                if (data.labelsPath() != null) {
                    out.add(file(rolePrefix + "labels", DatasetLoader.resolve(baseDir, data.labelsPath())));
                }
            }
            case IMAGES -> out.add(imageFolder(rolePrefix + "data", DatasetLoader.resolve(baseDir, data.path())));
        }
        if (data.classNamesPath() != null) {
            out.add(file(rolePrefix + "class names", DatasetLoader.resolve(baseDir, data.classNamesPath())));
        }
    }

    /** Settings that change the data seen from the same sources, keyed by spec path, values as text. */
    static Map<String, String> settings(ExperimentSpec spec) {
        Map<String, String> s = new LinkedHashMap<>();
        DataSpec d = spec.data();
        switch (d.source()) {
            case CSV -> {
                s.put("data.targetColumn", d.targetColumn() == null ? "last" : d.targetColumn());
                s.put("data.header", d.header() == null ? "detect" : d.header().toString());
                s.put("data.task", d.task() == null ? "detect" : d.task().name().toLowerCase(Locale.ROOT));
                // later options: only when set, so that older specs keep their fingerprints
                if (d.skipLines() != null) {
                    s.put("data.skipLines", d.skipLines().toString());
                }
                if (d.delimiter() != null) {
                    s.put("data.delimiter", d.delimiter().name().toLowerCase(Locale.ROOT));
                }
                if (d.categoricalColumns() != null) {
                    s.put("data.categoricalColumns", String.join(",", d.categoricalColumns()));
                }
            }
            case IMAGES -> {
                s.put("data.imageSize", Integer.toString(d.imageSize() == null ? DatasetLoader.DEFAULT_IMAGE_SIZE : d.imageSize()));
                s.put("data.grayscale", Boolean.toString(d.grayscale() == null || d.grayscale()));
            }
            default -> { }
        }
        if (d.classNames() != null) {
            s.put("data.classNames", String.join(",", d.classNames()));
        }
        if (d.targetScaling() != null) {
            s.put("data.targetScaling", d.targetScaling().name().toLowerCase(Locale.ROOT));
        }
        SplitSpec split = spec.split();
        s.put("split.train", number(split.train()));
        s.put("split.validation", number(split.validation()));
        s.put("split.test", number(split.test()));
        s.put("split.stratified", split.stratified().toString());
        s.put("split.subset", split.subset() == null ? "all" : split.subset().toString());
        // one seed drives the split (and the subset): the same files split with another seed are other samples
        s.put("seed", Long.toString(spec.seed()));
        s.put("preprocessing", spec.preprocessing().name().toLowerCase(Locale.ROOT));
        AugmentationSpec a = spec.augmentation();
        s.put("augmentation.shift", a.shift().toString());
        s.put("augmentation.flip", a.flip().toString());
        s.put("augmentation.rotation", number(a.rotation()));
        s.put("augmentation.noise", number(a.noise()));
        return s;
    }

    private static DataFingerprint.Source file(String role, Path file) {
        MessageDigest d = sha256();
        long bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = digest(in, d, new byte[BUFFER]);
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read to fingerprint it (" + e.getMessage() + ").", e);
        }
        return new DataFingerprint.Source(role, "file", file.toAbsolutePath().normalize().toString(), bytes, 1,
                hex(d.digest()), null);
    }

    private static DataFingerprint.Source sample(String role, String resource) {
        MessageDigest d = sha256();
        long bytes;
        try (InputStream in = DataFingerprinter.class.getResourceAsStream("/sample-datasets/" + resource)) {
            if (in == null) {
                throw new DataException("sample-datasets/" + resource + " is missing from the application. Fix: rebuild "
                        + "TrainBench (mvn package copies sample-datasets/ into the jar).");
            }
            bytes = digest(in, d, new byte[BUFFER]);
        } catch (IOException e) {
            throw new DataException("sample-datasets/" + resource + ": cannot be read (" + e.getMessage() + ").", e);
        }
        return new DataFingerprint.Source(role, "sample", "sample-datasets/" + resource, bytes, 1, hex(d.digest()), null);
    }

    /**
     * The files {@link ImageFolderLoader} considers (image extensions in the class sub-folders, hidden
     * ones left out), each as its path relative to the folder (the class is part of it), its size and
     * its own SHA-256, in sorted order. A README next to the images does not change the data, a
     * renamed class does. Thousands of small files cost more in opening than in hashing, so files
     * are hashed on a few threads, each whole (image files are small), and combined in order.
     */
    private static DataFingerprint.Source imageFolder(String role, Path dir) {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> classes = Files.list(dir)) {
            for (Path cd : classes.filter(p -> !hidden(p) && Files.isDirectory(p)).sorted().toList()) {
                try (Stream<Path> inClass = Files.list(cd)) {
                    // a folder named like an image is rare; reading it fails below and it is skipped, as the loader does
                    inClass.filter(f -> !hidden(f) && image(f)).sorted().forEach(all::add);
                }
            }
        } catch (IOException e) {
            throw new DataException(dir + ": cannot be read to fingerprint it (" + e.getMessage() + ").", e);
        }
        byte[][] digests = new byte[all.size()][];
        long[] sizes = new long[all.size()];
        java.util.stream.IntStream.range(0, all.size()).parallel().forEach(i -> {
            try {
                byte[] b = Files.readAllBytes(all.get(i));
                sizes[i] = b.length;
                digests[i] = sha256().digest(b);
            } catch (IOException e) {
                if (!Files.isDirectory(all.get(i))) {
                    throw new DataException(all.get(i) + ": cannot be read to fingerprint it (" + e.getMessage() + ").", e);
                }
            }
        });
        MessageDigest d = sha256();
        long bytes = 0;
        int files = 0;
        for (int i = 0; i < all.size(); i++) {
            if (digests[i] == null) {
                continue;
            }
            update(d, dir.relativize(all.get(i)).toString().replace('\\', '/'));
            d.update(ByteBuffer.allocate(8).putLong(sizes[i]).array());
            d.update(digests[i]);
            bytes += sizes[i];
            files++;
        }
        return new DataFingerprint.Source(role, "folder", dir.toAbsolutePath().normalize().toString(), bytes, files,
                hex(d.digest()), null);
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean image(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && ImageFolderLoader.IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static long digest(InputStream in, MessageDigest d, byte[] buffer) throws IOException {
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            d.update(buffer, 0, n);
            total += n;
        }
        return total;
    }

    /** Length-prefixed, so that ("ab", "c") and ("a", "bc") hash differently. */
    private static void update(MessageDigest d, String s) {
        byte[] b = (s == null ? "\0null" : s).getBytes(StandardCharsets.UTF_8);
        d.update(ByteBuffer.allocate(4).putInt(b.length).array());
        d.update(b);
    }

    private static String number(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
