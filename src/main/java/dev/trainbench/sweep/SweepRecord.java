package dev.trainbench.sweep;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sweep.json} of a sweep folder (format version {@value #FORMAT_VERSION}, documented in
 * docs/file-formats.md): the grid, the tasks and their specs, how they are executed and where they
 * were submitted. Written when the sweep is made; rewritten only to record the submission and a
 * cancellation, keeping every field a newer TrainBench may have added.
 *
 * @param workspace where the runs go (absolute; shared storage for a cluster)
 * @param baseDir   relative data paths in the specs resolve against this folder (the base spec file's)
 * @param specFile  the spec file the sweep was made from (informative)
 * @param baseSpec  the spec before the changes (informative; each task's spec is its own file)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"formatVersion", "id", "name", "createdAt", "createdBy", "workspace", "baseDir", "specFile", "seeds", "axes",
        "executor", "submission", "cancelledAt", "tasks", "baseSpec"})
public record SweepRecord(int formatVersion, String id, String name, String createdAt, String createdBy, String workspace,
                          String baseDir, String specFile, int seeds, List<SweepAxis> axes, ExecutorSettings executor,
                          Submission submission, String cancelledAt, List<TaskEntry> tasks, JsonNode baseSpec) {

    public static final int FORMAT_VERSION = 1;

    public SweepRecord {
        axes = axes == null ? List.of() : List.copyOf(axes);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /**
     * One task.
     *
     * @param index      the array index
     * @param spec       the child spec's file, relative to the sweep folder ({@code specs/task-000.json})
     * @param point      swept path to value, in axis order
     * @param label      the point for people
     * @param seed       the run's seed
     * @param groupId    the point's seed group (null with one seed)
     * @param groupName  the group's name (the child spec's name)
     * @param groupIndex the run's place in the group
     * @param groupSize  runs in the group (the sweep's seeds)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TaskEntry(int index, String spec, Map<String, String> point, String label, long seed, String groupId,
                            String groupName, Integer groupIndex, Integer groupSize) {
        public TaskEntry {
            point = point == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(point));
        }
    }

    /**
     * Where the sweep went.
     *
     * @param jobId       Slurm's job id (the array's), null for local
     * @param submittedAt ISO-8601 instant
     * @param host        the machine that submitted it (local: where the processes run)
     * @param pid         local: the process driving the runs
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Submission(String jobId, String submittedAt, String host, Long pid) {
    }

    public TaskEntry task(int index) {
        if (index < 0 || index >= tasks.size()) {
            throw new SweepException("sweep " + id + " has tasks 0.." + (tasks.size() - 1) + ", not " + index);
        }
        return tasks.get(index);
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }
}
