package dev.trainbench.sweep;

import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A sweep ready to be written and started: the plan, how it will run, and where. Everything a
 * person chose is checked by the time one exists ({@link #of}), and {@link #preview()} and
 * {@link #script()} show exactly what {@link #write} and the submission will do, before anything
 * is written: the command line's {@code --dry-run} and the GUI's preview use them.
 *
 * @param plan      the grid and its tasks
 * @param executor  how the tasks run (with the Java command of this installation)
 * @param workspace the workspace the runs go to
 * @param baseDir   the folder relative data paths resolve against
 * @param specFile  the base spec's file, if it came from one (informative)
 */
public record SweepSetup(SweepPlan plan, ExecutorSettings executor, Path workspace, Path baseDir, Path specFile) {

    /** Most local runs at once: more only makes them fight for the same cores. */
    public static final int MAX_PARALLEL = 64;

    /**
     * What a person asks for.
     *
     * @param parallel    local: runs at a time (1: one after another)
     * @param threads     libtorch threads per run; null: the cores divided between parallel runs (local), the CPUs
     *                    per task (Slurm)
     * @param gpu         train every run on the GPU ({@code --device gpu}); implied by a GPU {@code --gres}
     * @param slurm       the job array's options (Slurm only)
     * @param java        the Java binary for the tasks; null: this JVM's (Slurm nodes need it at the same path)
     * @param javaOptions JVM options for the tasks; null: {@link JavaCommand#DEFAULT_OPTIONS}
     */
    public record Choices(ExecutorSettings.Kind kind, int parallel, Integer threads, boolean gpu, SlurmOptions slurm,
                          String java, List<String> javaOptions) {
        public static Choices local(int parallel) {
            return new Choices(ExecutorSettings.Kind.LOCAL, parallel, null, false, null, null, null);
        }

        public static Choices slurm(SlurmOptions options) {
            return new Choices(ExecutorSettings.Kind.SLURM, 1, null, false, options, null, null);
        }
    }

    /**
     * Plans the sweep and settles how it runs.
     *
     * @throws SpecException naming the field, value or option that is wrong
     * @throws SweepException when this installation cannot be run as a task (a jar without lib/)
     */
    public static SweepSetup of(ExperimentSpec base, List<SweepAxis> axes, int seeds, String name, Choices choices,
                                Path workspace, Path baseDir, Path specFile) {
        SweepPlan plan = SweepPlan.of(base, axes, seeds, name);
        if (choices.threads() != null && (choices.threads() < 1 || choices.threads() > 1024)) {
            throw new SpecException("--threads must be 1..1024, was " + choices.threads());
        }
        JavaCommand command = JavaCommand.current(choices.java(), choices.javaOptions());
        ExecutorSettings executor;
        if (choices.kind() == ExecutorSettings.Kind.SLURM) {
            SlurmOptions o = (choices.slurm() == null ? SlurmOptions.none() : choices.slurm()).checked();
            int threads = choices.threads() != null ? choices.threads() : o.cpusPerTask() != null ? o.cpusPerTask() : 1;
            executor = new ExecutorSettings(ExecutorSettings.Kind.SLURM, null, threads, choices.gpu() || o.wantsGpu() ? "gpu" : null,
                    o, command.argv());
        } else {
            if (choices.parallel() < 1 || choices.parallel() > MAX_PARALLEL) {
                throw new SpecException("--parallel must be 1.." + MAX_PARALLEL + ", was " + choices.parallel());
            }
            if (choices.slurm() != null && !choices.slurm().equals(SlurmOptions.none())) {
                throw new SpecException("Slurm options (--partition, --time, --cpus-per-task, --mem, --gres, --max-parallel,"
                        + " --sbatch) need --executor slurm");
            }
            int threads = choices.threads() != null ? choices.threads() : LocalExecutor.threadsFor(choices.parallel());
            executor = new ExecutorSettings(ExecutorSettings.Kind.LOCAL, choices.parallel(), threads, choices.gpu() ? "gpu" : null,
                    null, command.argv());
        }
        return new SweepSetup(plan, executor, workspace.toAbsolutePath().normalize(),
                baseDir == null ? null : baseDir.toAbsolutePath().normalize(), specFile);
    }

    /** The folder the sweep will have. */
    public Path folder() {
        return new Sweeps(workspace).folder(plan.id());
    }

    /** The sweep.json it will have (without the submission). */
    public SweepRecord preview() {
        return SweepFolder.recordOf(plan, executor, workspace, baseDir, specFile, createdBy());
    }

    /** The job script it will submit (Slurm), or null for the local executor. */
    public String script() {
        return executor.kind() == ExecutorSettings.Kind.SLURM ? SlurmScript.of(preview(), folder()) : null;
    }

    /** Writes the sweep folder (specs, sweep.json, and for Slurm job.sh); nothing runs yet. */
    public SweepFolder write() {
        SweepFolder folder = new Sweeps(workspace).create(plan, executor, baseDir, specFile, createdBy());
        if (executor.kind() == ExecutorSettings.Kind.SLURM) {
            folder.writeFile(SweepFolder.SCRIPT, SlurmScript.of(folder));
            folder.scriptFile().toFile().setExecutable(true);
        }
        return folder;
    }

    /**
     * Submits a written Slurm sweep: checks the array fits the cluster's MaxArraySize, runs sbatch,
     * records the job id in sweep.json.
     *
     * @return the job id
     * @throws SweepException with sbatch's reason when it refuses
     */
    public static String submit(SweepFolder folder, Slurm slurm) {
        int tasks = folder.record().tasks().size();
        Integer max = slurm.maxArraySize();
        if (max != null && tasks > max) {
            throw new SweepException("the sweep has " + tasks + " tasks and this cluster's MaxArraySize is " + max
                    + " (array indexes 0.." + (max - 1) + "); use fewer values or seeds, or split it into several sweeps");
        }
        String jobId = slurm.submit(folder.scriptFile());
        folder.recordSubmission(new SweepRecord.Submission(jobId, Instant.now().toString(), LocalExecutor.host(), null));
        return jobId;
    }

    private static String createdBy() {
        String v = SweepSetup.class.getPackage().getImplementationVersion();
        return "TrainBench " + (v == null ? "dev" : v);
    }
}
