package dev.trainbench.data;

import dev.trainbench.spec.Preprocessing;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PreprocessorTest {

    /** Two features: x in 0..9, y = 100 + 10x; labels alternate. */
    static Dataset table() {
        float[] f = new float[20];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            f[2 * i] = i;
            f[2 * i + 1] = 100 + 10 * i;
            labels[i] = i % 2;
        }
        return Dataset.classification("t", f, new int[] {2}, labels, List.of("a", "b"), List.of("x", "y"));
    }

    @Test
    void standardizeStatisticsComeFromTheTrainingSplitOnly() {
        Dataset all = table();
        Dataset train = all.select(new int[] {0, 1, 2}, "train");
        Preprocessor p = Preprocessor.fit(train, Preprocessing.STANDARDIZE);
        assertArrayEquals(new float[] {1, 110}, p.offsets());
        assertEquals((float) Math.sqrt(2.0 / 3), p.scales()[0], 1e-6);
        assertEquals((float) (10 * Math.sqrt(2.0 / 3)), p.scales()[1], 1e-4);
    }

    @Test
    void standardizedTrainingDataHasZeroMeanAndUnitStd() {
        Dataset t = Preprocessor.fit(table(), Preprocessing.STANDARDIZE).apply(table());
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < 10; i++) {
            sum += t.features()[2 * i + 1];
            sq += t.features()[2 * i + 1] * t.features()[2 * i + 1];
        }
        assertEquals(0, sum / 10, 1e-5);
        assertEquals(1, sq / 10, 1e-5);
    }

    @Test
    void minMaxMapsTrainingRangeToZeroOne() {
        Preprocessor p = Preprocessor.fit(table(), Preprocessing.MINMAX);
        assertArrayEquals(new float[] {0, 0, 1, 1}, p.apply(new float[] {0, 100, 9, 190}));
    }

    @Test
    void constantFeatureGetsScaleOne() {
        Dataset d = Dataset.classification("c", new float[] {5, 1, 5, 2, 5, 3}, new int[] {2}, new int[] {0, 1, 0},
                List.of("a", "b"), null);
        for (Preprocessing mode : List.of(Preprocessing.STANDARDIZE, Preprocessing.MINMAX)) {
            Preprocessor p = Preprocessor.fit(d, mode);
            assertEquals(1f, p.scales()[0], mode.toString());
            assertEquals(0f, p.apply(new float[] {5, 2})[0], mode.toString());
        }
    }

    @Test
    void noneIsTheIdentity() {
        Preprocessor p = Preprocessor.fit(table(), Preprocessing.NONE);
        assertArrayEquals(new float[] {3, 7}, p.apply(new float[] {3, 7}));
    }

    @Test
    void imagesAreScaledPerChannel() {
        // Two 2-channel 1x2 images: channel 0 holds 0..3, channel 1 holds 100 everywhere.
        float[] f = {0, 1, 100, 100, 2, 3, 100, 100};
        Dataset d = Dataset.classification("i", f, new int[] {2, 1, 2}, new int[] {0, 1}, List.of("a", "b"), null);
        Preprocessor p = Preprocessor.fit(d, Preprocessing.STANDARDIZE);
        assertArrayEquals(new float[] {1.5f, 100f}, p.offsets());
        assertEquals(1f, p.scales()[1]);
        assertEquals(2, p.spatialSize());
    }

    @Test
    void applyReturnsANewArray() {
        float[] in = {3, 7};
        Preprocessor.fit(table(), Preprocessing.STANDARDIZE).apply(in);
        assertArrayEquals(new float[] {3, 7}, in);
    }

    @Test
    void rebuildsFromItsComponents() {
        Preprocessor p = Preprocessor.fit(table(), Preprocessing.STANDARDIZE);
        assertEquals(p, new Preprocessor(p.mode(), p.offsets(), p.scales(), p.spatialSize()));
    }

    @Test
    void refusesZeroScale() {
        assertThrows(IllegalArgumentException.class,
                () -> new Preprocessor(Preprocessing.STANDARDIZE, new float[] {0}, new float[] {0}, 1));
    }
}
