package dev.trainbench.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.trainbench.spec.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a Slurm job array asks for, one {@code #SBATCH} line each; null: the cluster's default.
 * Checked when given, so that a typo is refused before anything is written or submitted (Slurm
 * would only say "invalid" after the fact, or not at all for a misspelt extra line).
 *
 * @param partition    {@code --partition}, e.g. {@code gpu} (a comma list is allowed)
 * @param time         {@code --time}: minutes, {@code MM:SS}, {@code HH:MM:SS}, {@code D-HH}, {@code D-HH:MM} or {@code D-HH:MM:SS}
 * @param cpusPerTask  {@code --cpus-per-task}; each run then trains with that many libtorch threads
 * @param mem          {@code --mem} per node (one task), e.g. {@code 4G}
 * @param gres         {@code --gres}, e.g. {@code gpu:1}; a GPU resource makes every run train on the GPU
 * @param maxParallel  at most this many tasks at once (the array's {@code %K})
 * @param extra        more {@code #SBATCH} options as written after {@code #SBATCH}, e.g. {@code --account=ml}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlurmOptions(String partition, String time, Integer cpusPerTask, String mem, String gres, Integer maxParallel,
                           List<String> extra) {

    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*");
    private static final Pattern TIME = Pattern.compile("\\d+|\\d+:\\d{1,2}|\\d+:\\d{1,2}:\\d{1,2}|\\d+-\\d+|\\d+-\\d+:\\d{1,2}"
            + "|\\d+-\\d+:\\d{1,2}:\\d{1,2}|infinite|UNLIMITED|unlimited");
    private static final Pattern MEM = Pattern.compile("\\d+[KMGTkmgt]?");
    private static final Pattern GRES = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_.-]+)*(,[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_.-]+)*)*");
    private static final Pattern OPTION = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]*(([= ]).*)?");
    /** Options TrainBench writes itself: the array, the log files and the job's name belong to the sweep. */
    private static final List<String> OWN = List.of("--array", "-a", "--output", "-o", "--error", "-e", "--job-name", "-J",
            "--wrap", "--parsable");

    public SlurmOptions {
        extra = extra == null ? List.of() : List.copyOf(extra);
    }

    public static SlurmOptions none() {
        return new SlurmOptions(null, null, null, null, null, null, List.of());
    }

    /**
     * Checks every option and normalises the extra lines (a leading {@code #SBATCH} is dropped).
     *
     * @throws SpecException naming the option, what was given and what is expected
     */
    public SlurmOptions checked() {
        check(partition, PARTITION, "--partition", "a partition name, e.g. gpu");
        check(time, TIME, "--time", "minutes or D-HH:MM:SS, e.g. 30 or 0-02:00:00");
        check(mem, MEM, "--mem", "a size such as 4G or 4000M");
        check(gres, GRES, "--gres", "a resource such as gpu:1 or gpu:a100:2");
        if (cpusPerTask != null && (cpusPerTask < 1 || cpusPerTask > 1024)) {
            throw new SpecException("--cpus-per-task must be 1..1024, was " + cpusPerTask);
        }
        if (maxParallel != null && maxParallel < 1) {
            throw new SpecException("--max-parallel must be at least 1, was " + maxParallel);
        }
        List<String> lines = new ArrayList<>();
        for (String raw : extra) {
            String line = raw == null ? "" : raw.strip();
            if (line.startsWith("#SBATCH")) {
                line = line.substring("#SBATCH".length()).strip();
            }
            if (line.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new SpecException("--sbatch '" + printable(raw) + "': one option per line, without line breaks or"
                        + " control characters");
            }
            if (!OPTION.matcher(line).matches()) {
                throw new SpecException("--sbatch '" + raw + "' is not an sbatch option; write it as after #SBATCH, e.g."
                        + " --sbatch=--account=ml or --sbatch='--constraint=avx2'");
            }
            String name = line.split("[= ]", 2)[0];
            if (OWN.contains(name)) {
                throw new SpecException("--sbatch '" + raw + "': " + name + " is set by TrainBench for the sweep (one array"
                        + " task per run, one log per task); leave it out");
            }
            lines.add(line);
        }
        return new SlurmOptions(blankToNull(partition), blankToNull(time), cpusPerTask, blankToNull(mem), blankToNull(gres),
                maxParallel, lines);
    }

    /** True when {@link #gres} asks for a GPU: the runs then train with {@code --device gpu}. */
    public boolean wantsGpu() {
        return gres != null && gres.toLowerCase(Locale.ROOT).matches("(^|.*,)gpu(:.*)?");
    }

    private static void check(String value, Pattern p, String option, String expected) {
        if (value != null && !value.isBlank() && !p.matcher(value.strip()).matches()) {
            throw new SpecException(option + " '" + printable(value) + "' is not valid; expected " + expected);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String printable(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
    }
}
