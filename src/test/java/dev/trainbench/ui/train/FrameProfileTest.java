package dev.trainbench.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameProfileTest {
    @Test
    void keepsTheFirstFramesWithDataAndTheSlowestIncludingLayout() {
        FrameProfile p = new FrameProfile();
        assertNull(p.slowest());
        p.add(0, 0.1, 0, 0, 0, 0, 0.1); // before the run started: not a "first frame"
        p.add(0, 5, 4, 0, 1, 0, 30); // the run starts: the layout pass is the big part
        p.add(3, 10, 0, 2, 3, 5, 1);
        for (int i = 0; i < 30; i++) {
            p.add(1, 1, 0, 0.5, 0.5, 0, 1);
        }
        assertEquals(12, p.firstFrames().size());
        assertEquals(1, p.firstFrames().get(0).index());
        assertEquals(35, p.slowest().total(), 1e-9);
        assertEquals(1, p.slowest().index());
        assertTrue(p.report().contains("css/layout 30.0 = 35.0 ms"), p.report());
        p.reset();
        assertNull(p.slowest());
    }

    @Test
    void recentSummarizesTheLastFramesLeavingOutTheWarmUp() {
        FrameProfile p = new FrameProfile();
        assertNull(p.recent(10, 0));
        for (int i = 0; i < 2000; i++) {
            p.interval(33);
            // frames 0..1899 take 100 ms (older than the ring), the last 100 take 1..100 ms
            double poll = i < 1900 ? 100 : i - 1899;
            p.add(1, poll, 0, 0, poll / 2, 0, 1);
        }
        FrameProfile.Window w = p.recent(100, 30);
        assertEquals(100, w.frames());
        assertEquals(50, w.pollMedian(), 1e-9);
        assertEquals(95, w.pollP95(), 1e-9);
        assertEquals(25, w.redrawMedian(), 1e-9);
        assertEquals(51, w.workMedian(), 1e-9);
        assertEquals(33, w.intervalP95(), 1e-9);
        // asking for more than the ring holds gives the ring
        assertEquals(1024, p.recent(5000, 30).frames());
        // the warm-up frames of a short run are left out
        p.reset();
        for (int i = 0; i < 40; i++) {
            p.add(1, i < 30 ? 500 : 2, 0, 0, 0, 0, 0);
        }
        assertEquals(10, p.recent(150, 30).frames());
        assertEquals(2, p.recent(150, 30).pollP95(), 1e-9);
        assertTrue(Double.isNaN(p.recent(150, 30).intervalMedian()), "no interval was recorded");
    }
}
