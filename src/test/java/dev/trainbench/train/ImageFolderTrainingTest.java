package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.Dataset;
import dev.trainbench.data.DatasetLoader;
import dev.trainbench.model.Presets;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.AugmentationSpec;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.TrainingSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of real PNG files, one sub-folder per class, trained end to end with augmentation. */
class ImageFolderTrainingTest {

    @TempDir
    Path dir;

    @Test
    void pngFolderTrainsWithAugmentation() throws Exception {
        Dataset mnist = DatasetLoader.sample("mnist");
        Path images = dir.resolve("digits");
        int count = 600;
        for (int i = 0; i < count; i++) {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int v = (int) mnist.features()[i * 784 + y * 28 + x];
                    img.getRaster().setSample(x, y, 0, v);
                }
            }
            Path folder = images.resolve("digit-" + mnist.labels()[i]);
            Files.createDirectories(folder);
            ImageIO.write(img, "png", folder.resolve(i + ".png").toFile());
        }
        Files.writeString(images.resolve("digit-3").resolve("notes.txt"), "not an image");
        ExperimentSpec spec = new ExperimentSpec(null, "png-folder", 5L, DataSpec.images(images.toString(), 28, true),
                null, null, new AugmentationSpec(2, false, 10.0, 0.0), Presets.get("lenet-cnn").model(),
                TrainingSpec.defaults().withEpochs(6).withBatchSize(32).withOptimizer(OptimizerSpec.adam(0.002)));
        RunRecord r = ExperimentRunner.run(spec, dir, new RunStore(dir.resolve("ws")), null, new RunControl(),
                ExperimentRunner.Hooks.none(), TrainingLoop.Options.defaults());
        assertEquals(RunStatus.COMPLETED, r.status());
        assertEquals(count, r.trainSamples() + r.validationSamples() + r.testSamples());
        assertTrue(r.bestValidationAccuracy() > 0.6, "validation accuracy " + r.bestValidationAccuracy());
        assertEquals(2, r.spec().augmentation().shift());
    }
}
