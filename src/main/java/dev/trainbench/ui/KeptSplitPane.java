package dev.trainbench.ui;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.input.MouseEvent;

/**
 * A split pane whose dividers go back to where they were meant to be whenever its size or its
 * parts' minimum sizes change. A plain {@link javafx.scene.control.SplitPane} moves a divider to
 * respect a part's minimum size (presentation mode's larger font, a bigger window's layout) and
 * then keeps it there: after presentation mode the Data screen's form kept two thirds of the
 * window and Compare's tables two rows. The positions the user drags a divider to become the
 * intended ones.
 */
public class KeptSplitPane extends javafx.scene.control.SplitPane {
    private double[] intended;
    private double laidOutSize = -1;
    private double[] laidOutMins = new double[0];
    private boolean dragging;

    public KeptSplitPane(Node... items) {
        super(items);
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> dragging = onDivider(e.getTarget()));
        addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (dragging) {
                dragging = false;
                intended = getDividerPositions().clone();
            }
        });
    }

    private boolean onDivider(Object target) {
        for (Node n = target instanceof Node t ? t : null; n != null && n != this; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider")) {
                return true;
            }
        }
        return false;
    }

    /** The divider positions (fractions, as {@link #setDividerPositions}) to keep coming back to. */
    public final void keepDividers(double... positions) {
        intended = positions.clone();
        laidOutSize = -1;
        setDividerPositions(positions);
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        if (intended != null && !dragging) {
            boolean horizontal = getOrientation() == Orientation.HORIZONTAL;
            double size = horizontal ? getWidth() : getHeight();
            double[] mins = new double[getItems().size()];
            for (int i = 0; i < mins.length; i++) {
                Node n = getItems().get(i);
                mins[i] = horizontal ? n.minWidth(-1) : n.minHeight(-1);
            }
            if (size > 0 && (size != laidOutSize || !java.util.Arrays.equals(mins, laidOutMins))) {
                laidOutSize = size;
                laidOutMins = mins;
                // the split pane moves them as far as the parts' minimum sizes demand, no further
                setDividerPositions(intended);
            }
        }
        super.layoutChildren();
    }
}
