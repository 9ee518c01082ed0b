package dev.trainbench.train;

import dev.trainbench.diagnose.DataFacts;
import dev.trainbench.diagnose.Diagnoser;
import dev.trainbench.diagnose.Diagnosis;
import dev.trainbench.diagnose.DiagnosisFile;
import dev.trainbench.diagnose.Finding;
import dev.trainbench.diagnose.MemoryEstimate;
import dev.trainbench.diagnose.ModelFacts;
import dev.trainbench.diagnose.RunEvidence;
import dev.trainbench.runs.RunStatus;
import java.util.List;

/**
 * The diagnosis, live: feeds every step and epoch to the rules ({@link Diagnoser}), tells the
 * subscribers whenever the findings change ({@link TrainingEvent.Diagnosed}, within the step that
 * shows the evidence), keeps {@code diagnosis.json} current, and ends the run as
 * {@linkplain RunStatus#DIVERGED diverged} when the loss blew up and never came back (at the end of
 * the last epoch, or as soon as no gradient can reach the hidden layers any more).
 *
 * <p>Per step it copies a few numbers per layer into the rules' running summary and checks each
 * rule's verdict; it allocates only when a verdict changes.
 */
public final class DiagnosisListener extends TrainingListenerAdapter {
    private RunContext run;
    private Diagnoser diagnoser;
    private RunEvidence evidence;
    private int[] layerOf;
    private volatile List<Finding> findings = List.of();
    private boolean stopped;

    @Override
    public void onRunStart(RunContext run) {
        this.run = run;
        PreparedData data = run.data();
        ModelFacts model = ModelFacts.of(run.spec(), data.train().outputWidth());
        long samples = (long) data.train().size() + size(data.validation()) + size(data.test());
        MemoryEstimate memory = MemoryEstimate.of(run.spec(), data.train().sampleShape(), data.train().outputWidth(), samples);
        diagnoser = new Diagnoser(run.spec(), model, DataFacts.of(data.train(), run.spec()), memory, run.stepsPerEpoch(),
                run.epochs());
        evidence = diagnoser.evidence();
        List<String> names = run.layerNames();
        layerOf = new int[names.size()];
        for (int l = 0; l < names.size(); l++) {
            int g = -1;
            for (int k = 0; k < model.groups().size(); k++) {
                if (model.groups().get(k).name().equals(names.get(l))) {
                    g = k;
                }
            }
            layerOf[l] = g >= 0 ? g : l;
        }
        diagnoser.update();
        publish(false);
    }

    private static int size(dev.trainbench.data.Dataset d) {
        return d == null ? 0 : d.size();
    }

    @Override
    public void onStep(StepMetrics step) {
        evidence.beginStep(step.step(), step.epoch(), step.loss(), step.accuracy(), step.learningRate(), step.gradNorm());
        int[] map = layerOf;
        for (int l = 0; l < map.length; l++) {
            evidence.layer(map[l], step.layerGradNorm(l), step.layerDeadFraction(l));
        }
        evidence.endStep();
        if (diagnoser.update()) {
            publish(false);
        }
        if (!stopped && diagnoser.unrecoverable()) {
            stopped = true;
            diagnoser.end();
            publish(false);
            run.requestStop(RunStatus.DIVERGED, diagnoser.divergedMessage()
                    + ". Stopped early: with no gradient reaching any layer before the output layer, no further step"
                    + " can change that");
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics epoch) {
        evidence.epoch(epoch.epoch(), epoch.trainLoss(), epoch.trainAccuracy(), epoch.validationLoss(),
                epoch.validationAccuracy());
        boolean last = epoch.epoch() >= run.epochs();
        if (last) {
            diagnoser.end();
        } else {
            diagnoser.refresh();
        }
        publish(false);
        if (last && !stopped && diagnoser.diverged()) {
            stopped = true;
            run.requestStop(RunStatus.DIVERGED, diagnoser.divergedMessage());
        }
    }

    @Override
    public void onRunEnd(RunStatus status, String message) {
        diagnoser.end();
        publish(true);
    }

    /** The findings as they stand (safe to read from any thread). */
    public List<Finding> findings() {
        return findings;
    }

    private void publish(boolean complete) {
        List<Finding> now = diagnoser.findings();
        boolean changed = !now.equals(findings);
        findings = now;
        if (changed) {
            run.publish(new TrainingEvent.Diagnosed(run.runId(), now));
        }
        DiagnosisFile.write(run.folder().dir(), Diagnosis.of(run.runId(), Diagnosis.LIVE, complete, now));
    }
}
