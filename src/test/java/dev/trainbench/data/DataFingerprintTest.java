package dev.trainbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.AugmentationSpec;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.Preprocessing;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.spec.SplitSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFingerprintTest {

    @TempDir
    Path dir;

    static ExperimentSpec spec(DataSpec data) {
        return new ExperimentSpec(null, "fp", 42L, data, null, null, null, new ModelSpec(null, List.of(), null), null);
    }

    Path csv(String name, String text) throws Exception {
        return Fixtures.write(dir.resolve(name), text);
    }

    @Test
    void sameDataGivesTheSameHashAndIsReportedSame() throws Exception {
        csv("a.csv", "x,y,label\n1,2,a\n3,4,b\n");
        DataFingerprint one = DataFingerprinter.of(spec(DataSpec.csv("a.csv", null)), dir);
        DataFingerprint two = DataFingerprinter.of(spec(DataSpec.csv("a.csv", null)), dir);
        assertEquals(one, two);
        assertEquals(64, one.hash().length());
        assertEquals(12, one.shortHash().length());
        assertEquals("same data", one.differences(two).statement());
    }

    @Test
    void theSameBytesAtAnotherPathAreTheSameData() throws Exception {
        csv("a.csv", "x,label\n1,a\n2,b\n");
        Files.createDirectories(dir.resolve("copy"));
        csv("copy/b.csv", "x,label\n1,a\n2,b\n");
        DataFingerprint a = DataFingerprinter.of(spec(DataSpec.csv("a.csv", null)), dir);
        DataFingerprint b = DataFingerprinter.of(spec(DataSpec.csv("copy/b.csv", null)), dir);
        assertEquals(a.hash(), b.hash());
        assertNotEquals(a.sources().get(0).location(), b.sources().get(0).location());
    }

    @Test
    void oneChangedByteIsDifferentDataNamingTheFile() throws Exception {
        csv("a.csv", "x,y,label\n1,2,a\n3,4,b\n");
        DataFingerprint before = DataFingerprinter.of(spec(DataSpec.csv("a.csv", null)), dir);
        csv("a.csv", "x,y,label\n1,2,a\n3,5,b\n");
        DataFingerprint after = DataFingerprinter.of(spec(DataSpec.csv("a.csv", null)), dir);
        assertNotEquals(before.hash(), after.hash());
        assertNotEquals(before.contentHash(), after.contentHash());
        DataFingerprint.Difference d = before.differences(after);
        assertEquals(DataFingerprint.Verdict.DIFFERENT_SOURCES, d.verdict());
        assertTrue(d.statement().startsWith("different data: data file differs (a.csv"), d.statement());
    }

    @Test
    void anotherSplitSeedIsTheSameFilesWithADifferentSplit() {
        ExperimentSpec mnist = spec(DataSpec.sample("mnist"));
        DataFingerprint a = DataFingerprinter.of(mnist, null);
        DataFingerprint b = DataFingerprinter.of(mnist.withSeed(43), null);
        assertEquals(a.contentHash(), b.contentHash());
        assertNotEquals(a.hash(), b.hash());
        assertEquals("same files, different split seed (42 vs 43)", a.differences(b).statement());
    }

    @Test
    void subsetPreprocessingAndAugmentationChangeTheDataSeen() {
        ExperimentSpec mnist = spec(DataSpec.sample("mnist"));
        DataFingerprint base = DataFingerprinter.of(mnist, null);
        DataFingerprint subset = DataFingerprinter.of(mnist.withSplit(SplitSpec.defaults().withSubset(3000)), null);
        assertEquals("same files, different split.subset (all vs 3000)", base.differences(subset).statement());
        DataFingerprint minmax = DataFingerprinter.of(mnist.withPreprocessing(Preprocessing.MINMAX), null);
        assertEquals("same files, different preprocessing (standardize vs minmax)", base.differences(minmax).statement());
        DataFingerprint shifted = DataFingerprinter.of(mnist.withAugmentation(new AugmentationSpec(2, null, null, null)), null);
        assertEquals("same files, different augmentation.shift (0 vs 2)", base.differences(shifted).statement());
        DataFingerprint split = DataFingerprinter.of(mnist.withSplit(new SplitSpec(80.0, 10.0, 10.0, null, null, null)), null);
        assertTrue(base.differences(split).statement().contains("split.train (70 vs 80)"), base.differences(split).statement());
        for (DataFingerprint f : List.of(subset, minmax, shifted, split)) {
            assertNotEquals(base.hash(), f.hash());
        }
    }

    @Test
    void perEpochShuffleIsNotPartOfTheDataIdentity() {
        ExperimentSpec mnist = spec(DataSpec.sample("mnist"));
        assertEquals(DataFingerprinter.of(mnist, null).hash(),
                DataFingerprinter.of(mnist.withSplit(SplitSpec.defaults().withShuffle(false)), null).hash());
    }

    @Test
    void shippedSamplesHashTheirFilesInsideTheApplication() {
        DataFingerprint mnist = DataFingerprinter.of(spec(DataSpec.sample("mnist")), null);
        assertEquals(List.of("images", "labels"), mnist.sources().stream().map(DataFingerprint.Source::role).toList());
        assertEquals(1_608_495L, mnist.sources().get(0).bytes(), "the shipped digits-images-idx3-ubyte.gz");
        DataFingerprint iris = DataFingerprinter.of(spec(DataSpec.sample("iris")), null);
        assertTrue(iris.differences(mnist).statement().startsWith("different data: only the first has data file iris.csv"),
                iris.differences(mnist).statement());
    }

    @Test
    void theShippedMnistAndTheSameFilesGivenAsIdxAreTheSameData() throws Exception {
        Path images = dir.resolve("i.gz");
        Path labels = dir.resolve("l.gz");
        Files.copy(Path.of("sample-datasets/mnist/digits-images-idx3-ubyte.gz"), images);
        Files.copy(Path.of("sample-datasets/mnist/digits-labels-idx1-ubyte.gz"), labels);
        DataFingerprint shipped = DataFingerprinter.of(spec(DataSpec.sample("mnist")), null);
        DataFingerprint idx = DataFingerprinter.of(spec(DataSpec.idx("i.gz", "l.gz")), dir);
        assertEquals(shipped.hash(), idx.hash());
    }

    @Test
    void toySetsAreIdentifiedByTheirGeneratorParametersAndSeed() {
        DataFingerprint a = DataFingerprinter.of(spec(DataSpec.toy("spiral", 300, 0.2, 3)), null);
        DataFingerprint same = DataFingerprinter.of(spec(DataSpec.toy("spiral", 300, 0.2, 3)), null);
        DataFingerprint noisier = DataFingerprinter.of(spec(DataSpec.toy("spiral", 300, 0.3, 3)), null);
        DataFingerprint reseeded = DataFingerprinter.of(spec(DataSpec.toy("spiral", 300, 0.2, 3)).withSeed(7), null);
        assertEquals(a, same);
        assertEquals("different data: generator noise 0.2 vs 0.3", a.differences(noisier).statement());
        assertTrue(a.differences(reseeded).statement().startsWith("different data: generator seed 42 vs 7"),
                a.differences(reseeded).statement());
        assertEquals("300", a.sources().get(0).parameters().get("samples"));
    }

    @Test
    void imageFoldersHashEveryImageWithItsClassButIgnoreOtherFiles() throws Exception {
        for (String c : List.of("cat", "dog")) {
            Files.createDirectories(dir.resolve("img").resolve(c));
            for (int i = 0; i < 3; i++) {
                Fixtures.write(dir.resolve("img").resolve(c).resolve(i + ".png"), Fixtures.png(4, 4, 0x101010 * (i + 1)));
            }
        }
        ExperimentSpec s = spec(DataSpec.images("img", 8, true));
        DataFingerprint a = DataFingerprinter.of(s, dir);
        assertEquals(6, a.sources().get(0).files());
        Fixtures.write(dir.resolve("img/README.txt"), "notes");
        Fixtures.write(dir.resolve("img/cat/.DS_Store"), "junk");
        assertEquals(a.hash(), DataFingerprinter.of(s, dir).hash(), "files the loader skips are not data");

        Files.move(dir.resolve("img/cat/2.png"), dir.resolve("img/dog/9.png"));
        DataFingerprint relabelled = DataFingerprinter.of(s, dir);
        assertNotEquals(a.contentHash(), relabelled.contentHash(), "an image moved to another class is other data");

        DataFingerprint bigger = DataFingerprinter.of(spec(DataSpec.images("img", 16, true)), dir);
        assertEquals(relabelled.contentHash(), bigger.contentHash());
        assertEquals("same files, different data.imageSize (8 vs 16)", relabelled.differences(bigger).statement());
    }

    @Test
    void aFileThatCannotBeReadIsADataException() {
        assertThrows(DataException.class, () -> DataFingerprinter.of(spec(DataSpec.csv("nope.csv", null)), dir));
    }

    @Test
    void theFingerprintSurvivesAJsonRoundTrip() throws Exception {
        DataFingerprint a = DataFingerprinter.of(spec(DataSpec.toy("moons", 100, 0.1, null)), null);
        String json = SpecJson.mapper().writeValueAsString(a);
        assertEquals(a, SpecJson.mapper().readValue(json, DataFingerprint.class));
    }
}
