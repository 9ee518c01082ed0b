package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.trainbench.data.Dataset;
import dev.trainbench.model.BlockFactory;
import dev.trainbench.model.BuiltModel;
import dev.trainbench.model.Presets;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.SpecJson;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkpoints written by {@link ParameterWriter} are byte for byte what DJL's own
 * {@code Block.saveParameters} writes for the same weights, for every preset and every example spec,
 * save after save while the weights change, and load back through DJL.
 */
class ParameterWriterTest {

    @TempDir
    Path dir;

    static Stream<Arguments> presets() {
        return Presets.all().stream().map(p -> Arguments.of(p.name(), p.model(), new int[] {1, 28, 28}, 10));
    }

    /** Every spec under examples/ (the lessons too), with the shapes of its own data. */
    static Stream<Arguments> examples() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("examples"))) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        List<Arguments> out = new ArrayList<>();
        for (Path f : files) {
            ExperimentSpec spec;
            try {
                spec = SpecJson.read(f);
            } catch (RuntimeException notASpec) {
                continue; // lessons.json: an index of lessons, not a spec
            }
            Dataset train = DataPreparation.prepare(spec, f.getParent(), w -> { }).train();
            out.add(Arguments.of(f.toString(), spec.model(), train.sampleShape(), train.outputWidth()));
        }
        assertTrue(out.size() >= 8, "examples found: " + out.size());
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void presetCheckpointsAreDjlsBytes(String name, ModelSpec model, int[] input, int outputs) throws Exception {
        assertSameBytesAsDjl(model, input, outputs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleCheckpointsAreDjlsBytes(String name, ModelSpec model, int[] input, int outputs) throws Exception {
        assertSameBytesAsDjl(model, input, outputs);
    }

    private void assertSameBytesAsDjl(ModelSpec model, int[] input, int outputs) throws Exception {
        BuiltModel built = BlockFactory.build(model, input, outputs);
        Block block = built.block();
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(Evaluation.batchShape(1, input)));
            ParameterWriter writer = new ParameterWriter(block);
            byte[] ours = null;
            for (int round = 0; round < 4; round++) {
                if (round > 0) {
                    change(block, round);
                }
                ours = write(writer);
                assertArrayEquals(djl(block), ours, "save " + (round + 1));
            }
            assertTrue(writer.streaming(), "later saves must stream the data, not go through DJL's encoder");
            assertEquals(1, writer.djlSaves());

            // The last file loads through DJL (with the checks of Checkpoints) into a fresh model.
            Path file = dir.resolve("w.params");
            Files.write(file, ours);
            BuiltModel fresh = BlockFactory.build(model, input, outputs);
            fresh.block().initialize(manager, DataType.FLOAT32, new Shape(Evaluation.batchShape(1, input)));
            Checkpoints.load(fresh.block(), manager, file, "run", "w.params");
            ai.djl.nn.ParameterList was = block.getParameters();
            ai.djl.nn.ParameterList now = fresh.block().getParameters();
            assertEquals(was.size(), now.size());
            for (int i = 0; i < was.size(); i++) {
                assertArrayEquals(was.get(i).getValue().getArray().toFloatArray(), now.get(i).getValue().getArray().toFloatArray(),
                        was.get(i).getKey());
            }
        }
    }

    /** Changes every parameter in place, as a training step does (and differently for each). */
    private static void change(Block block, int round) {
        int i = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            p.getValue().getArray().muli(0.9f + 0.01f * i).addi(0.001f * (round + 1) + 0.0001f * i);
            i++;
        }
    }

    private static byte[] write(ParameterWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out);
        return out.toByteArray();
    }

    private static byte[] djl(Block block) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        block.saveParameters(new DataOutputStream(out));
        return out.toByteArray();
    }
}
