package dev.trainbench.data;

import dev.trainbench.spec.SplitSpec;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spiral's default noise is chosen so that a small MLP separates it (the product's bar is 95%
 * validation accuracy). Checked here with a plain-Java 2-64-3 ReLU MLP trained by full-batch Adam,
 * so that the data package can verify its own default without DJL.
 */
class ToySpiralLearnabilityTest {

    @Test
    void smallMlpReachesOver95PercentValidationAccuracyOnTheDefaultSpiral() {
        Dataset d = ToyDatasets.generate("spiral", ToyDatasets.DEFAULT_SAMPLES, ToyDatasets.defaultNoise("spiral"), 3, 42);
        SplitIndices s = Splitter.split(d, SplitSpec.defaults(), 42);
        Mlp m = new Mlp(2, 64, 3, 7);
        Dataset train = d.select(s.train(), "train");
        for (int step = 0; step < 1500; step++) {
            m.step(train.features(), train.labels(), 0.02);
        }
        Dataset val = d.select(s.validation(), "val");
        double acc = m.accuracy(val.features(), val.labels());
        assertTrue(acc > 0.95, "validation accuracy " + acc);
    }

    /** Just enough of an MLP: one hidden ReLU layer, softmax cross-entropy, Adam. */
    static final class Mlp {
        final int in;
        final int hid;
        final int out;
        final double[] p;
        final double[] m;
        final double[] v;
        int t;

        Mlp(int in, int hid, int out, long seed) {
            this.in = in;
            this.hid = hid;
            this.out = out;
            int size = in * hid + hid + hid * out + out;
            p = new double[size];
            m = new double[size];
            v = new double[size];
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < in * hid; i++) {
                p[i] = ToyDatasets.gaussian(r) * Math.sqrt(2.0 / in);
            }
            for (int i = 0; i < hid * out; i++) {
                p[in * hid + hid + i] = ToyDatasets.gaussian(r) * Math.sqrt(1.0 / hid);
            }
        }

        private int w2() {
            return in * hid + hid;
        }

        private double[] forward(float[] x, int i, double[] h) {
            for (int j = 0; j < hid; j++) {
                double a = p[in * hid + j];
                for (int k = 0; k < in; k++) {
                    a += x[i * in + k] * p[k * hid + j];
                }
                h[j] = Math.max(0, a);
            }
            double[] z = new double[out];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < out; c++) {
                double a = p[w2() + hid * out + c];
                for (int j = 0; j < hid; j++) {
                    a += h[j] * p[w2() + j * out + c];
                }
                z[c] = a;
                max = Math.max(max, a);
            }
            double sum = 0;
            for (int c = 0; c < out; c++) {
                z[c] = Math.exp(z[c] - max);
                sum += z[c];
            }
            for (int c = 0; c < out; c++) {
                z[c] /= sum;
            }
            return z;
        }

        void step(float[] x, int[] y, double lr) {
            int n = y.length;
            double[] g = new double[p.length];
            double[] h = new double[hid];
            for (int i = 0; i < n; i++) {
                double[] z = forward(x, i, h);
                z[y[i]] -= 1;
                double[] dh = new double[hid];
                for (int c = 0; c < out; c++) {
                    double dz = z[c] / n;
                    g[w2() + hid * out + c] += dz;
                    for (int j = 0; j < hid; j++) {
                        g[w2() + j * out + c] += h[j] * dz;
                        dh[j] += p[w2() + j * out + c] * dz;
                    }
                }
                for (int j = 0; j < hid; j++) {
                    if (h[j] <= 0) {
                        continue;
                    }
                    g[in * hid + j] += dh[j];
                    for (int k = 0; k < in; k++) {
                        g[k * hid + j] += x[i * in + k] * dh[j];
                    }
                }
            }
            t++;
            for (int k = 0; k < p.length; k++) {
                m[k] = 0.9 * m[k] + 0.1 * g[k];
                v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k];
                double mh = m[k] / (1 - Math.pow(0.9, t));
                double vh = v[k] / (1 - Math.pow(0.999, t));
                p[k] -= lr * mh / (Math.sqrt(vh) + 1e-8);
            }
        }

        double accuracy(float[] x, int[] y) {
            int right = 0;
            double[] h = new double[hid];
            for (int i = 0; i < y.length; i++) {
                double[] z = forward(x, i, h);
                int best = 0;
                for (int c = 1; c < out; c++) {
                    if (z[c] > z[best]) {
                        best = c;
                    }
                }
                right += best == y[i] ? 1 : 0;
            }
            return (double) right / y.length;
        }
    }
}
