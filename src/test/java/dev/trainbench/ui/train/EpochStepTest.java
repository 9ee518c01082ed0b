package dev.trainbench.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A live run's per-epoch points sit at each epoch's own last step, even when several epochs ended
 * between two frames (a small CSV): they used to be drawn at the last step delivered so far, which
 * stacked them at a few steps.
 */
class EpochStepTest {
    /** Three epochs of 4 steps each, the rows' epoch column counting from 1. */
    private static final int[] EPOCH_OF_ROW = {1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3};

    @Test
    void eachEpochEndsAtItsOwnLastRowThoughLaterRowsAreDelivered() {
        assertEquals(3, TrainViewModel.lastRowOfEpoch(EPOCH_OF_ROW.length, 1, i -> EPOCH_OF_ROW[i]));
        assertEquals(7, TrainViewModel.lastRowOfEpoch(EPOCH_OF_ROW.length, 2, i -> EPOCH_OF_ROW[i]));
        assertEquals(11, TrainViewModel.lastRowOfEpoch(EPOCH_OF_ROW.length, 3, i -> EPOCH_OF_ROW[i]));
    }

    @Test
    void anEpochNotYetDeliveredOrEmptyHasNoRow() {
        assertEquals(-1, TrainViewModel.lastRowOfEpoch(6, 3, i -> EPOCH_OF_ROW[i]));
        assertEquals(-1, TrainViewModel.lastRowOfEpoch(0, 1, i -> EPOCH_OF_ROW[i]));
        // only part of epoch 2 delivered: its last delivered row
        assertEquals(5, TrainViewModel.lastRowOfEpoch(6, 2, i -> EPOCH_OF_ROW[i]));
        // from a later row on (a bounded history): rows below are never asked for
        assertEquals(7, TrainViewModel.lastRowOfEpoch(6, EPOCH_OF_ROW.length, 2, i -> {
            assertTrue(i >= 6, "asked for row " + i);
            return EPOCH_OF_ROW[i];
        }));
        assertEquals(-1, TrainViewModel.lastRowOfEpoch(8, EPOCH_OF_ROW.length, 2, i -> EPOCH_OF_ROW[i]));
    }
}
