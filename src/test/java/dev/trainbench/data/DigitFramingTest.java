package dev.trainbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Drawings are framed as MNIST digits are: box scaled to 20 of 28 pixels, centre of mass at the centre. */
class DigitFramingTest {

    static float[] canvas(int w, int h, int x0, int y0, int x1, int y1) {
        float[] ink = new float[w * h];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                ink[y * w + x] = 1f;
            }
        }
        return ink;
    }

    /** [minX, maxX, minY, maxY] of pixels above {@code level}, and the centre of mass. */
    static double[] stats(float[] img, int size, float level) {
        int minX = size;
        int maxX = -1;
        int minY = size;
        int maxY = -1;
        double m = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float v = img[y * size + x];
                m += v;
                mx += v * (x + 0.5);
                my += v * (y + 0.5);
                if (v > level) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return new double[] {minX, maxX, minY, maxY, mx / m, my / m};
    }

    @Test
    void verticalStrokeDrawnInACornerBecomesATwentyPixelHighCentredOne() {
        // a vertical bar (30 px wide: 3 px after scaling) in the top-left corner of a 280x280 canvas
        float[] ink = canvas(280, 280, 20, 10, 50, 210);
        float[] out = DigitFraming.frame(ink, 280, 280, 28, 28);
        double[] s = stats(out, 28, 1f);
        assertEquals(20, s[3] - s[2] + 1, 0.01, "20 pixels high");
        assertTrue(s[1] - s[0] + 1 <= 4, "thin: " + (s[1] - s[0] + 1));
        assertEquals(14.0, s[4], 1e-6, "centre of mass x");
        assertEquals(14.0, s[5], 1e-6, "centre of mass y");
        float max = 0;
        for (float v : out) {
            max = Math.max(max, v);
        }
        assertEquals(255f, max, 1e-3f, "full ink stays full");
    }

    @Test
    void wideShapeFitsTwentyPixelsWideAndKeepsItsAspect() {
        float[] ink = canvas(200, 100, 50, 40, 150, 60);
        double[] s = stats(DigitFraming.frame(ink, 200, 100, 28, 28), 28, 1f);
        assertEquals(20, s[1] - s[0] + 1, 0.01, "20 wide");
        assertEquals(4, s[3] - s[2] + 1, 0.01, "100x20 keeps its 5:1 aspect: 4 high");
    }

    @Test
    void centreOfMassNotTheBoxGoesToTheCentre() {
        // an L: most ink in the vertical bar, so the centre of mass is left of the box centre
        float[] ink = canvas(100, 100, 10, 10, 20, 90);
        float[] foot = canvas(100, 100, 10, 80, 90, 90);
        for (int i = 0; i < ink.length; i++) {
            ink[i] = Math.max(ink[i], foot[i]);
        }
        float[] out = DigitFraming.frame(ink, 100, 100, 28, 28);
        double[] s = stats(out, 28, 1f);
        // a sliver of the foot falls off the field's edge, as in MNIST, so only nearly exact
        assertEquals(14.0, s[4], 0.02);
        assertEquals(14.0, s[5], 0.02);
        assertTrue((s[0] + s[1] + 1) / 2 > 15, "box centre right of the centre of mass: " + s[0] + ".." + s[1]);
    }

    @Test
    void antiAliasedEdgesAndEmptyDrawing() {
        float[] ink = canvas(281, 281, 100, 40, 113, 241);
        float[] out = DigitFraming.frame(ink, 281, 281, 28, 28);
        boolean partial = false;
        for (float v : out) {
            partial |= v > 1 && v < 254;
        }
        assertTrue(partial, "edges are grey, not stair steps");
        assertArrayEquals(new float[28 * 28], DigitFraming.frame(new float[50 * 50], 50, 50, 28, 28));
    }

    @Test
    void otherFieldSizesKeepMnistProportions() {
        float[] ink = canvas(100, 100, 45, 10, 55, 90);
        double[] s = stats(DigitFraming.frame(ink, 100, 100, 56, 56), 56, 1f);
        assertEquals(40, s[3] - s[2] + 1, 0.01);
        assertEquals(28.0, s[5], 1e-6);
    }
}
