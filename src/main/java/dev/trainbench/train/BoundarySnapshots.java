package dev.trainbench.train;

/**
 * The decision-boundary view's data for 2-D classification: the model's predictions over a grid
 * around the raw training data, at most every {@code boundaryIntervalMillis} during an epoch and at
 * every epoch end. Other data sets get none.
 */
final class BoundarySnapshots extends TrainingListenerAdapter {
    static final int CELLS = 64;

    private RunContext run;
    private boolean applies;
    private long lastBoundary;

    @Override
    public void onRunStart(RunContext run) {
        this.run = run;
        PreparedData data = run.data();
        int[] shape = data.train().sampleShape();
        this.applies = data.rawTrain() != null && shape.length == 1 && shape[0] == 2 && run.classification();
    }

    @Override
    public void onStep(StepMetrics step) {
        maybeSnapshot(false, step.step());
    }

    @Override
    public void onEpochEnd(EpochMetrics epoch) {
        maybeSnapshot(true, run.stepsCompleted());
    }

    private void maybeSnapshot(boolean force, long step) {
        if (!applies) {
            return;
        }
        long now = System.currentTimeMillis();
        if (!force && now - lastBoundary < run.options().boundaryIntervalMillis()) {
            return;
        }
        lastBoundary = now;
        run.publish(new TrainingEvent.BoundarySnapshot(run.runId(),
                Evaluation.decisionGrid(run.trainer(), run.data().rawTrain(), run.data().preprocess(), CELLS, step)));
    }
}
