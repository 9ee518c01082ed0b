package dev.trainbench.ui.train;

import dev.trainbench.data.Dataset;
import dev.trainbench.train.DecisionGrid;
import dev.trainbench.ui.Palette;
import dev.trainbench.ui.data.DataPreview;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelWriter;
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

    public DecisionBoundaryView() {
        getStyleClass().add("live-chart");
        setId("decision-boundary");
        title.getStyleClass().add("live-chart-title");
        BorderPane.setMargin(title, new Insets(2, 8, 0, 8));
        setTop(title);
        Pane holder = new Pane(canvas);
        holder.setMinSize(100, 100);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        setCenter(holder);
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
            WritableImage img = new WritableImage(grid.width(), grid.height());
            PixelWriter pw = img.getPixelWriter();
            for (int j = 0; j < grid.height(); j++) {
                for (int i = 0; i < grid.width(); i++) {
                    int k = j * grid.width() + i;
                    Color c = Palette.color(grid.predicted()[k]);
                    double conf = grid.confidence() == null ? 1 : grid.confidence()[k];
                    pw.setColor(i, grid.height() - 1 - j, c.deriveColor(0, 0.35 + 0.65 * conf, 1, 0.25 + 0.45 * conf));
                }
            }
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
