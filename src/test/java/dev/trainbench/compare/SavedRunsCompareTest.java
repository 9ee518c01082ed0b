package dev.trainbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.data.DataFingerprint;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs saved by earlier versions (src/test/resources/runs/) still compare. */
class SavedRunsCompareTest {

    static final String BEFORE_FINGERPRINTS = "20240305-101500-iris-tiny-mlp-a1b2";
    static final String GROUP_MEMBER = "20261202-052452-spiral-base-fe3b";

    @TempDir
    Path workspace;

    private void install(String id) throws IOException {
        Path dir = workspace.resolve("runs").resolve(id);
        Files.createDirectories(dir);
        for (String f : List.of("run.json", "epochs.csv")) {
            try (InputStream in = getClass().getResourceAsStream("/runs/" + id + "/" + f)) {
                assertTrue(in != null, "missing fixture /runs/" + id + "/" + f);
                Files.copy(in, dir.resolve(f));
            }
        }
    }

    @Test
    void aSavedRunKeepsItsFingerprintAndGroup() throws IOException {
        install(GROUP_MEMBER);
        RunRecord r = new RunStore(workspace).load(GROUP_MEMBER);
        assertEquals("g-20261202-052449-spiral-base-ff93", r.groupId());
        assertEquals(0, r.groupIndex());
        assertEquals(3, r.groupSize());
        DataFingerprint fp = r.dataFingerprint();
        assertEquals("77b154a09a2a", fp.shortHash());
        assertEquals("generated", fp.sources().get(0).kind());
        assertEquals("600", fp.sources().get(0).parameters().get("samples"));
        assertEquals("3", fp.settings().get("seed"));
    }

    @Test
    void aRunFromBeforeFingerprintsComparesWithDataIdentityUnknown() throws IOException {
        install(BEFORE_FINGERPRINTS);
        install(GROUP_MEMBER);
        RunStore store = new RunStore(workspace);
        Comparison c = Comparison.of(store, Comparison.resolve(store, List.of(BEFORE_FINGERPRINTS, GROUP_MEMBER)));
        assertEquals(Comparison.DataStatus.UNKNOWN, c.dataIdentity().status());
        String s = c.dataIdentity().statements().get(0);
        assertTrue(s.contains("data identity unknown (iris-tiny-mlp was recorded before TrainBench stored a data fingerprint)"), s);
        assertTrue(s.contains("the data settings differ from iris-tiny-mlp's in seed, data.source, data.name"), s);
        assertEquals(2, c.metrics().size());
        assertTrue(c.curves(GROUP_MEMBER).series(Metric.VALIDATION_LOSS, XAxis.EPOCH).size() > 0);
    }
}
