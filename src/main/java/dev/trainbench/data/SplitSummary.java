package dev.trainbench.data;

import dev.trainbench.spec.SplitSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The train, validation and test splits side by side: sizes, class counts per split, and where
 * each comes from (a share of {@code data.path}, or its own files). Shown by the Data view and by
 * {@code trainbench profile SPEC.json}.
 *
 * @param classNames null for regression
 * @param parts      train, validation, test, in that order
 */
public record SplitSummary(List<String> classNames, List<Part> parts) {

    /** One split: its name, size, class counts (empty for regression), and source ("42% of data.path" or files). */
    public record Part(String split, int samples, int[] classCounts, String source) {
    }

    /** Splits {@code loaded} as the spec does (seeded) and counts; copies no features. */
    public static SplitSummary of(LoadedData loaded, SplitSpec split, long seed) {
        SplitIndices idx = Splitter.split(loaded.data(), split, seed);
        Dataset d = loaded.data();
        Map<String, String> sources = sources(loaded, split);
        List<Part> parts = new ArrayList<>();
        parts.add(part("train", d, idx.train(), sources));
        parts.add(loaded.validation() != null ? part("validation", loaded.validation(), null, sources)
                : part("validation", d, idx.validation(), sources));
        parts.add(loaded.test() != null ? part("test", loaded.test(), null, sources) : part("test", d, idx.test(), sources));
        return new SplitSummary(d.isClassification() ? d.classNames() : null, List.copyOf(parts));
    }

    /** The samples of {@code d} at {@code indices} (all of it when null). */
    private static Part part(String name, Dataset d, int[] indices, Map<String, String> sources) {
        int[] counts = new int[d.numClasses()];
        int n = indices == null ? d.size() : indices.length;
        if (d.isClassification()) {
            int[] labels = d.labels();
            for (int i = 0; i < n; i++) {
                counts[labels[indices == null ? i : indices[i]]]++;
            }
        }
        return new Part(name, n, counts, sources.getOrDefault(name, ""));
    }

    /** "70% of data.path" or the split's own files' names, per split. */
    public static Map<String, String> sources(LoadedData loaded, SplitSpec split) {
        return Map.of(
                "train", pct(split.train()) + " of " + name(loaded.files().get("data")),
                "validation", loaded.validation() != null ? name(loaded.files().get("validation"))
                        : pct(split.validation()) + " of " + name(loaded.files().get("data")),
                "test", loaded.test() != null ? name(loaded.files().get("test"))
                        : pct(split.test()) + " of " + name(loaded.files().get("data")));
    }

    public static SplitSummary of(Dataset train, Dataset validation, Dataset test, Map<String, String> sources) {
        List<Part> parts = new ArrayList<>();
        String[] names = {"train", "validation", "test"};
        Dataset[] sets = {train, validation, test};
        for (int k = 0; k < 3; k++) {
            Dataset s = sets[k];
            int[] counts = new int[s.numClasses()];
            if (s.isClassification()) {
                for (int l : s.labels()) {
                    counts[l]++;
                }
            }
            parts.add(new Part(names[k], s.size(), counts, sources.getOrDefault(names[k], "")));
        }
        return new SplitSummary(train.isClassification() ? train.classNames() : null, List.copyOf(parts));
    }

    private static String pct(double v) {
        return (v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v)) + "%";
    }

    /** File names only (the full paths are in the run record). */
    private static String name(List<String> files) {
        if (files == null || files.isEmpty()) {
            return "data";
        }
        return String.join(" + ", files.stream().map(f -> {
            int slash = Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\'));
            return slash < 0 ? f : f.substring(slash + 1);
        }).toList());
    }

    /** A plain-text table: one row per split, one column per class (classes as rows when there are many). */
    public String toText() {
        StringBuilder sb = new StringBuilder("splits\n");
        for (Part p : parts) {
            sb.append(String.format(Locale.ROOT, "  %-10s %,9d samples   from %s%n", p.split(), p.samples(), p.source()));
        }
        if (classNames == null) {
            return sb.toString();
        }
        sb.append(String.format(Locale.ROOT, "  %-24s %9s %11s %9s%n", "class", "train", "validation", "test"));
        for (int c = 0; c < classNames.size(); c++) {
            sb.append(String.format(Locale.ROOT, "  %-24s %9d %11d %9d%n", CsvLoader.clip(classNames.get(c)),
                    parts.get(0).classCounts()[c], parts.get(1).classCounts()[c], parts.get(2).classCounts()[c]));
        }
        return sb.toString();
    }
}
