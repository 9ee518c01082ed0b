package dev.trainbench.train;

import dev.trainbench.diagnose.DataFacts;
import dev.trainbench.diagnose.ModelFacts;
import dev.trainbench.diagnose.SanityRules;
import dev.trainbench.runs.RunStatus;
import java.util.List;

/**
 * The sanity checks on the first batch (T4): the initial loss against its expected value, and a
 * non-zero gradient for every parameter, judged in the diagnosis rules' words ({@link SanityRules}). Findings go to the record ({@code sanity}) and to the
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
        ModelFacts model = ModelFacts.of(run.spec(), run.data().train().outputWidth());
        // the data's facts are needed only to explain an overconfident start
        boolean overconfident = run.classification() && step.loss() > 2 * Math.log(run.data().train().outputWidth()) + 0.5;
        DataFacts data = overconfident ? DataFacts.of(run.data().train(), run.spec()) : null;
        List<String> findings = SanityRules.firstBatch(run.spec(), model, data, run.classification(),
                run.data().train().outputWidth(), step.loss(), run.layerNames(), run.parameterNames(), squared);
        run.record().sanity(findings);
        run.publish(new TrainingEvent.SanityChecked(run.runId(), List.copyOf(findings)));
        run.saveRecord();
        if (allZero && n > 0) {
            throw new TrainingException(SanityRules.allGradientsZero(run.spec(), model));
        }
    }

    @Override
    public void onRunEnd(RunStatus status, String message) {
        // nothing: the findings are in the record since the first step
    }
}
