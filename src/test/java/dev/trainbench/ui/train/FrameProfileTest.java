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
}
