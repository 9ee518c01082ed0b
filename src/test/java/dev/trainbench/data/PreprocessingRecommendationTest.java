package dev.trainbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.Preprocessing;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessingRecommendationTest {

    @Test
    void rawMnistPixelsGetStandardizePerChannel() {
        DataProfile.Recommendation r = DataProfile.of(DatasetLoader.sample("mnist")).recommendedPreprocessing();
        assertEquals(Preprocessing.STANDARDIZE, r.mode());
        assertTrue(r.reason().contains("pixels range 0"), r.reason());
    }

    @Test
    void irisGetsStandardizeAsTheSafeDefault() {
        DataProfile p = DataProfile.of(DatasetLoader.sample("iris"));
        assertEquals(Preprocessing.STANDARDIZE, p.recommendedPreprocessing().mode());
        assertTrue(p.toText().contains("Preprocessing: standardize"), p.toText());
    }

    @Test
    void featuresOnVeryDifferentScalesAreNamedInTheReason() {
        float[] x = new float[200];
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            x[2 * i] = i % 7;
            x[2 * i + 1] = (i % 5) * 10_000f;
            y[i] = i % 2;
        }
        Dataset d = Dataset.classification("mixed", x, new int[] {2}, y, List.of("a", "b"), List.of("small", "big"));
        DataProfile.Recommendation r = DataProfile.of(d).recommendedPreprocessing();
        assertEquals(Preprocessing.STANDARDIZE, r.mode());
        assertTrue(r.reason().contains("differ"), r.reason());
    }

    @Test
    void alreadyStandardDataNeedsNothing() {
        java.util.Random rnd = new java.util.Random(1);
        float[] x = new float[2000];
        int[] y = new int[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        Dataset d = Dataset.classification("std", x, new int[] {2}, y, List.of("a"), List.of("u", "v"));
        assertEquals(Preprocessing.NONE, DataProfile.of(d).recommendedPreprocessing().mode());
    }
}
