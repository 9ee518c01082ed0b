package dev.trainbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.spec.SpecJson;
import java.util.List;

/**
 * The {@code --json} contract shared by every command that has the option: the command's last line
 * on standard output is one JSON object. On success the command prints its own; on any error
 * (usage, bad input, a failure) {@link Cli} prints {@code {"status":"error","exitCode":N,"message":"..."}},
 * so a script always gets a line to parse. A new command gets this by naming its option {@code --json}.
 */
final class JsonOutput {
    static final String OPTION = "--json";

    private JsonOutput() {
    }

    /** True when {@code --json} is among the arguments (before a {@code --} that ends the options). */
    static boolean requested(List<String> args) {
        for (String a : args) {
            if ("--".equals(a)) {
                return false;
            }
            if (OPTION.equals(a)) {
                return true;
            }
        }
        return false;
    }

    static String error(int exitCode, String message) {
        ObjectNode n = SpecJson.mapper().createObjectNode();
        n.put("status", "error");
        n.put("exitCode", exitCode);
        n.put("message", message);
        return n.toString();
    }
}
