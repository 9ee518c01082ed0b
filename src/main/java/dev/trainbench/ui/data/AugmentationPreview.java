package dev.trainbench.ui.data;

import dev.trainbench.data.Augmenter;
import dev.trainbench.data.DataProfile;
import dev.trainbench.data.Dataset;
import dev.trainbench.spec.AugmentationSpec;
import dev.trainbench.spec.Preprocessing;
import java.util.ArrayList;
import java.util.List;

/**
 * What augmentation does to a few training images (D7): each picked sample preprocessed the way
 * the spec says (with the data set's per-channel statistics), then several augmented copies drawn
 * by {@link Augmenter} from one seeded stream, so the same settings always give the same preview.
 * Pure data: the Data screen draws it.
 */
public final class AugmentationPreview {
    /** One picked sample: its original (preprocessed) pixels and its augmented versions. */
    public record Row(int index, String className, float[] original, List<float[]> versions) {
    }

    private AugmentationPreview() {
    }

    /**
     * {@code samples} images of different classes (the first of each class, then more), each with
     * {@code versions} augmented copies. Empty for tables.
     */
    public static List<Row> build(Dataset d, DataProfile profile, Preprocessing preprocessing, AugmentationSpec spec,
                                  int samples, int versions, long seed) {
        List<Row> rows = new ArrayList<>();
        if (d == null || !d.isImage() || d.size() == 0) {
            return rows;
        }
        int size = d.sampleSize();
        int[] shape = d.sampleShape();
        int[] picks = pick(d, samples);
        float[] x = d.features();
        Augmenter augmenter = new Augmenter(spec, shape, seed);
        float[] batch = new float[size * versions];
        for (int index : picks) {
            float[] original = new float[size];
            System.arraycopy(x, index * size, original, 0, size);
            preprocess(original, shape, profile, preprocessing);
            for (int v = 0; v < versions; v++) {
                System.arraycopy(original, 0, batch, v * size, size);
            }
            augmenter.augmentBatch(batch, versions);
            List<float[]> out = new ArrayList<>();
            for (int v = 0; v < versions; v++) {
                float[] copy = new float[size];
                System.arraycopy(batch, v * size, copy, 0, size);
                out.add(copy);
            }
            String name = d.classNames() != null && d.labels() != null && d.labels()[index] < d.classNames().size()
                    ? d.classNames().get(d.labels()[index]) : "";
            rows.add(new Row(index, name, original, out));
        }
        return rows;
    }

    private static int[] pick(Dataset d, int samples) {
        int n = Math.min(samples, d.size());
        int[] labels = d.labels();
        List<Integer> chosen = new ArrayList<>();
        if (labels != null) {
            boolean[] seen = new boolean[Math.max(1, d.numClasses())];
            for (int i = 0; i < d.size() && chosen.size() < n; i++) {
                int c = labels[i];
                if (c >= 0 && c < seen.length && !seen[c]) {
                    seen[c] = true;
                    chosen.add(i);
                }
            }
        }
        for (int i = 0; i < d.size() && chosen.size() < n; i++) {
            if (!chosen.contains(i)) {
                chosen.add(i);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Scales one sample per channel as training would (statistics of the whole set stand in for the training split's). */
    static void preprocess(float[] sample, int[] shape, DataProfile profile, Preprocessing p) {
        if (p == null || p == Preprocessing.NONE || profile == null || profile.featureStats() == null) {
            return;
        }
        int channels = shape[0];
        int plane = sample.length / channels;
        for (int c = 0; c < channels && c < profile.featureStats().size(); c++) {
            DataProfile.FeatureStats s = profile.featureStats().get(c);
            double shift;
            double scale;
            if (p == Preprocessing.STANDARDIZE) {
                shift = s.mean();
                scale = s.std() > 1e-12 ? s.std() : 1;
            } else {
                shift = s.min();
                scale = s.max() > s.min() ? s.max() - s.min() : 1;
            }
            for (int j = c * plane; j < (c + 1) * plane; j++) {
                sample[j] = (float) ((sample[j] - shift) / scale);
            }
        }
    }
}
