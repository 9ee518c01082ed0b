package dev.trainbench.diagnose;

import java.util.Arrays;

/**
 * The running summary of a run's metrics that the rules read: fed step by step while the run
 * trains (by the diagnosis listener) or row by row from its files afterwards, so that live and
 * after-the-fact diagnosis see the same numbers. Feeding a step costs a few arithmetic operations
 * per layer and allocates nothing; epochs grow small arrays.
 *
 * <p>Per step: {@link #beginStep}, then {@link #layer} for each layer with parameters (first to
 * last, the output layer last), then {@link #endStep}. Per epoch: {@link #epoch}.
 */
public final class RunEvidence {
    /** Steps the per-layer gradient means are taken over (as the Train view's ratio line). */
    public static final int WINDOW = 20;
    /** A loss above this many times the initial one has exploded. */
    public static final double EXPLODE_FACTOR = 10;
    /** Steps before the smoothed loss counts (it is only the first batches before). */
    static final int WARM_UP = 10;
    /** Weight of the past in the smoothed (log) loss and gradient norm. */
    private static final double BETA = 0.9;

    private final int layers;
    private long steps;
    private long lastStep = -1;
    private int lastEpoch;
    private double initialLoss = Double.NaN;
    private double lastLoss = Double.NaN;
    private double lastFiniteLoss = Double.NaN;
    private long nonFiniteStep = -1;
    private int nonFiniteEpoch;
    private double nonFiniteLr = Double.NaN;
    private double maxLoss = Double.NEGATIVE_INFINITY;
    private long maxLossStep = -1;
    private long explodedAt = -1;
    private int explodedEpoch;
    private double explodedLoss = Double.NaN;
    private double explodedLr = Double.NaN;
    private int lossSpikes;
    private long lastLossSpikeStep = -1;
    private double lastLossSpike = Double.NaN;
    private double logLossRaw;
    private double logLossWeight;
    private double bestSmoothed = Double.POSITIVE_INFINITY;
    private long bestSmoothedStep = -1;
    private double accRaw;
    private double accWeight;
    private double learningRate = Double.NaN;
    private double logGradRaw;
    private double logGradWeight;
    private long gradSteps;
    private int spikes;
    private double maxSpike;
    private long maxSpikeStep = -1;
    private double maxSpikeNorm = Double.NaN;
    private double typicalNorm = Double.NaN;
    private long firstNonFiniteGradStep = -1;
    private final double[] ring;
    private int ringCount;
    private int ringPos;
    private final double[] row;
    private long zeroHiddenRun;
    private long zeroHiddenSince = -1;
    private final double[] dead;
    private final double[] prevDead;
    private final double[] maxDead;
    private long deadStep = -1;
    private int details;
    private double gradNorm;
    private int epochs;
    private double[] eTrainLoss = new double[8];
    private double[] eTrainAcc = new double[8];
    private double[] eValLoss = new double[8];
    private double[] eValAcc = new double[8];
    private long[] eLastStep = new long[8];

    /** @param layers layers with parameters, the output layer included */
    public RunEvidence(int layers) {
        this.layers = layers;
        this.ring = new double[WINDOW * Math.max(1, layers)];
        this.row = new double[Math.max(1, layers)];
        this.dead = new double[Math.max(1, layers)];
        this.prevDead = new double[Math.max(1, layers)];
        this.maxDead = new double[Math.max(1, layers)];
        Arrays.fill(dead, Double.NaN);
        Arrays.fill(prevDead, Double.NaN);
        Arrays.fill(maxDead, Double.NaN);
        Arrays.fill(ring, Double.NaN);
    }

    // ------------------------------------------------------------------------------------------ feeding

    /** A step's whole-run numbers (accuracy NaN for regression; gradNorm before clipping). */
    public void beginStep(long step, int epoch, double loss, double accuracy, double lr, double gradNorm) {
        lastStep = step;
        lastEpoch = epoch;
        learningRate = lr;
        lastLoss = loss;
        this.gradNorm = gradNorm;
        Arrays.fill(row, Double.NaN);
        if (steps == 0) {
            initialLoss = loss;
        }
        steps++;
        if (!Double.isFinite(loss)) {
            if (nonFiniteStep < 0) {
                nonFiniteStep = step;
                nonFiniteEpoch = epoch;
                nonFiniteLr = lr;
            }
            return;
        }
        lastFiniteLoss = loss;
        if (loss > maxLoss) {
            maxLoss = loss;
            maxLossStep = step;
        }
        if (explodedAt < 0 && Double.isFinite(initialLoss) && loss > EXPLODE_FACTOR * initialLoss && loss > initialLoss + 1) {
            explodedAt = step;
            explodedEpoch = epoch;
            explodedLoss = loss;
            explodedLr = lr;
        }
        if (steps > WARM_UP && logLossWeight > 0 && loss > EXPLODE_FACTOR * smoothedLoss() && loss > initialLoss) {
            lossSpikes++;
            lastLossSpikeStep = step;
            lastLossSpike = loss;
        }
        logLossRaw = BETA * logLossRaw + (1 - BETA) * Math.log(loss + 1e-12);
        logLossWeight = BETA * logLossWeight + (1 - BETA);
        if (steps > WARM_UP) {
            double s = smoothedLoss();
            if (s < bestSmoothed) {
                bestSmoothed = s;
                bestSmoothedStep = step;
            }
        }
        if (!Double.isNaN(accuracy)) {
            accRaw = BETA * accRaw + (1 - BETA) * accuracy;
            accWeight = BETA * accWeight + (1 - BETA);
        }
        gradient(step, gradNorm);
    }

