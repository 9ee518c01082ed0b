package dev.trainbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.trainbench.model.BuiltModel;
import dev.trainbench.model.ReluProbes;
import dev.trainbench.runs.MetricColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * The one training step, used by the training loop, the sanity probes and the LR range test: in a
 * step-scoped manager, forward and backward inside the gradient collector; the gradient norms read
 * after backward and before the update (one {@code norm()} per parameter, stacked with the loss and
 * copied to the JVM once); optional global-norm clipping; the optimizer step; and on detail steps
 * the weight norms, update-to-weight ratios and dead-ReLU fractions (stacked and copied once more).
 *
 * <p>Gradients: every backward here is followed by {@code trainer.step()} in the same call, and the
 * PyTorch engine's SGD and Adam updates zero the gradient they applied, so the next backward starts
 * from zero (the engine itself never clears gradients between backward calls). A step that throws
 * between the two leaves gradients behind: its caller must abandon the trainer, as all callers do.
 *
 * <p>The results of the last step are read from this object (valid until the next step).
 */
final class TrainingStep {

    /** How much a step measures beyond the loss (and the correct count, for classes). */
    enum Measure {
        /** Loss and correct count; gradient norms only when clipping needs them (probes, LR range test). */
        LOSS,
        /** Plus the gradient norm of every parameter, per layer and in all (every step of a run). */
        NORMS,
        /** Plus weight norms, update-to-weight ratios and dead-ReLU fractions (every few steps of a run). */
        DETAIL
    }

    private final Trainer trainer;
    private final NDManager parent;
    private final Batches batches;
    private final Double clipNorm;
    private final boolean classification;
    private final ReluProbes relus;
    /** Parameters that learn, per layer with parameters (group), in model order. */
    private final Parameter[][] groups;
    private final int paramCount;
    /** The parameters in layer order, their ids, and their gradients once backward has made them. */
    private final Parameter[] parameters;
    private final String[] parameterIds;
    private final PtNDArray[] weights;
    private final PtNDArray[] grads;
    /**
     * Arrays that live as long as this step object (the model): the cached gradient wrappers and the
     * optimizer's state. A gradient wrapper stays valid across steps because the engine accumulates
     * into the same gradient tensor and the updates zero it in place; fetching a new wrapper per
     * parameter per step was a Java object graph of several hundred bytes each.
     */
    private final NDManager runScope;
    /** Null for RMSProp and Nesterov SGD, which step through DJL's trainer. */
    private final ParameterUpdates updates;
    private final PtNDArray[] scalars;
    private final PtNDArray[] measuredNorms;
    private PtNDArray backwardSeed;
    private Boolean lossIsFloatScalar;

    private float loss;
    private int correct;
    private int count;
    private boolean normsMeasured;
    private double totalSquared;
    private final float[] paramNorms;
    private final float[] layerSquared;
    private boolean detailMeasured;
    private final float[] weightNorms;
    private final float[] updateRatios;
    private final float[] deadFractions;

    TrainingStep(SpecTrainer st, Batches batches, Double clipNorm) {
        this.trainer = st.trainer;
        BuiltModel built = st.built;
        this.parent = trainer.getModel().getNDManager();
        this.runScope = parent.newSubManager();
        this.updates = st.updates;
        batches.keepFullBatchArrays(runScope);
        this.batches = batches;
        this.clipNorm = clipNorm;
        this.classification = batches.set().isClassification();
        this.relus = built.relus();
        List<Block> blocks = built.groups();
        this.groups = new Parameter[blocks.size()][];
        int n = 0;
        for (int g = 0; g < blocks.size(); g++) {
            List<Parameter> ps = new ArrayList<>();
            for (Parameter p : blocks.get(g).getParameters().values()) {
                if (p.requiresGradient()) {
                    ps.add(p);
                }
            }
            groups[g] = ps.toArray(new Parameter[0]);
            n += ps.size();
        }
        this.paramCount = n;
        this.parameters = new Parameter[n];
        this.parameterIds = new String[n];
        this.weights = new PtNDArray[n];
        int k = 0;
        for (Parameter[] ps : groups) {
            for (Parameter p : ps) {
                parameters[k] = p;
                parameterIds[k] = p.getId();
                k++;
            }
        }
        this.scalars = new PtNDArray[n + 1];
        this.measuredNorms = new PtNDArray[n];
        this.grads = new PtNDArray[paramCount];
        this.paramNorms = new float[paramCount];
        this.layerSquared = new float[groups.length];
        this.weightNorms = new float[groups.length];
        this.updateRatios = new float[groups.length];
        this.deadFractions = new float[groups.length];
    }

