package dev.trainbench.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.DatasetLoader;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.ui.TestWorkbench;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelViewModelTest {
    @TempDir
    Path dir;

    private TestWorkbench withMnist() {
        TestWorkbench w = new TestWorkbench(dir);
        w.model.datasetProperty().set(DatasetLoader.sample("mnist"));
        return w;
    }

    @Test
    void rowsShowShapesAndParameterCountsIncludingTheOutputLayer() {
        TestWorkbench w = withMnist();
        ModelViewModel vm = new ModelViewModel(w.model);
        vm.applyPreset("tiny-mlp");
        // flatten, dense 32, relu, output
        assertEquals(4, vm.rows().size());
        assertEquals("[784]", vm.rows().get(0).shape());
        assertEquals("25,120", vm.rows().get(1).parameters());
        assertEquals(-1, vm.rows().get(3).index());
        assertTrue(vm.validProperty().get());
    }

    @Test
    void aStackThatCannotConnectIsMarkedOnTheLayerWithTheReason() {
        TestWorkbench w = withMnist();
        ModelViewModel vm = new ModelViewModel(w.model);
        vm.applyPreset("tiny-mlp");
        vm.remove(0); // no flatten before dense on [1,28,28]
        vm.add(LayerSpec.Type.CONV2D, 0);
        assertFalse(vm.validProperty().get());
        assertTrue(vm.rows().stream().anyMatch(r -> !r.problem().isEmpty()));
    }

    @Test
    void addMoveAndRemoveEditTheSharedSpec() {
        TestWorkbench w = withMnist();
        ModelViewModel vm = new ModelViewModel(w.model);
        vm.applyPreset("tiny-mlp");
        int at = vm.add(LayerSpec.Type.DROPOUT, 2);
        assertEquals(3, at);
        assertEquals(LayerSpec.Type.DROPOUT, w.model.spec().model().layers().get(3).type());
        assertEquals(2, vm.move(3, -1));
        assertEquals(LayerSpec.Type.DROPOUT, w.model.spec().model().layers().get(2).type());
        vm.remove(2);
        assertEquals(3, w.model.spec().model().layers().size());
    }

    @Test
    void growAddsParameters() {
        TestWorkbench w = withMnist();
        ModelViewModel vm = new ModelViewModel(w.model);
        vm.applyPreset("tiny-mlp");
        int before = w.model.spec().model().layers().size();
        vm.growAddLayer();
        assertTrue(w.model.spec().model().layers().size() > before);
        String widthBefore = w.model.spec().model().layers().toString();
        vm.growWiden();
        assertFalse(widthBefore.equals(w.model.spec().model().layers().toString()));
    }
}
