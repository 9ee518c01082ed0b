package dev.trainbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.spec.SpecJson;
import java.io.PrintWriter;

/**
 * The error line of a command run with {@code --json}: {@code {"status":"error","exitCode":…,
 * "message":…}} on standard output, so that a script reading the JSON line learns what went wrong;
 * the usual {@code error: …} line still goes to standard error.
 */
final class JsonErrorLine {
    private JsonErrorLine() {
    }

    /** Prints the lines for {@code e} and returns the exit code. */
    static int print(PrintWriter out, PrintWriter err, RuntimeException e) {
        int code = Cli.exitCode(e);
        ObjectNode n = SpecJson.mapper().createObjectNode();
        n.put("status", "error");
        n.put("exitCode", code);
        n.put("message", Cli.message(e));
        out.println(n);
        out.flush();
        err.println("error: " + Cli.message(e));
        err.flush();
        return code;
    }
}
