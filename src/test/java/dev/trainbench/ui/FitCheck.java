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
import dev.trainbench.ui.chart.ChartText;
import dev.trainbench.ui.chart.LayerHeatMap;
import dev.trainbench.ui.chart.LiveChart;

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

    /**
     * Charts that do not read: a text drawn on a chart's canvas (tick label, layer name, reference
     * label) reaching past the canvas or over another text, or cut short with no tooltip holding it;
     * a chart's legend entry over its title or its controls, or past the chart; an empty chart's
     * note ("Measured every few steps") spilling out of the plot.
     */
    static List<String> chartProblems(Window window) {
        List<String> out = new ArrayList<>();
        if (window.getScene() != null) {
            walkCharts(window.getScene().getRoot(), out);
        }
        return out;
    }

    private static void walkCharts(Node node, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof LiveChart c && c.getWidth() > 0) {
            String name = "chart \"" + c.getTitle() + "\"" + String.format(" (%.0f x %.0f px)", c.getWidth(), c.getHeight());
            drawnTexts(name, c, c.drawnTexts(), c.plotArea(), out);
            header(name, c, out);
            for (Node n : c.lookupAll(".chart-empty-label")) {
                if (n.isVisible() && n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
                    Bounds b = n.localToScene(n.getBoundsInLocal());
                    Bounds plot = c.plotArea().localToScene(c.plotArea().getBoundsInLocal());
                    if (!inside(b, plot)) {
                        out.add(name + ": its note \"" + l.getText() + "\" " + box(b) + " spills out of the plot " + box(plot));
                    }
                }
            }
        }
        if (node instanceof LayerHeatMap m && m.getWidth() > 0) {
            drawnTexts("heat map" + String.format(" (%.0f x %.0f px)", m.getWidth(), m.getHeight()), m, m.drawnTexts(), m.plotArea(), out);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walkCharts(child, out);
            }
        }
    }

    private static void drawnTexts(String name, Node chart, List<ChartText> texts, javafx.scene.layout.Region area, List<String> out) {
        double w = area.getWidth();
        double h = area.getHeight();
        for (int i = 0; i < texts.size(); i++) {
            ChartText t = texts.get(i);
            if (!t.inside(w, h)) {
                out.add(String.format("%s: \"%s\" at (%.0f, %.0f) size %.0f x %.0f reaches past its %.0f x %.0f canvas", name, t.text(),
                        t.x(), t.y(), t.width(), t.height(), w, h));
            }
            for (int j = i + 1; j < texts.size(); j++) {
                if (t.overlaps(texts.get(j))) {
                    out.add(name + ": \"" + t.text() + "\" is drawn over \"" + texts.get(j).text() + "\"");
                }
            }
            var percent = java.util.regex.Pattern.compile("^(-?\\d+(?:\\.\\d+)?)%$").matcher(t.text());
            if (percent.matches() && Double.parseDouble(percent.group(1)) > 100) {
                out.add(name + ": a percentage axis runs to " + t.text() + " (an accuracy cannot exceed 100 %)");
            }
            if (t.shortened() && !tooltipHolds(chart, t.full())) {
                out.add(name + ": \"" + t.text() + "\" is cut short and no tooltip holds \"" + t.full() + "\"");
            }
        }
    }

    /** The chart's title, legend entries and controls (log toggle, zoom reset) apart, and all inside the chart. */
    private static void header(String name, LiveChart c, List<String> out) {
        Bounds chart = c.localToScene(c.getLayoutBounds());
        List<Node> fixed = new ArrayList<>();
        for (Node n : c.lookupAll(".live-chart-title")) {
            fixed.add(n);
        }
        for (Node n : c.lookupAll(".check-box")) {
            fixed.add(n);
        }
        for (Node n : c.lookupAll(".small-button")) {
            fixed.add(n);
        }
        for (Node e : c.lookupAll(".chart-legend-entry")) {
            if (!e.isVisible() || e.getParent() == null || !e.getParent().isVisible() || !(e instanceof javafx.scene.layout.Region r) || r.getWidth() <= 0) {
                continue;
            }
            Bounds b = e.localToScene(e.getLayoutBounds());
            String entry = "legend entry \"" + ((Labeled) e).getText() + "\" " + box(b);
            if (!inside(b, chart)) {
                out.add(name + ": " + entry + " reaches past the chart " + box(chart));
            }
            for (Node f : fixed) {
                if (f.isVisible() && f.isManaged() && overlap(b, f.localToScene(f.getLayoutBounds()))) {
                    out.add(name + ": " + entry + " overlaps " + (f instanceof Labeled l ? "\"" + l.getText() + "\"" : f.getStyleClass())
                            + " " + box(f.localToScene(f.getLayoutBounds())));
                }
            }
        }
    }

    static boolean inside(Bounds b, Bounds outer) {
        return b.getMinX() >= outer.getMinX() - 0.5 && b.getMinY() >= outer.getMinY() - 0.5 && b.getMaxX() <= outer.getMaxX() + 0.5
                && b.getMaxY() <= outer.getMaxY() + 0.5;
    }

    static boolean overlap(Bounds a, Bounds b) {
        return Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX()) > 1
                && Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY()) > 1;
    }

    static String box(Bounds b) {
        return String.format("(%.0f, %.0f, %.0f x %.0f)", b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
    }

    /**
     * Spinners too narrow to show their value: the editor's text wider than the editor (the Subset
     * spinner shrank to its arrows in presentation mode).
     */
    static List<String> narrowSpinners(Window window) {
        List<String> out = new ArrayList<>();
        if (window.getScene() != null) {
            for (Node n : window.getScene().getRoot().lookupAll(".spinner")) {
                if (n instanceof javafx.scene.control.Spinner<?> s && visibleAll(s) && s.getEditor() != null) {
                    javafx.scene.control.TextField e = s.getEditor();
                    Text t = new Text(e.getText());
                    t.setFont(e.getFont());
                    double need = t.getLayoutBounds().getWidth() + e.snappedLeftInset() + e.snappedRightInset();
                    if (need > e.getWidth() + 0.5) {
                        out.add(String.format("spinner showing \"%s\" needs %.0f px for its text, its field is %.0f px wide, in %s", e.getText(), need,
                                e.getWidth(), path(s)));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Pictures cut off: a canvas (a data preview, a scatter matrix, a drawing) larger than a
     * container around it, up to the nearest scroll pane (which can scroll to it) or the window.
     */
    static List<String> clippedCanvases(Window window) {
        List<String> out = new ArrayList<>();
        if (window.getScene() != null) {
            for (Node n : window.getScene().getRoot().lookupAll("*")) {
                if (n instanceof javafx.scene.canvas.Canvas c && visibleAll(c) && c.getWidth() > 0 && c.getHeight() > 0) {
                    Bounds scene = c.localToScene(c.getBoundsInLocal());
                    for (Parent p = c.getParent(); p != null; p = p.getParent()) {
                        // a scroll pane's viewport, a table's cells: scrolling reaches the rest
                        if (p instanceof javafx.scene.control.ScrollPane || p.getStyleClass().contains("viewport")
                                || (p.getParent() != null && p.getParent().getStyleClass().contains("viewport"))
                                || p.getStyleClass().contains("clipped-container")) {
                            break;
                        }
                        if (p instanceof javafx.scene.layout.Region r && r.getWidth() > 0) {
                            Bounds inR = r.sceneToLocal(scene);
                            if (inR.getMinX() < -0.5 || inR.getMinY() < -0.5 || inR.getMaxX() > r.getWidth() + 0.5 || inR.getMaxY() > r.getHeight() + 0.5) {
                                out.add(String.format("a %.0f x %.0f picture %s is cut off by %s (%.0f x %.0f)", c.getWidth(), c.getHeight(),
                                        path(c), path(r), r.getWidth(), r.getHeight()));
                                break;
                            }
                        }
                    }
                    if (window.getScene() != null && (scene.getMaxX() > window.getScene().getWidth() + 0.5
                            || scene.getMaxY() > window.getScene().getHeight() + 0.5) && !inScrollPane(c)) {
                        out.add("a picture " + path(c) + " reaches past the window");
                    }
                }
            }
        }
        return out;
    }

    private static boolean inScrollPane(Node n) {
        for (Parent p = n.getParent(); p != null; p = p.getParent()) {
            // a scroll pane, or a table's or list's scrolling cells
            if (p instanceof javafx.scene.control.ScrollPane || p.getStyleClass().contains("clipped-container")) {
                return true;
            }
        }
        return false;
    }

    /** Visible, and every ancestor visible. */
    static boolean visibleAll(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
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
