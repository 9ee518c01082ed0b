package dev.trainbench.data;

import dev.trainbench.spec.AugmentationSpec;

import java.util.SplittableRandom;

/**
 * Random changes to training image batches (D7), in place, after preprocessing: a shift by up to
 * {@code shift} pixels, a horizontal flip with probability 0.5, a rotation by up to
 * {@code rotation} degrees (bilinear), then Gaussian noise of std {@code noise}. Pixels that come
 * from outside the image are filled with the sample's own minimum per channel, its background
 * after any preprocessing. Tables (sample shape of one dimension) are left unchanged.
 *
 * <p>One augmenter draws from one seeded stream: the same seed and the same sequence of batches
 * give the same result. Not thread-safe; use one per training thread.
 */
public final class Augmenter {

    private final AugmentationSpec spec;
    private final int[] shape;
    private final int sampleSize;
    private final SplittableRandom rnd;
    private float[] scratch;

    public Augmenter(AugmentationSpec spec, int[] sampleShape, long seed) {
        this.spec = spec == null ? AugmentationSpec.none() : spec;
        this.shape = sampleShape.clone();
        int size = 1;
        for (int s : sampleShape) {
            size *= s;
        }
        this.sampleSize = size;
        this.rnd = new SplittableRandom(seed ^ 0xA09E_667F_3BCC_908BL);
    }

    /** Whether batches are changed at all (an image shape and an enabled spec). */
    public boolean active() {
        return shape.length == 3 && spec.enabled();
    }

    /** Augments the first {@code count} samples of {@code batch} in place. */
    public void augmentBatch(float[] batch, int count) {
        if (!active()) {
            return;
        }
        if ((long) count * sampleSize > batch.length) {
            throw new IllegalArgumentException(count + " samples of " + sampleSize + " do not fit in " + batch.length + " values");
        }
        int c = shape[0];
        int h = shape[1];
        int w = shape[2];
        int plane = h * w;
        if (scratch == null) {
            scratch = new float[sampleSize];
        }
        for (int i = 0; i < count; i++) {
            int base = i * sampleSize;
            int dx = spec.shift() > 0 ? rnd.nextInt(-spec.shift(), spec.shift() + 1) : 0;
            int dy = spec.shift() > 0 ? rnd.nextInt(-spec.shift(), spec.shift() + 1) : 0;
            boolean flip = spec.flip() && rnd.nextBoolean();
            double angle = spec.rotation() > 0 ? Math.toRadians((rnd.nextDouble() * 2 - 1) * spec.rotation()) : 0;
            if (dx != 0 || dy != 0 || flip || angle != 0) {
                System.arraycopy(batch, base, scratch, 0, sampleSize);
                double cos = Math.cos(angle);
                double sin = Math.sin(angle);
                double cx = (w - 1) / 2.0;
                double cy = (h - 1) / 2.0;
                for (int ch = 0; ch < c; ch++) {
                    int off = ch * plane;
                    float fill = Float.POSITIVE_INFINITY;
                    for (int p = 0; p < plane; p++) {
                        fill = Math.min(fill, scratch[off + p]);
                    }
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            // Inverse map: output pixel -> source position (undo shift, rotation, flip).
                            double ux = x - dx - cx;
                            double uy = y - dy - cy;
                            double sx = cos * ux + sin * uy + cx;
                            double sy = -sin * ux + cos * uy + cy;
                            if (flip) {
                                sx = w - 1 - sx;
                            }
                            batch[base + off + y * w + x] = sample(scratch, off, w, h, sx, sy, fill);
                        }
                    }
                }
            }
            if (spec.noise() > 0) {
                for (int j = 0; j < sampleSize; j++) {
                    batch[base + j] += (float) (spec.noise() * ToyDatasets.gaussian(rnd));
                }
            }
        }
    }

    private static float sample(float[] src, int off, int w, int h, double sx, double sy, float fill) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        double v00 = at(src, off, w, h, x0, y0, fill);
        double v10 = at(src, off, w, h, x0 + 1, y0, fill);
        double v01 = at(src, off, w, h, x0, y0 + 1, fill);
        double v11 = at(src, off, w, h, x0 + 1, y0 + 1, fill);
        return (float) ((v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy);
    }

    private static float at(float[] src, int off, int w, int h, int x, int y, float fill) {
        return x < 0 || y < 0 || x >= w || y >= h ? fill : src[off + y * w + x];
    }
}
