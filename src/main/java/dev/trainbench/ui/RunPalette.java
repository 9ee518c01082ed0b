package dev.trainbench.ui;

import javafx.scene.paint.Color;

/**
 * One colour per compared run or seed group: ten hues (tab10's, with the light ones darkened and
 * the dark one lightened) that all keep at least 3:1 contrast against both themes' chart
 * backgrounds (white and #161a21, WCAG's bar for graphics) and stay at least 29 CIELAB units apart
 * from each other, so ten runs remain tellable apart in light and dark themes (RunPaletteTest).
 */
public final class RunPalette {
    private static final Color[] COLORS = {
        Color.web("#1f77b4"), Color.web("#d9650b"), Color.web("#2a9a2a"), Color.web("#d62728"), Color.web("#9467bd"),
        Color.web("#a26a54"), Color.web("#d0569f"), Color.web("#7b7b7b"), Color.web("#8f8c00"), Color.web("#0a97a6"),
    };

    /** Colours before they repeat. */
    public static final int SIZE = COLORS.length;

    private RunPalette() {
    }

    public static Color color(int index) {
        return COLORS[Math.floorMod(index, COLORS.length)];
    }
}
