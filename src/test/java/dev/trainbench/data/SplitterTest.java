package dev.trainbench.data;

import dev.trainbench.spec.SplitSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitterTest {

    /** Classes of 500, 300, 120, 7 and 1 samples, in blocks. */
    static Dataset imbalanced() {
        int[] sizes = {500, 300, 120, 7, 1};
        int n = Arrays.stream(sizes).sum();
        int[] labels = new int[n];
        int i = 0;
        for (int c = 0; c < sizes.length; c++) {
            for (int k = 0; k < sizes[c]; k++) {
                labels[i++] = c;
            }
        }
        float[] x = new float[n];
        for (int k = 0; k < n; k++) {
            x[k] = k;
        }
        return Dataset.classification("t", x, new int[] {1}, labels, List.of("a", "b", "c", "d", "e"), List.of("x"));
    }

    static SplitSpec spec(double train, double val, double test, boolean stratified, Integer subset) {
        return new SplitSpec(train, val, test, stratified, true, subset);
    }

    @Test
    void splitsDoNotOverlapAndCoverEverySample() {
        Dataset d = imbalanced();
        SplitIndices s = Splitter.split(d, spec(70, 15, 15, true, null), 1);
        BitSet seen = new BitSet();
        for (int[] part : List.of(s.train(), s.validation(), s.test())) {
            for (int i : part) {
                assertTrue(!seen.get(i), "index " + i + " used twice");
                seen.set(i);
            }
        }
        assertEquals(d.size(), seen.cardinality());
        assertEquals(d.size(), s.total());
    }

    @Test
    void splitSizesFollowThePercentages() {
        SplitIndices s = Splitter.split(imbalanced(), spec(70, 15, 15, false, null), 1);
        assertEquals(139, s.validation().length); // 928 * 0.15 = 139.2
        assertEquals(139, s.test().length);
        assertEquals(650, s.train().length);
    }

    @Test
    void stratificationKeepsClassProportionsWithinOneSample() {
        Dataset d = imbalanced();
        for (long seed = 0; seed < 20; seed++) {
            SplitIndices s = Splitter.split(d, spec(60, 25, 15, true, null), seed);
            for (int[] part : List.of(s.train(), s.validation(), s.test())) {
                int[] counts = new int[5];
                for (int i : part) {
                    counts[d.labels()[i]]++;
                }
                int[] classSizes = {500, 300, 120, 7, 1};
                for (int c = 0; c < 5; c++) {
                    double exact = (double) classSizes[c] * part.length / d.size();
                    assertTrue(Math.abs(counts[c] - exact) < 1.0 + 1e-9,
                            "class " + c + ": " + counts[c] + " vs exact " + exact + " (seed " + seed + ")");
                }
            }
        }
    }

    @Test
    void sameSeedGivesSameSplit() {
        assertEquals(Splitter.split(imbalanced(), SplitSpec.defaults(), 5), Splitter.split(imbalanced(), SplitSpec.defaults(), 5));
    }

    @Test
    void differentSeedGivesDifferentSplit() {
        assertNotEquals(Splitter.split(imbalanced(), SplitSpec.defaults(), 5), Splitter.split(imbalanced(), SplitSpec.defaults(), 6));
    }

    @Test
    void indicesWithinASplitKeepTheDataOrder() {
        int[] train = Splitter.split(imbalanced(), SplitSpec.defaults(), 5).train();
        assertTrue(IntStream.range(1, train.length).allMatch(i -> train[i - 1] < train[i]));
    }

    @Test
    void subsetTakesExactlyNSamplesStratified() {
        Dataset d = imbalanced();
        SplitIndices s = Splitter.split(d, spec(70, 15, 15, true, 100), 3);
        assertEquals(100, s.total());
        int[] counts = new int[5];
        for (int[] part : List.of(s.train(), s.validation(), s.test())) {
            for (int i : part) {
                counts[d.labels()[i]]++;
            }
        }
        assertEquals(54, counts[0], 1); // 500/928 of 100 = 53.9
        assertEquals(32, counts[1], 1);
        assertEquals(13, counts[2], 1);
    }

    @Test
    void everyNonEmptySplitGetsASample() {
        float[] x = {1, 2, 3};
        Dataset d = Dataset.classification("t", x, new int[] {1}, new int[] {0, 1, 0}, List.of("a", "b"), null);
        SplitIndices s = Splitter.split(d, spec(90, 5, 5, true, null), 1);
        assertEquals(1, s.train().length);
        assertEquals(1, s.validation().length);
        assertEquals(1, s.test().length);
    }

    @Test
    void tooFewSamplesSaysHowManyAreNeeded() {
        Dataset d = Dataset.classification("t", new float[] {1, 2}, new int[] {1}, new int[] {0, 1}, List.of("a", "b"), null);
        DataException e = assertThrows(DataException.class, () -> Splitter.split(d, SplitSpec.defaults(), 1));
        assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
    }

    @Test
    void subsetLargerThanTheDataIsAnError() {
        DataException e = assertThrows(DataException.class, () -> Splitter.split(imbalanced(), spec(70, 15, 15, true, 5000), 1));
        assertTrue(e.getMessage().contains("5000") && e.getMessage().contains("928"), e.getMessage());
    }

    @Test
    void regressionIsSplitWithoutStratification() {
        Dataset d = Dataset.regression("r", new float[10], new int[] {1}, new float[10], 1, null);
        assertEquals(10, Splitter.split(d, SplitSpec.defaults(), 1).total());
    }

    @Test
    void zeroPercentSplitIsEmpty() {
        SplitIndices s = Splitter.split(imbalanced(), spec(80, 20, 0, true, null), 1);
        assertEquals(0, s.test().length);
    }

    @Test
    void randomClassSizesAndPercentagesStayWithinOneSamplePerClass() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int classes = r.nextInt(2, 8);
            int[] sizes = new int[classes];
            int n = 0;
            for (int c = 0; c < classes; c++) {
                sizes[c] = r.nextInt(1, 60);
                n += sizes[c];
            }
            if (n < 3) {
                continue;
            }
            int[] labels = new int[n];
            int i = 0;
            for (int c = 0; c < classes; c++) {
                for (int k = 0; k < sizes[c]; k++) {
                    labels[i++] = c;
                }
            }
            List<String> names = IntStream.range(0, classes).mapToObj(Integer::toString).toList();
            Dataset d = Dataset.classification("r", new float[n], new int[] {1}, labels, names, null);
            double val = r.nextInt(1, 40);
            double test = r.nextInt(0, 30);
            SplitIndices s = Splitter.split(d, spec(100 - val - test, val, test, true, null), trial);
            assertEquals(n, s.total());
            for (int[] part : List.of(s.train(), s.validation(), s.test())) {
                int[] counts = new int[classes];
                for (int j : part) {
                    counts[labels[j]]++;
                }
                for (int c = 0; c < classes; c++) {
                    double exact = (double) sizes[c] * part.length / n;
                    assertTrue(Math.abs(counts[c] - exact) < 1.0 + 1e-9, "trial " + trial + " class " + c);
                }
            }
        }
    }
}
