package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.data.DataException;
import dev.trainbench.data.InputEncoding;
import dev.trainbench.data.PredictionInputs;
import dev.trainbench.runs.ModelArchive;
import dev.trainbench.runs.ModelFileException;
import dev.trainbench.runs.ModelManifest;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.runs.TestResult;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.spec.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's model leaves its run folder as one file and gives the same answers outside it. */
class ModelExportTest {

    @TempDir
    Path dir;

    static ModelSpec mlp() {
        return new ModelSpec(null, List.of(LayerSpec.dense(16), LayerSpec.of(LayerSpec.Type.RELU)), null);
    }

    RunRecord train(ExperimentSpec spec, RunStore store) throws InterruptedException {
        RunRecord r = ExperimentRunner.run(spec, dir, store, null, new RunControl(), ExperimentRunner.Hooks.none(),
                TrainingLoop.Options.defaults());
        return FinalTest.evaluate(store, r.id(), dir);
    }

    @Test
    void exportedModelRepeatsTheRunsFinalTestExactly() throws Exception {
        RunStore store = new RunStore(dir.resolve("ws"));
        ExperimentSpec spec = new ExperimentSpec(null, "blobs", 7L, DataSpec.toy("blobs", 400, 0.8, 3), null, null, null,
                mlp(), TrainingSpec.defaults().withEpochs(3).withBatchSize(32).withOptimizer(OptimizerSpec.adam(0.01)));
        RunRecord run = train(spec, store);
        TestResult finalTest = run.test();

        Files.createDirectories(dir.resolve("out"));
        ModelExport.Exported exported = ModelExport.export(store, run.id(), "best", dir.resolve("out"), dir, false);
        assertEquals(dir.resolve("out").resolve(run.id() + ModelArchive.EXTENSION), exported.file(), "a folder gets <run id>.tbmodel.zip");
        ModelManifest m = exported.manifest();
        assertEquals(List.of("0", "1", "2"), m.output().classNames());
        assertArrayEquals(new int[] {2}, m.input().sampleShape());
        assertEquals(List.of("x", "y"), m.input().encoding().table().names());
        assertEquals(run.bestEpoch(), m.checkpoint().epoch());
        assertEquals(run.test().accuracy(), m.metrics().test().accuracy());
        assertEquals(run.id(), m.run().id());
        assertTrue(m.run().versions().containsKey("djl"), m.run().versions().toString());
        assertEquals(SpecJson.mapper().readTree(store.dir(run.id()).resolve(RunStore.RECORD_FILE).toFile()).get("dataFingerprint"),
                m.dataFingerprint(), "the run's data fingerprint, as run.json holds it");

        try (Predictor p = Predictor.open(exported.file())) {
            PredictionResult r = p.predict(p.testSplit(dir));
            TestResult again = r.evaluation();
            assertEquals(finalTest.samples(), again.samples());
            assertEquals(finalTest.accuracy(), again.accuracy(), "same accuracy, exactly");
            assertEquals(finalTest.loss(), again.loss(), "same loss, exactly");
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(finalTest.confusion()[k], again.confusion()[k]);
            }
            // Unlabelled, the same samples get the same classes and the same probabilities.
            PredictionResult unlabelled = p.predict(p.testSplit(dir).features(), r.count());
            assertArrayEquals(r.classes(), unlabelled.classes());
            assertArrayEquals(r.outputs(), unlabelled.outputs());
            float sum = 0;
            for (int k = 0; k < 3; k++) {
                sum += r.output(0, k);
            }
            assertEquals(1f, sum, 1e-5f, "probabilities");
        }
    }

    @Test
    void exportCopiesTheDataFingerprintAsItIsAndRefusesToOverwrite() throws Exception {
        RunStore store = new RunStore(dir.resolve("ws"));
        ExperimentSpec spec = new ExperimentSpec(null, "fp", 7L, DataSpec.toy("moons", 200, 0.1, null), null, null, null,
                mlp(), TrainingSpec.defaults().withEpochs(1));
        RunRecord run = ExperimentRunner.run(spec, dir, store, null, new RunControl(), ExperimentRunner.Hooks.none(),
                TrainingLoop.Options.defaults());
        Path runJson = store.dir(run.id()).resolve(RunStore.RECORD_FILE);
        ObjectNode tree = (ObjectNode) SpecJson.mapper().readTree(runJson.toFile());
        // a field a later TrainBench might add: copied along, not dropped
        ((ObjectNode) tree.get("dataFingerprint")).putObject("fromTheFuture").put("x", 1).putArray("extra").add(1);
        Files.writeString(runJson, SpecJson.mapper().writeValueAsString(tree));

        Path out = dir.resolve("m.zip");
        ModelManifest m = ModelExport.export(store, run.id(), "last", out, dir, false).manifest();
        assertEquals(tree.get("dataFingerprint"), m.dataFingerprint());
        assertEquals(1, m.dataFingerprint().get("fromTheFuture").get("x").asInt());
        assertEquals(tree.get("dataFingerprint"), ModelArchive.read(out).manifest().dataFingerprint(), "and reads back");
        assertEquals("last", m.checkpoint().name());
        assertNull(m.metrics().test(), "never tested");
        long before = Files.size(out);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelExport.export(store, run.id(), "best", out, dir, false));
        assertTrue(e.getMessage().contains("exists already"), e.getMessage());
        assertEquals(before, Files.size(out));
        TrainingException bad = assertThrows(TrainingException.class,
                () -> ModelExport.export(store, run.id(), "middle", dir.resolve("x.zip"), dir, false));
        assertTrue(bad.getMessage().contains("best") && bad.getMessage().contains("last"), bad.getMessage());
        assertFalse(Files.exists(dir.resolve("x.zip")));
    }

    @Test
    void csvModelEncodesColumnsByNameAndRefusesColumnsItDoesNotKnow() throws Exception {
        Random rnd = new Random(3);
        StringBuilder csv = new StringBuilder("size,colour,weight,kind\n");
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 240; i++) {
            int c = rnd.nextInt(3);
            double size = c + rnd.nextGaussian() * 0.3;
            csv.append(String.format(Locale.ROOT, "%.3f,%s,%.3f,%s%n", size, colours[c], rnd.nextGaussian(),
                    c == 0 ? "apple" : c == 1 ? "pear" : "plum"));
        }
        Path data = dir.resolve("fruit.csv");
        Files.writeString(data, csv);
        RunStore store = new RunStore(dir.resolve("ws"));
        ExperimentSpec spec = new ExperimentSpec(null, "fruit", 1L, DataSpec.csv("fruit.csv", "kind"), null, null, null,
                mlp(), TrainingSpec.defaults().withEpochs(8).withBatchSize(16).withOptimizer(OptimizerSpec.adam(0.02)));
        RunRecord run = train(spec, store);
        Path model = ModelExport.export(store, run.id(), "best", dir.resolve("fruit.tbmodel.zip"), dir, false).file();
        ModelArchive.Contents contents = ModelArchive.read(model);
        InputEncoding.TableInput table = contents.manifest().input().encoding().table();
        assertEquals(List.of("size", "colour", "weight"), table.names());
        assertEquals(List.of("blue", "green", "red"), table.columns().get(1).categories());
        assertEquals("kind", table.target());
        assertEquals(3, table.targetIndex());

        // A run from before run.json described its input: its data is read once, and must give the same scaling.
        Path runJson = store.dir(run.id()).resolve(RunStore.RECORD_FILE);
        ObjectNode tree = (ObjectNode) SpecJson.mapper().readTree(runJson.toFile());
        ((ObjectNode) tree.get("preprocessing")).remove(List.of("input", "sampleShape", "classNames"));
        Files.writeString(runJson, SpecJson.mapper().writeValueAsString(tree));
        ModelManifest old = ModelExport.export(store, run.id(), "best", dir.resolve("old.zip"), dir, false).manifest();
        assertEquals(contents.manifest().input().encoding(), old.input().encoding());
        assertEquals(contents.manifest().output().classNames(), old.output().classNames());
        // every size a little different (a digit appended): the training split's statistics change
        Files.writeString(data, csv.toString().replaceAll("\n([-0-9.]+),", "\n$15,"));
        TrainingException changed = assertThrows(TrainingException.class,
                () -> ModelExport.export(store, run.id(), "best", dir.resolve("changed.zip"), dir, false));
        assertTrue(changed.getMessage().contains("the data changed"), changed.getMessage());
        assertFalse(Files.exists(dir.resolve("changed.zip")));

        try (Predictor p = Predictor.open(contents, "fruit")) {
            // columns in another order, no target: still encoded by name
            Path rows = dir.resolve("rows.csv");
            Files.writeString(rows, "weight,colour,size\n0.1,red,0.05\n-0.2,blue,2.1\n");
            PredictionInputs.Samples s = read(p, rows);
            assertFalse(s.labelled());
            PredictionResult r = p.predict(s);
            assertEquals(2, r.count());
            assertEquals("apple", r.className(r.classes()[0]));
            assertEquals("plum", r.className(r.classes()[1]));

            // with the target: evaluated
            PredictionResult whole = p.predict(read(p, data));
            assertNotNull(whole.evaluation());
            assertEquals(240, whole.evaluation().samples());
            assertTrue(whole.evaluation().accuracy() > 0.8, "accuracy " + whole.evaluation().accuracy());

            Files.writeString(rows, "weight,colour\n0.1,red\n");
            DataException missing = assertThrows(DataException.class, () -> read(p, rows));
            assertTrue(missing.getMessage().contains("missing: [size]"), missing.getMessage());
            Files.writeString(rows, "weight,colour,size,price,kind\n0.1,red,1,3,apple\n");
            DataException extra = assertThrows(DataException.class, () -> read(p, rows));
            assertTrue(extra.getMessage().contains("extra: [price]"), extra.getMessage());
            Files.writeString(rows, "weight,colour,size\n0.1,purple,1\n");
            DataException category = assertThrows(DataException.class, () -> read(p, rows));
            assertTrue(category.getMessage().contains("line 2") && category.getMessage().contains("'purple'")
                    && category.getMessage().contains("[blue, green, red]"), category.getMessage());
            Files.writeString(rows, "1.0,red,0.3,banana\n");
            DataException label = assertThrows(DataException.class, () -> read(p, rows));
            assertTrue(label.getMessage().contains("'banana' is not one of the model's classes"), label.getMessage());
            Files.writeString(rows, "1.0,red,0.3,plum\n");
            assertEquals(2, read(p, rows).labels()[0], "no header: the training file's column order, target included");
        }
    }

    static PredictionInputs.Samples read(Predictor p, Path input) {
        ModelManifest m = p.manifest();
        return PredictionInputs.read(input, null, m.input().encoding(), m.input().sampleShape(), p.classNames(),
                PredictionInputs.Options.defaults());
    }
}
