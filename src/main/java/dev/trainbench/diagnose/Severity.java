package dev.trainbench.diagnose;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How much a finding matters. Warning and above are what a healthy run never shows. */
public enum Severity {
    /** Worth knowing; the run is fine. */
    @JsonProperty("info") INFO,
    /** The run trains badly for a reason the finding names. */
    @JsonProperty("warning") WARNING,
    /** The run cannot work as it is (diverged, dead, cannot fit in memory). */
    @JsonProperty("error") ERROR;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
