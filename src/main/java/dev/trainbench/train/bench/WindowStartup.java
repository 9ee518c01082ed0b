package dev.trainbench.train.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up as a user sees it: from launching the app (a new process, as from a shell) to its window
 * mapped on the X display, polled with {@code xwininfo} every few milliseconds. Without a display it
 * starts its own Xvfb. Each launch gets an empty workspace, so the time does not depend on the runs
 * someone has stored.
 */
public final class WindowStartup implements AutoCloseable {
    /** The main window's title. */
    static final String TITLE = "TrainBench";
    private static final long POLL_MILLIS = 10;

    private final String display;
    private final Process xvfb;

    private WindowStartup(String display, Process xvfb) {
        this.display = display;
        this.xvfb = xvfb;
    }

    /** Why the measurement cannot run here, or null when it can. */
    public static String unavailable() {
        if (!onPath("xwininfo")) {
            return "xwininfo is not installed (apt-get install x11-utils)";
        }
        if (System.getenv("DISPLAY") == null && !onPath("Xvfb")) {
            return "no DISPLAY and no Xvfb (apt-get install xvfb)";
        }
        return null;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The current display, or a fresh Xvfb (closed with this object) when there is none. */
    public static WindowStartup open() throws IOException, InterruptedException {
        String current = System.getenv("DISPLAY");
        if (current != null && !current.isBlank()) {
            return new WindowStartup(current, null);
        }
        for (int n = 90 + (int) (ProcessHandle.current().pid() % 50); n < 200; n++) {
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                continue;
            }
            Process x = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && x.isAlive()) {
                if (Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                    return new WindowStartup(":" + n, x);
                }
                Thread.sleep(20);
            }
            x.destroy();
        }
        throw new IOException("could not start Xvfb");
    }

    public String display() {
        return display;
    }

    /**
     * One launch: wall-clock seconds from starting the process to its window mapped, and the CPU
     * seconds the process had used by then (all its threads: JIT, GC, class loading, the FX thread),
     * which competing load on the machine barely changes. NaN when no window appeared in time.
     */
    public record Launch(double seconds, double cpuSeconds) {
    }

    /**
     * Starts {@code command} (in {@code dir}), waits for its window to be mapped, then closes the app.
     */
    public Launch launch(List<String> command, Path dir, double timeoutSeconds)
            throws IOException, InterruptedException {
        Path workspace = Files.createTempDirectory("trainbench-startup");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put("DISPLAY", display);
        env.put("TRAINBENCH_WORKSPACE", workspace.toString());
        long start = System.nanoTime();
        Process app = pb.start();
        try {
            long deadline = start + (long) (timeoutSeconds * 1e9);
            while (System.nanoTime() < deadline && app.isAlive()) {
                if (mapped()) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    return new Launch(seconds, cpuSeconds(app.pid()));
                }
                Thread.sleep(POLL_MILLIS);
            }
            return new Launch(Double.NaN, Double.NaN);
        } finally {
            app.descendants().forEach(ProcessHandle::destroy);
            app.destroy();
            if (!app.waitFor(10, TimeUnit.SECONDS)) {
                app.destroyForcibly();
                app.waitFor(5, TimeUnit.SECONDS);
            }
            deleteTree(workspace);
        }
    }

    /** User plus system CPU time of a process (and of the threads it has), from /proc; NaN off Linux. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** USER_HZ: 100 on every Linux system Java runs on. */
    private static final int CLOCK_TICKS = 100;

    /** Whether a window titled {@link #TITLE} is viewable on the display. */
    private boolean mapped() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("xwininfo", "-name", TITLE).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.contains("IsViewable");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(dir)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(all.get(i));
        }
    }

    /** Launches per way, rounds alternating between the ways. */
    public static Map<String, List<Launch>> alternate(Map<String, List<String>> commands, Path dir, int rounds,
                                                      java.util.function.Consumer<String> log)
            throws IOException, InterruptedException {
        Map<String, List<Launch>> out = new java.util.LinkedHashMap<>();
        commands.keySet().forEach(k -> out.put(k, new ArrayList<>()));
        try (WindowStartup w = open()) {
            for (int r = 0; r < rounds; r++) {
                for (var e : commands.entrySet()) {
                    Launch l = w.launch(e.getValue(), dir, 60);
                    out.get(e.getKey()).add(l);
                    log.accept(String.format(java.util.Locale.ROOT, "round %d: %s window after %.2f s (%.2f CPU s)",
                            r + 1, e.getKey(), l.seconds(), l.cpuSeconds()));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (xvfb != null) {
            xvfb.destroy();
            try {
                xvfb.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
