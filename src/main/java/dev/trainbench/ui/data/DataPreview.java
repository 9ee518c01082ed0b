package dev.trainbench.ui.data;

import dev.trainbench.data.Dataset;
import dev.trainbench.ui.Palette;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** Pictures of a data set: a grid of sample images per class, or a scatter plot of 2-D data. */
public final class DataPreview {
    private DataPreview() {
    }

    /** Up to {@code perClass} samples of each class (first 10 classes), one row per class. */
    public static Canvas imageGrid(Dataset d, int perClass, double cell) {
        int[] shape = d.sampleShape();
        int channels = shape[0];
        int h = shape[1];
        int w = shape[2];
        int classes = Math.min(10, Math.max(1, d.numClasses()));
        List<List<Integer>> picks = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            picks.add(new ArrayList<>());
        }
        int[] labels = d.labels();
        for (int i = 0; i < d.size(); i++) {
            int c = labels == null ? 0 : labels[i];
            if (c < classes && picks.get(c).size() < perClass) {
                picks.get(c).add(i);
            }
        }
        double labelWidth = 70;
        Canvas canvas = new Canvas(labelWidth + perClass * (cell + 2), classes * (cell + 2));
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        float[] x = d.features();
        int size = d.sampleSize();
        for (int c = 0; c < classes; c++) {
            String name = d.classNames() == null ? "" : d.classNames().get(c);
            g.setFill(Palette.color(c));
            g.fillText(name.length() > 10 ? name.substring(0, 10) : name, labelWidth - 8, c * (cell + 2) + cell / 2);
            for (int k = 0; k < picks.get(c).size(); k++) {
                int sample = picks.get(c).get(k);
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < size; j++) {
                    float v = x[sample * size + j];
                    if (Float.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                float range = hi > lo ? hi - lo : 1;
                WritableImage img = new WritableImage(w, h);
                PixelWriter pw = img.getPixelWriter();
                for (int yy = 0; yy < h; yy++) {
                    for (int xx = 0; xx < w; xx++) {
                        if (channels >= 3) {
                            double r = norm(x[sample * size + yy * w + xx], lo, range);
                            double gr = norm(x[sample * size + h * w + yy * w + xx], lo, range);
                            double b = norm(x[sample * size + 2 * h * w + yy * w + xx], lo, range);
                            pw.setColor(xx, yy, Color.color(r, gr, b));
                        } else {
                            double v = norm(x[sample * size + yy * w + xx], lo, range);
                            pw.setColor(xx, yy, Color.gray(v));
                        }
                    }
                }
                g.setImageSmoothing(false);
                g.drawImage(img, labelWidth + k * (cell + 2), c * (cell + 2), cell, cell);
            }
        }
        return canvas;
    }

    /**
     * The augmentation preview: one row per sample, its original (preprocessed) image first, then
     * its augmented versions, all drawn on the original's value range so that noise shows.
     */
    public static Canvas augmentationGrid(List<AugmentationPreview.Row> rows, int[] shape, double cell, boolean enabled) {
        int versions = rows.isEmpty() ? 0 : rows.get(0).versions().size();
        double labelWidth = 34;
        double top = 18;
        Canvas canvas = new Canvas(labelWidth + (versions + 1) * (cell + 3) + 8, top + rows.size() * (cell + 3));
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        g.setFill(Color.gray(0.45));
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("original", labelWidth + cell / 2, top / 2);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(enabled ? "augmented copies" : "augmentation off",
                labelWidth + cell + 10, top / 2);
        g.setImageSmoothing(false);
        for (int r = 0; r < rows.size(); r++) {
            AugmentationPreview.Row row = rows.get(r);
            double y = top + r * (cell + 3);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setFill(Color.gray(0.45));
            String name = row.className();
            g.fillText(name.length() > 4 ? name.substring(0, 4) : name, labelWidth - 6, y + cell / 2);
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float v : row.original()) {
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            float range = hi > lo ? hi - lo : 1;
            g.drawImage(image(row.original(), shape, lo, range), labelWidth, y, cell, cell);
            for (int v = 0; v < row.versions().size(); v++) {
                g.drawImage(image(row.versions().get(v), shape, lo, range), labelWidth + (v + 1) * (cell + 3) + 8, y, cell, cell);
            }
        }
        g.setStroke(Color.gray(0.6));
        g.setLineWidth(1);
        double sepX = labelWidth + cell + 5.5;
        g.strokeLine(sepX, top, sepX, canvas.getHeight());
        return canvas;
    }

