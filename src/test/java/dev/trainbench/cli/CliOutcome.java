package dev.trainbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A command's exit code and everything it printed, for tests. */
record CliOutcome(int code, String out, String err) {

    static CliOutcome of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliOutcome(code, out.toString(), err.toString());
    }
}
