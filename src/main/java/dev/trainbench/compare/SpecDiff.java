package dev.trainbench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.spec.SpecPaths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field-by-field diff of 1..n specs against the first one (the reference), in the spec's own
 * order, with effective values (defaults filled in, as the run used them).
 *
 * <p>Layer lists ({@code model.layers} and residual {@code body} lists) are aligned, not compared
 * index by index: an inserted dropout is one added layer, and the layers after it are not all
 * reported changed. The alignment is an edit distance over layers: keeping a layer costs 0 when
 * identical and 0.5 when only its settings differ; a swapped activation or pooling type costs 1.5;
 * adding or removing a layer costs 1; any other change of type is never a match (it is shown as
 * one removed and one added layer). More than two specs are aligned progressively: each against
 * the columns of those before it. A changed layer shows the fields that changed (a residual's body
 * aligned in turn); a layer whose type changed shows as one changed layer.
 *
 * <p>A section that only some specs have (e.g. {@code training.earlyStopping}) is one entry, not
 * one per field inside it.
 */
public final class SpecDiff {

    /**
     * Fields shown but not counted as a change that could explain a difference in results: the
     * name, the informative preset label, and the format version. Everything else counts, the
     * device included (GPU kernels are not bit-identical to CPU ones, and not always deterministic).
     */
    public static final Set<String> NOT_COUNTED = Set.of("name", "model.preset", "version");

    private final int size;
    private final List<DiffEntry> entries;

    private SpecDiff(int size, List<DiffEntry> entries) {
        this.size = size;
        this.entries = List.copyOf(entries);
    }

