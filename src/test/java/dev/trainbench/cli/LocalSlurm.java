package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-node Slurm cluster of {@code scripts/slurm-local.sh} for the tests: started (installed
 * first where missing) when a test needs it, reused when it already runs, and stopped afterwards
 * only as far as this test run started it. A machine where it cannot start fails the test with the
 * script's reason: the Slurm tests never skip.
 */
final class LocalSlurm {
    private static final Path SCRIPT = Path.of("scripts", "slurm-local.sh").toAbsolutePath();
    private static final List<String> started = new ArrayList<>();
    private static boolean up;

    private LocalSlurm() {
    }

    /** Starts the cluster (or finds it running); fails the calling test with the reason when it cannot. */
    static synchronized void ensureRunning() {
        if (up) {
            return;
        }
        Result r = script("start");
        if (r.code != 0) {
            fail("the one-node Slurm cluster did not start (scripts/slurm-local.sh start, exit " + r.code + "):\n" + r.output
                    + "\nThe Slurm tests need it: run them as root on Debian/Ubuntu (the script installs slurm-wlm and munge"
                    + " with apt-get), or start a cluster whose sinfo shows an idle node.");
        }
        Matcher m = Pattern.compile("started (munged|slurmctld|slurmd) \\(pid").matcher(r.output);
        while (m.find()) {
            started.add(m.group(1));
        }
        // said, as SLURM-NOTES asks: daemons a test starts keep running until it stops them
        System.err.println("LocalSlurm: " + (started.isEmpty() ? "reusing the running cluster"
                : "started " + String.join(", ", started) + "; they are stopped when the tests end"));
        if (!started.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(LocalSlurm::stopWhatWeStarted, "slurm-stop"));
        }
        up = true;
    }

    /** Stops the daemons this test run started (by the PIDs the script recorded), nothing else. */
    static synchronized void stopWhatWeStarted() {
        if (!started.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("stop"));
            args.addAll(started);
            script(args.toArray(String[]::new));
            started.clear();
        }
    }

    private record Result(int code, String output) {
    }

    private static Result script(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(124, out + "\n(timed out after 10 minutes)");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(127, "cannot run " + SCRIPT + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "interrupted");
        }
    }
}
