package dev.trainbench.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.trainbench.data.Dataset;
import dev.trainbench.data.EpochOrder;
import dev.trainbench.model.BuiltModel;
import dev.trainbench.runs.RunFiles;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.TrainingSpec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run, start to end, on the calling thread. Every array made in a step lives in a step-scoped
 * {@link NDManager} closed with the step, so native memory does not grow with the step count.
 * Per step, the loss, the correct count and each layer's squared gradient norm are stacked on the
 * device and copied to the JVM once.
 */
public final class TrainingLoop {

    /** Knobs that change what is measured, not what is learned. */
    public record Options(int detailEvery, long boundaryIntervalMillis, int evalBatchSize) {
        public static Options defaults() {
            return new Options(25, 250, 512);
        }
    }

    private final ExperimentSpec spec;
    private final PreparedData data;
    private final RunFolder folder;
    private final RunControl control;
    private final Consumer<TrainingEvent> events;
    private final Options options;
    private final TrainingSpec training;
    private final boolean classification;
    private final int outputs;
    private final int[] sampleShape;
    private MetricsHistory history;
    /** Arrays owned by the model's manager at each epoch end: constant unless something leaks into it. */
    private final List<Integer> modelArraysPerEpoch = new ArrayList<>();

    public TrainingLoop(ExperimentSpec spec, PreparedData data, RunFolder folder, RunControl control,
                        Consumer<TrainingEvent> events, Options options) {
        this.spec = spec;
        this.data = data;
        this.folder = folder;
        this.control = control;
        this.events = events;
        this.options = options;
        this.training = spec.training();
        this.classification = data.train().isClassification();
        this.outputs = data.train().outputWidth();
        this.sampleShape = data.train().sampleShape();
        if (training.loss() == TrainingSpec.Loss.CROSS_ENTROPY && !classification) {
            throw crossEntropyOnRegression();
        }
    }

    static TrainingException crossEntropyOnRegression() {
        return new TrainingException("cross_entropy needs class labels, but this data set is a regression;"
                + " set training.loss to l2 or l1");
    }

    List<Integer> modelArraysPerEpoch() {
        return List.copyOf(modelArraysPerEpoch);
    }

    /** The history charts read; available once {@link TrainingEvent.RunStarted} was sent. */
    public MetricsHistory history() {
        return history;
    }

    /** Trains to the end (or a stop, divergence or early stop) and returns the final record. */
    public RunRecord run(Consumer<MetricsHistory> onHistory) throws IOException, InterruptedException {
        long started = System.nanoTime();
        RunRecord.Builder rec = folder.record().toBuilder().status(RunStatus.RUNNING).startedAt(Instant.now().toString());
        int batch = Math.min(training.batchSize(), data.train().size());
        long stepsPerEpoch = (data.train().size() + batch - 1) / batch;
        LearningRateSchedule schedule = new LearningRateSchedule(training.optimizer(), training.schedule(),
                stepsPerEpoch, training.epochs());
        ScheduleTracker tracker = new ScheduleTracker(schedule);
        try (SpecTrainer st = SpecTrainer.open(spec, sampleShape, outputs, tracker, spec.name())) {
            BuiltModel built = st.built;
            String device = SpecTrainer.deviceName(st.device);
            rec.device(device);
            history = new MetricsHistory(built.groupNames());
            onHistory.accept(history);
            long params = countTrainable(built.block());
            rec.parameterCount(params);
            folder.update(rec.build());
            folder.openLogs(stepColumns(built.groupNames()), EPOCH_COLUMNS);
            events.accept(new TrainingEvent.RunStarted(folder.id(), spec.name(), built.groupNames(), device,
                    stepsPerEpoch * training.epochs(), params));
            events.accept(new TrainingEvent.StatusChanged(folder.id(), RunStatus.RUNNING));
            return new Epochs(st.model, st.trainer, built, tracker, batch, stepsPerEpoch, rec, started).runAll();
        }
    }

    static final List<String> EPOCH_COLUMNS = List.of("epoch", "train_loss", "train_accuracy", "validation_loss",
            "validation_accuracy", "seconds", "learning_rate", "samples_per_second");

