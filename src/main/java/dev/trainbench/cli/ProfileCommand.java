package dev.trainbench.cli;

import dev.trainbench.data.DataException;
import dev.trainbench.data.DataProfile;
import dev.trainbench.data.Dataset;
import dev.trainbench.data.DatasetLoader;
import dev.trainbench.data.LoadedData;
import dev.trainbench.data.SplitSummary;
import dev.trainbench.spec.DataSpec;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecException;
import dev.trainbench.spec.SpecJson;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "profile", description = {
        "Profile a data set: statistics, class balance, warnings with fixes, and a hint on which model fits.",
        "Given a SPEC.json, profiles the spec's data and shows each split (train, validation, test) with its"
                + " size, class counts and source files."})
final class ProfileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATA", description = "sample:mnist, sample:iris, toy:spiral (moons, circles, xor, blobs),"
            + " a CSV file (.csv, .tsv, .txt, or gzipped: .csv.gz), an IDX file (.idx, .gz, -ubyte), an image folder"
            + " (one sub-folder per class), or an experiment spec (.json).")
    String data;

    @Option(names = "--labels", paramLabel = "FILE", description = "IDX labels file (for an IDX images file).")
    Path labels;

    @Option(names = "--target", paramLabel = "COLUMN", description = "CSV target column, by name or 0-based index (default: last).")
    String target;

    @Option(names = "--skip-lines", paramLabel = "N", description = "CSV: lines to skip before the header, e.g. 1 for"
            + " scikit-learn's CSVs, which start with a line like '178,13,class_0,class_1,class_2' (default: 0).")
    Integer skipLines;

    @Option(names = "--header", paramLabel = "auto|yes|no", description = "CSV: is the first line (after --skip-lines) a"
            + " header? (default: auto, detected).")
    String header;

    @Option(names = "--delimiter", paramLabel = "auto|,|;|tab|whitespace", description = "CSV cell separator (default: auto).")
    String delimiter;

    @Option(names = "--task", paramLabel = "classification|regression", description = "CSV: what the target is (default: detected).")
    String task;

    @Option(names = "--categorical", paramLabel = "COLUMN", split = ",", description = "CSV: columns to one-hot encode"
            + " although they hold numbers (text columns always are), by name or 0-based index; comma-separated.")
    List<String> categorical;

    @Option(names = "--class-names", paramLabel = "FILE", description = "Names of numbered classes (IDX labels, integer"
            + " CSV targets), one per line, the name of label 0 first.")
    Path classNames;

    @Option(names = "--seed", description = "Seed for generated sets (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        if (data.toLowerCase(Locale.ROOT).endsWith(".json")) {
            Path file = Path.of(data);
            ExperimentSpec spec = SpecJson.read(file);
            LoadedData loaded = DatasetLoader.loadAll(spec.data(), file.toAbsolutePath().getParent(), spec.seed(),
                    w -> err.println("warning: " + Format.safe(w)));
            out.println(DataProfile.of(loaded.data()).toText());
            out.println(SplitSummary.of(loaded, spec.split(), spec.seed()).toText());
            out.flush();
            return ExitCodes.OK;
        }
        DataSpec spec = parse();
        Dataset d;
        try {
            d = DatasetLoader.load(spec, Path.of("").toAbsolutePath(), seed,
                    w -> err.println("warning: " + Format.safe(asFlags(w))));
        } catch (DataException e) {
            throw new DataException(asFlags(e.getMessage()), e);
        }
        out.println(DataProfile.of(d).toText());
        out.flush();
        return ExitCodes.OK;
    }

    private DataSpec parse() {
        String lower = data.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sample:")) {
            return DataSpec.sample(data.substring(7));
        }
        if (lower.startsWith("toy:")) {
            return DataSpec.toy(data.substring(4));
        }
        Path p = Path.of(data);
        if (Files.isDirectory(p)) {
            return DataSpec.images(data, null, null);
        }
        String plain = lower.endsWith(".gz") ? lower.substring(0, lower.length() - 3) : lower;
        if (plain.endsWith(".csv") || plain.endsWith(".tsv") || plain.endsWith(".txt")) {
            return DataSpec.csv(data, target).withSkipLines(skipLines).withHeader(header()).withDelimiter(delimiter())
                    .withTask(task()).withCategoricalColumns(categorical).withClassNamesPath(names());
        }
        if (lower.endsWith(".idx") || lower.endsWith(".gz") || lower.contains("ubyte")) {
            return DataSpec.idx(data, labels == null ? null : labels.toString()).withClassNamesPath(names());
        }
        if (!Files.exists(p)) {
            throw new SpecException("no file or folder '" + data + "', and it is not sample:NAME or toy:NAME");
        }
        throw new SpecException("cannot tell the format of '" + data + "': use a .csv file (or .csv.gz), an IDX file"
                + " (.idx/.gz), an image folder, a spec (.json), sample:NAME or toy:NAME");
    }

    /** Messages name the spec's fields and the GUI's options; here the user typed flags, so name those. */
    static String asFlags(String message) {
        if (message == null) {
            return null;
        }
        String m = message;
        String[][] map = {
            {"data.skipLines", "--skip-lines"}, {"data.header to false", "--header no"}, {"data.header", "--header"},
            {"data.targetColumn", "--target"}, {"data.delimiter", "--delimiter"}, {"data.task", "--task"},
            {"data.categoricalColumns", "--categorical"}, {"data.classNamesPath", "--class-names"},
            {"data.labelsPath", "--labels"}, {"data.path", "the DATA argument"}};
        for (String[] pair : map) {
            m = m.replace(pair[0], pair[1]);
        }
        return m.replaceAll(" \\(CSV option '[^']*'\\)", "");
    }

    private String names() {
        return classNames == null ? null : classNames.toString();
    }

    private Boolean header() {
        if (header == null) {
            return null;
        }
        return switch (header.toLowerCase(Locale.ROOT)) {
            case "auto" -> null;
            case "yes", "true", "on" -> true;
            case "no", "false", "off" -> false;
            default -> throw bad("--header must be auto, yes or no, was '" + header + "'");
        };
    }

    private DataSpec.Delimiter delimiter() {
        if (delimiter == null) {
            return null;
        }
        return switch (delimiter.toLowerCase(Locale.ROOT)) {
            case "auto" -> DataSpec.Delimiter.AUTO;
            case ",", "comma" -> DataSpec.Delimiter.COMMA;
            case ";", "semicolon" -> DataSpec.Delimiter.SEMICOLON;
            case "tab", "\\t", "\t" -> DataSpec.Delimiter.TAB;
            case "whitespace", "space", " " -> DataSpec.Delimiter.WHITESPACE;
            default -> throw bad("--delimiter must be auto, ',', ';', tab or whitespace, was '" + delimiter + "'");
        };
    }

    private DataSpec.Task task() {
        if (task == null) {
            return null;
        }
        return switch (task.toLowerCase(Locale.ROOT)) {
            case "classification" -> DataSpec.Task.CLASSIFICATION;
            case "regression" -> DataSpec.Task.REGRESSION;
            default -> throw bad("--task must be classification or regression, was '" + task + "'");
        };
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(commandSpec.commandLine(), message);
    }
}