    private void gradient(long step, double g) {
        if (Double.isNaN(g)) {
            return;
        }
        if (!Double.isFinite(g)) {
            if (firstNonFiniteGradStep < 0) {
                firstNonFiniteGradStep = step;
            }
            return;
        }
        if (g <= 0) {
            return;
        }
        double lg = Math.log(g);
        if (gradSteps >= 3 && logGradWeight > 0) {
            double typical = logGradRaw / logGradWeight;
            double ratio = Math.exp(lg - typical);
            if (ratio >= ExplodingGradients.SPIKE_FACTOR) {
                spikes++;
                if (ratio > maxSpike) {
                    maxSpike = ratio;
                    maxSpikeStep = step;
                    maxSpikeNorm = g;
                    typicalNorm = Math.exp(typical);
                }
                // a spike moves the typical level only as far as the spike threshold
                lg = typical + Math.log(ExplodingGradients.SPIKE_FACTOR);
            }
        }
        logGradRaw = BETA * logGradRaw + (1 - BETA) * lg;
        logGradWeight = BETA * logGradWeight + (1 - BETA);
        gradSteps++;
    }

    /** Layer {@code l}'s gradient norm at this step, and its dead-ReLU fraction (NaN: not measured). */
    public void layer(int l, double gradNorm, double deadFraction) {
        if (l < 0 || l >= layers) {
            return;
        }
        row[l] = gradNorm;
        if (!Double.isNaN(deadFraction)) {
            if (deadStep != lastStep) {
                deadStep = lastStep;
                details++;
                System.arraycopy(dead, 0, prevDead, 0, dead.length);
                Arrays.fill(dead, Double.NaN);
            }
            dead[l] = deadFraction;
            maxDead[l] = Double.isNaN(maxDead[l]) ? deadFraction : Math.max(maxDead[l], deadFraction);
        }
    }

    /** Ends the step begun by {@link #beginStep}. */
    public void endStep() {
        if (layers == 0) {
            return;
        }
        System.arraycopy(row, 0, ring, ringPos * layers, layers);
        ringPos = (ringPos + 1) % WINDOW;
        ringCount = Math.min(WINDOW, ringCount + 1);
        boolean zero = layers > 1;
        for (int l = 0; l < layers - 1 && zero; l++) {
            zero = row[l] == 0;
        }
        if (zero) {
            if (zeroHiddenRun == 0) {
                zeroHiddenSince = lastStep;
            }
            zeroHiddenRun++;
        } else {
            zeroHiddenRun = 0;
        }
    }

