package dev.trainbench.data;

/** Interim: replaced by the data branch's implementation on merge. */
public final class EpochOrder {
    private EpochOrder() {
    }

    public static int[] order(int n, int epoch, boolean shuffle, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (shuffle) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 1_000_003L + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        return idx;
    }
}