    private static WritableImage image(float[] x, int[] shape, float lo, float range) {
        int channels = shape[0];
        int h = shape[1];
        int w = shape[2];
        WritableImage img = new WritableImage(w, h);
        PixelWriter pw = img.getPixelWriter();
        for (int yy = 0; yy < h; yy++) {
            for (int xx = 0; xx < w; xx++) {
                if (channels >= 3) {
                    pw.setColor(xx, yy, Color.color(norm(x[yy * w + xx], lo, range), norm(x[h * w + yy * w + xx], lo, range),
                            norm(x[2 * h * w + yy * w + xx], lo, range)));
                } else {
                    pw.setColor(xx, yy, Color.gray(norm(x[yy * w + xx], lo, range)));
                }
            }
        }
        return img;
    }

    private static double norm(float v, float lo, float range) {
        if (!Float.isFinite(v)) {
            return 0;
        }
        return Math.max(0, Math.min(1, (v - lo) / range));
    }

    /** Bounds [xMin, xMax, yMin, yMax] of the first two features, padded by 5%. */
    public static double[] bounds2d(Dataset d) {
        float[] x = d.features();
        int size = d.sampleSize();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d.size(); i++) {
            xMin = Math.min(xMin, x[i * size]);
            xMax = Math.max(xMax, x[i * size]);
            yMin = Math.min(yMin, x[i * size + 1]);
            yMax = Math.max(yMax, x[i * size + 1]);
        }
        double px = (xMax - xMin) * 0.05 + 1e-9;
        double py = (yMax - yMin) * 0.05 + 1e-9;
        return new double[] {xMin - px, xMax + px, yMin - py, yMax + py};
    }

    /** Draws the points of a 2-D data set, coloured by class, into the given area of a canvas. */
    public static void drawPoints(GraphicsContext g, Dataset d, double[] b, double left, double top, double width,
                                  double height, double radius) {
        float[] x = d.features();
        int size = d.sampleSize();
        int[] labels = d.labels();
        int step = Math.max(1, d.size() / 5000);
        // one stroke for all points and a fill set only when the class changes: the canvas keeps
        // each paint it is given, so a new Color per point was garbage at every redraw
        g.setStroke(POINT_OUTLINE);
        g.setLineWidth(0.6);
        Color fill = null;
        for (int i = 0; i < d.size(); i += step) {
            double px = left + (x[i * size] - b[0]) / (b[1] - b[0]) * width;
            double py = top + (1 - (x[i * size + 1] - b[2]) / (b[3] - b[2])) * height;
            Color c = labels == null ? Color.STEELBLUE : Palette.color(labels[i]);
            if (c != fill) {
                g.setFill(c);
                fill = c;
            }
            g.fillOval(px - radius, py - radius, 2 * radius, 2 * radius);
            g.strokeOval(px - radius, py - radius, 2 * radius, 2 * radius);
        }
    }

    private static final Color POINT_OUTLINE = Color.gray(0.1, 0.6);

    /**
     * A scatter matrix of the first {@code k} features (at most 4): each feature against each other
     * one, coloured by class (one colour for regression), and on the diagonal each feature's
     * histogram per class with its name. For tables with more than two features, where a single
     * scatter plot cannot show the data.
     */
    public static Canvas scatterMatrix(Dataset d, int k, double cell, Color background, Color text) {
        int n = Math.min(k, d.sampleSize());
        double gap = 4;
        Canvas canvas = new Canvas(n * (cell + gap), n * (cell + gap));
        GraphicsContext g = canvas.getGraphicsContext2D();
        float[] x = d.features();
        int size = d.sampleSize();
        int[] labels = d.labels();
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int f = 0; f < n; f++) {
            lo[f] = Double.POSITIVE_INFINITY;
            hi[f] = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < d.size(); i++) {
                double v = x[i * size + f];
                if (Double.isFinite(v)) {
                    lo[f] = Math.min(lo[f], v);
                    hi[f] = Math.max(hi[f], v);
                }
            }
            if (!(hi[f] > lo[f])) {
                hi[f] = lo[f] + 1;
            }
        }
        int classes = labels == null ? 1 : Math.max(1, d.numClasses());
        int step = Math.max(1, d.size() / 1500);
        Font font = Font.font(11);
        g.setFont(font);
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double left = col * (cell + gap);
                double top = row * (cell + gap);
                g.setFill(background);
                g.fillRect(left, top, cell, cell);
                g.setStroke(Color.gray(0.6, 0.6));
                g.setLineWidth(1);
                g.strokeRect(left + 0.5, top + 0.5, cell - 1, cell - 1);
                if (row == col) {
                    histogram(g, d, row, lo[row], hi[row], classes, left, top, cell);
                    g.setFill(text);
                    g.setTextAlign(TextAlignment.LEFT);
                    g.setTextBaseline(VPos.TOP);
                    g.fillText(fitText(featureName(d, row), font, cell - 6), left + 3, top + 2);
                    continue;
                }
                for (int i = 0; i < d.size(); i += step) {
                    double vx = x[i * size + col];
                    double vy = x[i * size + row];
                    if (!Double.isFinite(vx) || !Double.isFinite(vy)) {
                        continue;
                    }
                    double px = left + 3 + (vx - lo[col]) / (hi[col] - lo[col]) * (cell - 6);
                    double py = top + 3 + (1 - (vy - lo[row]) / (hi[row] - lo[row])) * (cell - 6);
                    g.setFill(labels == null ? Color.STEELBLUE : Palette.color(labels[i]));
                    g.fillOval(px - 1.6, py - 1.6, 3.2, 3.2);
                }
            }
        }
        return canvas;
    }

    private static void histogram(GraphicsContext g, Dataset d, int f, double lo, double hi, int classes, double left, double top,
                                  double cell) {
        int bins = 12;
        int[][] counts = new int[classes][bins];
        int most = 1;
        float[] x = d.features();
        int size = d.sampleSize();
        int[] labels = d.labels();
        for (int i = 0; i < d.size(); i++) {
            double v = x[i * size + f];
            if (!Double.isFinite(v)) {
                continue;
            }
            int b = (int) Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / (hi - lo) * bins)));
            int c = labels == null ? 0 : Math.min(classes - 1, Math.max(0, labels[i]));
            most = Math.max(most, ++counts[c][b]);
        }
        double barW = (cell - 6) / bins;
        double base = top + cell - 3;
        double room = cell - 20;
        for (int c = 0; c < classes; c++) {
            Color col = labels == null ? Color.STEELBLUE : Palette.color(c);
            g.setFill(col.deriveColor(0, 1, 1, 0.45));
            for (int b = 0; b < bins; b++) {
                double h = counts[c][b] * room / most;
                g.fillRect(left + 3 + b * barW, base - h, barW - 0.5, h);
            }
        }
    }

    /** The name of feature {@code f}, or "feature f+1" when the data has no names. */
    public static String featureName(Dataset d, int f) {
        List<String> names = d.featureNames();
        return names != null && f < names.size() ? names.get(f) : "feature " + (f + 1);
    }

    private static String fitText(String s, Font font, double room) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(font);
        if (t.getLayoutBounds().getWidth() <= room) {
            return s;
        }
        String cut = s;
        while (cut.length() > 1) {
            cut = cut.substring(0, cut.length() - 1);
            t.setText(cut + "\u2026");
            if (t.getLayoutBounds().getWidth() <= room) {
                return cut + "\u2026";
            }
        }
        return cut;
    }

    /** A scatter plot of the first two features, coloured by class. */
    public static Canvas scatter(Dataset d, double width, double height) {
        Canvas canvas = new Canvas(width, height);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.gray(0.97));
        g.fillRect(0, 0, width, height);
        g.setStroke(Color.gray(0.7));
        g.strokeRect(0.5, 0.5, width - 1, height - 1);
        drawPoints(g, d, bounds2d(d), 4, 4, width - 8, height - 8, 3);
        return canvas;
    }
}
