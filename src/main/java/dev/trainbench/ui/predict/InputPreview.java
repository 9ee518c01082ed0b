package dev.trainbench.ui.predict;

import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A sample as the model gets it (raw values 0..255 before scaling; grey or RGB), enlarged with
 * hard pixel edges so that each of its pixels can be seen.
 */
public final class InputPreview extends Region {
    private final ImageView view = new ImageView();

    public InputPreview() {
        getStyleClass().add("input-preview");
        view.setSmooth(false);
        view.setPreserveRatio(true);
        getChildren().add(view);
        setMinSize(56, 56);
        setPrefSize(168, 168);
    }

    /** Shows {@code values} of a {@code channels x height x width} image; null clears it. */
    public void show(float[] values, int channels, int height, int width) {
        if (values == null) {
            view.setImage(null);
            return;
        }
        WritableImage img = new WritableImage(width, height);
        PixelWriter w = img.getPixelWriter();
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                if (channels >= 3) {
                    w.setColor(x, y, Color.rgb(clamp(values[p]), clamp(values[plane + p]), clamp(values[2 * plane + p])));
                } else {
                    int v = clamp(values[p]);
                    w.setColor(x, y, Color.rgb(v, v, v));
                }
            }
        }
        view.setImage(img);
        requestLayout();
    }

    private static int clamp(float v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    public boolean isShowing() {
        return view.getImage() != null;
    }

    /** The image shown (for tests). */
    public javafx.scene.image.Image image() {
        return view.getImage();
    }

    @Override
    protected void layoutChildren() {
        double side = Math.min(getWidth() - snappedLeftInset() - snappedRightInset(),
                getHeight() - snappedTopInset() - snappedBottomInset());
        view.setFitWidth(Math.max(1, side));
        view.setFitHeight(Math.max(1, side));
        view.relocate(snappedLeftInset() + (getWidth() - snappedLeftInset() - snappedRightInset() - view.prefWidth(-1)) / 2,
                snappedTopInset());
    }
}
