package dev.trainbench.cli;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.runs.RunSummary;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.sweep.ExecutorSettings;
import dev.trainbench.sweep.LocalExecutor;
import dev.trainbench.sweep.Slurm;
import dev.trainbench.sweep.SlurmOptions;
import dev.trainbench.sweep.SweepAxis;
import dev.trainbench.sweep.SweepFolder;
import dev.trainbench.sweep.SweepPlan;
import dev.trainbench.sweep.SweepSetup;
import dev.trainbench.sweep.SweepStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", description = {
    "Train a grid of one-field changes times seeds: every combination of the --set values, each with --seeds seeds,",
    "as ordinary runs in the workspace (each grid point a seed group). --executor local runs them here, one after",
    "another or --parallel K at a time; --executor slurm submits them as one Slurm job array (one 'trainbench run'",
    "per task, into the same workspace on shared storage) and returns. See also: sweep status, sweep cancel, sweep list."},
        subcommands = {SweepStatusCommand.class, SweepCancelCommand.class, SweepListCommand.class})
final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC.json", description = "The spec every run starts from.")
    Path specFile;

    @Option(names = "--set", paramLabel = "PATH=V1,V2,...", description = {"A swept field (any spec field by its JSON path)"
            + " and its values, e.g. training.optimizer.learningRate=1e-4,1e-3,1e-2 or model.layers[0].units=32,64;"
            + " repeat for a grid. A JSON value may hold commas: model.layers[1]={\"type\":\"dropout\",\"rate\":0.2}."})
    List<String> sets = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Runs per grid point, with seeds SEED..SEED+N-1 (default 1).")
    int seeds;

    @Option(names = "--name", description = "The sweep's name (default: the spec's).")
    String name;

    @Option(names = "--executor", paramLabel = "local|slurm", defaultValue = "local",
            description = "Where the runs train (default local).")
    String executor;

    @Option(names = "--parallel", paramLabel = "K", defaultValue = "1",
            description = "local: runs at a time, each a process with the cores divided between them (default 1).")
    int parallel;

    @Option(names = "--threads", paramLabel = "N",
            description = "libtorch threads per run (default: cores / --parallel here; --cpus-per-task on Slurm).")
    Integer threads;

    @Option(names = "--device", paramLabel = "cpu|gpu", description = "Train every run on this device (default: the spec's;"
            + " a GPU --gres implies gpu).")
    String device;

    @Option(names = "--partition", description = "slurm: the partition.")
    String partition;

    @Option(names = "--time", description = "slurm: time limit per task, e.g. 30 (minutes) or 0-02:00:00.")
    String time;

    @Option(names = "--cpus-per-task", paramLabel = "N", description = "slurm: CPUs per task; each run uses them as threads.")
    Integer cpusPerTask;

    @Option(names = "--mem", description = "slurm: memory per task, e.g. 4G.")
    String mem;

    @Option(names = "--gres", description = "slurm: generic resources, e.g. gpu:1 (the runs then train with --device gpu).")
    String gres;

    @Option(names = "--max-parallel", paramLabel = "K", description = "slurm: at most K tasks at once (the array's %%K).")
    Integer maxParallel;

    @Option(names = "--sbatch", paramLabel = "OPTION", description = "slurm: one more #SBATCH line, e.g. --sbatch=--account=ml (repeatable).")
    List<String> sbatch = new ArrayList<>();

    @Option(names = "--java", paramLabel = "PATH", description = "The Java 17 binary the tasks run with (default: this one's;"
            + " on a cluster it must exist at that path on the nodes).")
    String java;

    @Option(names = "--java-options", paramLabel = "\"OPTS\"", description = "JVM options for the tasks (default: "
            + "-Dai.djl.offline=true -Dai.djl.pytorch.graph_optimizer=false).")
    String javaOptions;

    @Option(names = "--dry-run", description = "Print the plan, every run's spec and (slurm) the job script; write and run nothing.")
    boolean dryRun;

    @Option(names = "--wait", description = "slurm: after submitting, wait until every task has ended and print the status.")
    boolean await;

    @Option(names = "--json", description = "End with one JSON line: sweepId, executor, tasks, jobId, folder (and the task states once ended).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No line per task.")
    boolean quiet;

    @Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = commandSpec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        if (specFile == null) {
            throw new CommandLine.ParameterException(cl, "give the spec to sweep (trainbench sweep SPEC.json --set"
                    + " PATH=V1,V2 ...), or a subcommand: status, cancel, list");
        }
        ExecutorSettings.Kind kind = switch (executor.toLowerCase(Locale.ROOT)) {
            case "local" -> ExecutorSettings.Kind.LOCAL;
            case "slurm" -> ExecutorSettings.Kind.SLURM;
            default -> throw new CommandLine.ParameterException(cl, "--executor must be local or slurm, was '" + executor + "'");
        };
        boolean gpu = false;
        if (device != null) {
            gpu = switch (device.toLowerCase(Locale.ROOT)) {
                case "cpu" -> false;
                case "gpu", "cuda" -> true;
                default -> throw new CommandLine.ParameterException(cl, "--device must be cpu or gpu, was '" + device + "'");
            };
        }
        if (kind == ExecutorSettings.Kind.SLURM && parallel != 1) {
            throw new CommandLine.ParameterException(cl, "--parallel is for --executor local; on Slurm use --max-parallel");
        }
        if (kind == ExecutorSettings.Kind.LOCAL && await) {
            throw new CommandLine.ParameterException(cl, "--wait is for --executor slurm (a local sweep always runs to the end)");
        }
        ExperimentSpec base = SpecJson.read(specFile);
        List<SweepAxis> axes = new ArrayList<>();
        for (String s : sets) {
            axes.add(SweepAxis.parse(s));
        }
        if (axes.isEmpty() && seeds < 2) {
            throw new CommandLine.ParameterException(cl, "nothing to sweep: give at least one --set PATH=V1,V2,... (or --seeds N"
                    + " for seeds alone)");
        }
        SlurmOptions slurmOptions = new SlurmOptions(partition, time, cpusPerTask, mem, gres, maxParallel, sbatch);
        List<String> jvm = javaOptions == null ? null
                : Arrays.stream(javaOptions.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        SweepSetup.Choices choices = new SweepSetup.Choices(kind, parallel, threads, gpu,
                kind == ExecutorSettings.Kind.SLURM || !slurmOptions.equals(SlurmOptions.none()) ? slurmOptions : null, java, jvm);
        RunStore store = workspace.store();
        Path specPath = specFile.toAbsolutePath().normalize();
        SweepSetup setup = SweepSetup.of(base, axes, seeds, name, choices, store.workspace(), specPath.getParent(), specPath);
        SweepPlan plan = setup.plan();
        if (dryRun) {
            printPlan(out, setup);
            out.flush();
            return ExitCodes.OK;
        }
        SweepFolder folder = setup.write();
        if (kind == ExecutorSettings.Kind.SLURM) {
            return submitToSlurm(folder, store, out, err);
        }
        if (!quiet) {
            err.printf(Locale.ROOT, "sweep %s: %s, %d at a time with %d threads each; folder %s%n", folder.id(), plan.sizeText(),
                    setup.executor().parallel(), setup.executor().threads(), folder.dir());
        }
        return runLocally(folder, store, out, err);
    }

    private void printPlan(PrintWriter out, SweepSetup setup) {
        SweepPlan plan = setup.plan();
        ExecutorSettings e = setup.executor();
        out.printf(Locale.ROOT, "# sweep %s: %s on %s (dry run: nothing written or run)%n", plan.name(), plan.sizeText(),
                e.kind() == ExecutorSettings.Kind.SLURM ? "Slurm (a job array of " + plan.tasks().size() + " tasks)"
                        : "this machine, " + e.parallel() + " at a time with " + e.threads() + " threads each");
        for (SweepPlan.Task t : plan.tasks()) {
            out.printf(Locale.ROOT, "# task %d: %s seed %d%s%n", t.index(), t.label().isEmpty() ? "" : t.label() + ",", t.seed(),
                    t.groupId() == null ? "" : " (group " + t.groupId() + ")");
            out.println(SpecJson.write(t.spec()));
        }
        if (e.kind() == ExecutorSettings.Kind.SLURM) {
            out.println("# job script (" + setup.folder().resolve(SweepFolder.SCRIPT) + "):");
            out.print(setup.script());
        } else {
            out.println("# each task runs: " + String.join(" ", e.command()) + " run <task spec> --workspace "
                    + setup.workspace() + " --sweep " + plan.id() + " --task N --threads " + e.threads() + " --quiet");
        }
    }

    private int submitToSlurm(SweepFolder folder, RunStore store, PrintWriter out, PrintWriter err) throws InterruptedException {
        String jobId = SweepSetup.submit(folder, Slurm.system());
        String ws = workspaceArg(store);
        if (!quiet) {
            out.printf(Locale.ROOT, "sweep %s: %d runs submitted to Slurm as job %s%n", folder.id(), folder.record().tasks().size(),
                    jobId);
            out.println("  script  " + folder.scriptFile());
            out.println("  logs    " + folder.dir().resolve("logs"));
            out.println("  follow  trainbench sweep status " + folder.id() + ws + " [--wait]");
            out.println("  cancel  trainbench sweep cancel " + folder.id() + ws);
        }
        if (!await) {
            if (json) {
                out.println(SweepStatusCommand.submissionJson(folder, jobId, null).toString());
            }
            out.flush();
            return ExitCodes.OK;
        }
        SweepStatus status = SweepStatusCommand.waitFor(folder, store, Slurm.system(), 0, quiet ? null : err);
        if (!json) {
            SweepStatusCommand.print(out, status, folder, store, ws);
        } else {
            out.println(SweepStatusCommand.submissionJson(folder, jobId, status).toString());
        }
        out.flush();
        return status.allCompleted() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    private int runLocally(SweepFolder folder, RunStore store, PrintWriter out, PrintWriter err) throws InterruptedException {
        LocalExecutor executor = new LocalExecutor(folder, new LocalExecutor.Listener() {
            @Override
            public void started(int task, long pid) {
                if (!quiet) {
                    var t = folder.record().task(task);
                    err.printf(Locale.ROOT, "task %d started (%s seed %d, process %d)%n", task, t.label(), t.seed(), pid);
                    err.flush();
                }
            }

            @Override
            public void ended(int task, int exitCode) {
                if (!quiet) {
                    RunSummary run = store.summaries().stream().filter(r -> folder.id().equals(r.sweepId())
                            && Integer.valueOf(task).equals(r.sweepTask())).reduce((a, b) -> b).orElse(null);
                    err.printf(Locale.ROOT, "task %d ended: %s%n", task, run == null
                            ? "exit status " + exitCode + ", no run written (see " + folder.logFile(task) + ")"
                            : Format.status(run.status()) + " " + run.id() + (run.bestValidationAccuracy() == null ? ""
                            : ", best validation accuracy " + Format.pct(run.bestValidationAccuracy())));
                    err.flush();
                }
            }
        });
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            executor.cancel();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "trainbench-sweep-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        SweepStatus status;
        try {
            executor.run();
            if (executor.cancelled()) {
                folder.markCancelled();
            }
            folder.refresh();
            status = SweepStatus.of(folder, store.summaries(), null);
            if (json) {
                out.println(SweepStatusCommand.submissionJson(folder, null, status).toString());
            } else {
                SweepStatusCommand.print(out, status, folder, store, workspaceArg(store));
            }
            out.flush();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook cancelled the sweep; the runs that trained are saved
            }
        }
        return status.allCompleted() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    private String workspaceArg(RunStore store) {
        return workspace.workspace == null ? "" : " -w " + store.workspace();
    }
}
