package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

class RunPaletteTest {
    private static final Color LIGHT_CHART = Color.web("#ffffff");
    private static final Color DARK_CHART = Color.web("#161a21");

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double[] lab(Color c) {
        double r = linear(c.getRed());
        double g = linear(c.getGreen());
        double b = linear(c.getBlue());
        double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        java.util.function.DoubleUnaryOperator f = t -> t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
        return new double[] {116 * f.applyAsDouble(y) - 16, 500 * (f.applyAsDouble(x) - f.applyAsDouble(y)),
            200 * (f.applyAsDouble(y) - f.applyAsDouble(z))};
    }

    @Test
    void tenRunColoursStandOutOnBothThemesChartBackgrounds() {
        for (int i = 0; i < 10; i++) {
            Color c = RunPalette.color(i);
            assertTrue(contrast(c, LIGHT_CHART) >= 3, "colour " + i + " on the light theme: " + contrast(c, LIGHT_CHART));
            assertTrue(contrast(c, DARK_CHART) >= 3, "colour " + i + " on the dark theme: " + contrast(c, DARK_CHART));
        }
    }

    @Test
    void tenRunColoursAreFarApartFromEachOther() {
        for (int i = 0; i < 10; i++) {
            for (int j = i + 1; j < 10; j++) {
                double[] a = lab(RunPalette.color(i));
                double[] b = lab(RunPalette.color(j));
                double d = Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
                assertTrue(d >= 25, "colours " + i + " and " + j + " are only " + d + " apart");
            }
        }
    }
}
