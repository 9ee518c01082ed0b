package dev.trainbench.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external program (the scheduler's commands) and collects what it printed; replaceable in tests. */
@FunctionalInterface
public interface CommandRunner {

    /**
     * @param exitCode the program's exit status
     * @param out      its standard output
     * @param err      its standard error
     */
    record Result(int exitCode, String out, String err) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The first non-empty line of standard error, else of standard output. */
        public String firstErrorLine() {
            String text = err.isBlank() ? out : err;
            return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("exit status " + exitCode);
        }
    }

    /**
     * Runs {@code command} in {@code dir} (null: the current folder).
     *
     * @throws IOException when the program cannot be started (not installed)
     */
    Result run(List<String> command, Path dir, Duration timeout) throws IOException;

    /** The real thing: a child process, killed when it runs past {@code timeout}. */
    static CommandRunner system() {
        return (command, dir, timeout) -> {
            ProcessBuilder pb = new ProcessBuilder(command);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(command.get(0) + " did not answer within " + timeout.toSeconds() + " s");
                }
                return new Result(p.exitValue(), out.join(), err.join());
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(command.get(0) + " was interrupted", e);
            }
        };
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
