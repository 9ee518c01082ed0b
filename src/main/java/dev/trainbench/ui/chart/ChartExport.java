package dev.trainbench.ui.chart;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Alert;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Charts as images: a snapshot of the chart node as it is on screen (title, legend, axes, the
 * current zoom) written as PNG, and the right-click menu every chart carries (Save as PNG...,
 * Copy image, Reset zoom).
 */
public final class ChartExport {
    private ChartExport() {
    }

    /** The node as drawn now, at its current size. Call on the FX thread. */
    public static WritableImage snapshot(Node node) {
        SnapshotParameters params = new SnapshotParameters();
        return node.snapshot(params, null);
    }

    /** The node as drawn now, as an AWT image for PNG encoders. Call on the FX thread. */
    public static BufferedImage image(Node node) {
        return SwingFXUtils.fromFXImage(snapshot(node), null);
    }

    /**
     * Writes the node as a PNG file. On the FX thread: reading the pixels has to happen there, and
     * encoding one chart (about 1000 x 300 pixels) takes a few tens of milliseconds, once, on a
     * click.
     */
    public static void writePng(Node node, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image(node), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /**
     * Gives a chart that is not a {@link LiveChart} (a heat map, a decision boundary) the same
     * right-click menu: Save as PNG..., Copy image.
     */
    public static Menu install(javafx.scene.layout.Region chart, Supplier<String> title) {
        Menu menu = new Menu(chart, title, null);
        chart.setOnContextMenuRequested(e -> {
            menu.show(chart, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        return menu;
    }

    /** A file name from a chart title: "Loss (train, validation)" becomes "loss-train-validation.png". */
    static String fileName(String title) {
        String slug = title == null ? "" : title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return (slug.isEmpty() ? "chart" : slug) + ".png";
    }

    /** The right-click menu of a chart. */
    public static final class Menu {
        private final Node chart;
        private final Supplier<String> title;
        private final ContextMenu menu = new ContextMenu();
        private final MenuItem savePng = new MenuItem("Save as PNG...");
        private final MenuItem copy = new MenuItem("Copy image");
        private final MenuItem reset = new MenuItem("Reset zoom");

        Menu(Node chart, Supplier<String> title, Runnable resetZoom) {
            this.chart = chart;
            this.title = title;
            savePng.setId("chart-save-png");
            savePng.setOnAction(e -> savePng(chart.getScene() == null ? null : chart.getScene().getWindow()));
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putImage(snapshot(chart));
                Clipboard.getSystemClipboard().setContent(content);
            });
            menu.getItems().addAll(savePng, copy);
            if (resetZoom != null) {
                reset.setOnAction(e -> resetZoom.run());
                menu.getItems().addAll(new SeparatorMenuItem(), reset);
            }
        }

        /** Adds an item (e.g. a chart-specific action) above the export items. */
        public void addItem(MenuItem item) {
            menu.getItems().add(0, item);
        }

        public ContextMenu contextMenu() {
            return menu;
        }

        void show(Node anchor, double screenX, double screenY) {
            menu.show(anchor, screenX, screenY);
        }

        private void savePng(Window owner) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save chart as PNG");
            chooser.setInitialFileName(fileName(title.get()));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
            File file = chooser.showSaveDialog(owner);
            if (file == null) {
                return;
            }
            Path path = file.toPath();
            if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                path = path.resolveSibling(path.getFileName() + ".png");
            }
            menu.hide();
            try {
                writePng(chart, path);
            } catch (IOException | RuntimeException ex) {
                Alert a = new Alert(Alert.AlertType.ERROR, "Could not write " + path + ": " + ex.getMessage()
                        + ". Choose a folder you can write to.");
                a.initOwner(owner);
                dev.trainbench.ui.Windows.fit(a, owner);
                a.setHeaderText("The chart was not saved");
                a.showAndWait();
            }
        }
    }
}
