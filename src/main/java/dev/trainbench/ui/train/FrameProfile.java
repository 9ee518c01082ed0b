package dev.trainbench.ui.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where the UI thread's time goes in the frames of one run: per polled frame, the time spent
 * draining events, starting the run's series, appending rows, redrawing, and the CSS and layout
 * pass of the same pulse (which the frame's own timing does not see). Keeps the first frames that
 * carried data and the slowest frames, for the debug log, tests and benchmarks, and the last
 * {@value #RECENT} frames' times in a ring of primitive arrays (fixed memory however long the run),
 * from which {@link #recent} summarizes a window of frames (the long-run benchmark reads it at
 * 10k, 100k and 1M points).
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

    /** Frames kept in the ring (about 34 s at the charts' ~30 polls a second). */
    static final int RECENT = 1024;

    private final List<Frame> first = new ArrayList<>();
    private final List<Frame> worst = new ArrayList<>();
    private int frames;
    private int rowsSeen;
    private final double[] recentPoll = new double[RECENT];
    private final double[] recentRedraw = new double[RECENT];
    private final double[] recentLayout = new double[RECENT];
    private final double[] recentInterval = new double[RECENT];
    private double pendingInterval = Double.NaN;

    public void reset() {
        first.clear();
        worst.clear();
        frames = 0;
        rowsSeen = 0;
        pendingInterval = Double.NaN;
    }

    /**
     * The time since the previous polled frame (ms), for the frame about to be {@linkplain #add added}:
     * it includes the previous pulse's rendering and whatever else the UI thread did in between.
     */
    public void interval(double millis) {
        pendingInterval = millis;
    }

    public void add(int rows, double poll, double runStarted, double steps, double redraw, double panels, double layout) {
        int slot = frames % RECENT;
        recentPoll[slot] = poll;
        recentRedraw[slot] = redraw;
        recentLayout[slot] = layout;
        recentInterval[slot] = pendingInterval;
        pendingInterval = Double.NaN;
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

    /** Frames added since the last {@link #reset()}. */
    public int frames() {
        return frames;
    }

    /**
     * Median and 95th percentile (nearest rank) of a window of frames: the frame's own work (poll:
     * drain, append, redraw), of which the redraw, the work plus the pulse's CSS/layout, and the
     * interval since the previous polled frame.
     */
    public record Window(int frames, double pollMedian, double pollP95, double redrawMedian, double redrawP95,
                         double workMedian, double workP95, double intervalMedian, double intervalP95) {
    }

    /**
     * The last {@code n} frames (fewer when fewer were kept), leaving out the first {@code skip}
     * frames of the run (warm-up); null when no frame is left.
     */
    public Window recent(int n, int skip) {
        int from = Math.max(Math.max(0, frames - Math.min(n, RECENT)), skip);
        int count = frames - from;
        if (count <= 0) {
            return null;
        }
        double[] poll = new double[count];
        double[] redraw = new double[count];
        double[] work = new double[count];
        double[] interval = new double[count];
        int intervals = 0;
        for (int i = 0; i < count; i++) {
            int slot = (from + i) % RECENT;
            poll[i] = recentPoll[slot];
            redraw[i] = recentRedraw[slot];
            work[i] = recentPoll[slot] + recentLayout[slot];
            if (!Double.isNaN(recentInterval[slot])) {
                interval[intervals++] = recentInterval[slot];
            }
        }
        double[] iv = java.util.Arrays.copyOf(interval, intervals);
        return new Window(count, quantile(poll, 0.5), quantile(poll, 0.95), quantile(redraw, 0.5), quantile(redraw, 0.95),
                quantile(work, 0.5), quantile(work, 0.95), quantile(iv, 0.5), quantile(iv, 0.95));
    }

    /** Nearest-rank quantile (sorts {@code v}); NaN for none. */
    static double quantile(double[] v, double q) {
        if (v.length == 0) {
            return Double.NaN;
        }
        java.util.Arrays.sort(v);
        int rank = (int) Math.ceil(q * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
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
