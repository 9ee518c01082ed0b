package dev.trainbench.data;

import dev.trainbench.spec.DataSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shippedMnistHasTenThousandRawDigits() {
        Dataset d = DatasetLoader.load(DataSpec.sample("mnist"), dir, 1);
        assertEquals(10_000, d.size());
        assertArrayEquals(new int[] {1, 28, 28}, d.sampleShape());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        float max = 0;
        for (float v : d.features()) {
            max = Math.max(max, v);
        }
        assertEquals(255f, max);
    }

    @Test
    void shippedIrisHas150RowsOfFourFeatures() {
        Dataset d = DatasetLoader.load(DataSpec.sample("iris"), dir, 1);
        assertEquals(150, d.size());
        assertArrayEquals(new int[] {4}, d.sampleShape());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), d.featureNames());
    }

    @Test
    void unknownSampleListsTheValidNames() {
        DataException e = assertThrows(DataException.class, () -> DatasetLoader.load(DataSpec.sample("cifar"), dir, 1));
        assertTrue(e.getMessage().contains("cifar") && e.getMessage().contains("[mnist, iris]"), e.getMessage());
    }

    @Test
    void unknownToyListsTheValidNames() {
        DataException e = assertThrows(DataException.class,
                () -> DatasetLoader.load(DataSpec.toy("swirl", 100, 0.1, null), dir, 1));
        assertTrue(e.getMessage().contains("moons, circles, spiral, xor, blobs"), e.getMessage());
    }

    @Test
    void toyDefaultsToSixHundredSamples() {
        DataSpec spec = DataSpec.toy("spiral");
        Dataset d = DatasetLoader.load(spec, dir, 1);
        assertEquals(600, d.size());
        assertEquals(3, d.numClasses());
    }

    @Test
    void relativeCsvPathResolvesAgainstBaseDir() {
        Fixtures.write(dir.resolve("data/t.csv"), "a,y\n1,x\n2,y\n");
        assertEquals(2, DatasetLoader.load(DataSpec.csv("data/t.csv", null), dir, 1).size());
    }

    @Test
    void relativeIdxPathsResolveAgainstBaseDir() {
        Fixtures.write(dir.resolve("x.idx"), Fixtures.idxUbyte(new int[] {2, 2, 2}, Fixtures.ramp(8)));
        Fixtures.write(dir.resolve("y.idx"), Fixtures.idxUbyte(new int[] {2}, new int[] {0, 1}));
        assertEquals(2, DatasetLoader.load(DataSpec.idx("x.idx", "y.idx"), dir, 1).size());
    }

    @Test
    void imageFolderWarningsReachTheCaller() {
        Fixtures.write(dir.resolve("img/a/1.png"), Fixtures.png(5, 5, 0));
        Fixtures.write(dir.resolve("img/b/1.png"), Fixtures.png(5, 5, 0xffffff));
        Fixtures.write(dir.resolve("img/b/x.txt"), "x");
        List<String> warnings = new ArrayList<>();
        Dataset d = DatasetLoader.load(DataSpec.images("img", 16, true), dir, 1, warnings::add);
        assertArrayEquals(new int[] {1, 16, 16}, d.sampleShape());
        assertEquals(1, warnings.size());
    }
}