    /** An epoch's row (validation NaN without a validation split; accuracy NaN for regression). */
    public void epoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy) {
        if (epochs == eTrainLoss.length) {
            int n = epochs * 2;
            eTrainLoss = Arrays.copyOf(eTrainLoss, n);
            eTrainAcc = Arrays.copyOf(eTrainAcc, n);
            eValLoss = Arrays.copyOf(eValLoss, n);
            eValAcc = Arrays.copyOf(eValAcc, n);
            eLastStep = Arrays.copyOf(eLastStep, n);
        }
        eTrainLoss[epochs] = trainLoss;
        eTrainAcc[epochs] = trainAccuracy;
        eValLoss[epochs] = validationLoss;
        eValAcc[epochs] = validationAccuracy;
        eLastStep[epochs] = lastStep;
        epochs++;
    }

    // ------------------------------------------------------------------------------------------ reading

    public int layers() {
        return layers;
    }

    /** Steps seen. */
    public long steps() {
        return steps;
    }

    public long lastStep() {
        return lastStep;
    }

    public int lastEpoch() {
        return lastEpoch;
    }

    /** The loss of the first step (before any update). */
    public double initialLoss() {
        return initialLoss;
    }

    public double lastLoss() {
        return lastLoss;
    }

    public double lastFiniteLoss() {
        return lastFiniteLoss;
    }

    /** First step whose loss was NaN or infinite, -1 if none. */
    public long nonFiniteStep() {
        return nonFiniteStep;
    }

    public int nonFiniteEpoch() {
        return nonFiniteEpoch;
    }

    public double nonFiniteLearningRate() {
        return nonFiniteLr;
    }

    public double maxLoss() {
        return maxLoss;
    }

    public long maxLossStep() {
        return maxLossStep;
    }

    /** First step whose loss went above {@value #EXPLODE_FACTOR}x the initial loss, -1 if none. */
    public long explodedAt() {
        return explodedAt;
    }

    public int explodedEpoch() {
        return explodedEpoch;
    }

    public double explodedLoss() {
        return explodedLoss;
    }

    public double explodedLearningRate() {
        return explodedLr;
    }

    /**
     * Steps after the warm-up whose loss jumped above {@value #EXPLODE_FACTOR}x the recent (smoothed)
     * loss and above the initial loss: blow-ups in the middle of training.
     */
    public int lossSpikes() {
        return lossSpikes;
    }

    public long lastLossSpikeStep() {
        return lastLossSpikeStep;
    }

    public double lastLossSpike() {
        return lastLossSpike;
    }

    /** The recent loss: a debiased moving geometric mean over about ten steps (a single spike barely moves it). */
    public double smoothedLoss() {
        return logLossWeight == 0 ? Double.NaN : Math.exp(logLossRaw / logLossWeight);
    }

    /** The lowest {@link #smoothedLoss()} after the first {@value #WARM_UP} steps; infinite before. */
    public double bestSmoothedLoss() {
        return bestSmoothed;
    }

    public long bestSmoothedStep() {
        return bestSmoothedStep;
    }

    /** The recent batch accuracy (moving mean); NaN for regression. */
    public double recentAccuracy() {
        return accWeight == 0 ? Double.NaN : accRaw / accWeight;
    }

    public double learningRate() {
        return learningRate;
    }

    /** The last step's global gradient norm (before clipping). */
    public double gradNorm() {
        return gradNorm;
    }

    /** The typical gradient norm lately (moving geometric mean, spikes capped). */
    public double typicalGradNorm() {
        return logGradWeight == 0 ? Double.NaN : Math.exp(logGradRaw / logGradWeight);
    }

    /** Steps whose gradient norm was at least {@link ExplodingGradients#SPIKE_FACTOR}x the typical one. */
    public int gradientSpikes() {
        return spikes;
    }

    public double maxSpikeFactor() {
        return maxSpike;
    }

    public long maxSpikeStep() {
        return maxSpikeStep;
    }

    public double maxSpikeNorm() {
        return maxSpikeNorm;
    }

    /** The typical norm just before the largest spike. */
    public double normBeforeMaxSpike() {
        return typicalNorm;
    }

    public long firstNonFiniteGradStep() {
        return firstNonFiniteGradStep;
    }

    /** Layer {@code l}'s mean gradient norm over the last {@value #WINDOW} steps with data; NaN without. */
    public double recentGradNorm(int l) {
        if (l < 0 || l >= layers) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (int k = 0; k < ringCount; k++) {
            double v = ring[k * layers + l];
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Steps in the per-layer window so far. */
    public int windowSteps() {
        return ringCount;
    }

    /** Consecutive latest steps on which every layer but the output one got exactly zero gradient. */
    public long zeroHiddenGradientSteps() {
        return zeroHiddenRun;
    }

    /** First step of that run of zero gradients, -1 if none. */
    public long zeroHiddenGradientSince() {
        return zeroHiddenSince;
    }

    /** Layer {@code l}'s dead-ReLU fraction at the latest measurement (NaN: no ReLU behind it, or not measured yet). */
    public double deadFraction(int l) {
        return l < 0 || l >= layers ? Double.NaN : dead[l];
    }

    /** The same at the measurement before the latest. */
    public double previousDeadFraction(int l) {
        return l < 0 || l >= layers ? Double.NaN : prevDead[l];
    }

    /** Measurements of the dead fractions so far. */
    public int deadMeasurements() {
        return details;
    }

    /** The step of the latest dead-fraction measurement, -1 if none. */
    public long deadStep() {
        return deadStep;
    }

    public int epochs() {
        return epochs;
    }

    /** Epoch {@code i} (from 0) train loss. */
    public double trainLoss(int i) {
        return eTrainLoss[i];
    }

    public double trainAccuracy(int i) {
        return eTrainAcc[i];
    }

    public double validationLoss(int i) {
        return eValLoss[i];
    }

    public double validationAccuracy(int i) {
        return eValAcc[i];
    }

    /** The last step of epoch {@code i}. */
    public long epochLastStep(int i) {
        return eLastStep[i];
    }
}
