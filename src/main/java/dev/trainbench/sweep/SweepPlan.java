package dev.trainbench.sweep;

import dev.trainbench.runs.RunGroup;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecException;
import dev.trainbench.spec.SpecPaths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The runs of a sweep: every combination of the axes' values (the first axis varies slowest)
 * times {@code seeds} seeds. Each grid point is a seed group (seeds {@code s, s+1, ...} of the base
 * spec's seed {@code s}, as {@code run --seeds} does), so Compare draws it as one band. Task
 * {@code i} is point {@code i / seeds}, seed index {@code i % seeds}: the Slurm array index.
 *
 * <p>Everything is checked when planned, before anything is written or submitted: a bad path or
 * value is refused naming the field, and a combination that does not make a valid spec (say, a
 * layer index that one of the points removed) names the point.
 *
 * @param id    the sweep id, {@code s-yyyyMMdd-HHmmss-<name>-<4 hex>}
 * @param name  for people (the base spec's name unless given)
 * @param base  the spec every task starts from
 * @param axes  the swept fields
 * @param seeds runs per grid point
 * @param tasks one per run, in task order
 */
public record SweepPlan(String id, String name, ExperimentSpec base, List<SweepAxis> axes, int seeds, List<Task> tasks) {

    /** Most runs in one sweep: Slurm's default MaxArraySize is 1001 (indexes 0..1000), and a typo should not queue 10,000 runs. */
    public static final int MAX_TASKS = 1000;
    /** Every sweep id starts with this, so that it is never taken for a run id or a group id. */
    public static final String ID_PREFIX = "s-";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    /**
     * One run of the sweep.
     *
     * @param index      the task index (Slurm array index)
     * @param spec       the child spec: the base with the point's values and the seed applied, named after the point
     * @param point      swept path to value as text (normalised: {@code 1e-3} is {@code 0.001}), in axis order
     * @param label      the point for people, e.g. {@code learningRate=0.001, units=64}
     * @param groupId    the point's seed group, or null when the sweep has one seed
     * @param groupIndex the run's place in its group (its seed index)
     */
    public record Task(int index, ExperimentSpec spec, Map<String, String> point, String label, String groupId,
                       int groupIndex) {
        public Task {
            point = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(point));
        }

        public long seed() {
            return spec.seed();
        }
    }

    public SweepPlan {
        axes = List.copyOf(axes);
        tasks = List.copyOf(tasks);
    }

    /**
     * Plans the sweep.
     *
     * @param name the sweep's name, or null for the base spec's
     * @throws SpecException naming the field, value or point that is wrong, and how to fix it
     */
    public static SweepPlan of(ExperimentSpec base, List<SweepAxis> axes, int seeds, String name) {
        if (seeds < 1 || seeds > 100) {
            throw new SpecException("--seeds must be 1..100, was " + seeds);
        }
        Set<String> paths = new HashSet<>();
        for (SweepAxis a : axes) {
            if (!paths.add(a.path())) {
                throw new SpecException(a.path() + " is swept twice; give all its values in one --set " + a.path() + "=V1,V2,...");
            }
            if (a.path().equals("seed") && seeds > 1) {
                throw new SpecException("seed is swept and --seeds is " + seeds + ": use one or the other (--seeds " + seeds
                        + " runs seeds " + base.seed() + ".." + (base.seed() + seeds - 1) + " at every point)");
            }
        }
        for (int i = 0; i < axes.size(); i++) {
            for (int j = 0; j < axes.size(); j++) {
                String a = axes.get(i).path();
                String b = axes.get(j).path();
                if (i != j && (b.startsWith(a + ".") || b.startsWith(a + "["))) {
                    throw new SpecException(b + " is inside " + a + ", which is swept too; sweep one or the other");
                }
            }
        }
        long points = 1;
        for (SweepAxis a : axes) {
            points *= a.values().size();
            if (points * seeds > MAX_TASKS) {
                break;
            }
        }
        if (points * seeds > MAX_TASKS) {
            throw new SpecException("this sweep would be " + describeSize(axes, seeds) + " runs, more than " + MAX_TASKS
                    + " in one sweep; fewer values or seeds, or split it into several sweeps");
        }
        String sweepName = name == null || name.isBlank() ? base.name() : name.strip();
        // each value's type first: such an error names the field and the value, not a combination
        // (whether a value is valid may depend on another axis, e.g. split.train with split.test)
        for (SweepAxis a : axes) {
            for (String v : a.values()) {
                SpecPaths.parseValue(a.path(), v);
            }
        }
        List<String> labels = labels(axes);
        List<Task> tasks = new ArrayList<>();
        Map<Map<String, String>, String> seenPoints = new LinkedHashMap<>();
        Set<String> groupIds = new HashSet<>();
        int[] idx = new int[axes.size()];
        for (long p = 0; p < points; p++) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int k = 0; k < axes.size(); k++) {
                given.put(axes.get(k).path(), axes.get(k).values().get(idx[k]));
            }
            ExperimentSpec spec;
            try {
                spec = axes.isEmpty() ? base : SpecPaths.setAllText(base, given);
            } catch (SpecException e) {
                if (axes.size() == 1) {
                    throw e;
                }
                throw new SpecException("the grid point " + pointText(axes, idx) + " is not a valid spec: " + e.getMessage(), e);
            }
            Map<String, String> point = new LinkedHashMap<>();
            for (int k = 0; k < axes.size(); k++) {
                String text = SpecPaths.getText(spec, axes.get(k).path());
                point.put(axes.get(k).path(), text.isEmpty() ? "null" : text);
            }
            String same = seenPoints.put(point, pointText(axes, idx));
            if (same != null) {
                throw new SpecException("the grid points " + same + " and " + pointText(axes, idx)
                        + " are the same spec (the values are equal once read); drop one of the values");
            }
            StringBuilder label = new StringBuilder();
            int k = 0;
            for (String v : point.values()) {
                label.append(k == 0 ? "" : ", ").append(labels.get(k)).append('=').append(v);
                k++;
            }
            String pointName = axes.isEmpty() ? sweepName : sweepName + " " + label;
            ExperimentSpec named = spec.withName(pointName);
            String groupId = null;
            if (seeds > 1) {
                do {
                    groupId = RunGroup.newId(pointName);
                } while (!groupIds.add(groupId));
            }
            for (int s = 0; s < seeds; s++) {
                tasks.add(new Task(tasks.size(), named.withSeed(named.seed() + s), point, label.toString(), groupId, s));
            }
            // next grid point: the last axis varies fastest
            for (int j = axes.size() - 1; j >= 0; j--) {
                if (++idx[j] < axes.get(j).values().size()) {
                    break;
                }
                idx[j] = 0;
            }
        }
        return new SweepPlan(newId(sweepName), sweepName, base, axes, seeds, tasks);
    }

    private static String pointText(List<SweepAxis> axes, int[] idx) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < axes.size(); k++) {
            parts.add(axes.get(k).path() + "=" + axes.get(k).values().get(idx[k]));
        }
        return String.join(", ", parts);
    }

    /** Grid points (each {@link #seeds} runs). */
    public int points() {
        return tasks.size() / seeds;
    }

    /** "3 x 2 values x 2 seeds = 12" style description of the size. */
    public String sizeText() {
        return describeSize(axes, seeds) + " runs";
    }

    private static String describeSize(List<SweepAxis> axes, int seeds) {
        StringBuilder b = new StringBuilder();
        long n = seeds;
        for (SweepAxis a : axes) {
            b.append(a.values().size()).append(" ").append(a.shortName()).append(" x ");
            n *= a.values().size();
        }
        return b.append(seeds).append(seeds == 1 ? " seed" : " seeds").append(" = ").append(n).toString();
    }

    /** The shortest path suffix that tells the axes apart: {@code learningRate}, or {@code layers[0].units} and {@code layers[2].units}. */
    static List<String> labels(List<SweepAxis> axes) {
        List<String> out = new ArrayList<>();
        for (SweepAxis a : axes) {
            String[] parts = a.path().split("\\.");
            String label = a.path();
            for (int take = 1; take <= parts.length; take++) {
                String candidate = String.join(".", java.util.Arrays.copyOfRange(parts, parts.length - take, parts.length));
                boolean unique = true;
                for (SweepAxis other : axes) {
                    if (other != a && (other.path().equals(candidate) || other.path().endsWith("." + candidate))) {
                        unique = false;
                    }
                }
                if (unique) {
                    label = candidate;
                    break;
                }
            }
            out.add(label);
        }
        return out;
    }

    /** A new sweep id, {@code s-yyyyMMdd-HHmmss-<name>-<4 hex>}, safe as a folder name. */
    static String newId(String name) {
        String slug = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        String rand = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        return ID_PREFIX + LocalDateTime.now().format(ID_TIME) + "-" + (slug.isEmpty() ? "sweep" : slug) + "-" + rand;
    }
}
