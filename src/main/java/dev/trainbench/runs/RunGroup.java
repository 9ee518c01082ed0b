package dev.trainbench.runs;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The runs of a workspace that share a {@code groupId}, in group order: whole records or summaries.
 *
 * @param id   the group id
 * @param name the group's name (from its first run that has one)
 * @param runs the members found, by {@code groupIndex}, then creation time
 * @param size runs planned ({@code groupSize}); more than {@code runs.size()} while the group is
 *             still training, or when members failed before they had a folder, or were deleted
 */
public record RunGroup<R extends RunInfo>(String id, String name, List<R> runs, int size) {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    /** Every group id starts with this, so that a group id is never taken for a run id (those start with a date). */
    public static final String ID_PREFIX = "g-";

    public RunGroup {
        runs = List.copyOf(runs);
    }

    /** A new group id: {@code g-yyyyMMdd-HHmmss-<name>-<4 hex>}, safe as a file name. */
    public static String newId(String name) {
        String slug = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40);
        }
        String rand = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        return ID_PREFIX + LocalDateTime.now().format(ID_TIME) + "-" + (slug.isEmpty() ? "group" : slug) + "-" + rand;
    }

    /** The groups among {@code runs}, in order of their first member's appearance; runs without a group are left out. */
    public static <R extends RunInfo> List<RunGroup<R>> of(List<R> runs) {
        Map<String, List<R>> byId = new LinkedHashMap<>();
        for (R r : runs) {
            if (r.groupId() != null) {
                byId.computeIfAbsent(r.groupId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<RunGroup<R>> out = new ArrayList<>();
        byId.forEach((id, members) -> {
            List<R> sorted = new ArrayList<>(members);
            sorted.sort(Comparator.comparing((R r) -> r.groupIndex() == null ? Integer.MAX_VALUE : r.groupIndex())
                    .thenComparing(RunInfo::createdAt, Comparator.nullsLast(Comparator.<String>naturalOrder())));
            String name = null;
            int size = sorted.size();
            for (R r : sorted) { // loops, not streams: a list of 10,000 runs has thousands of groups
                if (name == null && r.groupName() != null && !r.groupName().isBlank()) {
                    name = r.groupName();
                }
                if (r.groupSize() != null) {
                    size = Math.max(size, r.groupSize());
                }
            }
            out.add(new RunGroup<>(id, name == null ? id : name, sorted, size));
        });
        return out;
    }

    /** True when some planned members are not (or not yet) in the workspace. */
    public boolean incomplete() {
        return runs.size() < size;
    }
}
