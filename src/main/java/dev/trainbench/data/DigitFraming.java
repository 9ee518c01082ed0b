package dev.trainbench.data;

/**
 * Frames a drawing the way the MNIST digits were framed (LeCun et al.): the ink's bounding box is
 * scaled to fit a 20x20 box (of a 28x28 field) keeping its aspect ratio, anti-aliased, and placed
 * so that its centre of mass lies at the centre of the field. Sizes other than 28 keep the same
 * proportions (the box is 20/28 of the field). A drawing framed this way looks to a model trained
 * on MNIST like the digits it learned from, wherever and however large it was drawn.
 */
public final class DigitFraming {
    /** The share of the field the digit's box fills: MNIST's 20 of 28 pixels. */
    public static final double BOX_SHARE = 20.0 / 28.0;
    /** Ink below this (of 1) does not count for the bounding box: the faint fringe of anti-aliasing. */
    static final float INK_THRESHOLD = 0.05f;

    private DigitFraming() {
    }

    /**
     * Frames {@code ink} (row-major {@code width x height}, 0 = background, 1 = full ink) into a
     * {@code outWidth x outHeight} field of values 0..255 (255 = full ink, as MNIST's bytes). Each
     * output pixel is the mean ink over the source area it covers (a box filter: exact
     * anti-aliasing, no stair steps). An empty drawing gives an empty field.
     */
    public static float[] frame(float[] ink, int width, int height, int outWidth, int outHeight) {
        if (ink.length != width * height) {
            throw new IllegalArgumentException(ink.length + " values for a " + width + "x" + height + " drawing");
        }
        float[] out = new float[outWidth * outHeight];
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = Math.max(0f, ink[y * width + x]);
                if (v >= INK_THRESHOLD) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
                mass += v;
                mx += v * (x + 0.5);
                my += v * (y + 0.5);
            }
        }
        if (x1 < 0 || mass <= 0) {
            return out;
        }
        double boxWidth = x1 - x0 + 1;
        double boxHeight = y1 - y0 + 1;
        // output pixels per source pixel
        double scale = Math.min(outWidth * BOX_SHARE / boxWidth, outHeight * BOX_SHARE / boxHeight);
        double cx = mx / mass;
        double cy = my / mass;
        double[] sat = summedArea(ink, width, height);
        double footprint = 1 / scale;
        double area = footprint * footprint;
        for (int v = 0; v < outHeight; v++) {
            double sy0 = cy + (v - outHeight / 2.0) / scale;
            for (int u = 0; u < outWidth; u++) {
                double sx0 = cx + (u - outWidth / 2.0) / scale;
                double sum = integral(sat, width, height, sx0 + footprint, sy0 + footprint)
                        - integral(sat, width, height, sx0, sy0 + footprint)
                        - integral(sat, width, height, sx0 + footprint, sy0)
                        + integral(sat, width, height, sx0, sy0);
                out[v * outWidth + u] = (float) Math.max(0, Math.min(255, 255 * sum / area));
            }
        }
        return out;
    }

    /** {@code sat[y * (w + 1) + x]}: the ink in {@code [0, x) x [0, y)}. */
    private static double[] summedArea(float[] ink, int w, int h) {
        double[] sat = new double[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            double row = 0;
            for (int x = 0; x < w; x++) {
                row += Math.max(0f, ink[y * w + x]);
                sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1] + row;
            }
        }
        return sat;
    }

    /**
     * The ink in {@code [0, x) x [0, y)} for real x, y: bilinear interpolation of the summed-area
     * table is exact for pixels of constant value. Outside the drawing there is no ink.
     */
    private static double integral(double[] sat, int w, int h, double x, double y) {
        x = Math.max(0, Math.min(w, x));
        y = Math.max(0, Math.min(h, y));
        int i = (int) Math.min(w - 1, Math.floor(x));
        int j = (int) Math.min(h - 1, Math.floor(y));
        double fx = x - i;
        double fy = y - j;
        int stride = w + 1;
        double a = sat[j * stride + i];
        double b = sat[j * stride + i + 1];
        double c = sat[(j + 1) * stride + i];
        double d = sat[(j + 1) * stride + i + 1];
        return a + fx * (b - a) + fy * (c - a) + fx * fy * (d - b - c + a);
    }
}
