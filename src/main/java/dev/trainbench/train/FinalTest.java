package dev.trainbench.train;

import dev.trainbench.data.Dataset;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.runs.TestResult;
import dev.trainbench.spec.ExperimentSpec;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The explicit final evaluation on the held-back test split (T7), on the best checkpoint. It is
 * recorded in the run, with the time it was done, so that "looked at the test set" is never hidden.
 */
public final class FinalTest {

    private FinalTest() {
    }

    public static RunRecord evaluate(RunStore store, String runId, Path baseDir) {
        RunRecord record = store.load(runId);
        if (store.isTraining(record.id())) {
            throw new dev.trainbench.runs.RunStoreException("run " + record.id() + " is still training; run its final"
                    + " test once it has ended");
        }
        ExperimentSpec spec = record.specFor("the final test");
        PreparedData data = DataPreparation.prepare(spec, baseDir, w -> { });
        Dataset test = data.test();
        if (test.size() == 0) {
            throw new TrainingException("the spec keeps no test split (split.test is 0); set split.test to e.g. 15 and"
                    + " train again");
        }
        Evaluation.Predictions p = Checkpoints.withModel(store, record, "best", test, f -> Evaluation.predict(f.manager(),
                f.function(), DjlFactories.loss(spec.training().loss()),
                new Batches(test, Math.min(512, test.size()), spec.training().loss(), test.outputWidth(), null), true,
                data.targetScaler()));
        TestResult result = result(test, p);
        RunRecord updated = record.toBuilder().test(result).build();
        store.update(updated);
        return updated;
    }

    private static TestResult result(Dataset test, Evaluation.Predictions p) {
        if (!test.isClassification()) {
            RegressionScore r = p.regression();
            return new TestResult(Instant.now().toString(), "best", test.size(), p.meanLoss(), null, null, null, null,
                    finite(r.rmse()), finite(r.mae()), finite(r.r2()));
        }
        int c = test.numClasses();
        int[][] confusion = new int[c][c];
        int[] labels = test.labels();
        for (int i = 0; i < labels.length; i++) {
            confusion[labels[i]][p.predicted()[i]]++;
        }
        double[] perClass = new double[c];
        for (int k = 0; k < c; k++) {
            int total = 0;
            for (int j = 0; j < c; j++) {
                total += confusion[k][j];
            }
            perClass[k] = total == 0 ? Double.NaN : (double) confusion[k][k] / total;
        }
        return new TestResult(Instant.now().toString(), "best", test.size(), p.meanLoss(),
                (double) p.correct() / test.size(), test.classNames(), confusion, perClass, null, null, null);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
