package dev.trainbench.cli;

import dev.trainbench.data.DataException;
import dev.trainbench.data.DataProfile;
import dev.trainbench.data.Dataset;
import dev.trainbench.data.DatasetLoader;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "profile", description = "Profile a data set: statistics, class balance, warnings with fixes, and a hint on which model fits.")
final class ProfileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATA", description = "sample:mnist, sample:iris, toy:spiral (moons, circles, xor, blobs),"
            + " a .csv file, an IDX file (.idx, .gz, -ubyte), or an image folder (one sub-folder per class).")
    String data;

    @Option(names = "--labels", paramLabel = "FILE", description = "IDX labels file (for an IDX images file).")
    Path labels;

    @Option(names = "--target", paramLabel = "COLUMN", description = "CSV target column, by name or 0-based index (default: last).")
    String target;

    @Option(names = "--seed", description = "Seed for generated sets (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        DataSpec spec = parse();
        Dataset d;
        try {
            d = DatasetLoader.load(spec, Path.of("").toAbsolutePath(), seed,
                    w -> commandSpec.commandLine().getErr().println("warning: " + Format.safe(inFlags(w))));
        } catch (DataException e) {
            throw new DataException(inFlags(e.getMessage()), e);
        }
        commandSpec.commandLine().getOut().println(DataProfile.of(d).toText());
        commandSpec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /**
     * The loaders speak of spec fields; here the same settings are this command's flags, so a fix
     * names the flag the user can type.
     */
    static String inFlags(String message) {
        return message == null ? null : message
                .replace("data.labelsPath", "--labels")
                .replace("data.targetColumn", "--target")
                .replace("data.path", "the DATA argument");
    }

    private DataSpec parse() {
        String lower = data.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sample:")) {
            return DataSpec.sample(data.substring(7));
        }
        if (lower.startsWith("toy:")) {
            return new DataSpec(DataSpec.Source.TOY, data.substring(4), null, null, null, null, null, null, null, null, null, null);
        }
        Path p = Path.of(data);
        if (Files.isDirectory(p)) {
            return new DataSpec(DataSpec.Source.IMAGES, null, data, null, null, null, null, null, null, null, null, null);
        }
        if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt")) {
            return new DataSpec(DataSpec.Source.CSV, null, data, null, target, null, null, null, null, null, null, null);
        }
        if (lower.endsWith(".idx") || lower.endsWith(".gz") || lower.contains("ubyte")) {
            return new DataSpec(DataSpec.Source.IDX, null, data, labels == null ? null : labels.toString(), null, null, null,
                    null, null, null, null, null);
        }
        if (!Files.exists(p)) {
            throw new SpecException("no file or folder '" + data + "', and it is not sample:NAME or toy:NAME");
        }
        throw new SpecException("cannot tell the format of '" + data + "': use a .csv file, an IDX file (.idx/.gz),"
                + " an image folder, sample:NAME or toy:NAME");
    }
}
