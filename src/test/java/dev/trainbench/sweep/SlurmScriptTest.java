package dev.trainbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmScriptTest {

    @TempDir
    Path dir;

    static final ExperimentSpec SPIRAL = SpecJson.read(Path.of("examples/spiral-mlp.json"));

    private SweepFolder write(Path workspace, SlurmOptions options, List<String> java) {
        SweepSetup setup = SweepSetup.of(SPIRAL, List.of(SweepAxis.parse("training.optimizer.learningRate=1e-3,1e-2")), 2,
                "it's a sweep", new SweepSetup.Choices(ExecutorSettings.Kind.SLURM, 1, null, false, options, java.get(0),
                        java.subList(1, java.size())), workspace, Path.of("examples"), Path.of("examples/spiral-mlp.json"));
        return setup.write();
    }

    @Test
    void theScriptIsOneArrayTaskPerRunWithTheOptionsAsSbatchLines() throws Exception {
        SweepFolder f = write(dir.resolve("ws"), new SlurmOptions("debug", "30", 2, "4G", "gpu:1", 3, List.of("--account=ml")),
                List.of("java"));
        String script = Files.readString(f.scriptFile());
        assertTrue(script.startsWith("#!/bin/bash\n"), script);
        for (String line : List.of("#SBATCH --array=0-3%3", "#SBATCH --output=" + f.dir() + "/logs/task-%a.log",
                "#SBATCH --partition=debug", "#SBATCH --time=30", "#SBATCH --cpus-per-task=2", "#SBATCH --mem=4G",
                "#SBATCH --gres=gpu:1", "#SBATCH --account=ml", "#SBATCH --job-name=trainbench-it-s-a-sweep")) {
            assertTrue(script.contains(line + "\n"), line + " missing in\n" + script);
        }
        assertTrue(script.contains("--threads 2 --quiet --device gpu"), "cpus per task become threads; a GPU gres, --device gpu:\n"
                + script);
        // no command runs before the last #SBATCH line (sbatch stops reading directives there)
        List<String> lines = script.lines().toList();
        int lastDirective = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("#SBATCH")) {
                lastDirective = i;
            }
        }
        assertTrue(lines.subList(1, lastDirective).stream().allMatch(l -> l.startsWith("#")), script);
        assertEquals(ExecutorSettings.Kind.SLURM, SweepFolder.read(f.dir()).record().executor().kind());
    }

    @Test
    void eachArrayTaskRunsTrainbenchOnItsOwnSpecWithPathsQuoted() throws Exception {
        // a stand-in for java that prints its arguments, one per line; the workspace path has a space and a quote
        Path fake = dir.resolve("fake java");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path ws = dir.resolve("my ws's");
        SweepFolder f = write(ws, SlurmOptions.none(), List.of(fake.toString(), "-Dai.djl.offline=true"));
        assertTrue(Files.readString(f.scriptFile()).contains("#SBATCH --output=\"" + f.dir() + "/logs/task-%a.log\"\n"),
                "sbatch reads double quotes in a directive, not single ones");
        Process p = new ProcessBuilder("bash", f.scriptFile().toString()).redirectErrorStream(true)
                .directory(dir.toFile()).start();
        p.getOutputStream().close();
        String noTask = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor() != 0 && noTask.contains("submit this script with sbatch"), noTask);

        ProcessBuilder pb = new ProcessBuilder("bash", f.scriptFile().toString()).redirectErrorStream(true);
        pb.environment().put("SLURM_ARRAY_TASK_ID", "3");
        Process task = pb.start();
        task.getOutputStream().close();
        List<String> out = new String(task.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, task.waitFor(), String.join("\n", out));
        assertEquals("-Dai.djl.offline=true", out.get(1), "the JVM options come first");
        List<String> args = out.subList(out.indexOf(JavaCommand.MAIN_CLASS), out.size());
        assertEquals(List.of(JavaCommand.MAIN_CLASS, "run", f.dir().resolve("specs/task-003.json").toString(), "--workspace",
                ws.toAbsolutePath().toString(), "--sweep", f.id(), "--task", "3", "--threads", "1", "--quiet"), args);
        Path spec = Path.of(args.get(2));
        assertTrue(Files.exists(spec), "the spec file the task runs exists");
        assertEquals(0.01, SpecJson.read(spec).training().optimizer().learningRate());
        assertEquals(43, SpecJson.read(spec).seed());
    }

    @Test
    void theSweepFolderRecordsTheGridTasksAndTheDataFolder() throws Exception {
        SweepFolder f = write(dir.resolve("ws"), SlurmOptions.none(), List.of("java"));
        SweepRecord r = SweepFolder.read(f.dir()).record();
        assertEquals(SweepRecord.FORMAT_VERSION, r.formatVersion());
        assertEquals(4, r.tasks().size());
        assertEquals("specs/task-002.json", r.task(2).spec());
        assertEquals("0.01", r.task(2).point().get("training.optimizer.learningRate"));
        assertEquals(r.task(2).groupId(), r.task(3).groupId());
        assertEquals(2, r.task(3).groupSize());
        assertEquals(Path.of("examples").toAbsolutePath().toString(), r.baseDir());
        assertEquals(1, r.executor().threads());
        assertEquals("java", r.executor().command().get(0));
    }

    @Test
    void rewritingSweepJsonKeepsFieldsANewerVersionAdded() throws Exception {
        SweepFolder f = write(dir.resolve("ws"), SlurmOptions.none(), List.of("java"));
        Path file = f.dir().resolve(SweepFolder.FILE);
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) SpecJson.mapper().readTree(file.toFile());
        tree.put("energyBudgetJoules", 1234);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("executor")).put("queueHint", "fast");
        Files.writeString(file, tree.toString());
        SweepFolder again = SweepFolder.read(f.dir());
        again.recordSubmission(new SweepRecord.Submission("77", "2026-01-01T00:00:00Z", "login1", null));
        again.markCancelled();
        var after = SpecJson.mapper().readTree(file.toFile());
        assertEquals(1234, after.get("energyBudgetJoules").asInt());
        assertEquals("fast", after.get("executor").get("queueHint").asText());
        assertEquals("77", SweepFolder.read(f.dir()).record().submission().jobId());
        assertTrue(SweepFolder.read(f.dir()).record().cancelled());
    }
}
