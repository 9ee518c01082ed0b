package dev.trainbench.runs;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum RunStatus {
    @JsonProperty("queued") QUEUED,
    @JsonProperty("running") RUNNING,
    @JsonProperty("paused") PAUSED,
    @JsonProperty("completed") COMPLETED,
    /** Ended early by validation loss no longer improving. */
    @JsonProperty("early_stopped") EARLY_STOPPED,
    @JsonProperty("stopped") STOPPED,
    /** Loss became NaN or infinite. */
    @JsonProperty("diverged") DIVERGED,
    @JsonProperty("failed") FAILED,
    /** The process died while the run was going; metrics up to the last flush are readable. */
    @JsonProperty("interrupted") INTERRUPTED;

    public boolean isActive() {
        return this == QUEUED || this == RUNNING || this == PAUSED;
    }

    public String label() {
        return name().toLowerCase().replace('_', ' ');
    }
}
