package dev.trainbench.ui;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.stage.PopupWindow;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * What does not fit, found by walking a window's whole scene graph (so a new view, panel or
 * dialog is covered without being listed): a visible {@link Labeled} whose displayed text differs
 * from its text (cut off with an ellipsis or clipped) and no tooltip on it or an ancestor holds
 * the full text; a window that does not lie inside the screen's visual bounds; a tooltip wider or
 * taller than the screen. Call on the FX thread.
 */
final class FitCheck {
    private FitCheck() {
    }

    /** Truncated labels of {@code window}, each described with where it is. */
    static List<String> truncatedLabels(Window window) {
        List<String> out = new ArrayList<>();
        if (window.getScene() != null) {
            walk(window.getScene().getRoot(), out);
        }
        return out;
    }

    private static void walk(Node node, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l) {
            String full = l.getText();
            String shown = displayedText(l);
            if (full != null && !full.isBlank() && shown != null && !sameText(full, shown, l.isMnemonicParsing())
                    && !tooltipHolds(l, full)) {
                out.add("\"" + shown + "\" (full text \"" + abbreviate(full) + "\", " + l.getClass().getSimpleName()
                        + String.format(" %.0f px wide) in %s", l.getWidth(), path(l)));
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, out);
            }
        }
    }

    /** The text the skin draws: its LabeledText child (null before the skin exists). */
    static String displayedText(Labeled l) {
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getClass().getName().endsWith("LabeledText")) {
                return t.getText();
            }
        }
        return null;
    }

    private static boolean sameText(String full, String shown, boolean mnemonic) {
        String f = mnemonic ? full.replaceFirst("_(?=.)", "") : full;
        return f.equals(shown) || f.replace("\n", " ").equals(shown.replace("\n", " "));
    }

    /** A tooltip on the label or one of its ancestors (a table cell's row, a control's skin part) with the full text. */
    private static boolean tooltipHolds(Node node, String full) {
        String wanted = full.strip();
        for (Node n = node; n != null; n = n.getParent()) {
            Tooltip t = Tips.tooltipOf(n); // one made at first hover is made now
            if (t != null && t.getText() != null && t.getText().replace("\n", " ").contains(wanted.replace("\n", " "))) {
                return true;
            }
        }
        return false;
    }

    /** Where a window lies off the screen, or null when it fits. */
    static String offScreen(Window w, Rectangle2D screen) {
        double x = w.getX();
        double y = w.getY();
        double slack = 0.5;
        if (w.getWidth() > screen.getWidth() + slack || w.getHeight() > screen.getHeight() + slack
                || x < screen.getMinX() - slack || y < screen.getMinY() - slack
                || x + w.getWidth() > screen.getMaxX() + slack || y + w.getHeight() > screen.getMaxY() + slack) {
            return String.format("%s at (%.0f, %.0f) size %.0f x %.0f on a %.0f x %.0f screen", describe(w), x, y, w.getWidth(),
                    w.getHeight(), screen.getWidth(), screen.getHeight());
        }
        return null;
    }

    static String describe(Window w) {
        if (w instanceof javafx.stage.Stage s) {
            String id = s.getScene() == null || s.getScene().getRoot() == null ? null : s.getScene().getRoot().getId();
            return "window \"" + s.getTitle() + "\"" + (id == null ? "" : " #" + id);
        }
        return w.getClass().getSimpleName();
    }

    /**
     * Every tooltip installed in {@code window}'s scene, shown once at the screen's left edge: those
     * wider or taller than the screen. Tooltips already checked (same object) are skipped.
     */
    static List<String> oversizedTooltips(Window window, Rectangle2D screen, Map<Tooltip, Boolean> seen) {
        List<Tooltip> tips = new ArrayList<>();
        collectTooltips(window.getScene().getRoot(), tips, seen);
        List<String> out = new ArrayList<>();
        for (Tooltip t : tips) {
            if (t.getText() == null || t.getText().isBlank()) {
                continue;
            }
            t.show(window, screen.getMinX(), screen.getMinY());
            double w = t.getWidth();
            double h = t.getHeight();
            t.hide();
            if (w > screen.getWidth() * 0.9 || h > screen.getHeight() * 0.9) {
                out.add(String.format("tooltip %.0f x %.0f px on a %.0f x %.0f screen: \"%s\"", w, h, screen.getWidth(),
                        screen.getHeight(), abbreviate(t.getText())));
            }
        }
        return out;
    }

    private static void collectTooltips(Node node, List<Tooltip> out, Map<Tooltip, Boolean> seen) {
        if (!node.isVisible()) {
            return;
        }
        Tooltip t = Tips.tooltipOf(node); // one made at first hover is made now
        if (t != null && seen.put(t, Boolean.TRUE) == null) {
            out.add(t);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collectTooltips(child, out, seen);
            }
        }
    }

    static Map<Tooltip, Boolean> newSeen() {
        return new IdentityHashMap<>();
    }

    /** The windows now showing, except tooltips and other popups (checked through their owners). */
    static List<Window> showingWindows() {
        return Window.getWindows().stream().filter(w -> w.isShowing() && !(w instanceof PopupWindow)).toList();
    }

    static Rectangle2D screen() {
        return Screen.getPrimary().getVisualBounds();
    }

    static String path(Node n) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Node p = n; p != null && depth < 6; p = p.getParent(), depth++) {
            String name = p.getId() != null ? "#" + p.getId()
                    : p.getStyleClass().isEmpty() ? p.getClass().getSimpleName() : "." + p.getStyleClass().get(0);
            sb.insert(0, depth == 0 ? name : name + " > ");
        }
        Bounds b = n.localToScene(n.getBoundsInLocal());
        return sb + (b == null ? "" : String.format(" at (%.0f, %.0f)", b.getMinX(), b.getMinY()));
    }

    static String abbreviate(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }
}
