package dev.trainbench.runs;

/**
 * A run's place in a group of runs of one spec (a seed group: the same spec with seeds
 * {@code s, s+1, ...}), recorded in its {@code run.json} as {@code groupId}, {@code groupName},
 * {@code groupIndex} and {@code groupSize}, so that Compare and {@code trainbench compare} can
 * treat the runs as one point with a spread.
 *
 * @param groupId   shared by every run of the group ({@link RunGroup#newId})
 * @param groupName for people, e.g. the spec's name
 * @param index     0-based position in the group
 * @param size      runs planned in the group
 */
public record GroupMembership(String groupId, String groupName, int index, int size) {

    public GroupMembership {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("a group needs an id");
        }
        if (size < 1 || index < 0 || index >= size) {
            throw new IllegalArgumentException("group position " + index + " of " + size + " is impossible");
        }
    }

    /** Writes the membership into a record being built. */
    public RunRecord.Builder applyTo(RunRecord.Builder b) {
        return b.groupId(groupId).groupName(groupName).groupIndex(index).groupSize(size);
    }
}
