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

    private record Lazy(String text, double maxWidth, Object owner) {
    }

    /** Who set a tooltip through {@link #set(Control, String, Object)} (in the tooltip's properties). */
    private static final String OWNER = "trainbench.tips.owner";

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
        node.getProperties().put(LAZY, new Lazy(text, maxWidth, null));
        if (node.getAccessibleHelp() == null) {
            node.setAccessibleHelp(text);
        }
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, MAKE_ON_ENTRY);
    }

    /**
     * Sets the tooltip text of a control reused for changing content (a table or list cell, whose
     * {@code updateItem} runs for every row scrolled into it): the tooltip is made when the mouse
     * first enters the control ({@link #install}), afterwards only its text changes. A new tooltip per
     * update cost the Runs view with 10,000 runs a third of its first display (BENCHMARKS.md, listing).
     * A null or blank text removes the tooltip set by the same {@code owner} (null: the control
     * itself), never one set by another: a cell clearing its own tip keeps {@link Tables}' tip for cut
     * text, and the control's own text replaces that tip.
     */
    public static void set(Control control, String text, Object owner) {
        boolean none = text == null || text.isBlank();
        Tooltip made = control.getTooltip();
        if (none) {
            if (has(control) && java.util.Objects.equals(owner(control), owner)) {
                control.setAccessibleHelp(null);
                if (made != null) {
                    control.setTooltip(null);
                } else if (control.getProperties().remove(LAZY) != null) {
                    control.removeEventHandler(MouseEvent.MOUSE_ENTERED, MAKE_ON_ENTRY);
                }
            }
            return;
        }
        control.setAccessibleHelp(text);
        if (made != null) {
            made.setText(text);
            if (owner == null) {
                made.getProperties().remove(OWNER);
            } else {
                made.getProperties().put(OWNER, owner);
            }
        } else if (control.getProperties().put(LAZY, new Lazy(text, MAX_WIDTH, owner)) == null) {
            control.addEventHandler(MouseEvent.MOUSE_ENTERED, MAKE_ON_ENTRY);
        }
    }

    /** {@link #set(Control, String, Object)} by the control itself. */
    public static void set(Control control, String text) {
        set(control, text, null);
    }

    /** Whether {@code control} has a tooltip, made or to be made at the first hover. */
    public static boolean has(Control control) {
        return control.getTooltip() != null || control.getProperties().get(LAZY) instanceof Lazy;
    }

    /** Who set {@code control}'s tooltip through {@link #set(Control, String, Object)} (null: the control, or none). */
    public static Object owner(Control control) {
        Tooltip made = control.getTooltip();
        if (made != null) {
            return made.getProperties().get(OWNER);
        }
        return control.getProperties().get(LAZY) instanceof Lazy lazy ? lazy.owner() : null;
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
            if (lazy.owner() != null) {
                t.getProperties().put(OWNER, lazy.owner());
            }
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
