package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.Preprocessing;
import dev.trainbench.spec.ScheduleSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.ui.data.DataViewModel;
import dev.trainbench.ui.model.ModelViewModel;
import dev.trainbench.ui.train.TrainViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open every example spec (and one that sets every optional field) as the File menu does, change one control of the Data, Model or Train
 * screen through its view model, save it as the File menu does: the saved spec differs from the
 * original in exactly the field that control shows, and nothing else (fields the screens do not
 * show, like Adam's betas or early stopping's min delta, survive).
 */
class SpecRoundTripTest {
    @TempDir
    Path tmp;

    /** One control: what it changes (given the opened spec) and the spec fields it must change. */
    private record Control(String name, Function<ExperimentSpec, Boolean> appliesTo, Change change) {
    }

    @FunctionalInterface
    private interface Change {
        /** Moves the control; returns the paths expected to differ. */
        Set<String> apply(ExperimentSpec opened, DataViewModel data, ModelViewModel model, TrainViewModel train);
    }

    private static Control control(String name, Change change) {
        return new Control(name, s -> true, change);
    }

    private static Set<String> paths(String... p) {
        return new LinkedHashSet<>(List.of(p));
    }

    private static List<Control> controls() {
        List<Control> c = new ArrayList<>();
        // Train
        c.add(control("learning rate", (s, d, m, t) -> {
            t.learningRateProperty().set(s.training().optimizer().learningRate() * 3);
            return paths("training.optimizer.learningRate");
        }));
        c.add(control("optimizer", (s, d, m, t) -> {
            t.optimizerProperty().set(s.training().optimizer().type() == OptimizerSpec.Type.RMSPROP
                    ? OptimizerSpec.Type.ADAMW : OptimizerSpec.Type.RMSPROP);
            // Nesterov exists for SGD only: leaving SGD drops it
            return Boolean.TRUE.equals(s.training().optimizer().nesterov())
                    ? paths("training.optimizer.type", "training.optimizer.nesterov") : paths("training.optimizer.type");
        }));
        c.add(control("momentum", (s, d, m, t) -> {
            t.momentumProperty().set(0.5);
            return paths("training.optimizer.momentum");
        }));
        c.add(new Control("nesterov", s -> s.training().optimizer().type() == OptimizerSpec.Type.SGD, (s, d, m, t) -> {
            t.nesterovProperty().set(!Boolean.TRUE.equals(s.training().optimizer().nesterov()));
            return paths("training.optimizer.nesterov");
        }));
        c.add(control("beta1", (s, d, m, t) -> {
            t.beta1Property().set(0.7);
            return paths("training.optimizer.beta1");
        }));
        c.add(control("beta2", (s, d, m, t) -> {
            t.beta2Property().set(0.98);
            return paths("training.optimizer.beta2");
        }));
        c.add(control("weight decay", (s, d, m, t) -> {
            t.weightDecayProperty().set(0.02);
            return paths("training.optimizer.weightDecay");
        }));
        c.add(control("schedule", (s, d, m, t) -> {
            if (s.training().schedule().type() == ScheduleSpec.Type.CONSTANT) {
                // a cosine schedule needs its end value: the spec fills in the default (0) with the type
                t.scheduleProperty().set(ScheduleSpec.Type.COSINE);
                return paths("training.schedule.type", "training.schedule.minLearningRate");
            }
            t.scheduleProperty().set(ScheduleSpec.Type.CONSTANT);
            return paths("training.schedule.type");
        }));
        c.add(new Control("step size", s -> s.training().schedule().type() == ScheduleSpec.Type.STEP, (s, d, m, t) -> {
            t.stepEpochsProperty().set(s.training().schedule().stepEpochs() + 1);
            return paths("training.schedule.stepEpochs");
        }));
        c.add(new Control("gamma", s -> s.training().schedule().type() == ScheduleSpec.Type.STEP, (s, d, m, t) -> {
            t.gammaProperty().set(s.training().schedule().gamma() / 2);
            return paths("training.schedule.gamma");
        }));
        c.add(new Control("min learning rate", s -> s.training().schedule().type() == ScheduleSpec.Type.COSINE, (s, d, m, t) -> {
            t.minLearningRateProperty().set(1e-5);
            return paths("training.schedule.minLearningRate");
        }));
        c.add(control("warm-up steps", (s, d, m, t) -> {
            t.warmupStepsProperty().set(s.training().schedule().warmupStepsOrDefault() + 100);
            return paths("training.schedule.warmupSteps");
        }));
        c.add(control("batch size", (s, d, m, t) -> {
            t.batchSizeProperty().set(s.training().batchSize() * 2);
            return paths("training.batchSize");
        }));
        c.add(control("epochs", (s, d, m, t) -> {
            t.epochsProperty().set(s.training().epochs() + 1);
            return paths("training.epochs");
        }));
        c.add(control("clip grad norm", (s, d, m, t) -> {
            t.clipNormProperty().set(s.training().clipNorm() == null ? 1.5 : s.training().clipNorm() + 1);
            return paths("training.clipNorm");
        }));
        c.add(control("early stopping", (s, d, m, t) -> {
            t.earlyStoppingProperty().set(s.training().earlyStopping() == null);
            return paths("training.earlyStopping");
        }));
        c.add(new Control("patience", s -> s.training().earlyStopping() != null, (s, d, m, t) -> {
            t.patienceProperty().set(s.training().earlyStopping().patience() + 2);
            return paths("training.earlyStopping.patience");
        }));
        c.add(new Control("min improvement", s -> s.training().earlyStopping() != null, (s, d, m, t) -> {
            t.minDeltaProperty().set(s.training().earlyStopping().minDelta() + 0.001);
            return paths("training.earlyStopping.minDelta");
        }));
        c.add(control("run name", (s, d, m, t) -> {
            t.runNameProperty().set(s.name() + " dropout 0.3");
            return paths("name");
        }));
        // Model
        c.add(control("initialization", (s, d, m, t) -> {
            m.initTypeProperty().set(s.model().init().type() == InitSpec.Type.XAVIER ? InitSpec.Type.HE : InitSpec.Type.XAVIER);
            return paths("model.init.type");
        }));
        c.add(new Control("a layer's setting", s -> firstEditable(s) >= 0, (s, d, m, t) -> {
            int i = firstEditable(s);
            LayerSpec l = s.model().layers().get(i);
            String field = switch (l.type()) {
                case DENSE -> "units";
                case CONV2D -> "filters";
                case DROPOUT -> "rate";
                default -> "kernel";
            };
            m.setLayerField(i, field, field.equals("rate") ? (Number) 0.3 : (Number) 7);
            return paths("model.layers[" + i + "]." + field);
        }));
        // Data
        c.add(control("shuffle", (s, d, m, t) -> {
            d.shuffleProperty().set(!s.split().shuffle());
            return paths("split.shuffle");
        }));
        c.add(control("stratified", (s, d, m, t) -> {
            d.stratifiedProperty().set(!s.split().stratified());
            return paths("split.stratified");
        }));
        c.add(control("seed", (s, d, m, t) -> {
            d.seedProperty().set((int) (s.seed() + 1));
            return paths("seed");
        }));
        c.add(control("subset", (s, d, m, t) -> {
            d.useSubsetProperty().set(s.split().subset() == null);
            return paths("split.subset");
        }));
        c.add(control("validation percentage", (s, d, m, t) -> {
            // the three add up to 100: moving validation moves test with it
            d.validationPercentProperty().set(s.split().validation() + 5);
            return paths("split.validation", "split.test");
        }));
        c.add(control("preprocessing", (s, d, m, t) -> {
            d.preprocessingProperty().set(s.preprocessing() == Preprocessing.MINMAX ? Preprocessing.STANDARDIZE : Preprocessing.MINMAX);
            return paths("preprocessing");
        }));
        c.add(control("augmentation shift", (s, d, m, t) -> {
            d.augShiftProperty().set(s.augmentation().shift() + 1);
            return paths("augmentation.shift");
        }));
        c.add(control("augmentation flip", (s, d, m, t) -> {
            d.augFlipProperty().set(!s.augmentation().flip());
            return paths("augmentation.flip");
        }));
        c.add(control("augmentation rotation", (s, d, m, t) -> {
            d.augRotationProperty().set(7);
            return paths("augmentation.rotation");
        }));
        c.add(control("augmentation noise", (s, d, m, t) -> {
            d.augNoiseProperty().set(0.1);
            return paths("augmentation.noise");
        }));
        c.add(new Control("generated set's noise, then Load", s -> s.data().source() == dev.trainbench.spec.DataSpec.Source.TOY,
                (s, d, m, t) -> {
                    d.toyNoiseProperty().set(s.data().noise() + 0.1);
                    d.load();
                    return paths("data.noise");
                }));
        c.add(new Control("generated set's size, then Load", s -> s.data().source() == dev.trainbench.spec.DataSpec.Source.TOY,
                (s, d, m, t) -> {
                    d.toySamplesProperty().set(300);
                    d.load();
                    return paths("data.samples");
                }));
        return c;
    }

