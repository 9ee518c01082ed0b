package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.diagnose.Finding;
import dev.trainbench.diagnose.Lessons;
import dev.trainbench.diagnose.Severity;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.spec.SplitSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped specs, trained for real: each guided lesson's failing spec is diagnosed with the
 * lesson's rule and its fixed spec with no problem (both exactly as shipped, so the lesson the user
 * plays is the one tested); the healthy examples of {@code examples/} get no warning.
 */
class LessonsAndExamplesDiagnosisTest {
    @TempDir
    Path dir;

    /** Examples built to show a problem, not to be healthy (the vanishing-gradient demonstration). */
    static final List<String> NOT_HEALTHY = List.of("mnist-deep-sigmoid.json");
    /**
     * The epochs of each example looked at in CI, and the samples the MNIST ones train on: their full
     * length takes many minutes on 2 cores. The run keeps its planned length, so the rules judge it
     * as a run in progress (underfitting is judged at a run's planned end, and a run cut to 2 epochs
     * rightly is "too short").
     */
    static final int EXAMPLE_EPOCHS = 2;
    static final int EXAMPLE_SUBSET = 2000;

    record Outcome(RunRecord record, List<Finding> findings) {
        List<Finding> problems() {
            return findings.stream().filter(f -> f.severity().atLeast(Severity.WARNING)).toList();
        }
    }

    Outcome train(ExperimentSpec spec) throws Exception {
        RunStore store = new RunStore(dir.resolve("ws"));
        DiagnosisListener diagnosis = new DiagnosisListener();
        ExperimentRunner.Hooks hooks = new ExperimentRunner.Hooks(e -> { }, h -> { }, w -> { }).withListener(diagnosis);
        RunRecord r = ExperimentRunner.run(spec, Path.of("").toAbsolutePath(), store, null, new RunControl(), hooks,
                TrainingLoop.Options.defaults());
        return new Outcome(r, diagnosis.findings());
    }

    static Stream<String> lessons() {
        return Lessons.all().stream().map(Lessons.Lesson::id);
    }

    @ParameterizedTest(name = "lesson {0}")
    @MethodSource("lessons")
    void eachLessonsFailingRunIsDiagnosedWithItsRuleAndItsFixedRunHasNoProblem(String id) throws Exception {
        Lessons.Lesson lesson = Lessons.get(id);
        long t0 = System.nanoTime();
        Outcome failing = train(lesson.failing());
        long t1 = System.nanoTime();
        Outcome fixed = train(lesson.fixed());
        long t2 = System.nanoTime();
        System.out.printf("lesson %s: failing %.1f s %s %s; fixed %.1f s %s %s%n", id, (t1 - t0) / 1e9,
                failing.record().status(), failing.findings().stream().map(f -> f.rule() + ":" + f.severity().label()).toList(),
                (t2 - t1) / 1e9, fixed.record().status(), fixed.findings().stream().map(f -> f.rule() + ":"
                        + f.severity().label()).toList());
        assertTrue(failing.problems().stream().anyMatch(f -> f.rule().equals(lesson.rule())),
                "the failing run of " + id + " is diagnosed " + lesson.rule() + ": " + failing.findings());
        assertEquals(List.of(), fixed.problems(), "the fixed run of " + id + " has no problem");
        assertEquals(RunStatus.COMPLETED, fixed.record().status(), fixed.record().message());
    }

    static Stream<Path> healthyExamples() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !NOT_HEALTHY.contains(p.getFileName().toString())).sorted().toList().stream();
        }
    }

    /**
     * Every healthy example trains its first {@value #EXAMPLE_EPOCHS} epochs without a warning (the
     * MNIST ones on {@value #EXAMPLE_SUBSET} samples).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("healthyExamples")
    void aHealthyExampleHasNoWarningLevelFindingInItsFirstEpochs(Path file) throws Exception {
        ExperimentSpec spec = SpecJson.read(file);
        if ("mnist".equals(spec.data().name())) {
            spec = spec.withSplit((spec.split() == null ? new SplitSpec(null, null, null, null, null, null) : spec.split())
                    .withSubset(EXAMPLE_SUBSET));
        }
        RunStore store = new RunStore(dir.resolve("ws"));
        DiagnosisListener diagnosis = new DiagnosisListener();
        RunControl control = new RunControl();
        List<List<Finding>> atEpoch = new java.util.concurrent.CopyOnWriteArrayList<>();
        TrainingListener snapshot = new TrainingListenerAdapter() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
                atEpoch.add(diagnosis.findings()); // the diagnosis listener has seen this epoch already
                if (m.epoch() >= EXAMPLE_EPOCHS) {
                    control.stop();
                }
            }
        };
        // relative data paths in a spec resolve against its folder, as on the command line
        RunRecord r = ExperimentRunner.run(spec, file.toAbsolutePath().getParent(), store, null, control,
                new ExperimentRunner.Hooks(e -> { }, h -> { }, w -> { }).withListener(diagnosis).withListener(snapshot),
                TrainingLoop.Options.defaults());
        List<Finding> findings = atEpoch.isEmpty() ? List.of() : atEpoch.get(atEpoch.size() - 1);
        System.out.println("example " + file.getFileName() + ": " + r.status() + " after " + r.epochsCompleted()
                + " epochs, val acc " + r.bestValidationAccuracy() + " " + findings.stream()
                .map(f -> f.rule() + ":" + f.severity().label()).toList());
        assertTrue(atEpoch.size() >= Math.min(EXAMPLE_EPOCHS, spec.training().epochs()), r.status() + " " + r.message());
        assertEquals(List.of(), findings.stream().filter(f -> f.severity().atLeast(Severity.WARNING)).toList(),
                file + " has no warning-level finding");
    }

    @Test
    void theNotHealthyExampleIsStillThere() {
        // the exclusion above must name a file that exists, or it hides nothing and means nothing
        assertTrue(NOT_HEALTHY.stream().allMatch(n -> Files.isRegularFile(Path.of("examples", n))), NOT_HEALTHY.toString());
    }
}
