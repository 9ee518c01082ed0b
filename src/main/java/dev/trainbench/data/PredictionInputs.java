package dev.trainbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads inputs for a trained model the way its training data was read ({@link InputEncoding}):
 * an image file, a folder of images (labelled when it has one sub-folder per class, as for
 * training), a CSV file of rows (labelled when it has the target column) or an IDX file (labelled
 * with an IDX labels file). What kind of file it is comes from its bytes, not its name. Values
 * come back raw: the model's scaling is applied by whoever runs the model.
 */
public final class PredictionInputs {

    /**
     * @param invert      images: dark ink on light paper becomes light on dark (255 - v), as MNIST digits are
     * @param allowResize images: resize even when the training images were taken as they were
     */
    public record Options(boolean invert, boolean allowResize) {
        public static Options defaults() {
            return new Options(false, false);
        }
    }

    /**
     * Samples from one input: {@code count} samples of raw values one after another, with class
     * {@code labels} or regression {@code targets} when the input carries them (else null), a
     * name per sample (file name, "line 5", "#12") and anything skipped on the way.
     */
    public record Samples(String source, float[] features, int count, int[] labels, float[] targets, List<String> names,
                          List<String> warnings) {
        public Samples {
            names = List.copyOf(names);
            warnings = List.copyOf(warnings);
        }

        public boolean labelled() {
            return labels != null || targets != null;
        }
    }

    private PredictionInputs() {
    }

    /**
     * Reads {@code input} for a model taking samples of {@code sampleShape} encoded as {@code encoding}.
     *
     * @param labelsFile an IDX labels file for an IDX input, else null
     * @param classNames the model's classes; null for a regression model
     * @throws DataException naming the input and what does not fit the model
     */
    public static Samples read(Path input, Path labelsFile, InputEncoding encoding, int[] sampleShape,
                               List<String> classNames, Options options) {
        encoding.checkShape(sampleShape, "the model");
        String name = input.getFileName() == null ? input.toString() : input.getFileName().toString();
        if (Files.isDirectory(input)) {
            requireNoLabels(labelsFile, name);
            if (encoding.image() == null) {
                throw new DataException(name + ": is a folder, but the model takes table rows " + describe(encoding, sampleShape)
                        + ". Fix: give a CSV file.");
            }
            return imageFolder(input, encoding.image(), classNames, options);
        }
        if (!Files.isRegularFile(input)) {
            throw new DataException(input + ": file not found. Check the path.");
        }
        Kind kind = sniff(input);
        switch (kind) {
            case ZIP -> throw new DataException(name + ": is a zip file, not an input. Fix: open a model file as the model"
                    + " (Open model..., or MODEL on the command line); unpack other archives first.");
            case IDX -> {
                float[] x = IdxLoader.readSamples(input, sampleShape);
                int size = Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
                int n = x.length / size;
                if (options.invert() && encoding.image() != null) {
                    invert(x);
                }
                int[] labels = null;
                float[] targets = null;
                if (labelsFile != null) {
                    float[] y = IdxLoader.readLabels(labelsFile, n, classNames == null ? 0 : classNames.size());
                    if (classNames != null) {
                        labels = new int[n];
                        for (int i = 0; i < n; i++) {
                            labels[i] = (int) y[i];
                        }
                    } else {
                        targets = y;
                    }
                }
                return new Samples(name, x, n, labels, targets, numbered(n), List.of());
            }
            case IMAGE -> {
                requireNoLabels(labelsFile, name);
                if (encoding.image() == null) {
                    throw new DataException(name + ": is an image, but the model takes table rows "
                            + describe(encoding, sampleShape) + ". Fix: give a CSV file.");
                }
                float[] x = image(input, encoding.image(), options);
                return new Samples(name, x, 1, null, null, List.of(name), List.of());
            }
            default -> {
                requireNoLabels(labelsFile, name);
                if (encoding.table() == null) {
                    throw new DataException(name + ": is neither an image (PNG, JPEG, GIF, BMP) nor an IDX file, and the"
                            + " model takes " + describe(encoding, sampleShape) + ". Fix: give image files, a folder of"
                            + " images, or an IDX file.");
                }
                CsvLoader.EncodedRows rows = CsvLoader.encode(input, encoding.table(), classNames);
                List<String> names = new ArrayList<>(rows.rows());
                for (int line : rows.lines()) {
                    names.add("line " + line);
                }
                return new Samples(name, rows.features(), rows.rows(), rows.labels(), rows.targets(), names, List.of());
            }
        }
    }

    /** One image file as the model's input (raw values 0..255). */
    public static float[] image(Path file, InputEncoding.ImageInput image, Options options) {
        float[] x = ImageFolderLoader.decode(file, image.width(), image.height(), image.channels(),
                image.resizes() || options.allowResize());
        if (options.invert()) {
            invert(x);
        }
        return x;
    }

