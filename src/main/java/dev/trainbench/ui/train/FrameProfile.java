package dev.trainbench.ui.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where the UI thread's time goes in the frames of one run: per polled frame, the time spent
 * draining events, starting the run's series, appending rows, redrawing, and the CSS and layout
 * pass of the same pulse (which the frame's own timing does not see). Keeps the first frames that
 * carried data and the slowest frames, for the debug log, tests and benchmarks.
 */
public final class FrameProfile {
    /** One polled frame; all times in milliseconds. */
    public record Frame(int index, int rows, double poll, double runStarted, double steps, double redraw, double panels, double layout) {
        public double total() {
            return poll + layout;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "#%d rows %d: poll %.1f (start %.1f, append %.1f, redraw %.1f, boundary/sanity %.1f, drain+other %.1f) + css/layout %.1f = %.1f ms",
                    index, rows, poll, runStarted, steps, redraw, panels, poll - runStarted - steps - redraw - panels, layout, total());
        }
    }

    private static final int KEEP_FIRST = 12;
    private static final int KEEP_WORST = 5;

    private final List<Frame> first = new ArrayList<>();
    private final List<Frame> worst = new ArrayList<>();
    private int frames;
    private int rowsSeen;

    public void reset() {
        first.clear();
        worst.clear();
        frames = 0;
        rowsSeen = 0;
    }

    public void add(int rows, double poll, double runStarted, double steps, double redraw, double panels, double layout) {
        Frame f = new Frame(frames++, rows, poll, runStarted, steps, redraw, panels, layout);
        rowsSeen += rows;
        if ((rowsSeen > 0 || runStarted > 0) && first.size() < KEEP_FIRST) {
            first.add(f);
        }
        worst.add(f);
        worst.sort(Comparator.comparingDouble(Frame::total).reversed());
        if (worst.size() > KEEP_WORST) {
            worst.remove(worst.size() - 1);
        }
    }

    /** The slowest frame so far (poll plus CSS/layout), or null. */
    public Frame slowest() {
        return worst.isEmpty() ? null : worst.get(0);
    }

    public List<Frame> firstFrames() {
        return List.copyOf(first);
    }

    public String report() {
        StringBuilder sb = new StringBuilder("first frames with data:");
        for (Frame f : first) {
            sb.append("\n  ").append(f);
        }
        sb.append("\nslowest frames:");
        for (Frame f : worst) {
            sb.append("\n  ").append(f);
        }
        return sb.toString();
    }
}
