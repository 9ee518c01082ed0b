package dev.trainbench.compare;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;

/**
 * One run's row in a comparison's metrics table. Best and final values are read from
 * {@code epochs.csv} (so they exist for runs stopped early, interrupted or from older versions),
 * falling back to {@code run.json} when the file has no such column. Null where unknown.
 *
 * @param runId                       the run
 * @param name                        its name
 * @param status                      how it ended (null: a status from a newer TrainBench)
 * @param groupId                     its seed group, or null
 * @param bestValidationLoss          lowest validation loss
 * @param bestValidationLossEpoch     the epoch it was reached (the checkpoint kept as best)
 * @param bestValidationAccuracy      highest validation accuracy
 * @param bestValidationAccuracyEpoch the epoch it was reached
 * @param finalValidationLoss         validation loss of the last epoch
 * @param finalValidationAccuracy     validation accuracy of the last epoch
 * @param finalTrainLoss              training loss of the last epoch
 * @param testAccuracy                the final test's accuracy, when it was run
 * @param epochs                      epochs completed
 * @param parameters                  trainable parameters
 * @param samplesPerSecond            training throughput
 * @param wallSeconds                 wall-clock time of the run
 */
public record RunMetrics(String runId, String name, RunStatus status, String groupId,
                         Double bestValidationLoss, Integer bestValidationLossEpoch,
                         Double bestValidationAccuracy, Integer bestValidationAccuracyEpoch,
                         Double finalValidationLoss, Double finalValidationAccuracy, Double finalTrainLoss,
                         Double testAccuracy, Integer epochs, Long parameters, Double samplesPerSecond, Double wallSeconds) {

    static RunMetrics of(RunRecord r, RunCurves curves) {
        Series vl = curves.series(Metric.VALIDATION_LOSS, XAxis.EPOCH);
        Series va = curves.series(Metric.VALIDATION_ACCURACY, XAxis.EPOCH);
        Series tl = curves.series(Metric.TRAIN_LOSS, XAxis.EPOCH);
        int bestLoss = argBest(vl, false);
        int bestAcc = argBest(va, true);
        Double bestValidationLoss = bestLoss >= 0 ? vl.y()[bestLoss] : r.bestValidationLoss();
        Integer bestValidationLossEpoch = bestLoss >= 0 ? (int) vl.x()[bestLoss] : r.bestEpoch();
        Double bestValidationAccuracy = bestAcc >= 0 ? va.y()[bestAcc] : r.bestValidationAccuracy();
        Integer bestValidationAccuracyEpoch = bestAcc >= 0 ? Integer.valueOf((int) va.x()[bestAcc])
                : r.bestValidationAccuracy() != null ? r.bestEpoch() : null;
        Integer epochs = r.epochsCompleted() != null ? r.epochsCompleted() : curves.epochCount();
        return new RunMetrics(r.id(), r.name(), r.status(), r.groupId(), bestValidationLoss, bestValidationLossEpoch,
                bestValidationAccuracy, bestValidationAccuracyEpoch, lastOrNull(vl), lastOrNull(va),
                tl.isEmpty() ? r.lastTrainLoss() : tl.last(), r.testAccuracy(), epochs, r.parameterCount(),
                r.samplesPerSecond(), r.wallSeconds());
    }

    private static Double lastOrNull(Series s) {
        return s.isEmpty() ? null : s.last();
    }

    /** Index of the lowest (or highest) value; the first one on ties, as the checkpoint rule keeps the first. */
    private static int argBest(Series s, boolean highest) {
        int best = -1;
        for (int i = 0; i < s.size(); i++) {
            if (best < 0 || (highest ? s.y()[i] > s.y()[best] : s.y()[i] < s.y()[best])) {
                best = i;
            }
        }
        return best;
    }
}