    /** One update on samples {@code order[start .. start+count)} (contiguous from start when order is null). */
    void run(int[] order, int start, int count, Measure measure) {
        this.count = count;
        boolean detail = measure == Measure.DETAIL;
        boolean norms = measure != Measure.LOSS || clipNorm != null;
        normsMeasured = norms;
        detailMeasured = false;
        try (NDManager sm = parent.newSubManager()) {
            NDArray input = batches.inputs(sm, order, start, count);
            NDArray label = batches.labels(sm, order, start, count);
            NDArray lossArray;
            NDArray pred;
            if (detail) {
                relus.arm();
            }
            try (GradientCollector gc = trainer.newGradientCollector()) {
                pred = trainer.forward(new NDList(input), new NDList(label)).singletonOrThrow();
                lossArray = trainer.getLoss().evaluate(new NDList(label), new NDList(pred));
                backward(gc, lossArray);
            } finally {
                relus.disarm();
            }
            // One norm per parameter (norm() is several times cheaper than square().sum() on
            // PyTorch), stacked with the loss and copied to the JVM once.
            PtNDArray scalarLoss = (PtNDArray) scalarLoss(lossArray);
            // Predicted classes come back as longs and are compared here: two native calls
            // instead of four for the correct count on the device.
            long[] predicted = classification ? pred.argMax(1).toLongArray() : null;
            fetchGradients(sm);
            float[] copied;
            if (norms) {
                scalars[0] = scalarLoss;
                try {
                    for (int k = 0; k < paramCount; k++) {
                        // born in the run scope (the gradient's manager): closed right after the copy
                        measuredNorms[k] = JniUtils.norm(grads[k], 2, NO_AXES, false);
                        scalars[k + 1] = measuredNorms[k];
                    }
                    // the stack belongs to the first array's manager: the step's
                    copied = JniUtils.stack(scalars, 0).toFloatArray();
                } finally {
                    for (int k = 0; k < paramCount; k++) {
                        if (measuredNorms[k] != null) {
                            measuredNorms[k].close();
                            measuredNorms[k] = null;
                        }
                    }
                    java.util.Arrays.fill(scalars, null);
                }
            } else {
                copied = scalarLoss.toFloatArray();
            }
            loss = copied[0];
            correct = classification ? batches.correct(predicted, order, start) : 0;
            if (norms) {
                readNorms(copied);
                double norm = Math.sqrt(totalSquared);
                if (clipNorm != null && norm > clipNorm) {
                    float scale = (float) (clipNorm / (norm + 1e-6));
                    for (int k = 0; k < paramCount; k++) {
                        grads[k].muli(scale);
                    }
                }
            }
            NDArray[] before = detail ? snapshot(sm) : null;
            if (updates != null) {
                updates.apply(weights, grads, parameterIds, runScope);
            } else {
                trainer.step();
            }
            if (detail) {
                measureDetail(sm, before);
            }
        } finally {
            if (detail) {
                relus.clear();
            }
        }
    }

    private static final int[] NO_AXES = new int[0];

    /**
     * Backward from the (scalar) loss. DJL's collector makes a fresh array of ones shaped like the
     * loss at every call (a JNI shape query, a shape object and a wrapper); the seed is the same
     * every step, so it is made once.
     */
    private void backward(GradientCollector gc, NDArray lossArray) {
        if (backwardSeed == null) {
            if (lossArray.getShape().dimension() != 0 || !(lossArray instanceof PtNDArray)) {
                gc.backward(lossArray);
                return;
            }
            backwardSeed = (PtNDArray) runScope.ones(lossArray.getShape(), lossArray.getDataType(), lossArray.getDevice());
        }
        JniUtils.backward((PtNDArray) lossArray, backwardSeed, false, false);
    }

