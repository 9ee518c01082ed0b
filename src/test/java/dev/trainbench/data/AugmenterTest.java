package dev.trainbench.data;

import dev.trainbench.spec.AugmentationSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmenterTest {

    static final int[] SHAPE = {1, 8, 8};

    /** Four 8x8 images, each a bright square off centre on a background of -1. */
    static float[] batch() {
        float[] b = new float[4 * 64];
        Arrays.fill(b, -1f);
        for (int i = 0; i < 4; i++) {
            for (int y = 1; y < 4; y++) {
                for (int x = 1; x < 4 + i; x++) {
                    b[i * 64 + y * 8 + x] = 2f;
                }
            }
        }
        return b;
    }

    static final AugmentationSpec ALL = new AugmentationSpec(2, true, 15.0, 0.1);

    @Test
    void sameSeedGivesSameAugmentation() {
        float[] a = batch();
        float[] b = batch();
        new Augmenter(ALL, SHAPE, 3).augmentBatch(a, 4);
        new Augmenter(ALL, SHAPE, 3).augmentBatch(b, 4);
        assertArrayEquals(a, b);
    }

    @Test
    void differentSeedGivesDifferentAugmentation() {
        float[] a = batch();
        float[] b = batch();
        new Augmenter(ALL, SHAPE, 3).augmentBatch(a, 4);
        new Augmenter(ALL, SHAPE, 4).augmentBatch(b, 4);
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void augmentationChangesImages() {
        float[] a = batch();
        new Augmenter(new AugmentationSpec(2, true, 10.0, 0.0), SHAPE, 1).augmentBatch(a, 4);
        assertFalse(Arrays.equals(batch(), a));
    }

    @Test
    void augmentingADatasetsImagesLeavesItsLabelsAlone() {
        int[] labels = {0, 1, 0, 1};
        Dataset d = Dataset.classification("d", batch(), SHAPE, labels, java.util.List.of("a", "b"), null);
        float[] copy = d.features().clone();
        new Augmenter(ALL, SHAPE, 1).augmentBatch(copy, d.size());
        assertArrayEquals(new int[] {0, 1, 0, 1}, d.labels());
        assertArrayEquals(batch(), d.features());
    }

    @Test
    void shiftFillsWithTheSampleMinimum() {
        float[] a = batch();
        new Augmenter(new AugmentationSpec(3, false, 0.0, 0.0), SHAPE, 2).augmentBatch(a, 4);
        for (float v : a) {
            assertTrue(v == -1f || v == 2f, "value " + v);
        }
    }

    @Test
    void shiftKeepsThePixelSum() {
        // The bright square is at least one pixel from every edge, so a shift by one moves it whole.
        float[] a = batch();
        new Augmenter(new AugmentationSpec(1, false, 0.0, 0.0), SHAPE, 2).augmentBatch(a, 1);
        double before = 0;
        double after = 0;
        for (int j = 0; j < 64; j++) {
            before += batch()[j];
            after += a[j];
        }
        assertEquals(before, after, 1e-4);
    }

    @Test
    void onlyTheFirstCountSamplesChange() {
        float[] a = batch();
        new Augmenter(ALL, SHAPE, 1).augmentBatch(a, 2);
        assertArrayEquals(Arrays.copyOfRange(batch(), 128, 256), Arrays.copyOfRange(a, 128, 256));
    }

    @Test
    void tablesAreLeftUnchanged() {
        float[] t = {1, 2, 3, 4};
        Augmenter aug = new Augmenter(ALL, new int[] {2}, 1);
        aug.augmentBatch(t, 2);
        assertFalse(aug.active());
        assertArrayEquals(new float[] {1, 2, 3, 4}, t);
    }

    @Test
    void disabledSpecLeavesImagesUnchanged() {
        float[] a = batch();
        new Augmenter(AugmentationSpec.none(), SHAPE, 1).augmentBatch(a, 4);
        assertArrayEquals(batch(), a);
    }
}
