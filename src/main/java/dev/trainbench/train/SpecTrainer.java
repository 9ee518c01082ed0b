package dev.trainbench.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.tracker.Tracker;
import dev.trainbench.model.BlockFactory;
import dev.trainbench.model.BuiltModel;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.TrainingSpec;

/**
 * A fresh model built from a spec with its DJL trainer, seeded and initialized exactly as a run
 * is: the one place that does it, for the training loop, the LR range test and the sanity probes.
 */
final class SpecTrainer implements AutoCloseable {
    final Model model;
    final Trainer trainer;
    final BuiltModel built;
    final Device device;
    /** The optimizer's step without DJL's per-call wrappers; null where only DJL's trainer can step. */
    final ParameterUpdates updates;

    private SpecTrainer(Model model, Trainer trainer, BuiltModel built, Device device, ParameterUpdates updates) {
        this.model = model;
        this.trainer = trainer;
        this.built = built;
        this.device = device;
        this.updates = updates;
    }

    /** The learning rate comes from {@code tracker}; everything else from the spec. */
    static SpecTrainer open(ExperimentSpec spec, int[] sampleShape, int outputs, Tracker tracker, String name) {
        TrainingSpec training = spec.training();
        Device device = device(training);
        MemoryCheck.requireFits(spec, sampleShape, outputs, 0);
        Engine.getEngine("PyTorch").setRandomSeed(spec.seed().intValue());
        BuiltModel built = BlockFactory.build(spec.model(), sampleShape, outputs);
        Model model = Model.newInstance(name, device, "PyTorch");
        Trainer trainer = null;
        try {
            model.setBlock(built.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(DjlFactories.loss(training.loss()))
                    .optOptimizer(DjlFactories.optimizer(training.optimizer(), tracker))
                    .optDevices(new Device[] {device});
            Initializer init = BlockFactory.initializer(spec.model().init());
            if (init != null) {
                config.optInitializer(init, Parameter.Type.WEIGHT);
            }
            trainer = model.newTrainer(config);
            Initializer outputInit = BlockFactory.outputInitializer(spec.model().init());
            if (outputInit != null) {
                // After the trainer applied the spec's initializer to every weight, before initialize().
                built.groups().get(built.groups().size() - 1).setInitializer(outputInit, Parameter.Type.WEIGHT);
            }
            trainer.initialize(new Shape(Evaluation.batchShape(1, sampleShape)));
            DjlFactories.skipDjlGradientCheck(trainer);
            return new SpecTrainer(model, trainer, built, device,
                    ParameterUpdates.forSpec(training.optimizer(), tracker));
        } catch (RuntimeException e) {
            if (trainer != null) {
                trainer.close();
            }
            model.close();
            throw e;
        }
    }

    /** The spec's device; a GPU only when the engine has one (DJL would silently fall back to CPU). */
    static Device device(TrainingSpec training) {
        if (training.device() == TrainingSpec.Device.GPU) {
            if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
                throw new TrainingException("the spec asks for a GPU, but the PyTorch engine finds none (this build"
                        + " ships the CPU libtorch; see README 'GPU'); set training.device to cpu or run with --device cpu");
            }
            return Device.gpu();
        }
        return Device.cpu();
    }

    static String deviceName(Device device) {
        return device.isGpu() ? "gpu" + device.getDeviceId() : "cpu";
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
