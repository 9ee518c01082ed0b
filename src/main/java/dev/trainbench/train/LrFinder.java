package dev.trainbench.train;

import ai.djl.training.tracker.Tracker;
import dev.trainbench.data.Dataset;
import dev.trainbench.data.EpochOrder;
import dev.trainbench.spec.ExperimentSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning-rate range test (T5, after fast.ai's {@code lr_find}): on a fresh copy of the
 * spec's model, raise the learning rate exponentially every step, record the loss, and stop once
 * the smoothed loss exceeds 4x its best. The run itself is untouched. Suggestions, all from the
 * curve before the loss blew up ({@link #beforeBlowUp}): "valley" (in the longest stretch where the
 * loss falls), "steep" (steepest descent of the smoothed loss against log LR) and "minimum/10".
 */
public final class LrFinder {

    /** Sweep settings; the defaults are fast.ai's. */
    public record Options(double startLr, double endLr, int steps, double smoothing, double divergeFactor) {
        public static Options defaults() {
            return new Options(1e-7, 10, 100, 0.98, 4);
        }
    }

    /** One step of the sweep. */
    public record Point(double learningRate, double loss, double smoothedLoss) {
    }

    /** The sweep and what it suggests (NaN when the sweep is too short to say). */
    public record Result(List<Point> points, double valley, double steep, double minimumOver10, boolean diverged) {
        /** The learning rate at which the sweep's loss diverged (its last point), NaN if it did not. */
        public double divergedAt() {
            return diverged && !points.isEmpty() ? points.get(points.size() - 1).learningRate() : Double.NaN;
        }

        /** What the sweep says about {@code specLearningRate}, in the diagnosis rules' words (null: nothing to say). */
        public String verdict(double specLearningRate) {
            return dev.trainbench.diagnose.SanityRules.rangeTest(specLearningRate, valley, divergedAt());
        }
    }

    private LrFinder() {
    }

    public static Result run(ExperimentSpec spec, Path baseDir, Options options) {
        PreparedData data = DataPreparation.prepare(spec, baseDir, w -> { });
        return sweep(spec, data.train(), options);
    }

    static Result sweep(ExperimentSpec spec, Dataset train, Options options) {
        int batch = Math.min(spec.training().batchSize(), train.size());
        double growth = Math.pow(options.endLr() / options.startLr(), 1.0 / Math.max(1, options.steps() - 1));
        double[] lr = {options.startLr()};
        Tracker tracker = n -> (float) lr[0];
        List<Point> points = new ArrayList<>();
        boolean diverged = false;
        try (SanityProbes.ProbeModel model = new SanityProbes.ProbeModel(spec, train, batch, tracker)) {
            int[] order = EpochOrder.order(train.size(), 1, true, spec.seed());
            int epoch = 1;
            int cursor = 0;
            double avg = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int step = 0; step < options.steps(); step++) {
                if (cursor + batch > order.length) {
                    order = EpochOrder.order(train.size(), ++epoch, true, spec.seed());
                    cursor = 0;
                }
                model.step(order, cursor, batch);
                cursor += batch;
                float loss = model.step.loss();
                if (!Float.isFinite(loss)) {
                    diverged = true;
                    break;
                }
                avg = options.smoothing() * avg + (1 - options.smoothing()) * loss;
                double smoothed = avg / (1 - Math.pow(options.smoothing(), step + 1));
                points.add(new Point(lr[0], loss, smoothed));
                best = Math.min(best, smoothed);
                if (step > 0 && smoothed > options.divergeFactor() * best) {
                    diverged = true;
                    break;
                }
                lr[0] *= growth;
            }
        }
        return suggest(points, options.divergeFactor(), diverged);
    }

    /** The suggestions of a sweep, from the part of it before the loss blew up; the result keeps every point. */
    static Result suggest(List<Point> points, double divergeFactor, boolean diverged) {
        List<Point> usable = beforeBlowUp(points, divergeFactor);
        return new Result(points, valley(usable), steep(usable), minimumOver10(usable), diverged);
    }

    /**
     * The descent the suggestions are taken from: the sweep up to its lowest smoothed loss, and never
     * past where the loss started to blow up. The blow-up is the first step whose loss passes the
     * divergence threshold ({@code divergeFactor} times the best smoothed loss so far); the steps of
     * rising loss that led into it belong to it, so the curve ends at the lowest loss before that
     * rise. Both cuts matter: the smoothed curve lags the loss by dozens of steps, so it can still
     * fall steeply after the loss has exploded, and after its own minimum any fall is the loss
     * recovering from an unstable stretch, not a rate to train with.
     */
    static List<Point> beforeBlowUp(List<Point> p, double divergeFactor) {
        int end = p.size() - 1;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < p.size(); i++) {
            if (i > 0 && p.get(i).loss() > divergeFactor * best) {
                int start = i;
                while (start > 0 && p.get(start - 1).loss() < p.get(start).loss()) {
                    start--;
                }
                end = start;
                break;
            }
            best = Math.min(best, p.get(i).smoothedLoss());
        }
        int lowest = 0;
        for (int i = 1; i <= end; i++) {
            if (p.get(i).smoothedLoss() < p.get(lowest).smoothedLoss()) {
                lowest = i;
            }
        }
        // keep one point past the lowest one so that the slope at the lowest point can be measured
        return p.isEmpty() ? p : p.subList(0, Math.min(end, lowest + 1) + 1);
    }

    /** fast.ai's "valley": the longest decreasing stretch of the smoothed loss, 1/2 of the way in. */
    static double valley(List<Point> p) {
        int n = p.size();
        if (n < 3) {
            return Double.NaN;
        }
        int[] lds = new int[n];
        java.util.Arrays.fill(lds, 1);
        int maxStart = 0;
        int maxEnd = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (p.get(i).smoothedLoss() < p.get(j).smoothedLoss() && lds[i] < lds[j] + 1) {
                    lds[i] = lds[j] + 1;
                }
            }
            if (lds[maxEnd] < lds[i]) {
                maxEnd = i;
                maxStart = maxEnd - lds[maxEnd];
            }
        }
        double sections = (maxEnd - maxStart) / 3.0;
        int idx = Math.min(n - 1, Math.max(0, maxStart + (int) sections + (int) (sections / 2)));
        return p.get(idx).learningRate();
    }

    /** Where the smoothed loss falls fastest per unit of log learning rate. */
    static double steep(List<Point> p) {
        if (p.size() < 3) {
            return Double.NaN;
        }
        double bestSlope = Double.POSITIVE_INFINITY;
        double at = Double.NaN;
        for (int i = 1; i < p.size() - 1; i++) {
            double slope = (p.get(i + 1).smoothedLoss() - p.get(i - 1).smoothedLoss())
                    / (Math.log(p.get(i + 1).learningRate()) - Math.log(p.get(i - 1).learningRate()));
            if (slope < bestSlope) {
                bestSlope = slope;
                at = p.get(i).learningRate();
            }
        }
        return at;
    }

    static double minimumOver10(List<Point> p) {
        return p.stream().min(java.util.Comparator.comparingDouble(Point::smoothedLoss))
                .map(q -> q.learningRate() / 10).orElse(Double.NaN);
    }
}
