package dev.trainbench.cli;

import dev.trainbench.data.DataException;
import dev.trainbench.runs.ModelFileException;
import dev.trainbench.runs.RunStoreException;
import dev.trainbench.spec.SpecException;
import dev.trainbench.train.ExperimentRunner;
import dev.trainbench.train.TrainingException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code trainbench COMMAND ...}: see {@code trainbench --help}. */
@Command(name = "trainbench", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Train neural networks from experiment spec files, without a display.")
public final class Cli implements Runnable {

    /** The commands, in the order --help lists them. */
    static final java.util.List<Class<?>> COMMANDS = java.util.List.of(RunCommand.class, ListCommand.class, ShowCommand.class,
            TestCommand.class, ProfileCommand.class, PresetsCommand.class, CheckCommand.class, LrFindCommand.class,
            DiagnoseCommand.class, BenchCommand.class, CompareCommand.class, ExportCommand.class, PredictCommand.class,
            SweepCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command with its output and errors going to the given writers (used by tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        try {
            return commandLine(out, err, args).execute(args);
        } finally {
            out.flush();
            err.flush();
            OutputGate.release();
        }
    }

    /**
     * The command line for {@code argv}: with only the command they name when they name one (picocli
     * reflects over every option of every command it is given, a third of what {@code trainbench
     * list} cost before it read a run), else with all of them (help, an unknown command's message).
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String... argv) {
        CommandLine cli = new CommandLine(new Cli());
        String first = argv.length == 0 ? null : argv[0];
        Class<?> named = COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).findFirst().orElse(null);
        for (Class<?> c : COMMANDS) {
            if (named == null || c == named) {
                cli.addSubcommand(c);
            }
        }
        // --help and --version on every command, including ones added later
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
        cli.setOut(Format.terminalSafe(out));
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) ->
                fail(commandLine, parseResult.originalArgs(), exitCode(e), message(e), null));
        cli.setParameterExceptionHandler((e, args) ->
                fail(e.getCommandLine(), java.util.List.of(args), ExitCodes.BAD_INPUT, e.getMessage(),
                        "see 'trainbench " + e.getCommandLine().getCommandName().replace("trainbench", "").strip() + " --help'"));
        return cli;
    }

    /** The one way a command ends in error: a line on standard error, and the JSON line when --json was given. */
    private static int fail(CommandLine commandLine, java.util.List<String> args, int code, String message, String hint) {
        String text = Format.safe(message);
        commandLine.getErr().println("error: " + text);
        if (hint != null) {
            commandLine.getErr().println(hint);
        }
        commandLine.getErr().flush();
        if (JsonOutput.requested(args)) {
            commandLine.getOut().println(JsonOutput.error(code, text));
            commandLine.getOut().flush();
        }
        return code;
    }

    static String message(Throwable e) {
        if (e instanceof dev.trainbench.sweep.SweepException) {
            return e.getMessage();
        }
        return ExperimentRunner.describe(e instanceof TrainingException && e.getCause() != null
                && (e.getCause() instanceof DataException || e.getCause() instanceof SpecException) ? e.getCause() : e);
    }

    static int exitCode(Throwable e) {
        if (e instanceof CommandLine.ParameterException) {
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof SpecException || e instanceof DataException || e instanceof RunStoreException
                || e instanceof ModelFileException || e instanceof dev.trainbench.sweep.SweepException) {
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof TrainingException t) {
            return t.getCause() == null || t.getCause() instanceof DataException || t.getCause() instanceof SpecException
                    ? ExitCodes.BAD_INPUT : ExitCodes.RUN_FAILED;
        }
        return ExitCodes.INTERNAL;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"TrainBench " + (v == null ? "dev" : v)};
        }
    }
}
