package dev.trainbench.diagnose;

import dev.trainbench.spec.ExperimentSpec;

/**
 * What a rule reads: the spec, the facts about its model and data, the memory estimate, the run's
 * evidence so far, and whether the run has ended.
 *
 * @param data   null when the data could not be read (an old run whose data file is gone)
 * @param memory null when the input shape is unknown
 */
record Context(ExperimentSpec spec, ModelFacts model, DataFacts data, MemoryEstimate memory, RunEvidence run,
               long stepsPerEpoch, int plannedEpochs, boolean ended) {

    Context ended(boolean value) {
        return new Context(spec, model, data, memory, run, stepsPerEpoch, plannedEpochs, value);
    }

    boolean classification() {
        return data != null ? data.classification() : !Double.isNaN(run.recentAccuracy());
    }

    /**
     * The loss of a model that learned nothing: for classes the smaller of the initial loss and the
     * loss of predicting the class shares (an overconfident start is above it), else the initial loss.
     */
    double baselineLoss() {
        double initial = run.initialLoss();
        double chance = data == null ? Double.NaN : data.chanceLoss();
        if (Double.isFinite(chance) && chance > 0) {
            return Double.isFinite(initial) ? Math.min(initial, chance) : chance;
        }
        return initial;
    }

    /** The learning rate the spec asks for (the schedule's base). */
    double baseLearningRate() {
        return spec.training().optimizer().learningRate();
    }

    /** The learning rate at the latest step, else the spec's. */
    double currentLearningRate() {
        double lr = run.learningRate();
        return Double.isFinite(lr) && lr > 0 ? lr : baseLearningRate();
    }
}