    private static int firstEditable(ExperimentSpec s) {
        List<LayerSpec> layers = s.model().layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec.Type t = layers.get(i).type();
            if (t == LayerSpec.Type.DENSE || t == LayerSpec.Type.CONV2D || t == LayerSpec.Type.DROPOUT
                    || t == LayerSpec.Type.MAXPOOL || t == LayerSpec.Type.AVGPOOL) {
                return i;
            }
        }
        return -1;
    }

    @TestFactory
    Stream<DynamicTest> changingOneControlChangesExactlyThatFieldOfTheSavedSpec() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            examples = new ArrayList<>(files.filter(p -> p.toString().endsWith(".json")).sorted().toList());
        }
        assertTrue(examples.size() >= 7, "the examples folder: " + examples);
        // and a spec that sets every optional field the screens may not show (betas, rho, gamma, min delta...)
        examples.add(Path.of("src/test/resources/specs/every-field.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Path example : examples) {
            ExperimentSpec original = SpecJson.read(example);
            for (Control control : controls()) {
                if (!control.appliesTo().apply(original)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(example.getFileName() + ": " + control.name(), () -> roundTrip(example, control)));
            }
        }
        return tests.stream();
    }

    private void roundTrip(Path example, Control control) throws IOException {
        TestWorkbench w = new TestWorkbench(tmp.resolve("workspace"));
        DataViewModel data = new DataViewModel(w.model);
        ModelViewModel model = new ModelViewModel(w.model);
        TrainViewModel train = new TrainViewModel(w.model);
        SpecFiles files = new SpecFiles(w.model);
        // File > Open spec
        files.open(example, spec -> data.showSpecData());
        ExperimentSpec opened = w.model.spec();
        assertEquals(SpecJson.read(example), opened);
        Set<String> expected = control.change().apply(opened, data, model, train);
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        assertEquals(null, train.settingsErrorProperty().get());
        // File > Save spec as
        Path saved = tmp.resolve("saved-" + example.getFileName());
        files.saveAs(saved, () -> { });
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        assertEquals(expected, differences(tree(example), tree(saved)), "fields changed by " + control.name());
    }

    /** The spec as read and written back: every default filled in, as the diff and the trainer see it. */
    private static JsonNode tree(Path file) throws IOException {
        return SpecJson.mapper().readTree(SpecJson.write(SpecJson.read(file)));
    }

    /** Paths where two JSON trees differ; a section present on one side only is one path. */
    static Set<String> differences(JsonNode a, JsonNode b) {
        Set<String> out = new LinkedHashSet<>();
        diff("", a, b, out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, Set<String> out) {
        boolean aMissing = a == null || a.isMissingNode();
        boolean bMissing = b == null || b.isMissingNode();
        if (aMissing || bMissing) {
            if (aMissing != bMissing) {
                out.add(path);
            }
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                diff(path.isEmpty() ? n : path + "." + n, a.get(n), b.get(n), out);
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            Iterator<JsonNode> ia = a.elements();
            Iterator<JsonNode> ib = b.elements();
            for (int i = 0; ia.hasNext(); i++) {
                diff(path + "[" + i + "]", ia.next(), ib.next(), out);
            }
        } else if (!a.equals(b)) {
            out.add(path);
        }
    }
}
