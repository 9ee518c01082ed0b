package dev.trainbench.compare;

/** What a comparison's curves are plotted against. */
public enum XAxis {
    /** Training step (0, 1, ...); an epoch value sits at the step that ended the epoch. */
    STEP("step"),
    /** Epoch (1, 2, ...); a step value sits at its fraction of the epoch (1.5 = half-way through epoch 2). */
    EPOCH("epoch"),
    /**
     * Training seconds from the start, from {@code epochs.csv}'s per-epoch training time (validation
     * excluded); steps are placed evenly within their epoch.
     */
    TIME("training time (s)");

    private final String label;

    XAxis(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
