package dev.trainbench.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToyDatasetsTest {

    @Test
    void everySetHasTwoNamedFeaturesAndTheRequestedSize() {
        for (String name : ToyDatasets.NAMES) {
            Dataset d = ToyDatasets.generate(name, 101, ToyDatasets.defaultNoise(name), ToyDatasets.defaultClasses(name), 3);
            assertEquals(101, d.size(), name);
            assertEquals(List.of("x", "y"), d.featureNames(), name);
            assertEquals(ToyDatasets.defaultClasses(name), d.numClasses(), name);
        }
    }

    @Test
    void sameSeedGivesSamePoints() {
        for (String name : ToyDatasets.NAMES) {
            assertArrayEquals(ToyDatasets.generate(name, 200, 0.2, ToyDatasets.defaultClasses(name), 7).features(),
                    ToyDatasets.generate(name, 200, 0.2, ToyDatasets.defaultClasses(name), 7).features(), name);
        }
    }

    @Test
    void differentSeedGivesDifferentPoints() {
        assertFalse(java.util.Arrays.equals(ToyDatasets.generate("moons", 200, 0.2, 2, 1).features(),
                ToyDatasets.generate("moons", 200, 0.2, 2, 2).features()));
    }

    @Test
    void spiralAndBlobsTakeAClassCount() {
        assertEquals(5, ToyDatasets.generate("spiral", 500, 0.2, 5, 1).numClasses());
        assertEquals(4, ToyDatasets.generate("blobs", 400, 0.5, 4, 1).numClasses());
    }

    @Test
    void classesAreBalanced() {
        int[] counts = new int[3];
        for (int label : ToyDatasets.generate("spiral", 600, 0.2, 3, 1).labels()) {
            counts[label]++;
        }
        assertArrayEquals(new int[] {200, 200, 200}, counts);
    }

    @Test
    void pointsAreNearUnitScale() {
        for (String name : ToyDatasets.NAMES) {
            for (float v : ToyDatasets.generate(name, 300, ToyDatasets.defaultNoise(name), ToyDatasets.defaultClasses(name), 1).features()) {
                assertTrue(Math.abs(v) < 5, name + " value " + v);
            }
        }
    }

    @Test
    void twoClassSetsRefuseOtherClassCounts() {
        DataException e = assertThrows(DataException.class, () -> ToyDatasets.generate("moons", 100, 0.1, 3, 1));
        assertTrue(e.getMessage().contains("always has 2 classes"), e.getMessage());
    }

    @Test
    void tooFewSamplesAreAnError() {
        assertThrows(DataException.class, () -> ToyDatasets.generate("spiral", 4, 0.1, 3, 1));
    }

    @Test
    void xorLabelsFollowTheQuadrantsWithoutNoise() {
        Dataset d = ToyDatasets.generate("xor", 200, 0, 2, 1);
        for (int i = 0; i < d.size(); i++) {
            boolean same = (d.features()[2 * i] > 0) == (d.features()[2 * i + 1] > 0);
            assertEquals(same ? 0 : 1, d.labels()[i]);
        }
    }
}
