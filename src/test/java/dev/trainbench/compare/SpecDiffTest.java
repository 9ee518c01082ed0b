package dev.trainbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.spec.SpecPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecDiffTest {

    static final ExperimentSpec MLP = SpecJson.read(Path.of("examples/mnist-mlp.json"));
    static final ExperimentSpec RESNET = SpecJson.read(Path.of("examples/mnist-small-resnet.json"));

    static ExperimentSpec withLayers(ExperimentSpec s, List<LayerSpec> layers) {
        return s.withModel(s.model().withLayers(layers));
    }

    static DiffEntry entry(SpecDiff d, String path) {
        return d.entries().stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + path + " in " + d.differences()));
    }

    @Test
    void identicalSpecsHaveNoDifferencesButAFullView() {
        SpecDiff d = SpecDiff.of(List.of(MLP, MLP));
        assertTrue(d.differences().isEmpty());
        assertEquals(List.of(), d.countedChanges(1));
        assertTrue(d.entries().size() > 15);
        assertEquals("0.001", entry(d, "training.optimizer.learningRate").values().get(1));
        assertEquals("dense 128", entry(d, "model.layers[1]").values().get(0));
    }

    @Test
    void nestedFieldsAreNamedByPathWithEveryRunsValue() {
        ExperimentSpec b = SpecPaths.setText(SpecPaths.setText(MLP, "training.optimizer.learningRate", "0.01"),
                "training.batchSize", "128");
        SpecDiff d = SpecDiff.of(List.of(MLP, b));
        assertEquals(List.of("training.optimizer.learningRate", "training.batchSize"),
                d.differences().stream().map(DiffEntry::path).toList());
        DiffEntry lr = entry(d, "training.optimizer.learningRate");
        assertEquals(DiffEntry.Kind.CHANGED, lr.kind());
        assertEquals(List.of("0.001", "0.01"), lr.values());
        assertEquals(List.of(false, true), lr.differs());
        assertEquals(2, d.countedChanges(1).size());
    }

    @Test
    void anInsertedDropoutIsOneAddedLayerAndTheLayersAfterItStayMatched() {
        List<LayerSpec> layers = new ArrayList<>(MLP.model().layers());
        layers.remove(6);
        layers.remove(3);
        ExperimentSpec without = withLayers(MLP, layers);
        SpecDiff d = SpecDiff.of(List.of(without, MLP));
        assertEquals(2, d.differences().size(), d.differences().toString());
        DiffEntry added = d.differences().get(0);
        assertEquals(DiffEntry.Kind.ADDED, added.kind());
        assertEquals("model.layers[3]", added.path());
        assertEquals(java.util.Arrays.asList(null, "dropout 0.1"), added.values());
        assertEquals(java.util.Arrays.asList(null, "model.layers[3]"), added.paths());
        assertEquals(DiffEntry.Kind.ADDED, d.differences().get(1).kind());
        assertEquals(java.util.Arrays.asList(null, "model.layers[6]"), d.differences().get(1).paths());
        // the dense layer after the insertion is layers[3] in the first and layers[4] in the second, and the same
        DiffEntry dense = d.entries().stream().filter(e -> "model.layers[3]".equals(e.paths().get(0))).findFirst().orElseThrow();
        assertEquals(DiffEntry.Kind.SAME, dense.kind());
        assertEquals("model.layers[4]", dense.paths().get(1));
    }

    @Test
    void aRemovedLayerIsRemovedRelativeToTheReference() {
        List<LayerSpec> layers = new ArrayList<>(MLP.model().layers());
        layers.remove(3);
        SpecDiff d = SpecDiff.of(List.of(MLP, withLayers(MLP, layers)));
        assertEquals(1, d.differences().size());
        assertEquals(DiffEntry.Kind.REMOVED, d.differences().get(0).kind());
        assertEquals("model.layers[3]", d.differences().get(0).path());
        assertNull(d.differences().get(0).values().get(1));
    }

    @Test
    void aChangedLayerShowsTheFieldThatChanged() {
        ExperimentSpec wider = SpecPaths.setText(SpecPaths.setText(MLP, "model.layers[4].units", "256"), "model.layers[3].rate", "0.5");
        SpecDiff d = SpecDiff.of(List.of(MLP, wider));
        assertEquals(List.of("model.layers[3].rate", "model.layers[4].units"),
                d.differences().stream().map(DiffEntry::path).toList());
        assertEquals(List.of("128", "256"), entry(d, "model.layers[4].units").values());
    }

    @Test
    void aChangedActivationIsOneChangedLayerNotARemovalAndAnAddition() {
        ExperimentSpec tanh = SpecPaths.setText(MLP, "model.layers[2].type", "tanh");
        SpecDiff d = SpecDiff.of(List.of(MLP, tanh));
        assertEquals(1, d.differences().size());
        DiffEntry e = d.differences().get(0);
        assertEquals("model.layers[2]", e.path());
        assertEquals(DiffEntry.Kind.CHANGED, e.kind());
        assertEquals(List.of("relu", "tanh"), e.values());
    }

    @Test
    void aDenseLayerReplacedByAConvolutionIsARemovalAndAnAddition() {
        List<LayerSpec> layers = new ArrayList<>(MLP.model().layers());
        layers.set(1, LayerSpec.conv2d(8, 3, 1, 0));
        SpecDiff d = SpecDiff.of(List.of(MLP, withLayers(MLP, layers)));
        assertEquals(List.of(DiffEntry.Kind.REMOVED, DiffEntry.Kind.ADDED),
                d.differences().stream().map(DiffEntry::kind).toList());
    }

    @Test
    void residualBodiesAreAlignedInsideTheirLayer() {
        int r = 0;
        while (RESNET.model().layers().get(r).type() != LayerSpec.Type.RESIDUAL) {
            r++;
        }
        LayerSpec residual = RESNET.model().layers().get(r);
        List<LayerSpec> body = new ArrayList<>(residual.body());
        body.add(1, LayerSpec.of(LayerSpec.Type.BATCHNORM));
        List<LayerSpec> layers = new ArrayList<>(RESNET.model().layers());
        layers.set(r, LayerSpec.residual(body));
        SpecDiff d = SpecDiff.of(List.of(RESNET, withLayers(RESNET, layers)));
        assertEquals(1, d.differences().size(), d.differences().toString());
        DiffEntry e = d.differences().get(0);
        assertEquals("model.layers[" + r + "].body[1]", e.path());
        assertEquals(DiffEntry.Kind.ADDED, e.kind());
        assertEquals("batchnorm", e.values().get(1));
    }

    @Test
    void theNameAndThePresetLabelAreShownButNotCounted() {
        ExperimentSpec renamed = SpecPaths.setText(SpecPaths.setText(MLP, "name", "other"), "model.preset", "custom");
        SpecDiff d = SpecDiff.of(List.of(MLP, renamed));
        assertEquals(2, d.differences().size());
        assertFalse(entry(d, "name").counted());
        assertEquals(List.of(), d.countedChanges(1));
    }

    @Test
    void theSameChangeToSeveralLayersIsOneChangeButDifferentChangesAreNot() {
        ExperimentSpec both = SpecPaths.setText(SpecPaths.setText(MLP, "model.layers[3].rate", "0.5"), "model.layers[6].rate", "0.5");
        assertEquals(List.of("model.layers[3,6].rate"), SpecDiff.of(List.of(MLP, both)).countedChanges(1));
        ExperimentSpec unlike = SpecPaths.setText(SpecPaths.setText(MLP, "model.layers[3].rate", "0.5"), "model.layers[6].rate", "0.3");
        assertEquals(List.of("model.layers[3].rate", "model.layers[6].rate"), SpecDiff.of(List.of(MLP, unlike)).countedChanges(1));
    }

    @Test
    void theDeviceCounts() {
        ExperimentSpec gpu = SpecPaths.setText(MLP, "training.device", "gpu");
        assertEquals(List.of("training.device"), SpecDiff.of(List.of(MLP, gpu)).countedChanges(1));
    }

    @Test
    void aSectionOnlyOneSpecHasIsOneEntry() {
        ExperimentSpec early = SpecPaths.setText(MLP, "training.earlyStopping.patience", "3");
        SpecDiff d = SpecDiff.of(List.of(MLP, early));
        assertEquals(1, d.differences().size(), d.differences().toString());
        DiffEntry e = d.differences().get(0);
        assertEquals("training.earlyStopping", e.path());
        assertEquals(DiffEntry.Kind.ADDED, e.kind());
        assertEquals("{patience: 3, minDelta: 0.0}", e.values().get(1));
        assertEquals(DiffEntry.Kind.REMOVED, SpecDiff.of(List.of(early, MLP)).differences().get(0).kind());
    }

    @Test
    void manySpecsAreComparedAgainstTheFirst() {
        ExperimentSpec lr = SpecPaths.setText(MLP, "training.optimizer.learningRate", "0.01");
        ExperimentSpec batch = SpecPaths.setText(MLP, "training.batchSize", "32");
        List<LayerSpec> layers = new ArrayList<>(MLP.model().layers());
        layers.add(2, LayerSpec.of(LayerSpec.Type.BATCHNORM));
        ExperimentSpec bn = withLayers(MLP, layers);
        List<LayerSpec> layers2 = new ArrayList<>(MLP.model().layers());
        layers2.add(2, LayerSpec.of(LayerSpec.Type.BATCHNORM));
        layers2.set(3, LayerSpec.of(LayerSpec.Type.GELU));
        ExperimentSpec bnGelu = withLayers(MLP, layers2);
        SpecDiff d = SpecDiff.of(List.of(MLP, lr, batch, bn, bnGelu));
        assertEquals(List.of("training.optimizer.learningRate"), d.countedChanges(1));
        assertEquals(List.of("training.batchSize"), d.countedChanges(2));
        assertEquals(List.of("model.layers[2]"), d.countedChanges(3));
        assertEquals(2, d.countedChanges(4).size(), d.differences().toString());
        DiffEntry inserted = d.differences().stream().filter(e -> e.kind() == DiffEntry.Kind.ADDED).findFirst().orElseThrow();
        assertEquals(java.util.Arrays.asList(null, null, null, "batchnorm", "batchnorm"), inserted.values(),
                "both insertions of the same layer share one column");
    }

    @Test
    void aGridOfSpecsFromSpecPathsRoundTripsThroughTheDiffPaths() {
        ExperimentSpec b = SpecPaths.setText(MLP, "model.layers[1].units", "64");
        DiffEntry e = SpecDiff.of(List.of(MLP, b)).differences().get(0);
        assertEquals(b, SpecPaths.setText(MLP, e.paths().get(1), e.values().get(1)),
                "a diff entry's path and value are a one-field change SpecPaths can apply");
    }
}
