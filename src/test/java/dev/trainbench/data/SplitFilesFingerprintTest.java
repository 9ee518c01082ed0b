package dev.trainbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.spec.SplitSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data fingerprint covers the separate validation and test files, the class names file and the CSV options. */
class SplitFilesFingerprintTest {

    @TempDir
    Path dir;

    static ExperimentSpec spec(DataSpec data) {
        return new ExperimentSpec(null, "f", 1L, data, SplitSpec.defaultsFor(data.validation() != null, data.test() != null),
                null, null, new ModelSpec(null, List.of(), null), null);
    }

    @Test
    void aChangedTestFileChangesTheFingerprintAndIsNamedAsTheTestSplits() throws Exception {
        Files.writeString(dir.resolve("train.csv"), "a,b\n1,x\n2,y\n");
        Files.writeString(dir.resolve("test.csv"), "a,b\n3,x\n");
        ExperimentSpec s = spec(DataSpec.csv("train.csv", null).withTest(DataSpec.files("test.csv", null)));
        DataFingerprint before = DataFingerprinter.of(s, dir);
        assertTrue(before.sources().stream().anyMatch(src -> src.role().equals("test data")
                && src.location().endsWith("test.csv")), before.sources().toString());
        Files.writeString(dir.resolve("test.csv"), "a,b\n4,x\n");
        DataFingerprint after = DataFingerprinter.of(s, dir);
        assertNotEquals(before.hash(), after.hash());
    }

    @Test
    void csvOptionsAreSettingsOnlyWhenSetSoOlderSpecsKeepTheirFingerprint() throws Exception {
        Files.writeString(dir.resolve("train.csv"), "# note\na,b\n1,x\n2,y\n");
        DataFingerprint plain = DataFingerprinter.of(spec(DataSpec.csv("train.csv", null)), dir);
        DataFingerprint skipping = DataFingerprinter.of(spec(DataSpec.csv("train.csv", null).withSkipLines(1)), dir);
        assertEquals(false, plain.settings().containsKey("data.skipLines"));
        assertEquals("1", skipping.settings().get("data.skipLines"));
        assertNotEquals(plain.hash(), skipping.hash());
    }
}