    /** Diffs {@code specs} against {@code specs.get(0)}. */
    public static SpecDiff of(List<ExperimentSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("nothing to diff");
        }
        List<JsonNode> trees = specs.stream().map(SpecPaths::tree).toList();
        List<String> prefixes = new ArrayList<>();
        specs.forEach(s -> prefixes.add(""));
        List<DiffEntry> out = new ArrayList<>();
        new Walker(specs.size(), out).object(trees, "", prefixes);
        return new SpecDiff(specs.size(), out);
    }

    /** Builds a diff from entries made elsewhere (e.g. with group-aware values); used by {@link Comparison}. */
    static SpecDiff of(int size, List<DiffEntry> entries) {
        return new SpecDiff(size, entries);
    }

    /** How many specs were compared. */
    public int size() {
        return size;
    }

    /** Every field, the same ones included: the full view. */
    public List<DiffEntry> entries() {
        return entries;
    }

    /** Only the fields that differ somewhere: the "differences only" view. */
    public List<DiffEntry> differences() {
        return entries.stream().filter(DiffEntry::isDifference).toList();
    }

    /**
     * The changes that could explain a difference in results between spec {@code index} and the
     * reference, by path: the counted fields that differ. The same change made to several layers of
     * one list (every dropout rate 0.1 → 0.5, a dropout added after each dense layer) is one change
     * of one setting, named with the indexes together: {@code model.layers[3,6].rate}.
     */
    public List<String> countedChanges(int index) {
        Map<String, List<DiffEntry>> byChange = new LinkedHashMap<>();
        for (DiffEntry e : entries) {
            if (e.counted() && e.differs().get(index)) {
                Matcher m = LAST_INDEX.matcher(e.path());
                String key = m.matches() ? m.group(1) + "[*]" + m.group(3) + "\u0000" + e.values().get(0) + "\u0000"
                        + e.values().get(index) : e.path();
                byChange.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
        }
        List<String> out = new ArrayList<>();
        for (List<DiffEntry> same : byChange.values()) {
            if (same.size() == 1) {
                out.add(same.get(0).path());
            } else {
                Matcher first = LAST_INDEX.matcher(same.get(0).path());
                first.matches();
                List<String> indexes = same.stream().map(e -> {
                    Matcher m = LAST_INDEX.matcher(e.path());
                    m.matches();
                    return m.group(2);
                }).toList();
                out.add(first.group(1) + "[" + String.join(",", indexes) + "]" + first.group(3));
            }
        }
        return out;
    }

    /** A path with a list index: what comes before the last index, the index, and what follows it. */
    private static final Pattern LAST_INDEX = Pattern.compile("(.*)\\[(\\d+)\\]([^\\[]*)");

    /** Whether a difference at {@code path} counts as a change that can explain results. */
    public static boolean counts(String path) {
        return !NOT_COUNTED.contains(path);
    }

    /** Walks n JSON trees in step. */
    private static final class Walker {
        private final int n;
        private final List<DiffEntry> out;

        Walker(int n, List<DiffEntry> out) {
            this.n = n;
            this.out = out;
        }

        /** All present nodes are objects; recurse per field, in order of first appearance. */
        void object(List<JsonNode> nodes, String path, List<String> runPaths) {
            Set<String> keys = new LinkedHashSet<>();
            for (JsonNode node : nodes) {
                if (present(node)) {
                    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                        keys.add(it.next());
                    }
                }
            }
            for (String key : keys) {
                List<JsonNode> children = new ArrayList<>();
                List<String> childPaths = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    JsonNode c = present(nodes.get(i)) ? nodes.get(i).get(key) : null;
                    children.add(present(c) ? c : null);
                    childPaths.add(runPaths.get(i) == null ? null : join(runPaths.get(i), key));
                }
                field(children, join(path, key), childPaths, key);
            }
        }

        void field(List<JsonNode> values, String path, List<String> runPaths, String key) {
            boolean anyAbsent = values.stream().anyMatch(v -> !present(v));
            boolean allAbsent = values.stream().noneMatch(SpecDiff::present);
            if (allAbsent) {
                return;
            }
            JsonNode first = values.stream().filter(SpecDiff::present).findFirst().orElseThrow();
            if (first.isArray() && ("layers".equals(key) || "body".equals(key)) && !anyAbsent) {
                layers(values, path, runPaths);
            } else if (first.isObject() && !anyAbsent && values.stream().allMatch(JsonNode::isObject)) {
                object(values, path, runPaths);
            } else {
                leaf(values, path, runPaths, null);
            }
        }

        /** One entry for values compared whole (scalars, sections only some specs have, whole layers). */
        void leaf(List<JsonNode> values, String path, List<String> runPaths, List<String> labels) {
            List<String> shown = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            List<Boolean> differs = new ArrayList<>();
            String ref = canonical(values.get(0));
            for (int i = 0; i < n; i++) {
                JsonNode v = values.get(i);
                shown.add(!present(v) ? null : labels != null ? labels.get(i) : display(v));
                paths.add(present(v) ? runPaths.get(i) : null);
                differs.add(!Objects.equals(ref, canonical(v)));
            }
            out.add(new DiffEntry(path, kind(values), shown, paths, differs, counts(path)));
        }

        /** Aligns n layer lists and emits one entry per aligned column (or per changed field inside it). */
        void layers(List<JsonNode> lists, String path, List<String> runPaths) {
            List<JsonNode[]> columns = LayerAlignment.align(lists);
            int[] next = new int[n];
            for (JsonNode[] column : columns) {
                List<JsonNode> values = new ArrayList<>();
                List<String> paths = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    values.add(column[i]);
                    paths.add(column[i] == null || runPaths.get(i) == null ? null : runPaths.get(i) + "[" + next[i] + "]");
                    if (column[i] != null) {
                        next[i]++;
                    }
                }
                String display = paths.get(0) != null ? paths.get(0)
                        : paths.stream().filter(Objects::nonNull).findFirst().orElseThrow();
                List<String> labels = values.stream().map(SpecDiff::layerLabel).toList();
                boolean anyAbsent = values.stream().anyMatch(Objects::isNull);
                boolean typeChanged = values.stream().filter(Objects::nonNull).map(v -> v.path("type").asText())
                        .distinct().count() > 1;
                boolean allSame = values.stream().map(SpecDiff::canonical).distinct().count() == 1;
                if (anyAbsent || typeChanged || allSame) {
                    leaf(values, display, paths, labels);
                } else {
                    object(values, display, paths);
                }
            }
        }
    }

    static DiffEntry.Kind kind(List<JsonNode> values) {
        List<String> c = values.stream().map(SpecDiff::canonical).toList();
        String ref = c.get(0);
        if (c.stream().allMatch(v -> Objects.equals(v, ref))) {
            return DiffEntry.Kind.SAME;
        }
        if (ref == null) {
            return DiffEntry.Kind.ADDED;
        }
        if (c.stream().allMatch(v -> v == null || v.equals(ref))) {
            return DiffEntry.Kind.REMOVED;
        }
        return DiffEntry.Kind.CHANGED;
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    static String canonical(JsonNode node) {
        return present(node) ? node.toString() : null;
    }

    /** How a person reads a value: numbers and names as in a spec file, sections as {a: 1, b: 2}, layers by their label. */
    static String display(JsonNode v) {
        if (!present(v)) {
            return null;
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(x -> items.add(x.isObject() && x.has("type") ? layerLabel(x) : display(x)));
            return "[" + String.join(", ", items) + "]";
        }
        List<String> parts = new ArrayList<>();
        v.fields().forEachRemaining(e -> {
            if (present(e.getValue())) {
                parts.add(e.getKey() + ": " + display(e.getValue()));
            }
        });
        return "{" + String.join(", ", parts) + "}";
    }

    static String layerLabel(JsonNode layer) {
        if (!present(layer)) {
            return null;
        }
        try {
            LayerSpec l = SpecJson.mapper().treeToValue(layer, LayerSpec.class);
            if (l.type() == LayerSpec.Type.RESIDUAL) {
                return "residual [" + String.join(", ", l.body().stream().map(LayerSpec::label).toList()) + "]";
            }
            return l.label();
        } catch (Exception e) {
            return layer.path("type").asText("layer").toLowerCase(Locale.ROOT);
        }
    }

    private static String join(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }
}
