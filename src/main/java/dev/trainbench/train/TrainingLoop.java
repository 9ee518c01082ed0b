package dev.trainbench.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.trainbench.data.EpochOrder;
import dev.trainbench.runs.MetricColumns;
import dev.trainbench.runs.MetricLayout;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.TrainingSpec;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run, start to end, on the calling thread: epochs of seeded batches, one {@link TrainingStep}
 * per batch, validation at every epoch end, pause and stop between steps. Everything else (history,
 * CSV files, checkpoints, early stopping, sanity checks, the NaN guard, the run record, events,
 * decision-boundary snapshots, and the caller's own listeners) hangs on it as a
 * {@link TrainingListener}, in the order of {@link TrainingListeners#standard}.
 */
public final class TrainingLoop {

    /**
     * Knobs that change what is measured, not what is learned.
     *
     * @param detailEvery            weight norms, update ratios and dead-ReLU fractions every this many steps
     * @param boundaryIntervalMillis at most one decision-boundary snapshot per this many milliseconds
     * @param evalBatchSize          batch size of validation
     */
    public record Options(int detailEvery, long boundaryIntervalMillis, int evalBatchSize) {
        public Options {
            if (detailEvery < 1 || evalBatchSize < 1) {
                throw new IllegalArgumentException("detailEvery and evalBatchSize must be >= 1");
            }
        }

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
    private final List<TrainingListener> extra;
    private final TrainingSpec training;
    private final int outputs;
    private final int[] sampleShape;
    private HistoryRecorder historyRecorder;

    /** A run with the standard listeners. */
    public TrainingLoop(ExperimentSpec spec, PreparedData data, RunFolder folder, RunControl control,
                        Consumer<TrainingEvent> events, Options options) {
        this(spec, data, folder, control, events, options, List.of());
    }

    /** A run with the standard listeners and {@code extra} ones, placed as {@link TrainingListeners#standard} says. */
    public TrainingLoop(ExperimentSpec spec, PreparedData data, RunFolder folder, RunControl control,
                        Consumer<TrainingEvent> events, Options options, List<TrainingListener> extra) {
        this.spec = spec;
        this.data = data;
        this.folder = folder;
        this.control = control;
        this.events = events;
        this.options = options;
        this.extra = List.copyOf(extra);
        this.training = spec.training();
        this.outputs = data.train().outputWidth();
        this.sampleShape = data.train().sampleShape();
        if (training.loss() == TrainingSpec.Loss.CROSS_ENTROPY && !data.train().isClassification()) {
            throw crossEntropyOnRegression();
        }
    }

    static TrainingException crossEntropyOnRegression() {
        return new TrainingException("cross_entropy needs class labels, but this data set is a regression;"
                + " set training.loss to l2 or l1");
    }

    /** The history charts read; available once {@link TrainingEvent.RunStarted} was sent. */
    public MetricsHistory history() {
        return historyRecorder == null ? null : historyRecorder.history();
    }

    /** Trains to the end (or a stop, divergence or early stop) and returns the final record. */
    public RunRecord run(Consumer<MetricsHistory> onHistory) throws InterruptedException {
        List<TrainingListener> listeners = TrainingListeners.standard(onHistory, extra);
        historyRecorder = (HistoryRecorder) listeners.stream().filter(l -> l instanceof HistoryRecorder)
                .findFirst().orElseThrow();
        return run(listeners);
    }

    /** Trains with exactly these listeners (tests of one listener's job). */
    RunRecord run(List<TrainingListener> listeners) throws InterruptedException {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        int batch = Math.min(training.batchSize(), data.train().size());
        long stepsPerEpoch = (data.train().size() + batch - 1) / batch;
        LearningRateSchedule schedule = new LearningRateSchedule(training.optimizer(), training.schedule(),
                stepsPerEpoch, training.epochs());
        ScheduleTracker tracker = new ScheduleTracker(schedule);
        try (SpecTrainer st = SpecTrainer.open(spec, sampleShape, outputs, tracker, spec.name())) {
            Batches batches = new Batches(data.train(), batch, training.loss(), outputs, data.augment());
            TrainingStep step = new TrainingStep(st.trainer, st.built, batches, training.clipNorm());
            RunContext run = new RunContext(spec, data, folder, events, options, st.built.groupNames(),
                    step.parameterNames(), SpecTrainer.deviceName(st.device), countTrainable(st.built.block()), batch,
                    stepsPerEpoch, started, startedAt, st.trainer, st.built);
            Batches validation = data.validation() == null || data.validation().size() == 0 ? null
                    : new Batches(data.validation(), Math.min(options.evalBatchSize(), data.validation().size()),
                            training.loss(), outputs, null);
            return new Epochs(run, listeners.toArray(new TrainingListener[0]), tracker, step, validation).runAll();
        }
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

    /** The epochs of one run: the loop proper. */
    private final class Epochs {
        private final RunContext run;
        private final TrainingListener[] listeners;
        private final ScheduleTracker tracker;
        private final TrainingStep step;
        private final Batches validation;
        private final StepMetrics metrics;
        private final Runnable onPause;
        private final Runnable onResume;

        Epochs(RunContext run, TrainingListener[] listeners, ScheduleTracker tracker, TrainingStep step,
               Batches validation) {
            this.run = run;
            this.listeners = listeners;
            this.tracker = tracker;
            this.step = step;
            this.validation = validation;
            this.metrics = new StepMetrics(MetricLayout.steps(run.layerNames()), step.parameterCount());
            this.onPause = () -> statusChanged(RunStatus.PAUSED);
            this.onResume = () -> statusChanged(RunStatus.RUNNING);
        }

        RunRecord runAll() throws InterruptedException {
            for (TrainingListener l : listeners) {
                l.onRunStart(run);
            }
            RunStatus status = RunStatus.COMPLETED;
            String message = null;
            int batch = run.batchSize();
            int detailEvery = options.detailEvery();
            long index = 0;
            outer:
            for (int epoch = 1; epoch <= training.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                int[] order = EpochOrder.order(data.train().size(), epoch, spec.split().shuffle(), spec.seed());
                double lossSum = 0;
                long correct = 0;
                long seen = 0;
                for (int start = 0; start < order.length; start += batch) {
                    if (!control.awaitRunnable(onPause, onResume)) {
                        status = RunStatus.STOPPED;
                        message = "stopped by the user after " + index + " steps";
                        break outer;
                    }
                    int count = Math.min(batch, order.length - start);
                    long t0 = System.nanoTime();
                    tracker.setStep(index);
                    float lr = tracker.current();
                    step.run(order, start, count,
                            index % detailEvery == 0 ? TrainingStep.Measure.DETAIL : TrainingStep.Measure.NORMS);
                    float seconds = (System.nanoTime() - t0) / 1e9f;
                    metrics.clear();
                    metrics.setStep(index, epoch, lr, count / Math.max(seconds, 1e-9f));
                    step.writeTo(metrics);
                    for (TrainingListener l : listeners) {
                        l.onStep(metrics);
                    }
                    run.stepDone();
                    index++;
                    if (run.stopRequested()) {
                        status = run.stopStatus();
                        message = run.stopMessage();
                        break outer;
                    }
                    lossSum += step.loss() * count;
                    correct += step.correct();
                    seen += count;
                }
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                EpochMetrics em = finishEpoch(epoch, lossSum / seen,
                        data.train().isClassification() ? (double) correct / seen : Double.NaN, seconds, seen);
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(em);
                }
                if (run.stopRequested()) {
                    status = run.stopStatus();
                    message = run.stopMessage();
                    break;
                }
            }
            for (TrainingListener l : listeners) {
                l.onRunEnd(status, message);
            }
            return folder.record();
        }

        private void statusChanged(RunStatus s) {
            for (TrainingListener l : listeners) {
                l.onStatusChanged(s);
            }
        }

        /** Validation, and the epoch's row. */
        private EpochMetrics finishEpoch(int epoch, double trainLoss, double trainAcc, double seconds, long seen) {
            double[] val = validation == null ? null : Evaluation.evaluate(run.trainer(), validation, data.targetScaler());
            return EpochMetrics.builder()
                    .set(MetricColumns.Epoch.EPOCH, epoch)
                    .set(MetricColumns.Epoch.TRAIN_LOSS, trainLoss)
                    .set(MetricColumns.Epoch.TRAIN_ACCURACY, trainAcc)
                    .set(MetricColumns.Epoch.VALIDATION_LOSS, val == null ? Double.NaN : val[0])
                    .set(MetricColumns.Epoch.VALIDATION_ACCURACY, val == null ? Double.NaN : val[1])
                    .set(MetricColumns.Epoch.SECONDS, seconds)
                    .set(MetricColumns.Epoch.LEARNING_RATE, tracker.current())
                    .set(MetricColumns.Epoch.SAMPLES_PER_SECOND, (float) (seen / seconds))
                    .set(MetricColumns.Epoch.VALIDATION_RMSE, val == null ? Double.NaN : val[2])
                    .set(MetricColumns.Epoch.VALIDATION_MAE, val == null ? Double.NaN : val[3])
                    .set(MetricColumns.Epoch.VALIDATION_R2, val == null ? Double.NaN : val[4])
                    .build();
        }
    }
}
