package dev.trainbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.runs.GroupMembership;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.SweepMembership;
import dev.trainbench.sweep.SweepException;
import dev.trainbench.sweep.SweepFolder;
import dev.trainbench.sweep.SweepRecord;
import dev.trainbench.sweep.Sweeps;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.runs.RunStoreException;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.spec.TrainingSpec;
import dev.trainbench.compare.Summary;
import dev.trainbench.diagnose.Diagnosis;
import dev.trainbench.diagnose.DiagnosisFile;
import dev.trainbench.diagnose.Finding;
import dev.trainbench.train.DiagnosisListener;
import dev.trainbench.train.EngineInfo;
import dev.trainbench.train.EventSubscription;
import dev.trainbench.train.GroupHandle;
import dev.trainbench.train.RunHandle;
import dev.trainbench.train.SeedGroup;
import dev.trainbench.train.TrainerService;
import dev.trainbench.train.TrainingException;
import dev.trainbench.train.ExperimentRunner;
import dev.trainbench.train.FinalTest;
import dev.trainbench.train.RunControl;
import dev.trainbench.train.TrainingEvent;
import dev.trainbench.train.TrainingLoop;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Train the experiment in SPEC.json; the run is saved in the workspace.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC.json", description = "Experiment spec (see examples/).")
    Path specFile;

    @Option(names = "--epochs", paramLabel = "N", description = "Override training.epochs.")
    Integer epochs;

    @Option(names = "--device", paramLabel = "cpu|gpu", description = "Override training.device (default: the spec's, cpu if unset).")
    String device;

    @Option(names = "--seed", paramLabel = "N", description = "Override the spec's seed.")
    Long seed;

    @Option(names = "--name", description = "Override the run's name.")
    String name;

    @Option(names = "--test", description = "After training, evaluate the best checkpoint on the held-back test split (recorded in the run).")
    boolean test;

    @Option(names = "--json", description = "End with one JSON line: runId, status, epochs, bestValidationAccuracy, testAccuracy,"
            + " samplesPerSecond, wallSeconds, findings; for regression also bestValidationRmse/Mae/R2 and testRmse/Mae/R2.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads, at least 1 (default: all cores).")
    Integer threads;

    @Option(names = "--parent", paramLabel = "RUN", description = "Record RUN as this run's parent (lineage).")
    String parent;

    @Option(names = "--seeds", paramLabel = "N", description = {"Run the spec N times as a seed group, one after another,"
            + " with seeds SEED, SEED+1, ..., SEED+N-1 (SEED: the spec's or --seed); each run records the group."
            + " --json prints one line per run and a group line. Compare groups with 'trainbench compare g-...'."})
    Integer seeds;

    @Option(names = "--sweep", paramLabel = "SWEEP", description = {"Train this spec as task --task of the sweep SWEEP"
            + " (what a sweep's job script and local executor run): the run records the sweep, its grid point and the"
            + " point's seed group; relative data paths resolve as for the sweep's own spec."})
    String sweepId;

    @Option(names = "--task", paramLabel = "N", description = "With --sweep: the task's index (its Slurm array index).")
    Integer task;

    @Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--threads must be at least 1, was " + threads + " (leave it out to use every core)");
        }
        ExperimentSpec spec = SpecJson.read(specFile);
        spec = applyOverrides(spec);
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        RunStore store = workspace.store();
        String parentId = parentId(store);
        if (threads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
        }
        SweepTask sweepTask = sweepTask(store);
        Path baseDir = specFile.toAbsolutePath().getParent();
        if (sweepTask != null && sweepTask.baseDir() != null) {
            baseDir = sweepTask.baseDir();
        }
        if (seeds != null) {
            return runGroup(spec, store, baseDir, parentId, out, err);
        }
        RunControl control = new RunControl();
        // Ctrl-C (SIGINT) or SIGTERM: stop the run at the next step, let it save, and hold the exit
        // until the summary and the --json line are printed (Cli.execute releases the gate). The JVM
        // then exits 130 (SIGINT) or 143 (SIGTERM), as documented in the README.
        OutputGate.hold();
        Thread hook = new Thread(() -> {
            control.stop();
            OutputGate.awaitOutput(60);
        }, "trainbench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!quiet) {
                err.println("engine: " + EngineInfo.detect().summary());
            }
            ProgressBar progress = new ProgressBar(err, quiet, spec.training().epochs());
            RunRecord done;
            DiagnosisListener diagnosis = new DiagnosisListener();
            try {
                done = ExperimentRunner.run(spec, baseDir, store, parentId, sweepTask == null ? null : sweepTask.group(),
                        sweepTask == null ? null : sweepTask.sweep(), control,
                        new ExperimentRunner.Hooks(progress::accept, progress::attach,
                                w -> err.println("warning: " + Format.safe(w))).withListener(diagnosis),
                        TrainingLoop.Options.defaults());
            } finally {
                progress.finish();
            }
            done.sanity().stream().filter(s -> s.startsWith("WARNING")).forEach(s -> err.println("sanity: " + s));
            if (test && !control.stopRequested()
                    && (done.status() == RunStatus.COMPLETED || done.status() == RunStatus.EARLY_STOPPED)) {
                done = FinalTest.evaluate(store, done.id(), baseDir);
            }
            printSummary(out, done, store);
            List<Finding> findings = diagnosis.findings();
            FindingsText.print(out, findings, null);
            if (json) {
                out.println(jsonLine(done, findings));
            }
            out.flush();
            err.flush();
            return done.status() == null ? ExitCodes.RUN_FAILED : switch (done.status()) {
                case COMPLETED, EARLY_STOPPED -> ExitCodes.OK;
                default -> ExitCodes.RUN_FAILED;
            };
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived: the hook runs, and waits for this command's output
            }
        }
    }

    /** The parent run's full id: it must exist in the workspace (a prefix or a unique name will do). */
    private String parentId(RunStore store) {
        if (parent == null) {
            return null;
        }
        try {
            return store.find(parent).id();
        } catch (RunStoreException e) {
            throw new RunStoreException("--parent " + parent + ": " + e.getMessage(), e);
        }
    }

    /**
     * Trains a seed group on the trainer service's thread (the same path as the GUI's "Repeat with
     * seeds…"), showing progress from its event channel; Ctrl-C stops the run training and the rest.
     */
    private int runGroup(ExperimentSpec spec, RunStore store, Path baseDir, String parentId, PrintWriter out,
                         PrintWriter err) throws InterruptedException {
        if (seeds < 1 || seeds > SeedGroup.MAX_SEEDS) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--seeds must be 1.." + SeedGroup.MAX_SEEDS + ", was " + seeds);
        }
        try (TrainerService service = new TrainerService(store)) {
            EventSubscription events = service.subscribe();
            GroupHandle group = service.submitGroup(spec, baseDir, seeds, parentId);
            // as for one run: the exit waits until everything is printed (Cli.execute releases the gate)
            OutputGate.hold();
            Thread hook = new Thread(() -> {
                group.stop();
                OutputGate.awaitOutput(60);
            }, "trainbench-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            if (!quiet) {
                err.printf(Locale.ROOT, "seed group %s: %d runs of %s with seeds %d..%d%n", group.groupId(), seeds,
                        spec.name(), spec.seed(), spec.seed() + seeds - 1);
            }
            try {
                // the stop hook waits for the printing, so that after Ctrl-C the summaries and JSON
                // lines of the runs that trained are still written
                return trainGroup(group, events, spec, store, baseDir, out, err);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C arrived: the hook stopped the group; the runs that trained are saved.
                }
            }
        }
    }

    private int trainGroup(GroupHandle group, EventSubscription events, ExperimentSpec spec, RunStore store, Path baseDir,
                           PrintWriter out, PrintWriter err) throws InterruptedException {
        ProgressBar progress = new ProgressBar(err, quiet, spec.training().epochs());
        List<RunRecord> done = new ArrayList<>();
        TrainingException inputError = null;
        int notFinished = 0;
        List<String> notRun = new ArrayList<>();
        try {
            for (RunHandle member : group.members()) {
                while (!member.completion().isDone()) {
                    pump(events, progress, group);
                    Thread.sleep(50);
                }
                pump(events, progress, group);
                try {
                    done.add(member.completion().join());
                } catch (java.util.concurrent.CompletionException e) {
                    notFinished++;
                    if (member.runId() == null && e.getCause() instanceof TrainingException t && t.getCause() != null
                            && inputError == null) {
                        inputError = t;
                    } else if (member.runId() == null) {
                        notRun.add(String.format(Locale.ROOT, "seed %d: not run (%s)", member.spec().seed(),
                                e.getCause().getMessage()));
                    }
                }
            }
        } finally {
            progress.finish();
        }
        if (inputError != null && done.isEmpty()) {
            throw inputError;
        }
        notRun.forEach(err::println);
        List<RunRecord> results = new ArrayList<>();
        for (RunRecord r : done) {
            if (test && (r.status() == RunStatus.COMPLETED || r.status() == RunStatus.EARLY_STOPPED)) {
                r = FinalTest.evaluate(store, r.id(), baseDir);
            }
            results.add(r);
            printSummary(out, r, store);
            List<Finding> findings = storedFindings(store, r);
            FindingsText.print(out, findings, null);
            if (json) {
                out.println(jsonLine(r, findings));
            }
        }
        printGroupSummary(out, group, results, seeds);
        if (json) {
            out.println(groupJsonLine(group, results, seeds));
        }
        out.flush();
        boolean allGood = notFinished == 0 && results.stream()
                .allMatch(r -> r.status() == RunStatus.COMPLETED || r.status() == RunStatus.EARLY_STOPPED);
        return allGood ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    /** Feeds the group's events to the progress display; attaches the history of the run that started. */
    private static void pump(EventSubscription events, ProgressBar progress, GroupHandle group) {
        for (TrainingEvent e : events.drain()) {
            if (e instanceof TrainingEvent.RunStarted s) {
                group.members().stream().filter(h -> s.runId().equals(h.runId())).findFirst()
                        .ifPresent(h -> progress.attach(h.history()));
            }
            progress.accept(e);
        }
    }

    static void printGroupSummary(PrintWriter out, GroupHandle group, List<RunRecord> runs, int planned) {
        long good = runs.stream().filter(r -> r.status() == RunStatus.COMPLETED || r.status() == RunStatus.EARLY_STOPPED).count();
        out.printf(Locale.ROOT, "seed group %s (%s): %d of %d runs finished%s%n", group.groupId(), group.name(), good, planned,
                good < runs.size() ? " (the statistics are over the finished runs only)" : "");
        List<RunRecord> finished = finished(runs);
        Summary best = Summary.of(finished.stream().map(RunRecord::bestValidationAccuracy).toList());
        Summary bestLoss = Summary.of(finished.stream().map(RunRecord::bestValidationLoss).toList());
        Summary testAcc = Summary.of(finished.stream().map(RunRecord::testAccuracy).toList());
        if (best != null) {
            out.println("  best validation accuracy " + best.format(true));
        } else if (bestLoss != null) {
            out.println("  best validation loss " + bestLoss.format(false));
        }
        if (testAcc != null) {
            out.println("  test accuracy " + testAcc.format(true));
        }
        out.println("  compare it: trainbench compare " + group.groupId() + " <another run or group>");
    }

    static String groupJsonLine(GroupHandle group, List<RunRecord> runs, int planned) {
        ObjectNode n = SpecJson.mapper().createObjectNode();
        n.put("groupId", group.groupId());
        n.put("groupName", group.name());
        n.put("planned", planned);
        n.put("finished", runs.stream().filter(r -> r.status() == RunStatus.COMPLETED || r.status() == RunStatus.EARLY_STOPPED).count());
        var ids = n.putArray("runIds");
        runs.forEach(r -> ids.add(r.id()));
        // statistics over the finished runs only: a stopped run's metrics are not the recipe's result
        List<RunRecord> finished = finished(runs);
        putSummary(n, "bestValidationAccuracy", Summary.of(finished.stream().map(RunRecord::bestValidationAccuracy).toList()));
        putSummary(n, "bestValidationLoss", Summary.of(finished.stream().map(RunRecord::bestValidationLoss).toList()));
        putSummary(n, "testAccuracy", Summary.of(finished.stream().map(RunRecord::testAccuracy).toList()));
        return n.toString();
    }

    private static List<RunRecord> finished(List<RunRecord> runs) {
        return runs.stream().filter(r -> r.status() == RunStatus.COMPLETED || r.status() == RunStatus.EARLY_STOPPED).toList();
    }

    private static void putSummary(ObjectNode n, String key, Summary s) {
        if (s == null) {
            n.putNull(key);
            return;
        }
        ObjectNode o = n.putObject(key);
        o.put("n", s.n());
        o.put("mean", s.mean());
        if (s.hasSpread()) {
            o.put("sd", s.sd());
        } else {
            o.putNull("sd");
        }
        o.put("min", s.min());
        o.put("max", s.max());
    }

    /** What a sweep task records besides its spec, and where its data paths resolve. */
    private record SweepTask(GroupMembership group, SweepMembership sweep, Path baseDir) {
    }

    /** The sweep task this run is ({@code --sweep ID --task N}), checked against the sweep's folder; null for a plain run. */
    private SweepTask sweepTask(RunStore store) {
        if (sweepId == null && task == null) {
            return null;
        }
        CommandLine cl = commandSpec.commandLine();
        if (sweepId == null || task == null) {
            throw new CommandLine.ParameterException(cl, "--sweep and --task go together (a sweep task is run by its job"
                    + " script or by 'trainbench sweep'); leave both out for a plain run");
        }
        if (seeds != null) {
            throw new CommandLine.ParameterException(cl, "--seeds cannot be used with --sweep: a sweep plans its seeds itself");
        }
        SweepFolder folder;
        try {
            folder = SweepFolder.read(new Sweeps(store.workspace()).folder(sweepId));
        } catch (SweepException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage() + " (is --workspace the sweep's workspace?)");
        }
        SweepRecord r = folder.record();
        if (task < 0 || task >= r.tasks().size()) {
            throw new CommandLine.ParameterException(cl, "--task " + task + ": sweep " + sweepId + " has tasks 0.."
                    + (r.tasks().size() - 1));
        }
        Path expected = folder.specFile(task).toAbsolutePath().normalize();
        if (!expected.equals(specFile.toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(cl, specFile + " is not the spec of task " + task + " of sweep " + sweepId
                    + " (that is " + expected + ")");
        }
        SweepRecord.TaskEntry t = r.task(task);
        GroupMembership group = t.groupId() == null ? null
                : new GroupMembership(t.groupId(), t.groupName(), t.groupIndex(), t.groupSize());
        return new SweepTask(group, new SweepMembership(r.id(), r.name(), t.index(), t.point()),
                r.baseDir() == null ? null : Path.of(r.baseDir()));
    }

    private ExperimentSpec applyOverrides(ExperimentSpec spec) {
        TrainingSpec t = spec.training();
        if (epochs != null) {
            t = t.withEpochs(epochs);
        }
        if (device != null) {
            t = t.withDevice(switch (device.toLowerCase(Locale.ROOT)) {
                case "cpu" -> TrainingSpec.Device.CPU;
                case "gpu", "cuda" -> TrainingSpec.Device.GPU;
                default -> throw new CommandLine.ParameterException(commandSpec.commandLine(),
                        "--device must be cpu or gpu, was '" + device + "'");
            });
        }
        spec = spec.withTraining(t);
        if (seed != null) {
            spec = spec.withSeed(seed);
        }
        if (name != null) {
            spec = spec.withName(name);
        }
        return spec;
    }

    static void printSummary(PrintWriter out, RunRecord r, RunStore store) {
        out.printf(Locale.ROOT, "run %s %s after %d epochs in %.1f s (%s)%n", r.id(), Format.status(r),
                r.epochsCompleted() == null ? 0 : r.epochsCompleted(), r.wallSeconds() == null ? 0 : r.wallSeconds(),
                Format.safe(r.device()));
        if (r.message() != null) {
            out.println("  " + Format.safe(r.message()));
        }
        out.printf(Locale.ROOT, "  data: %s%n", Format.safe(Format.splits(r)));
        if (r.spec() != null) {
            out.printf(Locale.ROOT, "  loss: %s%n", dev.trainbench.train.LossName.of(r.spec()));
        }
        if (r.bestValidationRmse() != null && r.bestEpoch() != null) {
            out.printf(Locale.ROOT, "  best validation rmse %s, mae %s, R\u00b2 %s (epoch %d, loss %.4f)%n",
                    Format.num(r.bestValidationRmse()), Format.num(r.bestValidationMae()), Format.r2(r.bestValidationR2()),
                    r.bestEpoch(), r.bestValidationLoss());
        } else if (r.bestValidationAccuracy() != null && r.bestEpoch() != null && r.bestValidationLoss() != null) {
            out.printf(Locale.ROOT, "  best validation accuracy %.2f%% (epoch %d, loss %.4f)%n",
                    100 * r.bestValidationAccuracy(), r.bestEpoch(), r.bestValidationLoss());
        } else if (r.bestValidationLoss() != null && r.bestEpoch() != null) {
            out.printf(Locale.ROOT, "  best validation loss %.4f (epoch %d)%n", r.bestValidationLoss(), r.bestEpoch());
        } else if (r.bestEpoch() != null && r.bestEpoch() > 0) {
            out.printf(Locale.ROOT, "  best checkpoint: epoch %d, chosen by the training loss (no validation split)%n",
                    r.bestEpoch());
        }
        if (r.test() != null) {
            if (r.test().accuracy() != null) {
                out.printf(Locale.ROOT, "  test accuracy %.2f%% on %d held-back samples (loss %.4f)%n",
                        100 * r.test().accuracy(), r.test().samples(), r.test().loss());
            } else if (r.test().rmse() != null) {
                out.printf(Locale.ROOT, "  test rmse %s, mae %s, R\u00b2 %s on %d held-back samples (loss %.4f)%n",
                        Format.num(r.test().rmse()), Format.num(r.test().mae()), Format.r2(r.test().r2()),
                        r.test().samples(), r.test().loss());
            } else {
                out.printf(Locale.ROOT, "  test loss %.4f on %d held-back samples%n", r.test().loss(), r.test().samples());
            }
        }
        if (r.samplesPerSecond() != null) {
            out.printf(Locale.ROOT, "  %.0f samples/s; saved in %s%n", r.samplesPerSecond(), store.dir(r.id()));
        } else {
            out.printf(Locale.ROOT, "  saved in %s%n", store.dir(r.id()));
        }
    }

    /** The findings the live diagnosis stored with run {@code r}. */
    static List<Finding> storedFindings(RunStore store, RunRecord r) {
        return DiagnosisFile.read(store.dir(r.id())).map(Diagnosis::findings).orElse(List.of());
    }

    static String jsonLine(RunRecord r, List<Finding> findings) {
        ObjectNode n = SpecJson.mapper().createObjectNode();
        n.put("runId", r.id());
        if (r.groupId() != null) {
            n.put("groupId", r.groupId());
        }
        n.put("status", r.status() == null ? "unknown" : r.status().name().toLowerCase(Locale.ROOT));
        n.put("epochs", r.epochsCompleted() == null ? 0 : r.epochsCompleted());
        putNullable(n, "bestValidationAccuracy", r.bestValidationAccuracy());
        putNullable(n, "testAccuracy", r.testAccuracy());
        if (r.test() != null && r.test().rmse() != null || r.bestValidationRmse() != null) {
            // regression: the metrics in the target's units
            putNullable(n, "bestValidationRmse", r.bestValidationRmse());
            putNullable(n, "bestValidationMae", r.bestValidationMae());
            putNullable(n, "bestValidationR2", r.bestValidationR2());
            putNullable(n, "testRmse", r.test() == null ? null : r.test().rmse());
            putNullable(n, "testMae", r.test() == null ? null : r.test().mae());
            putNullable(n, "testR2", r.test() == null ? null : r.test().r2());
        }
        putNullable(n, "samplesPerSecond", r.samplesPerSecond());
        putNullable(n, "wallSeconds", r.wallSeconds());
        n.set("findings", FindingsText.json(findings));
        return n.toString();
    }

    private static void putNullable(ObjectNode n, String key, Double value) {
        if (value == null) {
            n.putNull(key);
        } else {
            n.put(key, value);
        }
    }

    /** Redraws one line on standard error; never slows the trainer (it only formats on epoch or ~5 Hz). */
    static final class ProgressBar {
        private final PrintWriter err;
        private final boolean quiet;
        private final int epochs;
        private volatile dev.trainbench.train.MetricsHistory history;
        private long totalSteps = 1;
        private long lastDraw;
        private String lastEpochLine = "";
        /** Redraw a bar only on a terminal; a log file gets one line per epoch. */
        private final boolean interactive = System.console() != null;

        ProgressBar(PrintWriter err, boolean quiet, int epochs) {
            this.err = err;
            this.quiet = quiet;
            this.epochs = epochs;
        }

        void attach(dev.trainbench.train.MetricsHistory h) {
            history = h;
        }

        void accept(TrainingEvent e) {
            if (quiet) {
                return;
            }
            if (e instanceof TrainingEvent.RunStarted s) {
                totalSteps = Math.max(1, s.totalSteps());
                err.printf(Locale.ROOT, "run %s: %d parameters, %d steps on %s%n", s.runId(), s.parameterCount(),
                        s.totalSteps(), s.device());
            } else if (e instanceof TrainingEvent.StepsAvailable s && interactive) {
                long now = System.nanoTime();
                if (now - lastDraw > 200_000_000L) {
                    lastDraw = now;
                    draw(s.size());
                }
            } else if (e instanceof TrainingEvent.EpochEnded ep) {
                var m = ep.metrics();
                // without a validation split there is nothing to print there: say so instead of "NaN"
                double rmse = m.get(dev.trainbench.runs.MetricColumns.Epoch.VALIDATION_RMSE);
                String val = Float.isNaN(m.validationLoss()) ? "no validation split"
                        : Double.isNaN(rmse)
                        ? String.format(Locale.ROOT, "val loss %.4f acc %s", m.validationLoss(), pct(m.validationAccuracy()))
                        : String.format(Locale.ROOT, "val loss %.4f rmse %s mae %s R\u00b2 %s", m.validationLoss(),
                                Format.num(rmse), Format.num(m.get(dev.trainbench.runs.MetricColumns.Epoch.VALIDATION_MAE)),
                                Format.r2(m.get(dev.trainbench.runs.MetricColumns.Epoch.VALIDATION_R2)));
                String trainAcc = Float.isNaN(m.trainAccuracy()) ? "" : " acc " + pct(m.trainAccuracy());
                lastEpochLine = String.format(Locale.ROOT,
                        "epoch %d/%d  train loss %.4f%s  %s  %.1fs  %.0f samples/s",
                        m.epoch(), epochs, m.trainLoss(), trainAcc, val, m.seconds(), m.samplesPerSecond());
                err.print((interactive ? "\r\033[K" : "") + lastEpochLine + "\n");
                err.flush();
            }
        }

        private void draw(int steps) {
            var h = history;
            double frac = Math.min(1.0, steps / (double) totalSteps);
            int filled = (int) Math.round(frac * 30);
            String loss = h != null && h.size() > 0 ? String.format(Locale.ROOT, "loss %.4f", h.loss(h.size() - 1)) : "";
            err.print("\r\033[K[" + "#".repeat(filled) + ".".repeat(30 - filled) + "] "
                    + String.format(Locale.ROOT, "%3.0f%% step %d/%d %s", 100 * frac, steps, totalSteps, loss));
            err.flush();
        }

        private static String pct(float v) {
            return Float.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
        }

        void finish() {
            if (!quiet && interactive) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
