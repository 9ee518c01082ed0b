package dev.trainbench.runs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parent → child links between the runs of a workspace, from each run's {@code parentId} (set
 * when a run is cloned from another, or with {@code trainbench run --parent}). A parent that is
 * no longer in the workspace makes its children roots; a cycle (only possible in hand-edited
 * files) is cut where it closes, so every query ends.
 */
public final class Lineage {
    private final Map<String, RunInfo> byId = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();

    private Lineage(List<? extends RunInfo> runs) {
        for (RunInfo r : runs) {
            byId.put(r.id(), r);
        }
        List<RunInfo> oldestFirst = new ArrayList<>(runs);
        oldestFirst.sort(Comparator.comparing(RunInfo::createdAt, Comparator.nullsLast(Comparator.<String>naturalOrder()))
                .thenComparing(RunInfo::id));
        for (RunInfo r : oldestFirst) {
            String p = parentOf(r);
            if (p != null) {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(r.id());
            }
        }
    }

    /** The lineage of {@code runs} (typically every run of a workspace, {@link RunStore#summaries()}). */
    public static Lineage of(List<? extends RunInfo> runs) {
        return new Lineage(runs);
    }

    /** The parent's id when the parent is in the workspace, else null. */
    public String parent(String id) {
        RunInfo r = byId.get(id);
        return r == null ? null : parentOf(r);
    }

    /** Whether the run names a parent that is not in the workspace (deleted, or from another workspace). */
    public boolean parentMissing(String id) {
        RunInfo r = byId.get(id);
        return r != null && r.parentId() != null && !byId.containsKey(r.parentId());
    }

    /** Direct children, oldest first. */
    public List<String> children(String id) {
        return List.copyOf(children.getOrDefault(id, List.of()));
    }

    /** The oldest ancestor in the workspace (the run itself when it has no parent there). */
    public String root(String id) {
        Set<String> seen = new HashSet<>();
        String current = id;
        while (seen.add(current)) {
            String p = parent(current);
            if (p == null || seen.contains(p)) {
                return current;
            }
            current = p;
        }
        return current;
    }

    /** Ancestors from the parent up to the root. */
    public List<String> ancestors(String id) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>(List.of(id));
        for (String p = parent(id); p != null && seen.add(p); p = parent(p)) {
            out.add(p);
        }
        return out;
    }

    /** Every descendant, depth first, children oldest first. */
    public List<String> descendants(String id) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>(List.of(id));
        walk(id, out, seen);
        return out;
    }

    /** The run's family: its root and all the root's descendants, in tree order (parent before children). */
    public List<String> family(String id) {
        String root = root(id);
        List<String> out = new ArrayList<>(List.of(root));
        out.addAll(descendants(root));
        return out;
    }

    /** Generations below the root: 0 for a root. */
    public int depth(String id) {
        return ancestors(id).size();
    }

    /**
     * {@code ids} reordered so that each family comes together in tree order (a parent before its
     * children), families in order of their first appearance in {@code ids}: Compare's default order.
     */
    public List<String> treeOrder(List<String> ids) {
        Set<String> wanted = new HashSet<>(ids);
        List<String> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (String id : ids) {
            if (placed.contains(id)) {
                continue;
            }
            for (String member : family(id)) {
                if (wanted.contains(member) && placed.add(member)) {
                    out.add(member);
                }
            }
            if (placed.add(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private void walk(String id, List<String> out, Set<String> seen) {
        for (String c : children.getOrDefault(id, List.of())) {
            if (seen.add(c)) {
                out.add(c);
                walk(c, out, seen);
            }
        }
    }

    private String parentOf(RunInfo r) {
        String p = r.parentId();
        return p != null && byId.containsKey(p) && !p.equals(r.id()) ? p : null;
    }
}
