package dev.trainbench.data;

import dev.trainbench.spec.SplitSpec;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Splits a data set into train, validation and test indices, optionally on a subset first.
 *
 * <p>Guarantees: the splits never overlap; without a subset every index is used exactly once; each
 * split with a percentage above zero gets at least one sample (otherwise a {@link DataException}
 * says how many samples are needed); the same data, spec and seed give the same split. Split sizes
 * are the percentages of the total rounded to whole samples. Stratified (classification only; a
 * regression set is split at random): every class's count in every split is within one sample of
 * its exact proportional share, and so is its share of a subset.
 *
 * <p>Randomness comes from a {@link SplittableRandom} derived from the seed alone.
 */
public final class Splitter {

    private static final long SALT = 0x5eed_5b1170L;

    private Splitter() {
    }

    public static SplitIndices split(Dataset d, SplitSpec s, long seed) {
        int n = d.size();
        SplittableRandom rnd = new SplittableRandom(seed ^ SALT);
        boolean stratify = s.stratified() && d.isClassification();
        int[] labels = stratify ? d.labels() : new int[n];
        int classes = stratify ? d.numClasses() : 1;

        int[] pool = identity(n);
        if (s.subset() != null && s.subset() < n) {
            pool = subset(pool, labels, classes, s.subset(), rnd);
        } else if (s.subset() != null && s.subset() > n) {
            throw new DataException(d.name() + ": split.subset is " + s.subset() + " but the data set has only " + n
                    + " samples. Fix: set split.subset to at most " + n + ", or leave it out to use all.");
        }
        int m = pool.length;
        int needed = 1 + (s.validation() > 0 ? 1 : 0) + (s.test() > 0 ? 1 : 0);
        if (m < needed) {
            throw new DataException(d.name() + ": " + m + " sample(s) cannot fill " + needed + " splits (train "
                    + s.train() + "%, validation " + s.validation() + "%, test " + s.test() + "%); at least " + needed
                    + " are needed. Fix: use more data" + (s.subset() != null ? " (a larger split.subset)" : "")
                    + " or set the empty splits' percentages to 0.");
        }
        int[] sizes = splitSizes(m, s);

        // Per class (one "class" when not stratified): how many of its samples go to each split.
        int[][] byClass = groupByClass(pool, labels, classes);
        int[][] counts = apportion(byClass, sizes, m);
        List<int[]> parts = List.of(new int[sizes[0]], new int[sizes[1]], new int[sizes[2]]);
        int[] fill = new int[3];
        for (int c = 0; c < classes; c++) {
            int[] members = byClass[c];
            shuffle(members, rnd);
            int at = 0;
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < counts[c][k]; j++) {
                    parts.get(k)[fill[k]++] = members[at++];
                }
            }
        }
        for (int[] part : parts) {
            Arrays.sort(part);
        }
        return new SplitIndices(parts.get(0), parts.get(1), parts.get(2));
    }

    /** Train, validation and test sizes: rounded percentages, at least one where the percentage is above 0. */
    static int[] splitSizes(int m, SplitSpec s) {
        int val = (int) Math.round(m * s.validation() / 100.0);
        int test = (int) Math.round(m * s.test() / 100.0);
        if (s.validation() > 0 && val == 0) {
            val = 1;
        }
        if (s.test() > 0 && test == 0) {
            test = 1;
        }
        while (m - val - test < 1) {
            if (val >= test && val > 1) {
                val--;
            } else if (test > 1) {
                test--;
            } else {
                val--; // only reached when validation is 0%-share rounding; guarded by the caller's check
            }
        }
        return new int[] {m - val - test, val, test};
    }

    private static int[] subset(int[] pool, int[] labels, int classes, int size, SplittableRandom rnd) {
        int[][] byClass = groupByClass(pool, labels, classes);
        int[][] take = apportion(byClass, new int[] {size, pool.length - size, 0}, pool.length);
        int[] out = new int[size];
        int k = 0;
        for (int c = 0; c < classes; c++) {
            int[] members = byClass[c];
            shuffle(members, rnd);
            for (int j = 0; j < take[c][0]; j++) {
                out[k++] = members[j];
            }
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Whole-sample counts per class and split that add up to each class's size and to each split's
     * size, each within one of the exact share {@code classSize * splitSize / total}: floors of the
     * shares, then the remaining samples handed out one per (class, split) cell, greedily to the
     * splits that still need the most (Gale-Ryser; always possible because the fractional shares
     * are themselves a solution).
     */
    static int[][] apportion(int[][] byClass, int[] sizes, int total) {
        int classes = byClass.length;
        int[][] counts = new int[classes][3];
        double[][] frac = new double[classes][3];
        int[] classLeft = new int[classes];
        int[] splitLeft = sizes.clone();
        for (int c = 0; c < classes; c++) {
            int nc = byClass[c].length;
            int used = 0;
            for (int k = 0; k < 3; k++) {
                double share = (double) nc * sizes[k] / total;
                counts[c][k] = (int) Math.floor(share);
                frac[c][k] = share - counts[c][k];
                used += counts[c][k];
                splitLeft[k] -= counts[c][k];
            }
            classLeft[c] = nc - used;
        }
        Integer[] order = new Integer[classes];
        for (int c = 0; c < classes; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(classLeft[b], classLeft[a]));
        for (int c : order) {
            for (int r = 0; r < classLeft[c]; r++) {
                int best = -1;
                for (int k = 0; k < 3; k++) {
                    if (counts[c][k] > Math.floor((double) byClass[c].length * sizes[k] / total) || splitLeft[k] <= 0) {
                        continue; // this cell already got its extra sample, or the split is full
                    }
                    if (best < 0 || splitLeft[k] > splitLeft[best]
                            || (splitLeft[k] == splitLeft[best] && frac[c][k] > frac[c][best])) {
                        best = k;
                    }
                }
                if (best < 0) { // cannot happen (see above); fall back to any split with room
                    for (int k = 0; k < 3 && best < 0; k++) {
                        if (splitLeft[k] > 0) {
                            best = k;
                        }
                    }
                }
                counts[c][best]++;
                splitLeft[best]--;
            }
        }
        return counts;
    }

    private static int[][] groupByClass(int[] pool, int[] labels, int classes) {
        int[] sizes = new int[classes];
        for (int i : pool) {
            sizes[labels[i]]++;
        }
        int[][] out = new int[classes][];
        for (int c = 0; c < classes; c++) {
            out[c] = new int[sizes[c]];
        }
        int[] fill = new int[classes];
        for (int i : pool) {
            out[labels[i]][fill[labels[i]]++] = i;
        }
        return out;
    }

    static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

}
