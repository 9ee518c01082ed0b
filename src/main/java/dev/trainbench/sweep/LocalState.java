package dev.trainbench.sweep;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code local.json} of a sweep run by the local executor: which process drives it and the state
 * of each task's process, rewritten (atomically) whenever one starts or ends. With the run folders
 * it answers {@code sweep status} and lets {@code sweep cancel} stop the processes from another
 * terminal. Process ids come with their start instants, so that a reused id is never signalled.
 *
 * @param host      the machine the processes run on
 * @param pid       the driving process ({@code trainbench sweep}, or the GUI)
 * @param pidStart  its start instant
 * @param endedAt   when the driver finished (every task ended or was cancelled); null while it runs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocalState(int formatVersion, String host, long pid, String pidStart, String startedAt, String endedAt,
                         List<Task> tasks) {

    public static final int FORMAT_VERSION = 1;

    public enum State {
        @JsonProperty("queued") QUEUED,
        @JsonProperty("running") RUNNING,
        @JsonProperty("exited") EXITED,
        @JsonProperty("cancelled") CANCELLED
    }

    /**
     * @param exitCode the process's exit status once {@code exited} (0: trained to the end; 1: the run
     *                 failed or was stopped; 2: bad input, often before the run folder existed)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Task(int index, State state, Long pid, String pidStart, Integer exitCode) {
    }

    public LocalState {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    static Optional<LocalState> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SweepFolder.READER.readValue(file.toFile(), LocalState.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True when the driving process still runs on this machine (it cannot be asked from another one). */
    public boolean driverAlive() {
        return endedAt == null && alive(pid, pidStart);
    }

    /** The live process with this id and start instant, if it runs on this machine. */
    static Optional<ProcessHandle> process(Long pid, String start) {
        if (pid == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> start == null
                || h.info().startInstant().map(Instant::toString).map(start::equals).orElse(true));
    }

    static boolean alive(Long pid, String start) {
        return process(pid, start).isPresent();
    }
}
