package dev.trainbench.data;

import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.Preprocessing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataProfileTest {

    private static Set<String> codes(List<DataProfile.Warning> ws) {
        return ws.stream().map(DataProfile.Warning::code).collect(Collectors.toSet());
    }

    private static Dataset table(float[] x, int width, int[] labels) {
        return Dataset.classification("t", x, new int[] {width}, labels, List.of("a", "b"), null);
    }

    @Test
    void rawMnistWarnsAboutUnscaledInputsAndSuggestsStandardizing() {
        DataProfile p = DataProfile.of(DatasetLoader.sample("mnist"));
        DataProfile.Warning w = p.warnings().stream().filter(x -> x.code().equals("unscaled-inputs")).findFirst().orElseThrow();
        assertTrue(w.fix().contains("standardize"), w.fix());
        assertEquals(1, p.channelMeans().length);
        assertTrue(p.channelMeans()[0] > 20 && p.channelMeans()[0] < 50, "mean " + p.channelMeans()[0]);
    }

    @Test
    void standardizedMnistHasNoScaleWarning() {
        Dataset d = DatasetLoader.sample("mnist");
        Dataset s = Preprocessor.fit(d, Preprocessing.STANDARDIZE).apply(d);
        assertFalse(codes(DataProfile.of(s).warnings()).contains("unscaled-inputs"));
    }

    @Test
    void mnistProfileCountsTenClasses() {
        DataProfile p = DataProfile.of(DatasetLoader.sample("mnist"));
        assertEquals(10, p.classCounts().length);
        assertEquals(10_000, java.util.Arrays.stream(p.classCounts()).sum());
        assertTrue(p.imbalanceRatio() < 1.5);
    }

    @Test
    void irisIsBalancedAndNeedsNoScaling() {
        DataProfile p = DataProfile.of(DatasetLoader.load(DataSpec.sample("iris"), null, 1));
        assertArrayEquals(new int[] {50, 50, 50}, p.classCounts());
        assertEquals(1.0, p.imbalanceRatio());
        Set<String> codes = codes(p.warnings());
        assertFalse(codes.contains("unscaled-inputs"));
        assertFalse(codes.contains("class-imbalance"));
        assertFalse(codes.contains("scale-mismatch"));
        assertEquals(4, p.featureStats().size());
        assertEquals("sepal_length", p.featureStats().get(0).name());
    }

    @Test
    void irisHasDuplicateRows() {
        // Iris famously repeats a few measurements.
        DataProfile p = DataProfile.of(DatasetLoader.sample("iris"));
        assertTrue(p.duplicateRows() > 0);
        assertTrue(codes(p.warnings()).contains("duplicates"));
    }

    @Test
    void featureStatsAndHistogram() {
        DataProfile p = DataProfile.of(table(new float[] {0, 1, 2, 3}, 1, new int[] {0, 1, 0, 1}));
        DataProfile.FeatureStats f = p.featureStats().get(0);
        assertEquals(0, f.min());
        assertEquals(3, f.max());
        assertEquals(1.5, f.mean(), 1e-9);
        assertEquals(Math.sqrt(1.25), f.std(), 1e-9);
        assertEquals(20, f.histogram().length);
        assertEquals(4, java.util.Arrays.stream(f.histogram()).sum());
    }

    @Test
    void featuresOnDifferentScalesAreFlagged() {
        float[] x = new float[40];
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            x[2 * i] = i % 2 * 0.01f;
            x[2 * i + 1] = i * 5;
            labels[i] = i % 2;
        }
        assertTrue(codes(DataProfile.of(table(x, 2, labels)).warnings()).contains("scale-mismatch"));
    }

    @Test
    void heavyImbalanceIsFlaggedWithAFix() {
        float[] x = new float[70];
        int[] l2 = new int[70];
        for (int i = 0; i < 70; i++) {
            x[i] = i;
            l2[i] = i < 10 ? 1 : 0; // 10 of class 1, 60 of class 0: ratio 6
        }
        DataProfile p = DataProfile.of(table(x, 1, l2));
        assertEquals(6.0, p.imbalanceRatio(), 1e-9);
        DataProfile.Warning w = p.warnings().stream().filter(v -> v.code().equals("class-imbalance")).findFirst().orElseThrow();
        assertTrue(w.fix().contains("stratified"));
    }

    @Test
    void tooFewSamplesPerClassAreFlagged() {
        assertTrue(codes(DataProfile.of(table(new float[] {0, 1, 2, 3}, 1, new int[] {0, 1, 0, 1})).warnings())
                .contains("too-few-samples"));
    }

    @Test
    void constantFeaturesAreFlagged() {
        float[] x = new float[40];
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            x[2 * i] = 7;
            x[2 * i + 1] = i;
            labels[i] = i % 2;
        }
        assertTrue(codes(DataProfile.of(table(x, 2, labels)).warnings()).contains("constant-features"));
    }

    @Test
    void nonFiniteValuesAreCounted() {
        DataProfile p = DataProfile.of(table(new float[] {0, Float.NaN, Float.POSITIVE_INFINITY, 3}, 1, new int[] {0, 1, 0, 1}));
        assertEquals(2, p.nonFiniteCount());
        assertEquals(1, p.featureStats().get(0).missing());
        assertTrue(codes(p.warnings()).contains("non-finite"));
    }

    @Test
    void unscaledRegressionTargetsAreFlagged() {
        float[] x = new float[20];
        float[] y = new float[20];
        for (int i = 0; i < 20; i++) {
            x[i] = i % 3;
            y[i] = 1000 + 100 * i;
        }
        Dataset d = Dataset.regression("r", x, new int[] {1}, y, 1, null);
        assertTrue(codes(DataProfile.of(d).warnings()).contains("unscaled-targets"));
    }

    @Test
    void manyMoreParametersThanSamplesAreFlagged() {
        DataProfile p = DataProfile.of(DatasetLoader.sample("iris"));
        assertFalse(codes(p.warningsFor(1_000)).contains("too-many-parameters"));
        assertTrue(codes(p.warningsFor(1_000_000)).contains("too-many-parameters"));
    }

    @Test
    void symmetryHintSuggestsConvolutionsForImagesAndAnMlpForTables() {
        assertTrue(DataProfile.of(DatasetLoader.sample("mnist")).symmetryHint().contains("Convolutions"));
        assertTrue(DataProfile.of(DatasetLoader.sample("iris")).symmetryHint().contains("MLP"));
    }

    @Test
    void textReportShowsStatsClassesWarningsAndHint() {
        String text = DataProfile.of(DatasetLoader.sample("iris")).toText();
        assertTrue(text.contains("petal_length"), text);
        assertTrue(text.contains("virginica"), text);
        assertTrue(text.contains("fix:"), text);
        assertTrue(text.contains("Symmetry:"), text);
    }
}
