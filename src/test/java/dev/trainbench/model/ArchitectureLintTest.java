package dev.trainbench.model;

import static dev.trainbench.spec.LayerSpec.dense;
import static dev.trainbench.spec.LayerSpec.dropout;
import static dev.trainbench.spec.LayerSpec.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.LayerSpec.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureLintTest {

    private static final int[] MNIST = {1, 28, 28};
    private static final long MNIST_TRAIN = 8000;

    private static List<String> codes(List<LintWarning> warnings) {
        return warnings.stream().map(LintWarning::code).toList();
    }

    private static LintWarning only(List<LintWarning> warnings, String code) {
        List<LintWarning> found = warnings.stream().filter(w -> w.code().equals(code)).toList();
        assertEquals(1, found.size(), () -> "expected one " + code + " warning in " + codes(warnings));
        return found.get(0);
    }

    @Test
    void deepSigmoidMlpWarnsOfStackedSaturation() {
        List<LintWarning> w = ArchitectureLint.check(Presets.get("deep-sigmoid-mlp").model().layers(), MNIST, 10, MNIST_TRAIN);
        LintWarning s = only(w, "stacked-saturation");
        assertEquals("3", s.position());
        assertTrue(s.message().contains("8 saturating activations"), s.message());
    }

    @Test
    void twoSaturatingActivationsAreNotYetAWarning() {
        List<LayerSpec> layers = List.of(dense(32), of(Type.TANH), dense(32), of(Type.SIGMOID));
        assertTrue(codes(ArchitectureLint.check(layers, new int[] {4}, 3, 1000)).isEmpty());
    }

    @Test
    void denseAfterDenseWithoutActivationIsALinearStack() {
        List<LintWarning> w = ArchitectureLint.check(List.of(dense(16), dense(16), of(Type.RELU)), new int[] {4}, 3, 1000);
        LintWarning s = only(w, "linear-stack");
        assertEquals("2", s.position());
        assertTrue(s.message().contains("dense layers 1 and 2"), s.message());
    }

    @Test
    void dropoutBetweenDenseLayersIsStillALinearStack() {
        List<LintWarning> w = ArchitectureLint.check(List.of(dense(16), dropout(0.2), dense(16), of(Type.RELU)), new int[] {4}, 3, 1000);
        assertEquals("3", only(w, "linear-stack").position());
    }

    @Test
    void activationBetweenDenseLayersIsNotALinearStack() {
        List<LintWarning> w = ArchitectureLint.check(List.of(dense(16), of(Type.RELU), dense(16), of(Type.RELU)), new int[] {4}, 3, 1000);
        assertTrue(w.isEmpty(), codes(w).toString());
    }

    @Test
    void aStackEndingInDenseFeedsTheOutputLayerLinearly() {
        List<LintWarning> w = ArchitectureLint.check(List.of(dense(16), of(Type.RELU), dense(16)), new int[] {4}, 3, 1000);
        LintWarning s = only(w, "linear-stack");
        assertEquals("3", s.position());
        assertTrue(s.message().contains("feeds the output layer"), s.message());
    }

    @Test
    void denseNarrowerThanTheClassesIsABottleneck() {
        List<LintWarning> w = ArchitectureLint.check(List.of(of(Type.FLATTEN), dense(4), of(Type.RELU)), MNIST, 10, MNIST_TRAIN);
        LintWarning b = only(w, "bottleneck");
        assertEquals("2", b.position());
        assertTrue(b.fix().contains("at least 10"), b.fix());
    }

    @Test
    void hugeDenseForFewSamplesHasTooManyParameters() {
        List<LintWarning> w = ArchitectureLint.check(List.of(of(Type.FLATTEN), dense(4096), of(Type.RELU)), MNIST, 10, 100);
        LintWarning t = only(w, "too-many-parameters");
        assertTrue(t.message().contains("100 training samples"), t.message());
    }

    @Test
    void mlp2x128OnMnistHasNoWarnings() {
        List<LintWarning> w = ArchitectureLint.check(Presets.get("mlp-2x128").model().layers(), MNIST, 10, MNIST_TRAIN);
        assertTrue(w.isEmpty(), codes(w).toString());
    }

    @Test
    void stackThatCannotConnectGetsNoParameterWarning() {
        List<LintWarning> w = ArchitectureLint.check(List.of(dense(4096)), MNIST, 10, 100);
        assertTrue(!codes(w).contains("too-many-parameters"), codes(w).toString());
    }
}
