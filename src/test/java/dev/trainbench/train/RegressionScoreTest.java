package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.Dataset;
import dev.trainbench.data.TargetScaler;
import org.junit.jupiter.api.Test;

/** RMSE, MAE and R² by hand, and in the target's units when the targets were standardized. */
class RegressionScoreTest {

    @Test
    void rmseMaeAndR2MatchTheirDefinitions() {
        RegressionScore s = new RegressionScore(null, 1);
        float[] targets = {1, 2, 3, 4};
        s.add(new float[] {1.5f, 2}, targets, 0, 2);
        s.add(new float[] {2, 5}, targets, 2, 2);
        // errors 0.5, 0, -1, 1: SSE 2.25, SAE 2.5; SST = sum (t - 2.5)^2 = 5
        assertEquals(Math.sqrt(2.25 / 4), s.rmse(), 1e-9);
        assertEquals(2.5 / 4, s.mae(), 1e-9);
        assertEquals(1 - 2.25 / 5, s.r2(), 1e-9);
    }

    @Test
    void standardizedPredictionsAreScoredInTheTargetsUnits() {
        Dataset train = Dataset.regression("t", new float[] {0, 1, 2, 3}, new int[] {1}, new float[] {10, 20, 30, 40}, 1, null);
        TargetScaler scaler = TargetScaler.fit(train);
        Dataset scaled = scaler.apply(train);
        float[] z = scaled.targets();
        assertEquals(0, (z[0] + z[1] + z[2] + z[3]) / 4, 1e-6);
        // predict every scaled target off by +0.1 standard deviations
        float[] pred = new float[4];
        for (int i = 0; i < 4; i++) {
            pred[i] = z[i] + 0.1f;
        }
        RegressionScore s = new RegressionScore(scaler, 1);
        s.add(pred, z, 0, 4);
        double std = Math.sqrt(125); // population std of 10, 20, 30, 40
        assertEquals(0.1 * std, s.rmse(), 1e-4);
        assertEquals(0.1 * std, s.mae(), 1e-4);
        assertEquals(1 - 0.01, s.r2(), 1e-4, "R² does not depend on the units");
    }

    @Test
    void r2IsUndefinedForConstantTargets() {
        RegressionScore s = new RegressionScore(null, 1);
        s.add(new float[] {1, 2}, new float[] {3, 3}, 0, 2);
        assertTrue(Double.isNaN(s.r2()));
    }

    @Test
    void severalTargetColumnsPoolTheirErrorsAndCentreEachColumnOnItsOwnMean() {
        RegressionScore s = new RegressionScore(null, 2);
        s.add(new float[] {0, 100, 2, 102}, new float[] {0, 100, 2, 104}, 0, 2);
        assertEquals(Math.sqrt(4.0 / 4), s.rmse(), 1e-9);
        // SST: column 0 around 1: 2; column 1 around 102: 8
        assertEquals(1 - 4.0 / 10, s.r2(), 1e-9);
    }
}
