package dev.trainbench.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Input scaling, always fitted on the training split only. */
public enum Preprocessing {
    /** Zero mean, unit variance: per feature for tables, per channel for images. */
    @JsonProperty("standardize") STANDARDIZE,
    /** Into [0, 1]: per feature for tables, per channel for images. */
    @JsonProperty("minmax") MINMAX,
    @JsonProperty("none") NONE
}
