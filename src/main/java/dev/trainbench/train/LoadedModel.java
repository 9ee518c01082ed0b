package dev.trainbench.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.trainbench.model.BlockFactory;
import dev.trainbench.model.BuiltModel;
import dev.trainbench.spec.ModelSpec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A network rebuilt from its spec with saved parameters loaded, for inference on the CPU: the one
 * way the final test and exported models load a checkpoint. The parameter file is checked against
 * the network (every parameter's shape, nothing left over), so parameters that belong to another
 * network are refused instead of giving wrong answers.
 */
final class LoadedModel implements AutoCloseable {
    private final Model model;
    private final BuiltModel built;
    private final ParameterStore store;

    private LoadedModel(Model model, BuiltModel built) {
        this.model = model;
        this.built = built;
        this.store = new ParameterStore(model.getNDManager(), false);
    }

    /**
     * Builds the network of {@code spec} for samples of {@code sampleShape} with {@code outputs}
     * outputs and loads the parameters from {@code params}; {@code what} names them in messages.
     */
    static LoadedModel load(ModelSpec spec, int[] sampleShape, int outputs, InputStream params, String what) {
        BuiltModel built = BlockFactory.build(spec, sampleShape, outputs);
        Model model = Model.newInstance("inference", Device.cpu(), "PyTorch");
        try {
            model.setBlock(built.block());
            NDManager manager = model.getNDManager();
            built.block().initialize(manager, DataType.FLOAT32, new Shape(Evaluation.batchShape(1, sampleShape)));
            List<Shape> expected = new ArrayList<>();
            for (Pair<String, Parameter> p : built.block().getParameters()) {
                expected.add(p.getValue().getShape());
            }
            DataInputStream in = new DataInputStream(params);
            built.block().loadParameters(manager, in);
            if (in.read() != -1) {
                throw new TrainingException(what + " hold more values than the network has parameters: they belong to"
                        + " another network");
            }
            int i = 0;
            for (Pair<String, Parameter> p : built.block().getParameters()) {
                Shape loaded = p.getValue().getArray().getShape();
                if (!loaded.equals(expected.get(i))) {
                    throw new TrainingException(what + " do not fit the network: parameter " + p.getKey() + " has shape "
                            + loaded + " where the network needs " + expected.get(i));
                }
                i++;
            }
            return new LoadedModel(model, built);
        } catch (IOException | MalformedModelException | RuntimeException | OutOfMemoryError e) {
            model.close();
            if (e instanceof TrainingException t) {
                throw t;
            }
            String why = e instanceof java.io.EOFException ? "they end early"
                    : e instanceof OutOfMemoryError ? "they declare more values than fit in memory"
                    : e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new TrainingException(what + " cannot be loaded into the network (" + why + "); they are damaged or"
                    + " belong to another network", e);
        }
    }

    NDManager manager() {
        return model.getNDManager();
    }

    /** The forward pass in inference mode (dropout off, batch norm on its running statistics). */
    NDList forward(NDList x) {
        return built.block().forward(store, x, false);
    }

    @Override
    public void close() {
        model.close();
    }
}
