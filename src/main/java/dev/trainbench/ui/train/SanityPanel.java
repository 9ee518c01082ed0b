package dev.trainbench.ui.train;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * The sanity checks' findings on the first batch (T4): lines starting "OK" are shown quietly,
 * "WARNING" lines highlighted. Hidden while there are none.
 */
public final class SanityPanel extends VBox {
    private final Label title = new Label("Sanity checks on the first batch");
    private int warnings;

    private final boolean reserveSpace;

    /** A panel that hides while empty. */
    public SanityPanel() {
        this(false);
    }

    /**
     * With {@code reserveSpace}, the panel keeps its place while empty (a quiet placeholder), so
     * findings arriving mid-run do not shrink the charts below it and force them all to redraw.
     */
    public SanityPanel(boolean reserveSpace) {
        this.reserveSpace = reserveSpace;
        getStyleClass().add("sanity-panel");
        title.getStyleClass().add("sanity-title");
        if (reserveSpace) {
            // a fixed height in em (title and two findings at any font size); the lines do not wrap, so
            // they never spill over the charts below, and each has its full text as a tooltip
            getStyleClass().add("reserved");
            javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
            clip.widthProperty().bind(widthProperty());
            clip.heightProperty().bind(heightProperty());
            setClip(clip);
        }
        setFindings(List.of());
    }

    private static final String DEFAULT_HEADING = "Sanity checks on the first batch";

    /** Shows {@code findings} (may be empty: then the panel hides). */
    public void setFindings(List<String> findings) {
        setFindings(null, findings);
    }

    /**
     * Shows {@code findings} under {@code heading} (null: the run's first-batch checks), e.g. the
     * pre-run checks' "Pre-run checks: overfit one batch, input-independent baseline".
     */
    public void setFindings(String heading, List<String> findings) {
        String head = heading == null || heading.isBlank() ? DEFAULT_HEADING : heading;
        getChildren().clear();
        warnings = 0;
        boolean any = findings != null && !findings.isEmpty();
        setVisible(any || reserveSpace);
        setManaged(any || reserveSpace);
        if (!any) {
            if (reserveSpace) {
                title.setText("Sanity checks run on the first batch of each run (initial loss, a gradient for every parameter).");
                getChildren().add(title);
            }
            return;
        }
        getChildren().add(title);
        for (String f : findings) {
            boolean warning = isWarning(f);
            Label line = new Label((warning ? "\u26a0 " : "\u2713 ") + stripPrefix(f));
            line.getStyleClass().add(warning ? "finding-warning" : "finding-ok");
            line.setWrapText(!reserveSpace);
            line.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            line.setMaxWidth(Double.MAX_VALUE);
            line.setTooltip(dev.trainbench.ui.Tips.of(line.getText()));
            if (warning) {
                warnings++;
            }
            getChildren().add(line);
        }
        String sep = head.contains(":") ? " \u2014 " : ": ";
        title.setText(warnings == 0 ? head + sep + "all passed"
                : head + sep + warnings + (warnings == 1 ? " warning" : " warnings"));
    }

    /** The panel's title as shown. */
    public String titleText() {
        return title.getText();
    }

    /** Number of WARNING findings shown. */
    public int warningCount() {
        return warnings;
    }

    /** Number of findings shown. */
    public int findingCount() {
        return Math.max(0, getChildren().size() - 1);
    }

    static boolean isWarning(String finding) {
        return finding != null && finding.strip().toUpperCase(Locale.ROOT).startsWith("WARN");
    }

    static String stripPrefix(String finding) {
        String s = finding == null ? "" : finding.strip();
        if (s.startsWith("OK")) {
            s = s.substring(2);
        } else if (s.startsWith("WARNING")) {
            s = s.substring(7);
        }
        s = s.strip();
        if (s.startsWith(":")) {
            s = s.substring(1).strip();
        }
        return s;
    }
}
