package dev.trainbench.ui;

import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
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

    private static final String LAZY = "trainbench.tips.lazy";
    /** Where JavaFX keeps the tooltip installed on a node that is not a control. */
    private static final String INSTALLED = "javafx.scene.control.Tooltip";

    private record Lazy(String text, double maxWidth) {
    }

    private static final EventHandler<MouseEvent> MAKE_ON_ENTRY = e -> {
        if (e.getSource() instanceof Node n) {
            tooltipOf(n);
        }
    };

    /**
     * Gives {@code node} a tooltip of {@code text} ({@link #of}, at most {@code maxWidth} wide), made
     * when the mouse first enters the node: a tooltip is a popup window with a scene of its own (the
     * first costs about 0.1 s of the start-up's class loading, each one more about 1 ms), and a
     * screen has dozens, mostly never shown. The tooltip then shows after the usual delay as the mouse
     * moves; screen readers get the text at once as the node's accessible help.
     */
    public static void install(Node node, String text, double maxWidth) {
        node.getProperties().put(LAZY, new Lazy(text, maxWidth));
        if (node.getAccessibleHelp() == null) {
            node.setAccessibleHelp(text);
        }
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, MAKE_ON_ENTRY);
    }

    /** {@link #install(Node, String, double)} at the usual width. */
    public static void install(Node node, String text) {
        install(node, text, MAX_WIDTH);
    }

    /** The node's tooltip (one {@link #install}ed is made now), or null when it has none. */
    public static Tooltip tooltipOf(Node node) {
        if (node.getProperties().remove(LAZY) instanceof Lazy lazy) {
            node.removeEventHandler(MouseEvent.MOUSE_ENTERED, MAKE_ON_ENTRY);
            Tooltip t = of(lazy.text());
            t.setMaxWidth(lazy.maxWidth());
            if (node instanceof Control c) {
                c.setTooltip(t);
            } else {
                Tooltip.install(node, t);
            }
        }
        if (node instanceof Control c && c.getTooltip() != null) {
            return c.getTooltip();
        }
        return node.getProperties().get(INSTALLED) instanceof Tooltip t ? t : null;
    }

    /** A tooltip that always shows {@code text}'s current value (for a label that may be cut off). */
    public static Tooltip following(ObservableValue<String> text) {
        Tooltip t = of("");
        t.textProperty().bind(text);
        return t;
    }
}
