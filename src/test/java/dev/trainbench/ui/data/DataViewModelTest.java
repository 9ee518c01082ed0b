package dev.trainbench.ui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.DataProfile;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.Preprocessing;
import dev.trainbench.ui.TestWorkbench;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataViewModelTest {
    @TempDir
    Path dir;

    @Test
    void aScaleWarningWhoseFixIsInUseSaysSoInsteadOfAskingForIt() {
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        var unscaled = new dev.trainbench.data.DataProfile.Warning("unscaled-inputs", "inputs are far from unit scale",
                "Use preprocessing: standardize (zero mean, unit variance, fitted on the training split).");
        vm.preprocessingProperty().set(dev.trainbench.spec.Preprocessing.STANDARDIZE);
        assertTrue(vm.fixText(unscaled).startsWith("Already handled: preprocessing"), vm.fixText(unscaled));
        assertTrue(vm.fixInUse(unscaled));
        vm.preprocessingProperty().set(dev.trainbench.spec.Preprocessing.NONE);
        assertEquals("Fix: Use preprocessing: standardize (zero mean, unit variance, fitted on the training split).", vm.fixText(unscaled));
        var targets = new dev.trainbench.data.DataProfile.Warning("unscaled-targets", "targets far from unit scale",
                "Set data.targetScaling to standardize (Data view: Target scaling).");
        vm.targetScalingProperty().set(dev.trainbench.spec.DataSpec.TargetScaling.NONE);
        assertTrue(vm.fixText(targets).startsWith("Fix: Set 'Targets' (Data screen, Preprocessing) to standardize"), vm.fixText(targets));
        vm.targetScalingProperty().set(dev.trainbench.spec.DataSpec.TargetScaling.STANDARDIZE);
        assertTrue(vm.fixInUse(targets));
    }

    @Test
    void loadingAToySetMakesItTheSpecsDataAndProfilesIt() {
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        vm.choiceProperty().set(DataViewModel.Choice.TOY);
        vm.toyNameProperty().set("moons");
        vm.toySamplesProperty().set(300);
        vm.load();
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        assertEquals(DataSpec.Source.TOY, w.model.spec().data().source());
        assertEquals(300, w.model.dataset().size());
        assertNotNull(w.model.profileProperty().get());
        assertEquals(2, vm.featureStats().size());
        assertTrue(vm.isTwoDimensional());
    }

    @Test
    void imageFolderLoadsInTheBackgroundAndListsWhatWasSkipped() throws Exception {
        Path images = dir.resolve("images");
        for (String cls : new String[] {"cats", "dogs"}) {
            java.nio.file.Files.createDirectories(images.resolve(cls));
            for (int i = 0; i < 3; i++) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
                img.setRGB(i, i, 0xffffff);
                javax.imageio.ImageIO.write(img, "png", images.resolve(cls).resolve(i + ".png").toFile());
            }
        }
        java.nio.file.Files.writeString(images.resolve("dogs").resolve("notes.txt"), "not an image");
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        vm.choiceProperty().set(DataViewModel.Choice.IMAGES);
        vm.pathProperty().set(images.toString());
        vm.imageSizeProperty().set(8);
        vm.load();
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        assertEquals(6, w.model.dataset().size());
        assertTrue(w.model.dataset().isImage());
        assertEquals(1, vm.loaderWarnings().size(), vm.loaderWarnings().toString());
        assertTrue(vm.loaderWarnings().get(0).contains("notes.txt"), vm.loaderWarnings().toString());
        assertTrue(!vm.loadingProperty().get());
    }

    @Test
    void splitSlidersAlwaysAddUpToOneHundred() {
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        vm.trainPercentProperty().set(90);
        assertEquals(100, vm.trainPercentProperty().get() + vm.validationPercentProperty().get() + vm.testPercentProperty().get(), 1e-9);
        assertEquals(90, w.model.spec().split().train(), 1e-9);
        vm.validationPercentProperty().set(30);
        assertEquals(100, vm.trainPercentProperty().get() + vm.validationPercentProperty().get() + vm.testPercentProperty().get(), 1e-9);
        assertEquals(30, w.model.spec().split().validation(), 1e-9);
    }

    @Test
    void subsetAndShuffleGoIntoTheSpec() {
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        vm.subsetSizeProperty().set(500);
        vm.useSubsetProperty().set(true);
        vm.shuffleProperty().set(false);
        assertEquals(500, w.model.spec().split().subset());
        assertEquals(false, w.model.spec().split().shuffle());
    }

    @Test
    void aMissingCsvFileIsReportedNotThrown() {
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        vm.choiceProperty().set(DataViewModel.Choice.CSV);
        vm.pathProperty().set(dir.resolve("nope.csv").toString());
        vm.load();
        assertEquals(1, w.errors.size());
        assertTrue(w.errors.get(0).contains("nope.csv"), w.errors.get(0));
    }

    @Test
    void loadingIrisOrMnistExposesTheRecommendedPreprocessingAndApplyWritesIt() {
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        assertNull(vm.recommendationProperty().get());
        assertFalse(vm.canApplyRecommendationProperty().get());

        vm.choiceProperty().set(DataViewModel.Choice.IRIS);
        vm.load();
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        DataProfile.Recommendation iris = vm.recommendationProperty().get();
        assertNotNull(iris);
        assertEquals(w.model.profileProperty().get().recommendedPreprocessing(), iris);
        assertEquals(Preprocessing.STANDARDIZE, iris.mode());
        assertTrue(vm.recommendationTextProperty().get().startsWith("Recommended preprocessing: standardize \u2014 "),
                vm.recommendationTextProperty().get());
        assertTrue(vm.recommendationTextProperty().get().endsWith(iris.reason()));

        vm.preprocessingProperty().set(Preprocessing.NONE);
        assertEquals(Preprocessing.NONE, w.model.spec().preprocessing());
        assertTrue(vm.canApplyRecommendationProperty().get(), "the choice differs from the recommendation");
        assertTrue(vm.applyRecommendation());
        assertEquals(Preprocessing.STANDARDIZE, w.model.spec().preprocessing(), "Apply writes the spec");
        assertFalse(vm.canApplyRecommendationProperty().get());
        assertFalse(vm.applyRecommendation(), "nothing to apply once chosen");

        vm.choiceProperty().set(DataViewModel.Choice.MNIST);
        vm.load();
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        DataProfile.Recommendation mnist = vm.recommendationProperty().get();
        assertNotNull(mnist);
        assertTrue(w.model.dataset().isImage());
        assertEquals(Preprocessing.STANDARDIZE, mnist.mode());
        assertTrue(mnist.reason().startsWith("pixels range"), mnist.reason());
        assertTrue(vm.recommendationTextProperty().get().contains(mnist.reason()));
    }

    /** Issue 10, item 15: the header said "Loading csv:..." forever after a failed load and a good one of the same CSV. */
    @Test
    void theHeaderShowsTheProfileAfterAFailedLoadAndAGoodOneOfTheSameCsv() throws Exception {
        Path csv = dir.resolve("points.csv");
        String good = "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n2,1,x\n4,3,y\n";
        java.nio.file.Files.writeString(csv, good);
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        vm.choiceProperty().set(DataViewModel.Choice.CSV);
        vm.pathProperty().set(csv.toString());
        vm.load();
        assertTrue(vm.summaryProperty().get().startsWith("points"), vm.summaryProperty().get());

        java.nio.file.Files.writeString(csv, "a,b,label\n1,2,x\n3,oops,y\n");
        vm.load();
        assertEquals(1, w.errors.size(), w.errors.toString());
        assertTrue(vm.summaryProperty().get().startsWith("Could not load"), vm.summaryProperty().get());

        java.nio.file.Files.writeString(csv, good);
        vm.load();
        assertEquals(1, w.errors.size(), w.errors.toString());
        assertFalse(vm.summaryProperty().get().startsWith("Loading"), vm.summaryProperty().get());
        assertTrue(vm.summaryProperty().get().startsWith("points") && vm.summaryProperty().get().contains("6 samples"),
                vm.summaryProperty().get());
    }

    @Test
    void loadingTheSameCsvTwiceEndsWithItsProfileInTheHeader() throws Exception {
        Path csv = dir.resolve("points.csv");
        java.nio.file.Files.writeString(csv, "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n");
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        vm.choiceProperty().set(DataViewModel.Choice.CSV);
        vm.pathProperty().set(csv.toString());
        vm.load();
        vm.load();
        assertTrue(vm.summaryProperty().get().startsWith("points"), vm.summaryProperty().get());
    }
}
