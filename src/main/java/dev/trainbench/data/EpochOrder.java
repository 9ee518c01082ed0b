package dev.trainbench.data;

import java.util.SplittableRandom;

/** The order in which an epoch visits the training samples. */
public final class EpochOrder {

    private EpochOrder() {
    }

    /**
     * A permutation of {@code 0..n-1}: the identity when {@code shuffle} is off (so ordered data
     * stays ordered), else a seeded shuffle that differs per epoch and repeats for the same seed
     * and epoch.
     */
    public static int[] order(int n, int epoch, boolean shuffle, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        int[] a = Splitter.identity(n);
        if (shuffle) {
            // Each (seed, epoch) pair gets its own well-mixed stream.
            long mixed = new SplittableRandom(seed).split().nextLong() + 0x9E3779B97F4A7C15L * (epoch + 1L);
            Splitter.shuffle(a, new SplittableRandom(mixed));
        }
        return a;
    }
}
