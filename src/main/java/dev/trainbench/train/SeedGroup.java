package dev.trainbench.train;

import dev.trainbench.runs.GroupMembership;
import dev.trainbench.runs.RunGroup;
import dev.trainbench.spec.ExperimentSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of a seed group: the same spec run with seeds {@code s, s+1, ..., s+n-1}, where
 * {@code s} is the spec's own seed (so the first member repeats a plain run of the spec exactly,
 * and a group of 5 after a group of 3 reuses the first 3 seeds). Only the seed differs between
 * members; with one seed driving the split, the shuffles, augmentation, initialization and
 * dropout, the spread over a group is the run-to-run noise of that recipe.
 *
 * @param id      the group id, recorded in every member's run.json
 * @param name    the group's name (the spec's name)
 * @param members one spec per member, in order
 */
public record SeedGroup(String id, String name, List<ExperimentSpec> members) {

    /** Most runs in one group: a guard against a typo (500 for 5), not a statistical limit. */
    public static final int MAX_SEEDS = 100;

    public SeedGroup {
        members = List.copyOf(members);
    }

    /**
     * Plans {@code seeds} runs of {@code spec}.
     *
     * @throws IllegalArgumentException when {@code seeds} is not 1..{@value #MAX_SEEDS}
     */
    public static SeedGroup plan(ExperimentSpec spec, int seeds) {
        if (seeds < 1 || seeds > MAX_SEEDS) {
            throw new IllegalArgumentException("the number of seeds must be 1.." + MAX_SEEDS + ", was " + seeds);
        }
        List<ExperimentSpec> members = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            members.add(spec.withSeed(spec.seed() + i));
        }
        return new SeedGroup(RunGroup.newId(spec.name()), spec.name(), members);
    }

    public int size() {
        return members.size();
    }

    /** The membership recorded in member {@code index}'s run.json. */
    public GroupMembership membership(int index) {
        return new GroupMembership(id, name, index, members.size());
    }
}
