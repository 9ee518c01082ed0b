package dev.trainbench.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecJsonTest {

    /** A minimal valid spec; tests splice one broken piece into it. */
    private static final String MINIMAL = """
            {
              "version": 1,
              "data": { "source": "sample", "name": "iris" },
              "model": { "layers": [ { "type": "dense", "units": 8 }, { "type": "relu" } ] },
              "training": { "epochs": 3 }
            }
            """;

    static Stream<Path> examples() throws IOException {
        Path dir = Path.of("examples");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no examples/*.json found from " + dir.toAbsolutePath());
        return files.stream();
    }

    private static SpecException fails(String json) {
        return assertThrows(SpecException.class, () -> SpecJson.parse(json));
    }

    private static void assertMentions(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message should contain '" + p + "': " + e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleSpecParses(Path file) {
        ExperimentSpec spec = SpecJson.read(file);
        assertNotNull(spec.data());
        assertFalse(spec.model().layers().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void writeThenParseGivesAnEqualSpec(Path file) {
        ExperimentSpec spec = SpecJson.read(file);
        assertEquals(spec, SpecJson.parse(SpecJson.write(spec)));
    }

    @Test
    void minimalSpecFillsDefaults() {
        ExperimentSpec spec = SpecJson.parse(MINIMAL);
        assertEquals(42L, spec.seed());
        assertEquals(SplitSpec.defaults(), spec.split());
        assertEquals(3, spec.training().epochs());
    }

    @Test
    void unknownFieldIsNamedWithItsSectionAndLine() {
        SpecException e = fails("""
                {
                  "data": { "source": "sample", "name": "iris" },
                  "model": { "layers": [] },
                  "training": {
                    "epochs": 3,
                    "epoch": 4
                  }
                }
                """);
        assertMentions(e, "unknown field \"epoch\"", "\"training\"", "line 6", "epochs");
    }

    @Test
    void unknownFieldInsideALayerNamesTheLayerPath() {
        SpecException e = fails("""
                {
                  "data": { "source": "sample", "name": "iris" },
                  "model": { "layers": [ { "type": "dense", "unit": 8 } ] }
                }
                """);
        assertMentions(e, "unknown field \"unit\"", "model.layers[0]", "line 3");
    }

    @Test
    void unknownFieldInsideAResidualBodyNamesTheNestedPath() {
        SpecException e = fails("""
                {
                  "data": { "source": "sample", "name": "iris" },
                  "model": { "layers": [ { "type": "residual", "body": [
                    { "type": "relu" },
                    { "type": "dense", "units": 8, "activation": "relu" } ] } ] }
                }
                """);
        assertMentions(e, "unknown field \"activation\"", "model.layers[0].body[1]", "line 5");
    }

    @Test
    void unknownTopLevelFieldIsRejected() {
        assertMentions(fails(MINIMAL.replace("\"version\": 1,", "\"version\": 1, \"sed\": 3,")),
                "unknown field \"sed\"", "the spec", "line 2");
    }

    @Test
    void classNamingFieldIsRejectedAsUnknownNotInstantiated() {
        SpecException e = fails("""
                {
                  "@class": "java.lang.ProcessBuilder",
                  "data": { "source": "sample", "name": "iris" },
                  "model": { "layers": [] }
                }
                """);
        assertMentions(e, "unknown field \"@class\"");
    }

    @Test
    void classNamingFieldInANestedSectionIsRejected() {
        SpecException e = fails("""
                {
                  "data": { "@class": "javax.script.ScriptEngineManager", "source": "sample", "name": "iris" },
                  "model": { "layers": [] }
                }
                """);
        assertMentions(e, "unknown field \"@class\"", "\"data\"");
    }

    @Test
    void typedArrayInsteadOfObjectIsRejected() {
        SpecException e = fails("""
                {
                  "data": [ "java.lang.ProcessBuilder", { "source": "sample", "name": "iris" } ],
                  "model": { "layers": [] }
                }
                """);
        assertMentions(e, "data");
    }

    @Test
    void stringForANumberNamesTheFieldPath() {
        SpecException e = fails(MINIMAL.replace("\"epochs\": 3", "\"epochs\": \"ten\""));
        assertMentions(e, "training.epochs", "wrong type", "number", "line 5");
    }

    @Test
    void quotedNumberIsRejectedLikeAnyOtherString() {
        SpecException e = fails(MINIMAL.replace("\"epochs\": 3", "\"epochs\": \"3\""));
        assertMentions(e, "training.epochs", "number");
    }

    @Test
    void fractionForAWholeNumberIsRejectedNotTruncated() {
        SpecException e = fails(MINIMAL.replace("\"epochs\": 3", "\"epochs\": 2.5"));
        assertMentions(e, "training.epochs");
    }

    @Test
    void objectForANumberNamesTheFieldPath() {
        SpecException e = fails(MINIMAL.replace("\"epochs\": 3", "\"epochs\": { \"n\": 3 }"));
        assertMentions(e, "training.epochs", "wrong type", "number");
    }

    @Test
    void unknownEnumValueListsTheAcceptedValues() {
        SpecException e = fails(MINIMAL.replace("\"epochs\": 3", "\"epochs\": 3, \"loss\": \"hinge\""));
        assertMentions(e, "training.loss", "\"hinge\"", "cross_entropy, l2, l1");
    }

    @Test
    void unknownLayerTypeListsTheLayerTypes() {
        SpecException e = fails(MINIMAL.replace("\"type\": \"relu\"", "\"type\": \"softplus\""));
        assertMentions(e, "model.layers[1].type", "\"softplus\"", "dense", "conv2d", "leakyrelu", "residual");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        SpecException e = fails("""
                {
                  "data": { "source": "sample", "name": "iris" }
                  "model": { "layers": [] }
                }
                """);
        assertMentions(e, "malformed JSON", "line 3", "column");
    }

    @Test
    void trailingGarbageIsMalformed() {
        assertMentions(fails(MINIMAL + "}"), "line");
    }

    @Test
    void duplicateFieldIsRejected() {
        assertMentions(fails(MINIMAL.replace("\"epochs\": 3", "\"epochs\": 3, \"epochs\": 4")), "epochs");
    }

    @Test
    void emptyInputSaysTheSpecIsEmpty() {
        assertMentions(fails(""), "empty");
    }

    @Test
    void blankInputSaysTheSpecIsEmpty() {
        assertMentions(fails("  \n\t "), "empty");
    }

    @Test
    void jsonNullIsRejectedRatherThanReturnedAsNoSpec() {
        assertMentions(fails("null"), "JSON null", "examples/");
    }

    @Test
    void missingDataSectionIsNamed() {
        SpecException e = fails("{ \"model\": { \"layers\": [] } }");
        assertMentions(e, "no \"data\" section");
    }

    @Test
    void missingModelSectionIsNamed() {
        SpecException e = fails("{ \"data\": { \"source\": \"sample\", \"name\": \"iris\" } }");
        assertMentions(e, "no \"model\" section");
    }

    @Test
    void missingLayersListIsNamed() {
        SpecException e = fails("{ \"data\": { \"source\": \"sample\", \"name\": \"iris\" }, \"model\": { } }");
        assertMentions(e, "model.layers is missing");
    }

    @Test
    void versionFromTheFutureIsRejectedWithAReason() {
        SpecException e = fails(MINIMAL.replace("\"version\": 1", "\"version\": 2"));
        assertMentions(e, "spec version 2 is not supported", "newer TrainBench");
    }

    @Test
    void readingAMissingFileNamesItsPath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        SpecException e = assertThrows(SpecException.class, () -> SpecJson.read(missing));
        assertMentions(e, "not found", "nope.json");
    }

    @Test
    void readingABrokenFilePrefixesTheFileName(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("broken.json"), MINIMAL.replace("\"epochs\": 3", "\"epochs\": \"x\""));
        SpecException e = assertThrows(SpecException.class, () -> SpecJson.read(file));
        assertMentions(e, "broken.json: ", "training.epochs");
    }

    @Test
    void recordValidationMessageComesThroughParsingWithItsLine() {
        SpecException e = fails(MINIMAL.replace("\"epochs\": 3", "\"epochs\": 0"));
        assertMentions(e, "training.epochs must be 1..100000, was 0", "line");
    }
}