    static List<String> stepColumns(List<String> layers) {
        List<String> cols = new ArrayList<>(List.of("step", "epoch", "loss", "accuracy", "learning_rate", "grad_norm",
                "samples_per_second"));
        layers.forEach(l -> cols.add("grad_norm[" + l + "]"));
        layers.forEach(l -> cols.add("weight_norm[" + l + "]"));
        layers.forEach(l -> cols.add("update_ratio[" + l + "]"));
        return cols;
    }

    private static long countTrainable(Block block) {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                n += p.getArray().getShape().size();
            }
        }
        return n;
    }


    /** The epoch loop's state, so that the step code reads as a sequence. */
    private final class Epochs {
        private final Model model;
        private final Trainer trainer;
        private final BuiltModel built;
        private final ScheduleTracker tracker;
        private final int batch;
        private final long stepsPerEpoch;
        private final RunRecord.Builder rec;
        private final long started;
        private final List<List<Parameter>> groupParams = new ArrayList<>();
        private final int paramCount;
        private final float[] xBuf;
        /**
         * Handing DJL a float[] makes it allocate a fresh direct buffer per step, freed only when
         * the garbage collector happens to run: resident memory then climbs by a batch per step
         * between collections. One reused direct buffer keeps it flat.
         */
        private final DirectFloats inputBuffer;
        private final int sampleSize;
        private long step;
        private long lastBoundary;
        private double bestLoss = Double.POSITIVE_INFINITY;
        private int bestEpoch = -1;
        private Double bestAccuracy;
        private int epochsWithoutImprovement;
        private double trainedSamples;
        private double trainedSeconds;
        private final List<String> sanity = new ArrayList<>();

        Epochs(Model model, Trainer trainer, BuiltModel built, ScheduleTracker tracker,
               int batch, long stepsPerEpoch, RunRecord.Builder rec, long started) {
            this.model = model;
            this.trainer = trainer;
            this.built = built;
            this.tracker = tracker;
            this.batch = batch;
            this.stepsPerEpoch = stepsPerEpoch;
            this.rec = rec;
            this.started = started;
            this.sampleSize = data.train().sampleSize();
            this.xBuf = new float[batch * sampleSize];
            this.inputBuffer = new DirectFloats(batch * sampleSize);
            for (Block g : built.groups()) {
                List<Parameter> ps = new ArrayList<>();
                for (Parameter p : g.getParameters().values()) {
                    if (p.requiresGradient()) {
                        ps.add(p);
                    }
                }
                groupParams.add(ps);
            }
            this.paramCount = groupParams.stream().mapToInt(List::size).sum();
        }

        private NDArray scalarLoss(NDArray loss) {
            NDArray l = loss.getDataType() == DataType.FLOAT32 ? loss : loss.toType(DataType.FLOAT32, false);
            return l.getShape().dimension() == 0 ? l : l.reshape();
        }

        RunRecord runAll() throws IOException, InterruptedException {
            RunStatus status = RunStatus.COMPLETED;
            String message = null;
            int epoch = 0;
            try {
                outer:
                for (epoch = 1; epoch <= training.epochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    int[] order = EpochOrder.order(data.train().size(), epoch, spec.split().shuffle(), spec.seed());
                    double lossSum = 0;
                    long correct = 0;
                    long seen = 0;
                    for (int start = 0; start < order.length; start += batch) {
                        if (!control.awaitRunnable(
                                () -> statusChange(RunStatus.PAUSED), () -> statusChange(RunStatus.RUNNING))) {
                            status = RunStatus.STOPPED;
                            message = "stopped by the user after " + step + " steps";
                            break outer;
                        }
                        int count = Math.min(batch, order.length - start);
                        float[] stats = trainStep(order, start, count, epoch);
                        if (!Float.isFinite(stats[0])) {
                            status = RunStatus.DIVERGED;
                            message = "the loss became " + stats[0] + " at step " + step + " (epoch " + epoch + ") with"
                                    + " learning rate " + tracker.current() + ": the learning rate is probably too high;"
                                    + " divide it by 10, or run the LR range test, or add gradient clipping";
                            break outer;
                        }
                        lossSum += stats[0] * count;
                        correct += (long) stats[1];
                        seen += count;
                    }
                    double seconds = (System.nanoTime() - epochStart) / 1e9;
                    if (finishEpoch(epoch, lossSum / seen, classification ? (double) correct / seen : Double.NaN, seconds, seen)) {
                        status = RunStatus.EARLY_STOPPED;
                        message = "validation loss did not improve for " + training.earlyStopping().patience()
                                + " epochs; best was epoch " + bestEpoch;
                        break;
                    }
                }
            } finally {
                rec.sanity(sanity).stepsCompleted(step).endedAt(Instant.now().toString())
                        .wallSeconds((System.nanoTime() - started) / 1e9);
            }
            rec.status(status).message(message);
            if (status != RunStatus.DIVERGED) {
                java.util.Map<String, RunFiles.Writer> weights = new java.util.LinkedHashMap<>();
                weights.put("last", weights());
                if (bestEpoch < 0) {
                    weights.put("best", weights());
                }
                folder.saveCheckpoints(rec.build(), weights);
            } else {
                folder.update(rec.build());
            }
            return folder.record();
        }

        private void statusChange(RunStatus s) {
            folder.update(rec.status(s).build());
            events.accept(new TrainingEvent.StatusChanged(folder.id(), s));
        }

        /** Returns {loss, correct count}. */
        private float[] trainStep(int[] order, int start, int count, int epoch) throws IOException {
            long t0 = System.nanoTime();
            tracker.setStep(step);
            float lr = tracker.current();
            boolean detail = step % options.detailEvery() == 0;
            boolean first = step == 0;
            Dataset train = data.train();
            float[] x = count == batch ? xBuf : new float[count * sampleSize];
            float[] feats = train.features();
            for (int i = 0; i < count; i++) {
                System.arraycopy(feats, order[start + i] * sampleSize, x, i * sampleSize, sampleSize);
            }
            if (data.augment() != null) {
                data.augment().apply(x, count);
            }
            int groups = groupParams.size();
            float[] host;
            float[] perParamFirst = null;
            float[] weightStats = null;
            try (NDManager sm = model.getNDManager().newSubManager()) {
                NDArray input = sm.create(inputBuffer.fill(x, count * sampleSize), new Shape(Evaluation.batchShape(count, sampleShape)),
                        DataType.FLOAT32);
                NDArray label = labels(sm, order, start, count);
                NDArray loss;
                NDArray pred;
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    pred = trainer.forward(new NDList(input), new NDList(label)).singletonOrThrow();
                    loss = trainer.getLoss().evaluate(new NDList(label), new NDList(pred));
                    gc.backward(loss);
                }
                // One norm per parameter (norm() is several times cheaper than square().sum() on
                // PyTorch), stacked with the loss and the correct count and copied to the JVM once.
                NDList scalars = new NDList(paramCount + 1);
                scalars.add(scalarLoss(loss));
                // Predicted classes come back as longs and are compared here: two native calls
                // instead of four for the correct count on the device.
                long[] predicted = classification ? pred.argMax(1).toLongArray() : null;
                List<NDArray> grads = new ArrayList<>(paramCount);
                for (List<Parameter> ps : groupParams) {
                    for (Parameter p : ps) {
                        NDArray g = p.getArray().getGradient();
                        g.attach(sm);
                        grads.add(g);
                        scalars.add(g.norm());
                    }
                }
                float[] copied = NDArrays.stack(scalars).toFloatArray();
                host = new float[groups + 2];
                host[0] = copied[0];
                host[1] = classification ? correctCount(predicted, order, start) : 0;
                float[] perParamSq = new float[paramCount];
                int k = 0;
                double total = 0;
                for (int g = 0; g < groups; g++) {
                    double sq = 0;
                    for (int j = 0; j < groupParams.get(g).size(); j++) {
                        float n = copied[1 + k];
                        perParamSq[k++] = n * n;
                        sq += (double) n * n;
                    }
                    host[2 + g] = (float) sq;
                    total += sq;
                }
                if (first) {
                    perParamFirst = perParamSq;
                }
                double norm = Math.sqrt(total);
                if (training.clipNorm() != null && norm > training.clipNorm()) {
                    float scale = (float) (training.clipNorm() / (norm + 1e-6));
                    grads.forEach(g -> g.muli(scale));
                }
                if (first) {
                    firstStepChecks(host[0], perParamFirst);
                }
                if (total == 0 && first) {
                    throw new TrainingException("every gradient is exactly zero on the first batch, so nothing can learn;"
                            + " with zero initialization all units are identical and pass no gradient: use he or xavier"
                            + " initialization (model.init)");
                }
                List<List<NDArray>> before = detail ? snapshot(sm) : null;
                trainer.step();
                if (before != null) {
                    weightStats = updateStats(before);
                }
                float[] layerNorms = new float[groups];
                for (int g = 0; g < groups; g++) {
                    layerNorms[g] = (float) Math.sqrt(host[2 + g]);
                }
                float seconds = (System.nanoTime() - t0) / 1e9f;
                float[] wn = weightStats == null ? null : java.util.Arrays.copyOfRange(weightStats, 0, groups);
                float[] ur = weightStats == null ? null : java.util.Arrays.copyOfRange(weightStats, groups, 2 * groups);
                StepMetrics m = new StepMetrics(step, epoch, host[0], classification ? host[1] / count : Float.NaN, lr,
                        (float) norm, count / Math.max(seconds, 1e-9f), layerNorms, wn, ur);
                record(m);
                maybeBoundary(false);
            }
            step++;
            return new float[] {host[0], host[1]};
        }

        private NDArray labels(NDManager sm, int[] order, int start, int count) {
            return Evaluation.labels(sm, data.train(), count, i -> order[start + i], training.loss(), outputs);
        }

        private int correctCount(long[] predicted, int[] order, int start) {
            int[] labels = data.train().labels();
            int correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == labels[order[start + i]]) {
                    correct++;
                }
            }
            return correct;
        }

        private List<List<NDArray>> snapshot(NDManager sm) {
            List<List<NDArray>> out = new ArrayList<>();
            for (List<Parameter> ps : groupParams) {
                List<NDArray> copies = new ArrayList<>();
                for (Parameter p : ps) {
                    NDArray c = p.getArray().duplicate();
                    c.attach(sm);
                    copies.add(c);
                }
                out.add(copies);
            }
            return out;
        }

        /** Weight norms then update-to-weight ratios, one value per group, copied once. */
        private float[] updateStats(List<List<NDArray>> before) {
            NDList sums = new NDList();
            NDManager sm = before.stream().flatMap(List::stream).findFirst().map(NDArray::getManager).orElse(null);
            for (int g = 0; g < groupParams.size(); g++) {
                List<Parameter> ps = groupParams.get(g);
                for (int i = 0; i < ps.size(); i++) {
                    NDArray w = ps.get(i).getArray();
                    // Results of operations on a parameter belong to the model's manager: attach each
                    // one to the step's manager, or it lives as long as the model.
                    NDArray wn = w.norm();
                    wn.attach(sm);
                    NDArray diff = w.sub(before.get(g).get(i));
                    diff.attach(sm);
                    NDArray dn = diff.norm();
                    sums.add(wn);
                    sums.add(dn);
                }
            }
            if (sums.isEmpty()) {
                return null;
            }
            float[] host = NDArrays.stack(sums).toFloatArray();
            int groups = groupParams.size();
            float[] out = new float[2 * groups];
            int k = 0;
            for (int g = 0; g < groups; g++) {
                double w2 = 0;
                double d2 = 0;
                for (int i = 0; i < groupParams.get(g).size(); i++) {
                    w2 += (double) host[k] * host[k];
                    d2 += (double) host[k + 1] * host[k + 1];
                    k += 2;
                }
                double w = Math.sqrt(w2);
                out[g] = (float) w;
                out[groups + g] = (float) (w == 0 ? Double.NaN : Math.sqrt(d2) / w);
            }
            return out;
        }

        private void firstStepChecks(float initialLoss, float[] perParam) {
            sanity.addAll(SanityChecks.firstBatch(training.loss(), outputs, classification, initialLoss,
                    built.groupNames(), groupParams.stream().map(ps -> ps.stream().map(Parameter::getName).toList()).toList(),
                    perParam));
            events.accept(new TrainingEvent.SanityChecked(folder.id(), List.copyOf(sanity)));
            folder.update(rec.sanity(sanity).build());
        }

        private void record(StepMetrics m) throws IOException {
            history.append(m);
            int groups = m.layerGradNorms().length;
            double[] row = new double[7 + 3 * groups];
            row[0] = m.step();
            row[1] = m.epoch();
            row[2] = m.loss();
            row[3] = m.accuracy();
            row[4] = m.learningRate();
            row[5] = m.gradNorm();
            row[6] = m.samplesPerSecond();
            for (int g = 0; g < groups; g++) {
                row[7 + g] = m.layerGradNorms()[g];
                row[7 + groups + g] = m.layerWeightNorms() == null ? Double.NaN : m.layerWeightNorms()[g];
                row[7 + 2 * groups + g] = m.layerUpdateRatios() == null ? Double.NaN : m.layerUpdateRatios()[g];
            }
            folder.appendStep(row);
            events.accept(new TrainingEvent.StepsAvailable(folder.id(), history.size()));
        }

        /** Returns true when early stopping ends the run. */
        private boolean finishEpoch(int epoch, double trainLoss, double trainAcc, double seconds, long seen)
                throws IOException {
            if (model.getNDManager() instanceof ai.djl.ndarray.BaseNDManager base) {
                modelArraysPerEpoch.add(base.getManagedArrays().size());
            }
            double[] val = Evaluation.evaluate(trainer, data.validation(), options.evalBatchSize(), training.loss(), outputs);
            double valLoss = val == null ? Double.NaN : val[0];
            double valAcc = val == null ? Double.NaN : val[1];
            EpochMetrics em = new EpochMetrics(epoch, (float) trainLoss, (float) trainAcc, (float) valLoss, (float) valAcc,
                    seconds, tracker.current(), (float) (seen / seconds));
            history.addEpoch(em);
            // the run's rate: every sample trained over the training time of every epoch (validation excluded)
            trainedSamples += seen;
            trainedSeconds += seconds;
            folder.appendEpoch(new double[] {epoch, trainLoss, trainAcc, valLoss, valAcc, seconds, em.learningRate(),
                    em.samplesPerSecond()});
            double monitored = Double.isNaN(valLoss) ? trainLoss : valLoss;
            double minDelta = training.earlyStopping() == null ? 0 : training.earlyStopping().minDelta();
            boolean improved = monitored < bestLoss - minDelta;
            if (improved) {
                bestLoss = monitored;
                bestEpoch = epoch;
                bestAccuracy = Double.isNaN(valAcc) ? null : valAcc;
                epochsWithoutImprovement = 0;
            } else {
                epochsWithoutImprovement++;
            }
            rec.epochsCompleted(epoch).stepsCompleted(step).lastTrainLoss(trainLoss)
                    .lastTrainAccuracy(Double.isNaN(trainAcc) ? null : trainAcc)
                    .bestEpoch(bestEpoch).bestValidationLoss(Double.isNaN(valLoss) ? null : bestLoss)
                    .bestValidationAccuracy(bestAccuracy)
                    .samplesPerSecond(trainedSeconds == 0 ? null : trainedSamples / trainedSeconds)
                    .wallSeconds((System.nanoTime() - started) / 1e9);
            if (improved) {
                // the weights and the record naming their epoch are saved as one (RunFolder#saveCheckpoints)
                folder.saveCheckpoints(rec.build(), java.util.Map.of("best", weights()));
            } else {
                folder.update(rec.build());
            }
            events.accept(new TrainingEvent.EpochEnded(folder.id(), em));
            maybeBoundary(true);
            return training.earlyStopping() != null && epochsWithoutImprovement >= training.earlyStopping().patience();
        }

        private void maybeBoundary(boolean force) {
            if (data.rawTrain() == null || sampleShape.length != 1 || sampleShape[0] != 2 || !classification) {
                return;
            }
            long now = System.currentTimeMillis();
            if (!force && now - lastBoundary < options.boundaryIntervalMillis()) {
                return;
            }
            lastBoundary = now;
            events.accept(new TrainingEvent.BoundarySnapshot(folder.id(),
                    Evaluation.decisionGrid(trainer, data.rawTrain(), data.preprocess(), 64, step)));
        }

        private RunFiles.Writer weights() {
            return out -> built.block().saveParameters(new DataOutputStream(out));
        }
    }
}
