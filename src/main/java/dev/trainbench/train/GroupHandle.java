package dev.trainbench.train;

import dev.trainbench.runs.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A submitted seed group ({@link TrainerService#submitGroup}): its members train one after
 * another on the trainer thread. Control it from any thread.
 */
public final class GroupHandle {
    private final SeedGroup plan;
    private final List<RunHandle> members;
    private final CompletableFuture<List<RunRecord>> completion;

    GroupHandle(SeedGroup plan, List<RunHandle> members) {
        this.plan = plan;
        this.members = List.copyOf(members);
        CompletableFuture<?>[] all = members.stream()
                .map(h -> h.completion().handle((r, e) -> r))
                .toArray(CompletableFuture[]::new);
        this.completion = CompletableFuture.allOf(all).thenApply(v -> {
            List<RunRecord> done = new ArrayList<>();
            for (RunHandle h : this.members) {
                RunRecord r = h.completion().handle((rec, e) -> rec).join();
                if (r != null) {
                    done.add(r);
                }
            }
            return List.copyOf(done);
        });
    }

    /** The group id recorded in every member's run.json. */
    public String groupId() {
        return plan.id();
    }

    public String name() {
        return plan.name();
    }

    public SeedGroup plan() {
        return plan;
    }

    /** One handle per member, in seed order. */
    public List<RunHandle> members() {
        return members;
    }

    /** Stops the member training now and every member not yet started (they end as stopped, with no run folder). */
    public void stop() {
        members.forEach(RunHandle::stop);
    }

    /** The member training now, or null when none is. */
    public RunHandle current() {
        return members.stream().filter(h -> h.runId() != null && !h.completion().isDone()).findFirst().orElse(null);
    }

    /**
     * Completes when every member has ended, with the records of the members that trained (in
     * order; a member that failed before its run existed, or was stopped before it started, has
     * none: see its own {@link RunHandle#completion()}). Never completes exceptionally.
     */
    public CompletableFuture<List<RunRecord>> completion() {
        return completion;
    }
}
