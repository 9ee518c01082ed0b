package dev.trainbench.diagnose;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainbench.runs.RunFiles;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code diagnosis.json} in a run's folder: written atomically (a reader sees the old file or the
 * new one), read leniently (fields of a newer TrainBench are ignored; a finding's unknown severity
 * reads as null and is dropped).
 */
public final class DiagnosisFile {
    public static final String NAME = "diagnosis.json";

    private static final ObjectMapper READER = SpecJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private DiagnosisFile() {
    }

    public static void write(Path runDir, Diagnosis diagnosis) {
        try {
            RunFiles.writeAtomically(runDir.resolve(NAME), out -> SpecJson.mapper().writeValue(out, diagnosis));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + NAME + " in " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** The stored diagnosis; empty when the run has none (an older run) or it cannot be read. */
    public static Optional<Diagnosis> read(Path runDir) {
        Path file = runDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Diagnosis d = READER.readValue(file.toFile(), Diagnosis.class);
            if (d == null) {
                return Optional.empty();
            }
            return Optional.of(new Diagnosis(d.formatVersion(), d.rulesVersion(), d.runId(), d.diagnosedAt(), d.source(),
                    d.complete(), d.findings().stream().filter(f -> f != null && f.rule() != null && f.severity() != null)
                    .toList()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static String toJson(Diagnosis diagnosis) {
        try {
            return SpecJson.mapper().writeValueAsString(diagnosis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
