package dev.trainbench.data;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Reads a folder of images with one sub-folder per class (class names: the sub-folder names,
 * sorted). Images (PNG, JPEG; GIF and BMP also work) are resized to {@code size x size} with
 * bilinear filtering, drawn over a white background (transparent pixels become white), and
 * stored as grey ({@code [1,s,s]}, luma 0.299R + 0.587G + 0.114B) or RGB ({@code [3,s,s]}), with
 * pixel values 0..255. Files that are not images are skipped, and files that cannot be decoded
 * are skipped by name; both are listed in {@link Result#warnings()}. A class folder with no
 * readable image is an error.
 *
 * <p>Decoding runs on a few threads, each decoding one image at a time straight into its slot of
 * one preallocated array, so memory stays at the size of the result plus one image per thread.
 */
public final class ImageFolderLoader {

    /** Progress of a long load; called from loader threads, so keep it cheap and thread-safe. */
    public interface Progress {
        void update(long done, long total);
    }

    /** The data set and what was skipped on the way. */
    public record Result(Dataset dataset, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");
    /** Images larger than this (in pixels) are refused before decoding: a corrupt header can claim any size. */
    static final long MAX_SOURCE_PIXELS = 40_000_000L;
    /** At most this many floats in the result (1 GiB). */
    static final long MAX_VALUES = 1L << 28;
    private static final int LISTED = 10;

    private ImageFolderLoader() {
    }

    public static Result load(Path dir, int size, boolean grey) {
        return load(dir, size, grey, (done, total) -> { });
    }

    public static Result load(Path dir, int size, boolean grey, Progress progress) {
        if (size < 1 || size > 4096) {
            throw new IllegalArgumentException("image size must be 1..4096, was " + size);
        }
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": folder not found. Fix: set data.path to a folder that has one sub-folder "
                    + "of images per class.");
        }
        List<String> warnings = new ArrayList<>();
        List<Path> classDirs = new ArrayList<>();
        List<String> strayFiles = new ArrayList<>();
        for (Path p : list(dir)) {
            if (hidden(p)) {
                continue;
            }
            if (Files.isDirectory(p)) {
                classDirs.add(p);
            } else {
                strayFiles.add(p.getFileName().toString());
            }
        }
        if (!strayFiles.isEmpty()) {
            warnings.add("skipped " + strayFiles.size() + " file(s) directly in " + dir.getFileName()
                    + " (images belong in a sub-folder per class): " + names(strayFiles));
        }
        if (classDirs.isEmpty()) {
            throw new DataException(dir + ": has no sub-folders, so there are no classes. Fix: put the images of each "
                    + "class in their own sub-folder, e.g. " + dir.getFileName() + "/cat/1.png and " + dir.getFileName()
                    + "/dog/1.png.");
        }
        if (classDirs.size() == 1) {
            throw new DataException(dir + ": has only one class sub-folder (" + classDirs.get(0).getFileName()
                    + "), and a classifier needs at least two. Fix: add a sub-folder of images for each other class.");
        }
        if (classDirs.size() > DataLimits.MAX_CLASSES) {
            throw new DataException(DataLimits.tooManyClasses(dir.toString(), String.format(java.util.Locale.ROOT,
                    "%,d class sub-folders", classDirs.size()), "Fix: merge classes, or point data.path at a folder with"
                    + " fewer sub-folders."));
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> fileLabels = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int c = 0; c < classDirs.size(); c++) {
            Path cd = classDirs.get(c);
            classNames.add(cd.getFileName().toString());
            for (Path f : list(cd)) {
                if (hidden(f)) {
                    continue;
                }
                if (Files.isRegularFile(f) && IMAGE_EXTENSIONS.contains(extension(f))) {
                    files.add(f);
                    fileLabels.add(c);
                } else {
                    skipped.add(cd.getFileName() + "/" + f.getFileName());
                }
            }
        }
        if (!skipped.isEmpty()) {
            warnings.add("skipped " + skipped.size() + " non-image file(s) or folder(s) (only .png, .jpg, .jpeg, .gif, "
                    + ".bmp are read): " + names(skipped));
        }
        int n = files.size();
        if (n == 0) {
            throw new DataException(dir + ": no image files (.png, .jpg, .jpeg) in its class sub-folders " + classNames
                    + ". Fix: put the images in the sub-folders.");
        }
        int channels = grey ? 1 : 3;
        int sampleSize = channels * size * size;
        if ((long) n * sampleSize > MAX_VALUES) {
            throw new DataException(dir + ": " + n + " images of " + channels + "x" + size + "x" + size + " are more than "
                    + "TrainBench holds in memory at once. Fix: choose a smaller data.imageSize, grey images, or fewer images.");
        }
        float[] pixels = new float[n * sampleSize];
        String[] failures = new String[n];
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "image-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        failures[i] = decodeInto(files.get(i), size, grey, pixels, i * sampleSize);
                        progress.update(done.incrementAndGet(), n);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException(dir + ": loading was interrupted.", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new DataException(dir + ": loading failed (" + e.getCause() + ").", e.getCause());
        } finally {
            pool.shutdownNow();
        }

        List<String> corrupt = new ArrayList<>();
        List<List<String>> corruptPerClass = new ArrayList<>();
        classNames.forEach(c -> corruptPerClass.add(new ArrayList<>()));
        int[] perClass = new int[classNames.size()];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (failures[i] != null) {
                String what = classNames.get(fileLabels.get(i)) + "/" + files.get(i).getFileName() + " (" + failures[i] + ")";
                corrupt.add(what);
                corruptPerClass.get(fileLabels.get(i)).add(what);
            } else {
                perClass[fileLabels.get(i)]++;
                kept++;
            }
        }
        for (int c = 0; c < perClass.length; c++) {
            if (perClass[c] == 0) {
                throw new DataException(dir.resolve(classNames.get(c)) + ": the class folder '" + classNames.get(c)
                        + "' has no readable images" + (corruptPerClass.get(c).isEmpty() ? ""
                        : "; unreadable: " + names(corruptPerClass.get(c)))
                        + ". Fix: add images to it or remove the folder.");
            }
        }
        if (!corrupt.isEmpty()) {
            warnings.add("skipped " + corrupt.size() + " image file(s) that could not be decoded: " + names(corrupt));
        }
        float[] x = pixels;
        int[] labels = new int[kept];
        if (kept < n) {
            x = new float[kept * sampleSize];
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (failures[i] == null) {
                if (x != pixels) {
                    System.arraycopy(pixels, i * sampleSize, x, k * sampleSize, sampleSize);
                }
                labels[k++] = fileLabels.get(i);
            }
        }
        Dataset d = Dataset.classification(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(),
                x, new int[] {channels, size, size}, labels, classNames, null);
        return new Result(d, warnings);
    }

    /** Decodes one image into {@code out} at {@code offset}; returns null, or why the file was skipped. */
    static String decodeInto(Path file, int size, boolean grey, float[] out, int offset) {
        BufferedImage src;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return "cannot open";
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return "not a PNG/JPEG image";
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w * h > MAX_SOURCE_PIXELS) {
                    return "declares " + w + "x" + h + " pixels";
                }
                src = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Image decoders throw all sorts of unchecked exceptions on corrupt input; any of them
            // means "this file is unreadable", which is reported by name, never fatal.
            return "corrupt: " + e.getClass().getSimpleName();
        } catch (OutOfMemoryError e) {
            return "too large to decode";
        }
        if (src == null) {
            return "no image in the file";
        }
        BufferedImage dst = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, size, size, null);
        } catch (RuntimeException e) {
            return "corrupt: " + e.getClass().getSimpleName();
        } finally {
            g.dispose();
        }
        int plane = size * size;
        int[] rgb = dst.getRGB(0, 0, size, size, null, 0, size);
        for (int p = 0; p < plane; p++) {
            int v = rgb[p];
            int r = (v >> 16) & 0xff;
            int gr = (v >> 8) & 0xff;
            int b = v & 0xff;
            if (grey) {
                out[offset + p] = (float) (0.299 * r + 0.587 * gr + 0.114 * b);
            } else {
                out[offset + p] = r;
                out[offset + plane + p] = gr;
                out[offset + 2 * plane + p] = b;
            }
        }
        return null;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list the folder (" + e.getMessage() + "). Check its permissions.", e);
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String names(List<String> all) {
        if (all.size() <= LISTED) {
            return String.join(", ", all);
        }
        return String.join(", ", all.subList(0, LISTED)) + " and " + (all.size() - LISTED) + " more";
    }
}
