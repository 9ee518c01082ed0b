package dev.trainbench.train;

import dev.trainbench.runs.RunStatus;
import java.util.List;

/**
 * The sanity checks on the first batch (T4): the initial loss against its expected value, and a
 * non-zero gradient for every parameter. Findings go to the record ({@code sanity}) and to the
 * subscribers at once. A first batch on which every gradient is exactly zero ends the run: nothing
 * could ever learn.
 */
final class FirstBatchChecks extends TrainingListenerAdapter {
    private RunContext run;
    private boolean done;

    @Override
    public void onRunStart(RunContext run) {
        this.run = run;
    }

    @Override
    public void onStep(StepMetrics step) {
        if (done) {
            return;
        }
        done = true;
        int n = step.parameterCount();
        float[] squared = new float[n];
        boolean allZero = true;
        for (int k = 0; k < n; k++) {
            float g = step.parameterGradNorm(k);
            squared[k] = g * g;
            allZero &= g == 0;
        }
        List<String> findings = SanityChecks.firstBatch(run.spec().training().loss(), run.data().train().outputWidth(),
                run.classification(), step.loss(), run.layerNames(), run.parameterNames(), squared);
        run.record().sanity(findings);
        run.publish(new TrainingEvent.SanityChecked(run.runId(), List.copyOf(findings)));
        run.saveRecord();
        if (allZero && n > 0) {
            throw new TrainingException("every gradient is exactly zero on the first batch, so nothing can learn;"
                    + " with zero initialization all units are identical and pass no gradient: use he or xavier"
                    + " initialization (model.init)");
        }
    }

    @Override
    public void onRunEnd(RunStatus status, String message) {
        // nothing: the findings are in the record since the first step
    }
}
