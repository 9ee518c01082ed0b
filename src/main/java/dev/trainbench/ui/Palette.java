package dev.trainbench.ui;

import javafx.scene.paint.Color;

/** Colours for classes and series that read on light and dark backgrounds. */
public final class Palette {
    private static final Color[] COLORS = {
        Color.web("#1f77b4"), Color.web("#ff7f0e"), Color.web("#2ca02c"), Color.web("#d62728"),
        Color.web("#9467bd"), Color.web("#8c564b"), Color.web("#e377c2"), Color.web("#7f7f7f"),
        Color.web("#bcbd22"), Color.web("#17becf"),
    };

    /** The 40 colours (10 bases, then three rounds of shifted hues), made once: charts ask per point. */
    private static final Color[] ALL = new Color[40];

    static {
        for (int i = 0; i < ALL.length; i++) {
            Color base = COLORS[i % COLORS.length];
            int round = i / COLORS.length;
            ALL[i] = round == 0 ? base : base.deriveColor(round * 25, 1, 1 - 0.15 * round, 1);
        }
    }

    private Palette() {
    }

    public static Color color(int index) {
        return ALL[Math.floorMod(index, ALL.length)];
    }
}
