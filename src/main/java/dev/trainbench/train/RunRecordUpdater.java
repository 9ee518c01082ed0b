package dev.trainbench.train;

import dev.trainbench.runs.MetricColumns.Epoch;
import dev.trainbench.runs.RunStatus;
import java.time.Instant;

/**
 * Keeps {@code run.json} current (R1): running with its device and size at the start, every status
 * change, progress and last losses after every epoch, the end status and times at the end. It writes
 * the record as the listeners before it left it, so it comes after every listener that contributes
 * fields (checkpoints, early stopping, your own).
 */
final class RunRecordUpdater extends TrainingListenerAdapter {
    private RunContext run;
    private double trainedSamples;
    private double trainedSeconds;

    @Override
    public void onRunStart(RunContext run) {
        this.run = run;
        run.record().status(RunStatus.RUNNING).startedAt(run.startedAt().toString()).device(run.device())
                .parameterCount(run.parameterCount());
        run.saveRecord();
    }

    @Override
    public void onStatusChanged(RunStatus status) {
        run.record().status(status);
        run.saveRecord();
    }

    @Override
    public void onEpochEnd(EpochMetrics epoch) {
        // the run's rate: every sample trained over the training time of every epoch (validation excluded)
        double seconds = epoch.get(Epoch.SECONDS);
        trainedSamples += epoch.samplesPerSecond() * seconds;
        trainedSeconds += seconds;
        double trainAcc = epoch.get(Epoch.TRAIN_ACCURACY);
        run.record().epochsCompleted(epoch.epoch()).stepsCompleted(run.stepsCompleted())
                .lastTrainLoss(epoch.get(Epoch.TRAIN_LOSS))
                .lastTrainAccuracy(Double.isNaN(trainAcc) ? null : trainAcc)
                .samplesPerSecond(trainedSeconds == 0 ? null : trainedSamples / trainedSeconds)
                .wallSeconds(wallSeconds());
        run.saveRecord();
    }

    @Override
    public void onRunEnd(RunStatus status, String message) {
        run.record().stepsCompleted(run.stepsCompleted()).endedAt(Instant.now().toString()).wallSeconds(wallSeconds())
                .status(status).message(message);
        run.saveRecord();
    }

    private double wallSeconds() {
        return (System.nanoTime() - run.startedNanos()) / 1e9;
    }
}
