package dev.trainbench.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecPathsTest {

    static final ExperimentSpec MLP = SpecJson.read(Path.of("examples/mnist-mlp.json"));

    @Test
    void readsNestedFieldsAndLayerFieldsByPath() {
        assertEquals("0.001", SpecPaths.getText(MLP, "training.optimizer.learningRate"));
        assertEquals("128", SpecPaths.getText(MLP, "model.layers[1].units"));
        assertEquals("adam", SpecPaths.getText(MLP, "training.optimizer.type"));
        assertEquals("42", SpecPaths.getText(MLP, "seed"));
        assertEquals("", SpecPaths.getText(MLP, "training.clipNorm"), "a valid field that is not set reads as empty");
        assertTrue(SpecPaths.get(MLP, "training.earlyStopping.patience").isNull());
    }

    @Test
    void setChangesExactlyThatFieldAndReturnsANewValidatedSpec() {
        ExperimentSpec changed = SpecPaths.setText(MLP, "training.optimizer.learningRate", "1e-2");
        assertEquals(0.01, changed.training().optimizer().learningRate());
        assertEquals(0.001, MLP.training().optimizer().learningRate(), "the original is untouched");
        assertEquals(MLP.withTraining(MLP.training().withOptimizer(MLP.training().optimizer().withLearningRate(0.01))), changed);

        ExperimentSpec wider = SpecPaths.set(MLP, "model.layers[1].units", IntNode.valueOf(256));
        assertEquals(256, wider.model().layers().get(1).units());
        assertEquals(MLP.model().layers().subList(2, 7), wider.model().layers().subList(2, 7));
    }

    @Test
    void enumValuesAreParsedByTheirSpecFileNamesInAnyCase() {
        assertEquals(OptimizerSpec.Type.SGD, SpecPaths.setText(MLP, "training.optimizer.type", "SGD").training().optimizer().type());
        assertEquals(TrainingSpec.Loss.L1, SpecPaths.setText(MLP, "training.loss", "l1").training().loss());
        assertEquals(Preprocessing.MINMAX, SpecPaths.setText(MLP, "preprocessing", "minmax").preprocessing());
        SpecException e = assertThrows(SpecException.class, () -> SpecPaths.setText(MLP, "training.optimizer.type", "adagrad"));
        assertTrue(e.getMessage().contains("training.optimizer.type: 'adagrad' is not one of sgd, adam, adamw, rmsprop"), e.getMessage());
    }

    @Test
    void missingSectionsAreCreatedAndNullRemovesAnOptionalField() {
        ExperimentSpec es = SpecPaths.setText(MLP, "training.earlyStopping.patience", "3");
        assertEquals(3, es.training().earlyStopping().patience());
        assertEquals(0.0, es.training().earlyStopping().minDelta(), "the section's other fields take their defaults");
        ExperimentSpec clipped = SpecPaths.setText(MLP, "training.clipNorm", "1.0");
        assertEquals(MLP, SpecPaths.setText(clipped, "training.clipNorm", "null"));
        assertEquals(true, SpecPaths.setText(MLP, "augmentation.flip", "TRUE").augmentation().flip());
        assertEquals("other", SpecPaths.setText(MLP, "name", "other").name());
    }

    @Test
    void aLayerCanBeReplacedOrAppendedAsJson() {
        ExperimentSpec more = SpecPaths.setText(MLP, "model.layers[7]", "{\"type\": \"dense\", \"units\": 32}");
        assertEquals(8, more.model().layers().size());
        assertEquals(LayerSpec.dense(32), more.model().layers().get(7));
        ExperimentSpec swapped = SpecPaths.setText(MLP, "model.layers[2].type", "tanh");
        assertEquals(LayerSpec.Type.TANH, swapped.model().layers().get(2).type());
    }

    @Test
    void residualBodiesAreReachable() {
        ExperimentSpec resnet = SpecJson.read(Path.of("examples/mnist-small-resnet.json"));
        int residual = -1;
        for (int i = 0; i < resnet.model().layers().size(); i++) {
            if (resnet.model().layers().get(i).type() == LayerSpec.Type.RESIDUAL) {
                residual = i;
                break;
            }
        }
        assertTrue(residual >= 0);
        String path = "model.layers[" + residual + "].body[0].filters";
        ExperimentSpec changed = SpecPaths.setText(resnet, path, "8");
        assertEquals("8", SpecPaths.getText(changed, path));
    }

    @Test
    void aMisspeltFieldIsNamedWithTheFieldsThatExist() {
        SpecException e = assertThrows(SpecException.class, () -> SpecPaths.setText(MLP, "training.optimizer.learningrate", "0.1"));
        assertTrue(e.getMessage().contains("unknown field \"learningrate\" in \"training.optimizer\""), e.getMessage());
        assertTrue(e.getMessage().contains("learningRate"), e.getMessage());
        assertThrows(SpecException.class, () -> SpecPaths.get(MLP, "trainig.epochs"));
    }

    @Test
    void badPathsAndIndexesSayWhatIsWrong() {
        SpecException range = assertThrows(SpecException.class, () -> SpecPaths.get(MLP, "model.layers[9].units"));
        assertTrue(range.getMessage().contains("model.layers[9] does not exist: model.layers has 7 elements"), range.getMessage());
        SpecException syntax = assertThrows(SpecException.class, () -> SpecPaths.get(MLP, "model..layers"));
        assertTrue(syntax.getMessage().contains("is not a field path"), syntax.getMessage());
        SpecException scalar = assertThrows(SpecException.class, () -> SpecPaths.get(MLP, "seed.value"));
        assertTrue(scalar.getMessage().contains("holds a single value"), scalar.getMessage());
        SpecException notList = assertThrows(SpecException.class, () -> SpecPaths.get(MLP, "training[0]"));
        assertTrue(notList.getMessage().contains("is not a list"), notList.getMessage());
        assertThrows(SpecException.class, () -> SpecPaths.setText(MLP, "version", "2"));
    }

    @Test
    void badValuesGetTheSpecsOwnValidationMessageWithTheField() {
        SpecException range = assertThrows(SpecException.class, () -> SpecPaths.setText(MLP, "training.optimizer.learningRate", "500"));
        assertTrue(range.getMessage().startsWith("cannot set training.optimizer.learningRate to 500.0: "), range.getMessage());
        assertTrue(range.getMessage().contains("must be in (0, 100]"), range.getMessage());

        SpecException notNumber = assertThrows(SpecException.class, () -> SpecPaths.setText(MLP, "training.batchSize", "big"));
        assertEquals("training.batchSize: 'big' is not a number; expected a whole number, e.g. 64", notNumber.getMessage());
        SpecException fraction = assertThrows(SpecException.class, () -> SpecPaths.setText(MLP, "training.epochs", "2.5"));
        assertTrue(fraction.getMessage().contains("'2.5' is not a whole number"), fraction.getMessage());
        SpecException bool = assertThrows(SpecException.class, () -> SpecPaths.setText(MLP, "split.shuffle", "yes"));
        assertTrue(bool.getMessage().contains("is not true or false"), bool.getMessage());
        SpecException split = assertThrows(SpecException.class, () -> SpecPaths.setText(MLP, "split.train", "90"));
        assertTrue(split.getMessage().contains("must add up to 100"), split.getMessage());
        SpecException layer = assertThrows(SpecException.class,
                () -> SpecPaths.setText(MLP, "model.layers[1]", "{\"type\": \"dense\", \"unit\": 3}"));
        assertTrue(layer.getMessage().contains("unknown field \"unit\""), layer.getMessage());
    }

    @Test
    void wholeNumbersWrittenAsDecimalsAreAccepted() {
        assertEquals(128, SpecPaths.setText(MLP, "training.batchSize", "128.0").training().batchSize());
        assertEquals(7L, SpecPaths.setText(MLP, "seed", "7").seed());
    }

    @Test
    void assignmentFormIsPathEqualsValue() {
        assertEquals(32, SpecPaths.apply(MLP, "training.batchSize = 32").training().batchSize());
        assertThrows(SpecException.class, () -> SpecPaths.apply(MLP, "training.batchSize"));
    }

    @Test
    void infoDescribesAFieldForAPicker() {
        SpecPaths.FieldInfo info = SpecPaths.info("training.schedule.type");
        assertEquals(SpecPaths.Kind.CHOICE, info.kind());
        assertEquals(List.of("constant", "step", "cosine"), info.choices());
        assertEquals(SpecPaths.Kind.INTEGER, SpecPaths.info("model.layers[0].units").kind());
        assertEquals(SpecPaths.Kind.LIST, SpecPaths.info("model.layers").kind());
    }

    @Test
    void leafPathsListEverySingleValueAndEachOneReadsBack() {
        List<String> leaves = SpecPaths.leafPaths(MLP);
        assertTrue(leaves.contains("model.layers[3].rate"), leaves.toString());
        assertTrue(leaves.contains("training.optimizer.learningRate"));
        for (String p : leaves) {
            assertEquals(MLP, SpecPaths.setText(MLP, p, SpecPaths.getText(MLP, p)), p);
        }
    }
}