    /** A short description of what the model takes, for messages: "(1x28x28 images)" or "(columns a, b, c)". */
    public static String describe(InputEncoding encoding, int[] sampleShape) {
        if (encoding.image() != null) {
            InputEncoding.ImageInput i = encoding.image();
            return "(" + i.channels() + "x" + i.height() + "x" + i.width() + " " + (i.channels() == 1 ? "grey" : i.channels() == 3
                    ? "RGB" : i.channels() + "-channel") + " images)";
        }
        List<String> names = encoding.table().names();
        return "(columns " + String.join(", ", names.size() <= 12 ? names : names.subList(0, 12))
                + (names.size() > 12 ? " and " + (names.size() - 12) + " more" : "") + ")";
    }

    private enum Kind { IDX, IMAGE, ZIP, TEXT }

    /** IDX by its magic bytes (or gzip, as IDX files are shipped), an image by ImageIO, anything else as text. */
    private static Kind sniff(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        } catch (IOException e) {
            throw new DataException(file.getFileName() + ": cannot be read (" + e.getMessage() + "). Check the file's"
                    + " permissions.", e);
        }
        if (head.length >= 4 && head[0] == 0 && head[1] == 0 && (head[2] & 0xff) >= 0x08 && (head[2] & 0xff) <= 0x0E) {
            return Kind.IDX;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Kind.IDX;
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Kind.ZIP;
        }
        return ImageFolderLoader.looksLikeImage(file) ? Kind.IMAGE : Kind.TEXT;
    }

    /** A folder of images: labelled by sub-folder (one per class, named as the model's classes) or, without sub-folders, unlabelled. */
    private static Samples imageFolder(Path dir, InputEncoding.ImageInput image, List<String> classNames, Options options) {
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        List<Path> entries = list(dir);
        List<Path> classDirs = entries.stream().filter(Files::isDirectory).toList();
        List<String> warnings = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> fileLabels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (classDirs.isEmpty()) {
            for (Path f : entries) {
                if (isImageName(f)) {
                    files.add(f);
                    names.add(f.getFileName().toString());
                }
            }
        } else {
            if (classNames == null) {
                throw new DataException(name + ": has sub-folders, as if labelled by class, but the model predicts values"
                        + " (regression), not classes. Fix: give a folder of images without sub-folders.");
            }
            List<String> unknown = new ArrayList<>();
            for (Path cd : classDirs) {
                String cls = cd.getFileName().toString();
                int k = classNames.indexOf(cls);
                if (k < 0) {
                    unknown.add(cls);
                    continue;
                }
                for (Path f : list(cd)) {
                    if (isImageName(f)) {
                        files.add(f);
                        fileLabels.add(k);
                        names.add(cls + "/" + f.getFileName());
                    }
                }
            }
            if (!unknown.isEmpty()) {
                throw new DataException(name + ": the sub-folders " + unknown + " are not classes of the model "
                        + classNames + ". Fix: name each sub-folder after the class of the images in it.");
            }
            long stray = entries.stream().filter(p -> !Files.isDirectory(p)).count();
            if (stray > 0) {
                warnings.add("skipped " + stray + " file(s) directly in " + name + ": with class sub-folders, images"
                        + " belong in them");
            }
        }
        if (files.isEmpty()) {
            throw new DataException(name + ": no image files (.png, .jpg, .jpeg, .gif, .bmp) found. Fix: give a folder"
                    + " of images, or one with a sub-folder of images per class.");
        }
        int size = image.channels() * image.height() * image.width();
        if ((long) files.size() * size > ImageFolderLoader.MAX_VALUES) {
            throw new DataException(name + ": " + files.size() + " images are more than TrainBench holds in memory at"
                    + " once. Fix: predict on fewer images at a time.");
        }
        float[] x = new float[files.size() * size];
        for (int i = 0; i < files.size(); i++) {
            float[] one = image(files.get(i), image, options);
            System.arraycopy(one, 0, x, i * size, size);
        }
        int[] labels = null;
        if (!classDirs.isEmpty()) {
            labels = fileLabels.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Samples(name, x, files.size(), labels, null, names, warnings);
    }

    private static boolean isImageName(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return !n.startsWith(".") && Files.isRegularFile(f) && dot >= 0
                && ImageFolderLoader.IMAGE_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list the folder (" + e.getMessage() + "). Check its permissions.", e);
        }
    }

    private static void requireNoLabels(Path labelsFile, String name) {
        if (labelsFile != null) {
            throw new DataException(name + ": --labels gives the labels of an IDX data file; images are labelled by their"
                    + " class sub-folder and CSV rows by their target column. Fix: drop --labels.");
        }
    }

    private static void invert(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = 255f - x[i];
        }
    }

    private static List<String> numbered(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add("#" + i);
        }
        return names;
    }
}
