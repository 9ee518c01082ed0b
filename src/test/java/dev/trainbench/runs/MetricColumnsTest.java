package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.MetricColumns.Epoch;
import dev.trainbench.runs.MetricColumns.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one definition of the metric columns, its row layouts, and reading by it. */
class MetricColumnsTest {

    @TempDir
    Path dir;

    @Test
    void theStepLayoutKeepsTheFileOrderOfEarlierVersionsAndAppendsNewColumns() {
        // metrics.csv as written before the registry: whole-run columns, then grad/weight/update per layer.
        List<String> before = List.of("step", "epoch", "loss", "accuracy", "learning_rate", "grad_norm",
                "samples_per_second", "grad_norm[a]", "grad_norm[b]", "weight_norm[a]", "weight_norm[b]",
                "update_ratio[a]", "update_ratio[b]");
        List<String> now = MetricLayout.steps(List.of("a", "b")).header();
        assertEquals(before, now.subList(0, before.size()));
        assertEquals(List.of("dead_fraction[a]", "dead_fraction[b]"), now.subList(before.size(), now.size()));
    }

    @Test
    void theEpochLayoutKeepsTheFileOrderOfEarlierVersionsAndAppendsTheRegressionColumns() {
        List<String> before = List.of("epoch", "train_loss", "train_accuracy", "validation_loss", "validation_accuracy",
                "seconds", "learning_rate", "samples_per_second");
        List<String> now = MetricLayout.epochs().header();
        assertEquals(before, now.subList(0, before.size()));
        assertEquals(List.of("validation_rmse", "validation_mae", "validation_r2"), now.subList(before.size(), now.size()));
    }

    @Test
    void everyIndexOfALayoutIsOneDistinctHeader() {
        MetricLayout l = MetricLayout.steps(List.of("1 dense 8", "output dense 2"));
        Set<Integer> seen = new HashSet<>();
        for (MetricColumn c : Step.ALL) {
            if (c.perLayer()) {
                for (int i = 0; i < 2; i++) {
                    assertEquals(c.header(l.layers().get(i)), l.header().get(l.index(c, i)));
                    assertTrue(seen.add(l.index(c, i)));
                }
            } else {
                assertEquals(c.header(), l.header().get(l.index(c)));
                assertTrue(seen.add(l.index(c)));
            }
        }
        assertEquals(l.width(), seen.size());
        assertEquals(l.width(), new HashSet<>(l.header()).size(), "headers are unique");
    }

    @Test
    void aColumnOfTheOtherTableOrTheWrongKindIsRefused() {
        MetricLayout steps = MetricLayout.steps(List.of("a"));
        assertThrows(IllegalArgumentException.class, () -> steps.index(Epoch.TRAIN_LOSS));
        assertThrows(IllegalArgumentException.class, () -> steps.index(Step.LAYER_GRAD_NORM));
        assertThrows(IllegalArgumentException.class, () -> steps.index(Step.LOSS, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> steps.index(Step.LAYER_GRAD_NORM, 1));
    }

    @Test
    void perLayerHeadersNameTheirLayerEvenWithBracketsAndCommas() {
        assertEquals("2 dense 1,2", Step.LAYER_GRAD_NORM.layerOf("grad_norm[2 dense 1,2]"));
        assertEquals("x[1]", Step.LAYER_DEAD_FRACTION.layerOf("dead_fraction[x[1]]"));
        assertNull(Step.LAYER_GRAD_NORM.layerOf("grad_norm"));
        assertNull(Step.LAYER_GRAD_NORM.layerOf("update_ratio[a]"));
        assertNull(Step.GRAD_NORM.layerOf("grad_norm[a]"));
    }

    @Test
    void readersFindColumnsByNameInOlderAndNewerFiles() throws IOException {
        // an older file: no dead_fraction; a newer one: a column this version does not know, in the middle.
        Path old = Files.writeString(dir.resolve("old.csv"), "# trainbench-metrics 1\n"
                + "step,epoch,loss,grad_norm[a],update_ratio[a]\n0,1,0.5,0.25,\n1,1,0.4,0.2,0.001\n");
        Path newer = Files.writeString(dir.resolve("new.csv"), "# trainbench-metrics 2\n"
                + "step,future_thing,loss,grad_norm[a],future_per_layer[a],dead_fraction[a]\n0,9,0.5,0.25,7,0.1\n");
        MetricsTable o = MetricsTable.read(old);
        assertArrayEquals(new double[] {0.5, 0.4}, o.column(Step.LOSS));
        assertArrayEquals(new double[] {0.25, 0.2}, o.column(Step.LAYER_GRAD_NORM, "a"));
        assertNull(o.column(Step.LAYER_DEAD_FRACTION, "a"));
        assertEquals(List.of(), o.layers(Step.LAYER_DEAD_FRACTION));
        assertEquals(List.of("a"), o.layers(Step.LAYER_UPDATE_RATIO));
        assertTrue(Double.isNaN(o.value(Step.ACCURACY, 0)), "an absent column reads as not measured");
        MetricsTable n = MetricsTable.read(newer);
        assertArrayEquals(new double[] {0.5}, n.column(Step.LOSS));
        assertArrayEquals(new double[] {0.1}, n.column(Step.LAYER_DEAD_FRACTION, "a"));
        assertEquals(List.of("a"), n.layers(Step.LAYER_GRAD_NORM));
        assertNull(n.column(Step.EPOCH));
    }

    @Test
    void theFileFormatsDocumentNamesEveryColumn() throws IOException {
        String doc = Files.readString(Path.of("docs/file-formats.md"));
        for (MetricColumn c : Step.ALL) {
            String name = c.perLayer() ? c.key() + "[<layer>]" : c.key();
            assertTrue(doc.contains("`" + name + "`"), "docs/file-formats.md does not describe metrics.csv column " + name);
        }
        for (MetricColumn c : Epoch.ALL) {
            assertTrue(doc.contains("`" + c.key() + "`"), "docs/file-formats.md does not describe epochs.csv column "
                    + c.key());
        }
    }
}
