package dev.trainbench.spec;

/** Stop when validation loss has not improved by {@code minDelta} for {@code patience} epochs. */
public record EarlyStoppingSpec(Integer patience, Double minDelta) {

    public EarlyStoppingSpec {
        patience = patience == null ? 5 : patience;
        minDelta = minDelta == null ? 0.0 : minDelta;
        SpecException.require(patience >= 1, "training.earlyStopping.patience must be >= 1, was " + patience);
        SpecException.require(minDelta >= 0, "training.earlyStopping.minDelta must be >= 0, was " + minDelta);
    }

    public EarlyStoppingSpec withPatience(int value) {
        return new EarlyStoppingSpec(value, minDelta);
    }

    public EarlyStoppingSpec withMinDelta(double value) {
        return new EarlyStoppingSpec(patience, value);
    }
}
