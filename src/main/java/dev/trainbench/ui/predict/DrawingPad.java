package dev.trainbench.ui.predict;

import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A square pad to draw on with the mouse, a pen or a finger (touch arrives as mouse events):
 * light ink on a dark ground, as MNIST digits are. The ink lives in a {@value #SIZE}x{@value #SIZE}
 * raster of coverage values (0 to 1, anti-aliased round strokes) whatever size the pad is shown
 * at, and what is shown is that raster: what you see is what the model is given (before framing).
 */
public final class DrawingPad extends Region {
    /** Raster side in pad units. */
    public static final int SIZE = 280;
    /** Pen radius in pad units: a digit drawn across the pad gets strokes as thick, relatively, as MNIST's. */
    static final double PEN_RADIUS = 11;

    private final float[] ink = new float[SIZE * SIZE];
    private final Canvas canvas = new Canvas(SIZE, SIZE);
    private final WritableImage image = new WritableImage(SIZE, SIZE);
    private Consumer<float[]> onChange = i -> { };
    private double lastX = Double.NaN;
    private double lastY = Double.NaN;

    public DrawingPad() {
        getStyleClass().add("drawing-pad");
        getChildren().add(canvas);
        setMinSize(160, 160);
        setPrefSize(SIZE + 40, SIZE + 40);
        setMaxSize(640, 640);
        clearImage();
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            lastX = toPad(e.getX());
            lastY = toPad(e.getY());
            stroke(lastX, lastY, lastX, lastY);
            e.consume();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            double x = toPad(e.getX());
            double y = toPad(e.getY());
            if (Double.isNaN(lastX)) {
                lastX = x;
                lastY = y;
            }
            stroke(lastX, lastY, x, y);
            lastX = x;
            lastY = y;
            e.consume();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            lastX = Double.NaN;
            lastY = Double.NaN;
        });
    }

    /** Called with a copy of the ink after every change (on the UI thread). */
    public void setOnChange(Consumer<float[]> onChange) {
        this.onChange = onChange;
    }

    private double scale() {
        return canvas.getWidth() / SIZE;
    }

    private double toPad(double canvasCoordinate) {
        return canvasCoordinate / scale();
    }

    /** Draws a round-ended stroke from (x0, y0) to (x1, y1) in pad units and reports the change. */
    public void stroke(double x0, double y0, double x1, double y1) {
        double r = PEN_RADIUS;
        int minX = (int) Math.max(0, Math.floor(Math.min(x0, x1) - r - 1));
        int maxX = (int) Math.min(SIZE - 1, Math.ceil(Math.max(x0, x1) + r + 1));
        int minY = (int) Math.max(0, Math.floor(Math.min(y0, y1) - r - 1));
        int maxY = (int) Math.min(SIZE - 1, Math.ceil(Math.max(y0, y1) + r + 1));
        if (minX > maxX || minY > maxY) {
            return;
        }
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        PixelWriter w = image.getPixelWriter();
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2));
                double ex = px - (x0 + t * dx);
                double ey = py - (y0 + t * dy);
                double d = Math.sqrt(ex * ex + ey * ey);
                // coverage of the pixel by a disc of radius r: a one-pixel soft edge
                float cover = (float) Math.max(0, Math.min(1, r + 0.5 - d));
                int i = y * SIZE + x;
                if (cover > ink[i]) {
                    ink[i] = cover;
                    w.setColor(x, y, Color.gray(cover));
                }
            }
        }
        redraw();
        onChange.accept(ink.clone());
    }

    /** Erases everything. */
    public void clear() {
        java.util.Arrays.fill(ink, 0f);
        clearImage();
        redraw();
    }

    private void clearImage() {
        PixelWriter w = image.getPixelWriter();
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                w.setColor(x, y, Color.BLACK);
            }
        }
    }

    /** A copy of the ink (row-major, {@value #SIZE}x{@value #SIZE}, 0 to 1). */
    public float[] ink() {
        return ink.clone();
    }

    public boolean isEmpty() {
        for (float v : ink) {
            if (v > 0) {
                return false;
            }
        }
        return true;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setImageSmoothing(true);
        g.drawImage(image, 0, 0, canvas.getWidth(), canvas.getHeight());
    }

    /** The canvas, square, as large as the pad's space allows. */
    @Override
    protected void layoutChildren() {
        double side = Math.max(40, Math.floor(Math.min(getWidth() - snappedLeftInset() - snappedRightInset(),
                getHeight() - snappedTopInset() - snappedBottomInset())));
        if (canvas.getWidth() != side) {
            canvas.setWidth(side);
            canvas.setHeight(side);
            redraw();
        }
        canvas.relocate(snappedLeftInset() + (getWidth() - snappedLeftInset() - snappedRightInset() - side) / 2,
                snappedTopInset());
    }

    /** The side the pad is shown at, in pixels (for tests and screenshots). */
    public double side() {
        return canvas.getWidth();
    }

    /** The canvas the user draws on (for tests that drag across it). */
    public Canvas canvas() {
        return canvas;
    }
}
