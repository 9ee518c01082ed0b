package dev.trainbench.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class EpochOrderTest {

    @Test
    void withoutShuffleTheOrderIsTheIdentity() {
        assertArrayEquals(IntStream.range(0, 50).toArray(), EpochOrder.order(50, 3, false, 1));
    }

    @Test
    void shuffledOrderIsAPermutation() {
        int[] order = EpochOrder.order(1000, 0, true, 1);
        assertArrayEquals(IntStream.range(0, 1000).toArray(), Arrays.stream(order).sorted().toArray());
    }

    @Test
    void sameSeedAndEpochRepeat() {
        assertArrayEquals(EpochOrder.order(100, 4, true, 9), EpochOrder.order(100, 4, true, 9));
    }

    @Test
    void eachEpochHasItsOwnOrder() {
        assertFalse(Arrays.equals(EpochOrder.order(100, 0, true, 9), EpochOrder.order(100, 1, true, 9)));
    }

    @Test
    void eachSeedHasItsOwnOrder() {
        assertFalse(Arrays.equals(EpochOrder.order(100, 0, true, 9), EpochOrder.order(100, 0, true, 10)));
    }

    @Test
    void shuffledOrderIsNotTheIdentity() {
        assertFalse(Arrays.equals(IntStream.range(0, 100).toArray(), EpochOrder.order(100, 0, true, 1)));
    }
}