    /**
     * The gradient of every parameter, as {@code getGradient()} gives it: the engine's gradient
     * tensor (fetched once and kept), or zeros for a parameter that got none this step.
     */
    private void fetchGradients(NDManager sm) {
        for (int k = 0; k < paramCount; k++) {
            PtNDArray w = (PtNDArray) parameters[k].getArray();
            if (w != weights[k]) {
                // first step, or the parameter's array was replaced: its gradient is another tensor
                weights[k] = w;
                if (grads[k] != null && grads[k].getManager() == runScope) {
                    grads[k].close();
                }
                grads[k] = null;
            }
            if (grads[k] == null || grads[k].getManager() != runScope) {
                PtNDArray g = JniUtils.getGradient(w);
                if (g == null) {
                    // no gradient yet: zeros for this step only, as DJL's getGradient() gives
                    grads[k] = (PtNDArray) sm.zeros(w.getShape(), w.getDataType(), w.getDevice());
                } else {
                    g.attach(runScope);
                    grads[k] = g;
                }
            }
        }
    }

    /** The loss as a float32 scalar (whether it already is one is asked once: the shape query costs a shape object). */
    private NDArray scalarLoss(NDArray loss) {
        if (lossIsFloatScalar == null) {
            lossIsFloatScalar = loss.getDataType() == DataType.FLOAT32 && loss.getShape().dimension() == 0;
        }
        if (lossIsFloatScalar) {
            return loss;
        }
        NDArray l = loss.getDataType() == DataType.FLOAT32 ? loss : loss.toType(DataType.FLOAT32, false);
        return l.getShape().dimension() == 0 ? l : l.reshape();
    }

    private void readNorms(float[] copied) {
        int k = 0;
        double total = 0;
        for (int g = 0; g < groups.length; g++) {
            double sq = 0;
            for (int j = 0; j < groups[g].length; j++) {
                float n = copied[1 + k];
                paramNorms[k++] = n;
                sq += (double) n * n;
            }
            layerSquared[g] = (float) sq;
            total += sq;
        }
        totalSquared = total;
    }

    private NDArray[] snapshot(NDManager sm) {
        NDArray[] copies = new NDArray[paramCount];
        int k = 0;
        for (Parameter[] ps : groups) {
            for (Parameter p : ps) {
                NDArray c = p.getArray().duplicate();
                c.attach(sm);
                copies[k++] = c;
            }
        }
        return copies;
    }

    /** Weight norms and update norms per parameter, then the ReLUs' alive fractions: one copy. */
    private void measureDetail(NDManager sm, NDArray[] before) {
        NDList sums = new NDList(2 * paramCount + relus.count());
        int k = 0;
        for (Parameter[] ps : groups) {
            for (Parameter p : ps) {
                NDArray w = p.getArray();
                // Results of operations on a parameter belong to the model's manager: attach each
                // one to the step's manager, or it lives as long as the model.
                NDArray wn = w.norm();
                wn.attach(sm);
                NDArray diff = w.sub(before[k++]);
                diff.attach(sm);
                sums.add(wn);
                sums.add(diff.norm());
            }
        }
        int measuredRelus = 0;
        for (int r = 0; r < relus.count(); r++) {
            if (relus.aliveFraction(r) != null && relus.group(r) >= 0) {
                sums.add(relus.aliveFraction(r));
                measuredRelus++;
            }
        }
        if (sums.isEmpty()) {
            return;
        }
        float[] host = NDArrays.stack(sums).toFloatArray();
        int i = 0;
        for (int g = 0; g < groups.length; g++) {
            double w2 = 0;
            double d2 = 0;
            for (int j = 0; j < groups[g].length; j++) {
                w2 += (double) host[i] * host[i];
                d2 += (double) host[i + 1] * host[i + 1];
                i += 2;
            }
            double w = Math.sqrt(w2);
            weightNorms[g] = (float) w;
            updateRatios[g] = (float) (w == 0 ? Double.NaN : Math.sqrt(d2) / w);
        }
        deadUnits(host, i, measuredRelus);
        detailMeasured = true;
    }

