package dev.trainbench.ui.chart;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Widths of texts in one font, as a canvas draws them (the same glyph layout as a {@link Text}
 * node), cached: a chart redraws its few tick labels many times a second. FX thread only.
 */
final class TextMeasure {
    private static final int MAX_CACHED = 512;
    private final Text text = new Text();
    private final Map<String, Double> widths = new HashMap<>();
    private Font font;
    private double height;

    /** Measures in {@code f} from now on. */
    void font(Font f) {
        if (!f.equals(font)) {
            font = f;
            text.setFont(f);
            widths.clear();
            text.setText("0.9e-8%");
            height = Math.ceil(text.getLayoutBounds().getHeight());
        }
    }

    double width(String s) {
        Double w = widths.get(s);
        if (w == null) {
            if (widths.size() >= MAX_CACHED) {
                widths.clear();
            }
            text.setText(s);
            w = Math.ceil(text.getLayoutBounds().getWidth());
            widths.put(s, w);
        }
        return w;
    }

    /** A line's height in the font. */
    double height() {
        return height;
    }

    /** {@code s} whole when it fits in {@code room} pixels, else cut with an ellipsis to fit (at least one character). */
    String fit(String s, double room) {
        if (width(s) <= room) {
            return s;
        }
        String cut = s;
        while (cut.length() > 1 && width(cut + "\u2026") > room) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "\u2026";
    }
}
