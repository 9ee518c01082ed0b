package dev.trainbench.ui.train;

import dev.trainbench.data.Dataset;
import dev.trainbench.train.DecisionGrid;
import dev.trainbench.ui.Palette;
import dev.trainbench.ui.data.DataPreview;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

/** The model's predicted class over the plane of a 2-D data set (shade = confidence), with the data drawn on top. */
public final class DecisionBoundaryView extends BorderPane {
    private final Canvas canvas = new Canvas();
    private final Label title = new Label("Decision boundary");
    private Dataset data;
    private DecisionGrid grid;
    private int snapshots;
    private static final int LEVELS = 32;
    private int[][] colours = new int[8][];
    private WritableImage image;
    private int[] pixels;

    public DecisionBoundaryView() {
        getStyleClass().add("live-chart");
        setId("decision-boundary");
        title.getStyleClass().add("live-chart-title");
        BorderPane.setMargin(title, new Insets(2, 8, 0, 8));
        setTop(title);
        // one line (a changing height would re-lay out the charts each update); narrow: the tooltip has it
        title.setTooltip(dev.trainbench.ui.Tips.following(title.textProperty()));
        Pane holder = new Pane(canvas);
        holder.setMinSize(100, 100);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        setCenter(holder);
        dev.trainbench.ui.chart.ChartExport.install(this, title::getText);
    }

    public void setData(Dataset d) {
        data = d;
        grid = null;
        draw();
    }

    public void show(DecisionGrid g) {
        grid = g;
        snapshots++;
        title.setText("Decision boundary at step " + g.step());
        draw();
    }

    /**
     * The grid as an image: colours come from a small table (class by 32 confidence levels) and
     * go in with one bulk write, so a snapshot costs a few array stores per cell even before the
     * JIT has compiled anything (the first snapshot of a run used to take ~50 ms, creating and
     * deriving a Color per cell).
     */
    private WritableImage image(DecisionGrid d) {
        int gw = d.width();
        int gh = d.height();
        if (image == null || (int) image.getWidth() != gw || (int) image.getHeight() != gh) {
            image = new WritableImage(gw, gh);
            pixels = new int[gw * gh];
        }
        int[] predicted = d.predicted();
        float[] confidence = d.confidence();
        for (int j = 0; j < gh; j++) {
            int row = (gh - 1 - j) * gw;
            for (int i = 0; i < gw; i++) {
                int k = j * gw + i;
                double conf = confidence == null ? 1 : confidence[k];
                pixels[row + i] = argb(predicted[k], conf);
            }
        }
        image.getPixelWriter().setPixels(0, 0, gw, gh, PixelFormat.getIntArgbInstance(), pixels, 0, gw);
        return image;
    }

    private int argb(int cls, double conf) {
        if (cls < 0) {
            return 0;
        }
        if (cls >= colours.length) {
            colours = java.util.Arrays.copyOf(colours, Math.max(cls + 1, 2 * colours.length));
        }
        int[] levels = colours[cls];
        if (levels == null) {
            levels = new int[LEVELS + 1];
            for (int l = 0; l <= LEVELS; l++) {
                double c = (double) l / LEVELS;
                Color col = Palette.color(cls).deriveColor(0, 0.35 + 0.65 * c, 1, 0.25 + 0.45 * c);
                levels[l] = (int) Math.round(col.getOpacity() * 255) << 24 | (int) Math.round(col.getRed() * 255) << 16
                        | (int) Math.round(col.getGreen() * 255) << 8 | (int) Math.round(col.getBlue() * 255);
            }
            colours[cls] = levels;
        }
        double c = Double.isNaN(conf) ? 0 : Math.max(0, Math.min(1, conf));
        return levels[(int) Math.round(c * LEVELS)];
    }

    public int snapshots() {
        return snapshots;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (w < 10 || h < 10) {
            return;
        }
        double side = Math.min(w, h) - 8;
        double left = (w - side) / 2;
        double top = 4;
        double[] b;
        if (grid != null) {
            b = new double[] {grid.xMin(), grid.xMax(), grid.yMin(), grid.yMax()};
            WritableImage img = image(grid);
            g.setImageSmoothing(true);
            g.drawImage(img, left, top, side, side);
        } else if (data != null) {
            b = DataPreview.bounds2d(data);
        } else {
            return;
        }
        g.setStroke(Color.gray(0.5));
        g.strokeRect(left + 0.5, top + 0.5, side - 1, side - 1);
        if (data != null && data.sampleSize() == 2) {
            DataPreview.drawPoints(g, data, b, left, top, side, side, 2.5);
        }
    }
}
