package dev.trainbench.train.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.trainbench.data.Dataset;
import dev.trainbench.data.EpochOrder;
import dev.trainbench.model.BlockFactory;
import dev.trainbench.model.BuiltModel;
import dev.trainbench.spec.ExperimentSpec;
import ai.djl.ndarray.types.DataType;
import dev.trainbench.train.DirectFloats;

/**
 * The baseline for the overhead bar: the plainest correct DJL training loop over the same model,
 * data, batches and optimizer as TrainBench, with no metrics at all (not even the loss is copied
 * to the JVM).
 */
final class BareDjlLoop {

    private BareDjlLoop() {
    }

    /** Wall-clock and trainer-thread CPU throughput, measured from the end of the first step to the last. */
    record Rates(double wall, double cpu) {
    }

    /** Called after the first step (the measurement starts) and after the last (it ends), on the loop's thread. */
    interface Marks {
        void mark(boolean end, long steps, long samples);
    }

    /** Trains {@code epochs} epochs and returns samples per second over them. */
    static Rates samplesPerSecond(ExperimentSpec spec, Dataset train, int epochs) {
        return samplesPerSecond(spec, train, epochs, (end, steps, samples) -> { });
    }

    /** The same, telling {@code marks} when the measured part starts and ends. */
    static Rates samplesPerSecond(ExperimentSpec spec, Dataset train, int epochs, Marks marks) {
        Engine.getEngine("PyTorch").setRandomSeed(spec.seed().intValue());
        int[] shape = train.sampleShape();
        BuiltModel built = BlockFactory.build(spec.model(), shape, train.outputWidth());
        int batch = spec.training().batchSize();
        int size = train.sampleSize();
        try (Model model = Model.newInstance("bare", Device.cpu(), "PyTorch")) {
            model.setBlock(built.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(
                            Tracker.fixed(spec.training().optimizer().learningRate().floatValue())).build())
                    .optDevices(new Device[] {Device.cpu()});
            var init = BlockFactory.initializer(spec.model().init());
            if (init != null) {
                config.optInitializer(init, Parameter.Type.WEIGHT);
            }
            try (Trainer trainer = model.newTrainer(config)) {
                long[] inShape = new long[shape.length + 1];
                inShape[0] = 1;
                for (int i = 0; i < shape.length; i++) {
                    inShape[i + 1] = shape[i];
                }
                trainer.initialize(new Shape(inShape));
                // The same input path as TrainBench's loop, so that only the metrics differ.
                DirectFloats direct = new DirectFloats(batch * size);
                long samples = 0;
                long steps = 0;
                long start = 0;
                long cpuStart = 0;
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    int[] order = EpochOrder.order(train.size(), epoch, true, spec.seed());
                    for (int s = 0; s < order.length; s += batch) {
                        int count = Math.min(batch, order.length - s);
                        long[] y = new long[count];
                        for (int i = 0; i < count; i++) {
                            y[i] = train.labels()[order[s + i]];
                        }
                        try (NDManager sm = model.getNDManager().newSubManager()) {
                            inShape[0] = count;
                            NDArray input = sm.create(direct.gather(train.features(), size, order, s, count),
                                    new Shape(inShape), DataType.FLOAT32);
                            NDArray label = sm.create(y);
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDList pred = trainer.forward(new NDList(input), new NDList(label));
                                gc.backward(trainer.getLoss().evaluate(new NDList(label), pred));
                            }
                            trainer.step();
                        }
                        if (start == 0) {
                            marks.mark(false, 0, 0);
                            start = System.nanoTime();
                            cpuStart = threads.getCurrentThreadCpuTime();
                        } else {
                            samples += count;
                            steps++;
                        }
                    }
                }
                marks.mark(true, steps, samples);
                return new Rates(samples / ((System.nanoTime() - start) / 1e9),
                        samples / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9));
            }
        }
    }
}