    /** Dead fraction per group: dead units over all units of the group's ReLUs; NaN for groups without one. */
    private void deadUnits(float[] host, int offset, int measured) {
        java.util.Arrays.fill(deadFractions, Float.NaN);
        if (measured == 0) {
            return;
        }
        double[] dead = new double[groups.length];
        long[] units = new long[groups.length];
        int i = offset;
        for (int r = 0; r < relus.count(); r++) {
            if (relus.aliveFraction(r) == null || relus.group(r) < 0) {
                continue;
            }
            int g = relus.group(r);
            long u = relus.units(r);
            dead[g] += (1.0 - host[i++]) * u;
            units[g] += u;
        }
        for (int g = 0; g < groups.length; g++) {
            if (units[g] > 0) {
                deadFractions[g] = (float) (dead[g] / units[g]);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Results of the last step

    float loss() {
        return loss;
    }

    /** Correctly classified samples of the batch; 0 for regression. */
    int correct() {
        return correct;
    }

    int count() {
        return count;
    }

    int layers() {
        return groups.length;
    }

    int parameterCount() {
        return paramCount;
    }

    /** Names of each layer's learning parameters, as DJL names them. */
    List<List<String>> parameterNames() {
        List<List<String>> out = new ArrayList<>();
        for (Parameter[] ps : groups) {
            List<String> names = new ArrayList<>();
            for (Parameter p : ps) {
                names.add(p.getName());
            }
            out.add(names);
        }
        return out;
    }

    /** Whether the last step measured gradient norms. */
    boolean normsMeasured() {
        return normsMeasured;
    }

    /** Global L2 norm of all gradients before clipping (NaN when not measured). */
    float gradNorm() {
        return normsMeasured ? (float) Math.sqrt(totalSquared) : Float.NaN;
    }

    /** Squared gradient norm of all parameters, exactly as summed (zero only when every gradient is zero). */
    double gradSquaredTotal() {
        return normsMeasured ? totalSquared : Double.NaN;
    }

    /** L2 norm of parameter {@code k}'s gradient, parameters in layer order. */
    float parameterGradNorm(int k) {
        return normsMeasured ? paramNorms[k] : Float.NaN;
    }

    float layerGradNorm(int g) {
        return normsMeasured ? (float) Math.sqrt(layerSquared[g]) : Float.NaN;
    }

    boolean detailMeasured() {
        return detailMeasured;
    }

    /** Fraction of the ReLU units after layer {@code g} dead on the whole batch; NaN without a ReLU or off detail steps. */
    float layerDeadFraction(int g) {
        return detailMeasured ? deadFractions[g] : Float.NaN;
    }

    /** ||update|| / ||weights|| of layer {@code g}; NaN off detail steps. */
    float layerUpdateRatio(int g) {
        return detailMeasured ? updateRatios[g] : Float.NaN;
    }

    /**
     * Writes what the last step measured into a step record ({@code m} already holds NaN in every
     * column, and the loop's own columns: step, epoch, learning rate, throughput).
     */
    void writeTo(StepMetrics m) {
        m.set(MetricColumns.Step.LOSS, loss);
        m.set(MetricColumns.Step.ACCURACY, classification ? (float) correct / count : Float.NaN);
        if (normsMeasured) {
            m.set(MetricColumns.Step.GRAD_NORM, gradNorm());
            for (int g = 0; g < groups.length; g++) {
                m.set(MetricColumns.Step.LAYER_GRAD_NORM, g, layerGradNorm(g));
            }
            m.setParameterGradNorms(paramNorms);
        }
        if (detailMeasured) {
            for (int g = 0; g < groups.length; g++) {
                m.set(MetricColumns.Step.LAYER_WEIGHT_NORM, g, weightNorms[g]);
                m.set(MetricColumns.Step.LAYER_UPDATE_RATIO, g, updateRatios[g]);
                m.set(MetricColumns.Step.LAYER_DEAD_FRACTION, g, deadFractions[g]);
            }
        }
        m.setDetail(detailMeasured);
    }
}
