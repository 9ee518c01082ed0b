package dev.trainbench.ui.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Charts that share one X axis: fitted, they all span the union of their data (so the same step
 * lines up across the loss, accuracy and gradient charts of a comparison); zoomed or panned, the
 * others follow the one the user touched, each fitting its own Y to what is then visible.
 */
public final class XLink {
    private final List<LiveChart> charts = new ArrayList<>();
    private boolean propagating;

    void add(LiveChart chart) {
        if (!charts.contains(chart)) {
            charts.add(chart);
        }
    }

    void remove(LiveChart chart) {
        charts.remove(chart);
    }

    /** The union of the linked charts' visible data X, {+inf, -inf} when none has data. */
    double[] extent() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (LiveChart c : charts) {
            double[] e = c.dataXExtent();
            lo = Math.min(lo, e[0]);
            hi = Math.max(hi, e[1]);
        }
        return new double[] {lo, hi};
    }

    /** {@code source}'s X view changed: the others take it. */
    void changed(LiveChart source) {
        if (propagating) {
            return;
        }
        propagating = true;
        try {
            double[] x = source.visibleXRange();
            boolean zoomed = source.isZoomedX();
            for (LiveChart c : charts) {
                if (c != source) {
                    c.followX(zoomed, x[0], x[1]);
                }
            }
        } finally {
            propagating = false;
        }
    }

    /** Marks every linked chart for a redraw (their common range may have changed). */
    public void invalidate() {
        for (LiveChart c : charts) {
            c.markDirty();
        }
    }
}
