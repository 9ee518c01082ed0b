package dev.trainbench.runs;

import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A workspace of many finished runs for tests of scale (the Runs view with 10,000 runs): real
 * run.json files, written from one template (a few seconds for 10,000, where serializing each
 * record would take many), and the run index that a first list would have written, so that a test
 * starts where a user with such a workspace does. {@code trainbench bench list} writes a richer
 * workspace for the benchmark.
 */
public final class SyntheticRuns {
    private SyntheticRuns() {
    }

    /** Writes {@code n} runs of {@code spec} into {@code workspace}: every third run in a seed group of three, ids by time. */
    public static void write(Path workspace, ExperimentSpec spec, int n) throws IOException {
        RunRecord template = record(spec, "__ID__", "__NAME__", "__CREATED__", "__GROUP__", 0.123456789);
        String json = SpecJson.mapper().writeValueAsString(template);
        Path runs = workspace.resolve("runs");
        Files.createDirectories(runs);
        Map<String, RunIndex.Entry> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String created = String.format(Locale.ROOT, "2026-01-%02dT%02d:%02d:%02dZ", 1 + i / 86_400 % 28, i / 3600 % 24,
                    i / 60 % 60, i % 60);
            String id = String.format(Locale.ROOT, "202601%02d-%02d%02d%02d-run-%05d", 1 + i / 86_400 % 28, i / 3600 % 24,
                    i / 60 % 60, i % 60, i);
            String name = spec.name() + " " + i + (i % 7 == 0 ? " baseline" : "");
            String group = "g-" + id.substring(0, 15) + "-" + (i / 3);
            double accuracy = 0.5 + (i * 7919 % 1000) / 2000.0;
            RunRecord r = record(spec, id, name, created, group, accuracy);
            Path dir = runs.resolve(id);
            Files.createDirectories(dir);
            Path file = dir.resolve(RunStore.RECORD_FILE);
            Files.writeString(file, json.replace("__ID__", id).replace("__NAME__", name).replace("__CREATED__", created)
                    .replace("__GROUP__", group).replace("0.123456789", Double.toString(accuracy)));
            index.put(id, new RunIndex.Entry(RunIndex.Stamp.of(file), r.summary()));
        }
        RunIndex.write(workspace, index);
    }

    private static RunRecord record(ExperimentSpec spec, String id, String name, String created, String group, double accuracy) {
        return new RunRecord.Builder().id(id).name(name).status(RunStatus.COMPLETED).createdAt(created).wallSeconds(29.0)
                .seed(42).device("cpu").spec(spec).dataLabel(spec.data().label()).modelLabel(spec.model().preset())
                .parameterCount(118_282L).epochsCompleted(spec.training().epochs()).bestEpoch(spec.training().epochs())
                .bestValidationLoss(1 - accuracy).bestValidationAccuracy(accuracy).groupId(group).groupName(spec.name())
                .groupIndex(0).groupSize(3).build();
    }
}
