package dev.trainbench.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real {@code trainbench} process, started the way a user starts one ({@code dev.trainbench.Launcher}
 * with the test JVM's own class path, since {@code mvn verify} runs the tests before the jar exists),
 * with its standard error read line by line as it comes.
 */
final class TrainbenchProcess implements AutoCloseable {
    final Process process;
    private final BlockingQueue<String> errLines = new LinkedBlockingQueue<>();
    private final List<String> err = java.util.Collections.synchronizedList(new ArrayList<>());
    private final StringBuilder out = new StringBuilder();
    private final Thread errReader;
    private final Thread outReader;

    private TrainbenchProcess(Process process) {
        this.process = process;
        errReader = reader(process.getErrorStream(), line -> {
            err.add(line);
            errLines.add(line);
        });
        outReader = reader(process.getInputStream(), line -> {
            synchronized (out) {
                out.append(line).append('\n');
            }
        });
    }

    static TrainbenchProcess start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a short-lived JVM: C1 only starts and trains these toy runs sooner
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.trainbench.Launcher"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().remove("TRAINBENCH_WORKSPACE");
        return new TrainbenchProcess(pb.start());
    }

    private static Thread reader(java.io.InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "trainbench-process-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for a line on standard error that matches; false when the process ends or time runs out first. */
    boolean awaitErrLine(Predicate<String> matches, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String line = errLines.poll(50, TimeUnit.MILLISECONDS);
            if (line != null && matches.test(line)) {
                return true;
            }
            if (line == null && !process.isAlive()) {
                return false;
            }
        }
        return false;
    }

    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("trainbench did not end within " + seconds + " s; stderr: " + err());
        }
        errReader.join(5000);
        outReader.join(5000);
        return process.exitValue();
    }

    String out() {
        synchronized (out) {
            return out.toString();
        }
    }

    String err() {
        synchronized (err) {
            return String.join("\n", err);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
