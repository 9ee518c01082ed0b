package dev.trainbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a data set looks like (D2): sizes, per-feature statistics (per channel for images), class
 * balance, duplicates, non-finite values, and warnings with reasons and fixes.
 *
 * @param name           the data set's name
 * @param rows           samples
 * @param features       values per sample
 * @param sampleShape    shape of one sample
 * @param image          whether samples are images [c,h,w]
 * @param featureStats   one per feature for tables; one per channel for images
 * @param classNames     null for regression
 * @param classCounts    samples per class; empty for regression
 * @param imbalanceRatio largest over smallest class count (infinite if a class is empty; 1 for regression)
 * @param duplicateRows  rows whose features equal an earlier row's
 * @param nonFiniteCount NaN and infinite feature values
 * @param channelMeans   per-channel means for images; empty for tables
 * @param channelStds    per-channel standard deviations for images; empty for tables
 * @param targetStats    statistics of the regression target; null for classification
 */
public record DataProfile(
        String name,
        int rows,
        int features,
        int[] sampleShape,
        boolean image,
        List<FeatureStats> featureStats,
        List<String> classNames,
        int[] classCounts,
        double imbalanceRatio,
        int duplicateRows,
        long nonFiniteCount,
        double[] channelMeans,
        double[] channelStds,
        FeatureStats targetStats) {

    public static final int HISTOGRAM_BINS = 20;
    /** Largest over smallest non-zero feature std above this: features on very different scales. */
    public static final double SCALE_RATIO_LIMIT = 100;
    /** |mean| or std above this: far from unit scale. */
    public static final double UNIT_SCALE_LIMIT = 10;
    public static final double IMBALANCE_LIMIT = 5;
    public static final int MIN_PER_CLASS = 10;
    /** Parameters above this many times the sample count: "far more parameters than samples". */
    public static final double PARAMETERS_PER_SAMPLE_LIMIT = 100;

    /** Statistics of one feature, channel or target over its finite values. */
    public record FeatureStats(String name, double min, double max, double mean, double std, long missing,
                               int[] histogram) {
    }

    /** A finding about the data: a short code, what is wrong and why, and what to do. */
    public record Warning(String code, String message, String fix) {
    }

    public static DataProfile of(Dataset d) {
        int n = d.size();
        int size = d.sampleSize();
        int[] shape = d.sampleShape();
        boolean image = d.isImage();
        float[] x = d.features();
        int groups = image ? shape[0] : size;
        int spatial = size / groups;
        List<String> names = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            if (image) {
                names.add(groups == 1 ? "grey" : groups == 3 ? List.of("red", "green", "blue").get(g) : "channel " + g);
            } else {
                names.add(d.featureNames() != null && g < d.featureNames().size() ? d.featureNames().get(g) : "f" + g);
            }
        }
        List<FeatureStats> stats = new ArrayList<>();
        long nonFinite = 0;
        for (int g = 0; g < groups; g++) {
            Stats s = new Stats();
            for (int i = 0; i < n; i++) {
                int base = i * size + g * spatial;
                for (int p = 0; p < spatial; p++) {
                    s.add(x[base + p]);
                }
            }
            nonFinite += s.nonFinite;
            int[] hist = new int[HISTOGRAM_BINS];
            for (int i = 0; i < n; i++) {
                int base = i * size + g * spatial;
                for (int p = 0; p < spatial; p++) {
                    s.bin(x[base + p], hist);
                }
            }
            stats.add(s.result(names.get(g), hist));
        }
        double[] channelMeans = new double[image ? groups : 0];
        double[] channelStds = new double[image ? groups : 0];
        for (int g = 0; g < channelMeans.length; g++) {
            channelMeans[g] = stats.get(g).mean();
            channelStds[g] = stats.get(g).std();
        }

        int[] classCounts = new int[d.numClasses()];
        double imbalance = 1;
        FeatureStats targetStats = null;
        if (d.isClassification()) {
            for (int label : d.labels()) {
                classCounts[label]++;
            }
            int max = Arrays.stream(classCounts).max().orElse(0);
            int min = Arrays.stream(classCounts).min().orElse(0);
            imbalance = min == 0 ? Double.POSITIVE_INFINITY : (double) max / min;
        } else {
            Stats s = new Stats();
            for (float t : d.targets()) {
                s.add(t);
            }
            int[] hist = new int[HISTOGRAM_BINS];
            for (float t : d.targets()) {
                s.bin(t, hist);
            }
            targetStats = s.result("target", hist);
        }
        return new DataProfile(d.name(), n, size, shape, image, List.copyOf(stats), d.classNames(), classCounts,
                imbalance, duplicates(x, n, size), nonFinite, channelMeans, channelStds, targetStats);
    }

    /** Running min/max/mean/variance (Welford) over the finite values. */
    private static final class Stats {
        long count;
        long nonFinite;
        long nan;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double mean;
        double m2;

        void add(float v) {
            if (!Float.isFinite(v)) {
                nonFinite++;
                if (Float.isNaN(v)) {
                    nan++;
                }
                return;
            }
            count++;
            double delta = v - mean;
            mean += delta / count;
            m2 += delta * (v - mean);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }

        void bin(float v, int[] hist) {
            if (!Float.isFinite(v)) {
                return;
            }
            int b = max > min ? (int) ((v - min) / (max - min) * HISTOGRAM_BINS) : 0;
            hist[Math.min(HISTOGRAM_BINS - 1, Math.max(0, b))]++;
        }

        FeatureStats result(String name, int[] hist) {
            if (count == 0) {
                return new FeatureStats(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN, nan, hist);
            }
            return new FeatureStats(name, min, max, mean, Math.sqrt(m2 / count), nan, hist);
        }
    }

    private static int duplicates(float[] x, int n, int size) {
        Map<Row, Boolean> seen = new HashMap<>();
        int dup = 0;
        for (int i = 0; i < n; i++) {
            if (seen.putIfAbsent(new Row(x, i * size, size), Boolean.TRUE) != null) {
                dup++;
            }
        }
        return dup;
    }

    /** A view of one row for hashing, without copying it. */
    private record Row(float[] x, int offset, int size) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Arrays.equals(x, offset, offset + size, r.x, r.offset, r.offset + size);
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (int j = offset; j < offset + size; j++) {
                h = 31 * h + Float.floatToIntBits(x[j]);
            }
            return h;
        }
    }

    /** Warnings about the data alone. */
    public List<Warning> warnings() {
        List<Warning> out = new ArrayList<>();
        if (nonFiniteCount > 0) {
            out.add(new Warning("non-finite", nonFiniteCount + " feature values are NaN or infinite; they turn the loss into NaN.",
                    "Fill or drop the rows with missing or infinite values before training."));
        }
        if (!image) {
            double maxStd = 0;
            double minStd = Double.POSITIVE_INFINITY;
            String maxName = null;
            String minName = null;
            List<String> constant = new ArrayList<>();
            for (FeatureStats f : featureStats) {
                if (!(f.std() > 0)) {
                    constant.add(f.name());
                    continue;
                }
                if (f.std() > maxStd) {
                    maxStd = f.std();
                    maxName = f.name();
                }
                if (f.std() < minStd) {
                    minStd = f.std();
                    minName = f.name();
                }
            }
            if (maxName != null && maxStd / minStd > SCALE_RATIO_LIMIT) {
                out.add(new Warning("scale-mismatch", String.format(Locale.ROOT,
                        "features are on very different scales: std of %s is %s, of %s is %s (ratio %.0f); the large "
                                + "ones dominate the gradients.", maxName, num(maxStd), minName, num(minStd), maxStd / minStd),
                        "Standardize the inputs (preprocessing: standardize)."));
            }
            if (!constant.isEmpty()) {
                out.add(new Warning("constant-features", constant.size() + " feature(s) never change: " + list(constant)
                        + "; they carry no information.", "Remove the constant columns from the file."));
            }
        }
        List<String> unscaled = new ArrayList<>();
        for (FeatureStats f : featureStats) {
            if (Math.abs(f.mean()) > UNIT_SCALE_LIMIT || f.std() > UNIT_SCALE_LIMIT) {
                unscaled.add(f.name() + " (mean " + num(f.mean()) + ", std " + num(f.std()) + ")");
            }
        }
        if (!unscaled.isEmpty()) {
            out.add(new Warning("unscaled-inputs", "inputs are far from unit scale: " + list(unscaled)
                    + (image ? "; raw pixels (0..255) make the first layer's activations and gradients huge" : "")
                    + "; training is slow or unstable without scaling.",
                    "Use preprocessing: standardize (zero mean, unit variance, fitted on the training split)."));
        }
        if (targetStats != null && (Math.abs(targetStats.mean()) > UNIT_SCALE_LIMIT || targetStats.std() > UNIT_SCALE_LIMIT)) {
            out.add(new Warning("unscaled-targets", "regression targets are far from unit scale (mean "
                    + num(targetStats.mean()) + ", std " + num(targetStats.std()) + "); the loss and its gradients start huge.",
                    "Set data.targetScaling to standardize (Data view: Target scaling): fitted on the training split, with RMSE, MAE and R\u00b2 still reported in the target's units."));
        }
        if (classCounts.length > 0) {
            int min = Integer.MAX_VALUE;
            int minClass = 0;
            int maxClass = 0;
            for (int c = 0; c < classCounts.length; c++) {
                if (classCounts[c] < min) {
                    min = classCounts[c];
                    minClass = c;
                }
                if (classCounts[c] > classCounts[maxClass]) {
                    maxClass = c;
                }
            }
            if (imbalanceRatio > IMBALANCE_LIMIT) {
                out.add(new Warning("class-imbalance", "classes are heavily imbalanced: '" + classNames.get(maxClass) + "' has "
                        + classCounts[maxClass] + " samples, '" + classNames.get(minClass) + "' " + classCounts[minClass]
                        + (Double.isInfinite(imbalanceRatio) ? "" : String.format(Locale.ROOT, " (ratio %.1f)", imbalanceRatio))
                        + "; accuracy can look good while the small classes are never predicted.",
                        "Use a stratified split, weight the classes, or collect more samples of the small classes."));
            }
            if (min < MIN_PER_CLASS) {
                out.add(new Warning("too-few-samples", "class '" + classNames.get(minClass) + "' has only " + min
                        + " samples (fewer than " + MIN_PER_CLASS + "); the validation and test results will be mostly noise.",
                        "Collect more samples, or merge rare classes."));
            }
        } else if (rows < MIN_PER_CLASS * 2) {
            out.add(new Warning("too-few-samples", "only " + rows + " samples; the validation and test results will be mostly noise.",
                    "Collect more samples."));
        }
        if (duplicateRows > 0) {
            out.add(new Warning("duplicates", duplicateRows + " row(s) repeat an earlier row; duplicates can land in both the "
                    + "training and the test split and make the test score look better than it is.",
                    "Remove duplicate rows from the data."));
        }
        return out;
    }

    /** The warnings about the data plus one if a model of {@code parameterCount} parameters is far larger than the data. */
    public List<Warning> warningsFor(long parameterCount) {
        List<Warning> out = new ArrayList<>(warnings());
        if (rows > 0 && parameterCount > PARAMETERS_PER_SAMPLE_LIMIT * rows) {
            out.add(new Warning("too-many-parameters", String.format(Locale.ROOT,
                    "the model has %,d parameters for %,d samples (%.0f per sample); it can memorize the training data "
                            + "instead of learning from it.", parameterCount, rows, (double) parameterCount / rows),
                    "Use a smaller model, regularize (dropout, weight decay), augment, or collect more data."));
        }
        return out;
    }

    /** The preprocessing to pick for this data, and why in numbers. */
    public record Recommendation(dev.trainbench.spec.Preprocessing mode, String reason) {
    }

    /**
     * Standardize unless the inputs already have zero mean and unit scale: it is never harmful
     * (statistics are fitted on the training split only), and it fixes the usual problems of raw
     * pixels, mixed units and large offsets.
     */
    public Recommendation recommendedPreprocessing() {
        double maxAbsMean = 0;
        double minStd = Double.POSITIVE_INFINITY;
        double maxStd = 0;
        for (FeatureStats f : featureStats) {
            if (Double.isFinite(f.mean())) {
                maxAbsMean = Math.max(maxAbsMean, Math.abs(f.mean()));
            }
            if (f.std() > 0 && Double.isFinite(f.std())) {
                minStd = Math.min(minStd, f.std());
                maxStd = Math.max(maxStd, f.std());
            }
        }
        String what = image ? "channel" : "feature";
        if (maxStd == 0) {
            return new Recommendation(dev.trainbench.spec.Preprocessing.NONE, "every " + what + " is constant: scaling cannot help;"
                    + " the data carries no signal");
        }
        if (maxAbsMean < 0.5 && minStd > 0.5 && maxStd < 2) {
            return new Recommendation(dev.trainbench.spec.Preprocessing.NONE, String.format(Locale.ROOT,
                    "inputs are already centred (|mean| <= %.2f) with unit-like scale (std %.2f..%.2f); standardize"
                            + " would change little", maxAbsMean, minStd, maxStd));
        }
        if (image) {
            FeatureStats c = featureStats.get(0);
            return new Recommendation(dev.trainbench.spec.Preprocessing.STANDARDIZE, String.format(Locale.ROOT,
                    "pixels range %s..%s (mean %s, std %s): standardize per channel gives zero mean and unit variance,"
                            + " fitted on the training split only", num(c.min()), num(c.max()), num(c.mean()), num(c.std())));
        }
        if (maxStd / minStd > SCALE_RATIO_LIMIT) {
            return new Recommendation(dev.trainbench.spec.Preprocessing.STANDARDIZE, String.format(Locale.ROOT,
                    "feature scales differ %.0fx (std %s..%s): without scaling the largest dominate the first layer;"
                            + " standardize per feature, fitted on the training split only", maxStd / minStd, num(minStd), num(maxStd)));
        }
        return new Recommendation(dev.trainbench.spec.Preprocessing.STANDARDIZE, String.format(Locale.ROOT,
                "features have means up to %s and std %s..%s: standardize per feature centres them and puts them on one"
                        + " scale (fitted on the training split only), the safe default for an MLP", num(maxAbsMean),
                num(minStd), num(maxStd)));
    }

    /** Which symmetry the data has and what model fits it. */
    public String symmetryHint() {
        if (image) {
            return "Images are translation-symmetric: a digit or object is the same thing one pixel to the left. "
                    + "Convolutions share weights across positions and fit this; shift augmentation teaches it further.";
        }
        return "Tabular data has no such symmetry: the order and position of the columns mean nothing spatial, so "
                + "convolutions do not fit. An MLP (dense layers) fits.";
    }

    /** A readable plain-text report for the command line. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append("Data set: ").append(name).append('\n');
        s.append(String.format(Locale.ROOT, "Rows: %,d   values per sample: %,d   sample shape: %s   %s%n",
                rows, features, Arrays.toString(sampleShape), image ? "images" : "table"));
        s.append(String.format(Locale.ROOT, "Duplicate rows: %,d   NaN/Inf values: %,d%n%n", duplicateRows, nonFiniteCount));
        int width = Math.max(8, featureStats.stream().mapToInt(f -> f.name().length()).max().orElse(8));
        width = Math.min(width, 32);
        String fmt = "%-" + width + "s %12s %12s %12s %12s %8s  %s%n";
        s.append(image ? "Per channel:\n" : "Per feature:\n");
        s.append(String.format(Locale.ROOT, fmt, image ? "channel" : "feature", "min", "max", "mean", "std", "missing",
                "histogram (min..max)"));
        List<FeatureStats> all = new ArrayList<>(featureStats);
        if (targetStats != null) {
            all.add(targetStats);
        }
        for (FeatureStats f : all) {
            String nm = f.name().length() > width ? f.name().substring(0, width - 1) + "~" : f.name();
            s.append(String.format(Locale.ROOT, fmt, nm, num(f.min()), num(f.max()), num(f.mean()), num(f.std()), f.missing(),
                    sparkline(f.histogram())));
        }
        if (classCounts.length > 0) {
            s.append("\nClasses:\n");
            for (int c = 0; c < classCounts.length; c++) {
                s.append(String.format(Locale.ROOT, "  %-20s %,8d  %5.1f%%%n", classNames.get(c), classCounts[c],
                        rows == 0 ? 0.0 : 100.0 * classCounts[c] / rows));
            }
            s.append(String.format(Locale.ROOT, "  imbalance (largest/smallest): %s%n",
                    Double.isInfinite(imbalanceRatio) ? "infinite (a class is empty)" : String.format(Locale.ROOT, "%.2f", imbalanceRatio)));
        }
        List<Warning> ws = warnings();
        s.append("\nWarnings: ").append(ws.isEmpty() ? "none" : Integer.toString(ws.size())).append('\n');
        for (Warning w : ws) {
            s.append("  [").append(w.code()).append("] ").append(w.message()).append('\n');
            s.append("      fix: ").append(w.fix()).append('\n');
        }
        Recommendation r = recommendedPreprocessing();
        s.append("\nPreprocessing: ").append(r.mode().name().toLowerCase(Locale.ROOT)).append(" (").append(r.reason())
                .append(")\n");
        s.append("\nSymmetry: ").append(symmetryHint()).append('\n');
        return s.toString();
    }

    /** A histogram as a row of ASCII shades (any terminal encoding), darkest = most frequent bin. */
    static String sparkline(int[] histogram) {
        if (histogram == null || histogram.length == 0) {
            return "";
        }
        String bars = ".:-=+*#%@";
        int max = Arrays.stream(histogram).max().orElse(0);
        StringBuilder out = new StringBuilder(histogram.length);
        for (int h : histogram) {
            out.append(h == 0 ? ' ' : bars.charAt(Math.min(bars.length() - 1,
                    (int) Math.round((bars.length() - 1.0) * h / Math.max(1, max)))));
        }
        return out.toString();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v != 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String list(List<String> items) {
        return items.size() <= 5 ? String.join(", ", items) : String.join(", ", items.subList(0, 5)) + " and "
                + (items.size() - 5) + " more";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataProfile p && rows == p.rows && features == p.features && image == p.image
                && duplicateRows == p.duplicateRows && nonFiniteCount == p.nonFiniteCount
                && Double.compare(imbalanceRatio, p.imbalanceRatio) == 0 && name.equals(p.name)
                && Arrays.equals(sampleShape, p.sampleShape) && Arrays.equals(classCounts, p.classCounts)
                && Arrays.equals(channelMeans, p.channelMeans) && Arrays.equals(channelStds, p.channelStds);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + 17 * rows + Arrays.hashCode(classCounts);
    }
}
