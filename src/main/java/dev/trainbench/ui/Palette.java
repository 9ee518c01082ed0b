package dev.trainbench.ui;

import javafx.scene.paint.Color;

/** Colours for classes and series that read on light and dark backgrounds. */
public final class Palette {
    private static final Color[] COLORS = {
        Color.web("#1f77b4"), Color.web("#ff7f0e"), Color.web("#2ca02c"), Color.web("#d62728"),
        Color.web("#9467bd"), Color.web("#8c564b"), Color.web("#e377c2"), Color.web("#7f7f7f"),
        Color.web("#bcbd22"), Color.web("#17becf"),
    };

    private Palette() {
    }

    public static Color color(int index) {
        Color base = COLORS[Math.floorMod(index, COLORS.length)];
        int round = Math.floorMod(index, 40) / COLORS.length;
        return round == 0 ? base : base.deriveColor(round * 25, 1, 1 - 0.15 * round, 1);
    }
}
