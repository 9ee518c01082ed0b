package dev.trainbench.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact constructors of the spec records reject bad values with a message naming the field. */
class SpecValidationTest {

    private static void assertMentions(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message should contain '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void splitNotSummingToHundredIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> new SplitSpec(70.0, 20.0, 20.0, null, null, null));
        assertMentions(e, "add up to 100", "= 110");
    }

    @Test
    void splitSummingToHundredIsAccepted() {
        assertDoesNotThrow(() -> new SplitSpec(60.0, 20.0, 20.0, true, false, null));
    }

    @Test
    void splitWithNoTrainingShareIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> new SplitSpec(0.0, 50.0, 50.0, null, null, null));
        assertMentions(e, "train > 0");
    }

    @Test
    void negativeLearningRateIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> OptimizerSpec.adam(-0.01));
        assertMentions(e, "training.optimizer.learningRate", "-0.01");
    }

    @Test
    void zeroLearningRateIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> OptimizerSpec.adam(0.0));
        assertMentions(e, "training.optimizer.learningRate");
    }

    @Test
    void infiniteLearningRateIsRejected() {
        assertThrows(SpecException.class, () -> OptimizerSpec.adam(Double.POSITIVE_INFINITY));
    }

    @Test
    void dropoutRateOfOneIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> LayerSpec.dropout(1.0));
        assertMentions(e, "dropout", "[0, 1)", "1.0");
    }

    @Test
    void dropoutWithoutRateIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> LayerSpec.of(LayerSpec.Type.DROPOUT));
        assertMentions(e, "dropout", "rate");
    }

    @Test
    void conv2dWithoutFiltersIsRejected() {
        SpecException e = assertThrows(SpecException.class,
                () -> new LayerSpec(LayerSpec.Type.CONV2D, null, null, 3, null, null, null, null, null));
        assertMentions(e, "conv2d", "\"filters\"");
    }

    @Test
    void conv2dWithoutKernelIsRejected() {
        SpecException e = assertThrows(SpecException.class,
                () -> new LayerSpec(LayerSpec.Type.CONV2D, null, 8, null, null, null, null, null, null));
        assertMentions(e, "conv2d", "\"kernel\"");
    }

    @Test
    void denseWithoutUnitsIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> LayerSpec.of(LayerSpec.Type.DENSE));
        assertMentions(e, "dense", "\"units\"");
    }

    @Test
    void emptyResidualBodyIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> LayerSpec.residual(List.of()));
        assertMentions(e, "residual", "body");
    }

    @Test
    void nesterovOnAdamIsRejected() {
        SpecException e = assertThrows(SpecException.class,
                () -> new OptimizerSpec(OptimizerSpec.Type.ADAM, 0.001, 0.9, true, null, null, null, null));
        assertMentions(e, "nesterov applies to sgd only");
    }

    @Test
    void nesterovWithoutMomentumIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> OptimizerSpec.sgd(0.1, 0.0, true));
        assertMentions(e, "nesterov", "momentum > 0");
    }

    @Test
    void nesterovSgdWithMomentumIsAccepted() {
        assertDoesNotThrow(() -> OptimizerSpec.sgd(0.1, 0.9, true));
    }

    @Test
    void layerWithoutTypeListsTheTypes() {
        SpecException e = assertThrows(SpecException.class,
                () -> new LayerSpec(null, 8, null, null, null, null, null, null, null));
        assertMentions(e, "no \"type\"", "dense", "residual");
    }

    @Test
    void dataSourceWithoutPathIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> DataSpec.csv(" ", null));
        assertMentions(e, "data.path is missing", "csv");
    }

    @Test
    void specVersionTwoIsRejectedByTheRecord() {
        SpecException e = assertThrows(SpecException.class, () -> new ExperimentSpec(2, null, null,
                DataSpec.sample("iris"), null, null, null, new ModelSpec(null, List.of(), null), null));
        assertMentions(e, "spec version 2 is not supported");
    }
}
