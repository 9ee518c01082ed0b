package dev.trainbench.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * Tooltips that fit the screen: long texts wrap at a readable width instead of running wider
 * than the screen (a finding or a help text can be a paragraph).
 */
public final class Tips {
    /** The widest a tooltip grows before its text wraps. */
    public static final double MAX_WIDTH = 520;

    private Tips() {
    }

    public static Tooltip of(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(MAX_WIDTH);
        t.setShowDuration(Duration.seconds(30));
        return t;
    }

    /** A tooltip that always shows {@code text}'s current value (for a label that may be cut off). */
    public static Tooltip following(ObservableValue<String> text) {
        Tooltip t = of("");
        t.textProperty().bind(text);
        return t;
    }
}
