package dev.trainbench.compare;

import java.util.List;

/**
 * One row of a configuration diff: a field (or a whole layer, or a whole section present in only
 * some specs) and its value in every spec compared.
 *
 * @param path    the field's path as {@link dev.trainbench.spec.SpecPaths} reads it, in the reference
 *                (the first spec), or, for a layer the reference does not have, in the first spec that has it
 * @param kind    relative to the reference: {@link Kind#SAME}, {@link Kind#CHANGED}, {@link Kind#ADDED}
 *                (the reference lacks it, some other has it), {@link Kind#REMOVED} (the reference has it,
 *                some other lacks it)
 * @param values  one per spec, as a person reads it ({@code 0.001}, {@code adam}, {@code dropout 0.1}); null
 *                where that spec does not have the field
 * @param paths   one per spec: the field's path in that spec (after an inserted layer the same layer has
 *                another index in each), null where absent; feed these to {@code SpecPaths}
 * @param differs one per spec: whether that spec's value differs from the reference's (false for the reference)
 * @param counted whether a difference here changes results, and so counts towards "more than one thing
 *                changed" ({@link SpecDiff#NOT_COUNTED}: the name and the informative preset label do not)
 */
public record DiffEntry(String path, Kind kind, List<String> values, List<String> paths, List<Boolean> differs,
                        boolean counted) {

    /** How a field relates to the reference spec. */
    public enum Kind {
        SAME, CHANGED, ADDED, REMOVED;

        public String label() {
            return name().toLowerCase();
        }
    }

    public DiffEntry {
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        paths = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(paths));
        differs = List.copyOf(differs);
    }

    public boolean isDifference() {
        return kind != Kind.SAME;
    }

    /** The top-level section: {@code data}, {@code split}, {@code model}, {@code training}, or the field itself. */
    public String section() {
        int dot = path.indexOf('.');
        int bracket = path.indexOf('[');
        int end = dot < 0 ? bracket : bracket < 0 ? dot : Math.min(dot, bracket);
        return end < 0 ? path : path.substring(0, end);
    }
}
