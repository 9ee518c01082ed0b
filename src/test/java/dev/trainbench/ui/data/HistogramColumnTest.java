package dev.trainbench.ui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.DataProfile;
import dev.trainbench.ui.FxThread;
import dev.trainbench.ui.TestWorkbench;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statistics table draws a histogram per channel for MNIST; the recommendation line and its Apply link show. */
class HistogramColumnTest {
    @TempDir
    Path dir;

    @Test
    void histogramColumnRendersForMnistAndApplySetsThePreprocessing() {
        TestWorkbench w = new TestWorkbench(dir);
        DataViewModel vm = new DataViewModel(w.model);
        vm.choiceProperty().set(DataViewModel.Choice.MNIST);
        vm.load();
        assertTrue(w.errors.isEmpty(), w.errors.toString());
        DataProfile.FeatureStats grey = vm.featureStats().get(0);
        assertEquals(DataProfile.HISTOGRAM_BINS, grey.histogram().length);
        long nonEmpty = java.util.Arrays.stream(grey.histogram()).filter(c -> c > 0).count();

        FxThread.run(() -> {
            DataView view = new DataView(vm);
            Scene scene = new Scene(view, 1200, 800);
            scene.getStylesheets().addAll(List.of(
                    DataView.class.getResource("/dev/trainbench/ui/app.css").toExternalForm(),
                    DataView.class.getResource("/dev/trainbench/ui/light.css").toExternalForm()));
            view.applyCss();
            view.layout();
            TableView<?> table = (TableView<?>) scene.lookup("#feature-stats");
            assertNotNull(table.getColumns().stream().filter(c -> "histogram-column".equals(c.getId())).findFirst().orElse(null));
            List<HistogramCell> cells = view.lookupAll(".histogram-cell").stream()
                    .map(HistogramCell.class::cast).filter(c -> !c.isEmpty() && c.getItem() != null).toList();
            assertEquals(1, cells.size(), "one row for MNIST's one grey channel");
            HistogramCell cell = cells.get(0);
            assertEquals("grey", cell.getItem().name());
            assertEquals(nonEmpty, cell.barsDrawn(), "a bar per non-empty bin");
            assertTrue(cell.getTooltip().getText().contains("largest bin"), cell.getTooltip().getText());
            int bar = pixelsOf(cell, Color.web("#2f6fd6"));
            assertTrue(bar > 50, "bars drawn in the light theme's accent colour: " + bar + " pixels");
            scene.getStylesheets().set(1, DataView.class.getResource("/dev/trainbench/ui/dark.css").toExternalForm());
            view.applyCss();
            view.layout();
            assertEquals(bar, pixelsOf(cell, Color.web("#5b9bff")), "redrawn in the dark theme's accent colour");

            Hyperlink apply = (Hyperlink) scene.lookup("#apply-recommendation");
            assertFalse(apply.isVisible(), "standardize is already chosen");
            vm.preprocessingProperty().set(dev.trainbench.spec.Preprocessing.MINMAX);
            assertTrue(apply.isVisible());
            apply.fire();
            assertEquals(dev.trainbench.spec.Preprocessing.STANDARDIZE, w.model.spec().preprocessing());
            assertFalse(apply.isVisible());
        });
    }

    private static int pixelsOf(HistogramCell cell, Color colour) {
        WritableImage img = cell.canvas().snapshot(null, null);
        int n = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                Color c = img.getPixelReader().getColor(x, y);
                if (Math.abs(c.getRed() - colour.getRed()) < 0.05 && Math.abs(c.getGreen() - colour.getGreen()) < 0.05
                        && Math.abs(c.getBlue() - colour.getBlue()) < 0.05) {
                    n++;
                }
            }
        }
        return n;
    }
}
