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
    /** How often the app's trace is read for its milestones once the window is there. */
    private static final long POLL_MILLIS = 50;

    private final String display;
    private final Process xvfb;

    private WindowStartup(String display, Process xvfb) {
        this.display = display;
        this.xvfb = xvfb;
    }

    /** Why the measurement cannot run here, or null when it can. */
    public static String unavailable() {
        if (!onPath("xwininfo") || !onPath("xev")) {
            return "xwininfo and xev are not installed (apt-get install x11-utils)";
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
     * which competing load on the machine barely changes; then, from the app's start-up trace, the
     * seconds after the process started until the window's first frame was on the screen (a window
     * maps blank and is painted a moment later), until every screen was built, and the CPU seconds
     * by then.
     * NaN for what did not happen in time (or an app without the trace).
     */
    public record Launch(double seconds, double cpuSeconds, double firstFrameSeconds, double allScreensSeconds,
                         double allScreensCpuSeconds) {
        Launch(double seconds, double cpuSeconds) {
            this(seconds, cpuSeconds, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /** The app's trace line once its window's first frame is on the screen. */
    static final String FIRST_FRAME = "first frame";

    /** The app's trace line once every screen is built (ui.StartupTrace, which this package cannot name). */
    static final String ALL_SCREENS_READY = "all screens ready";

    /**
     * Starts {@code command} (in {@code dir}), waits for its window to be mapped, then for the app's
     * trace to say every screen is built (at most {@code timeoutSeconds} in all), then closes the app.
     */
    public Launch launch(List<String> command, Path dir, double timeoutSeconds)
            throws IOException, InterruptedException {
        Path workspace = Files.createTempDirectory("trainbench-startup");
        Path output = Files.createTempFile("trainbench-startup", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = pb.environment();
        env.put("DISPLAY", display);
        env.put("TRAINBENCH_WORKSPACE", workspace.toString());
        env.put("TRAINBENCH_STARTUP_TRACE", "1");
        // The window's mapping is seen as it happens, not by polling: one xev on the root window
        // reports every top-level window mapped, and only then is xwininfo asked whether it is the
        // app's. Polling xwininfo every 50 ms (a new process walking the X server's window tree each
        // time) delayed the app's own first frame from 2.9 s to 4.2 s on two cores.
        ProcessBuilder xev = new ProcessBuilder("xev", "-root", "-event", "substructure").redirectErrorStream(true);
        xev.environment().put("DISPLAY", display);
        Process watcher = xev.start();
        java.util.concurrent.BlockingQueue<Long> maps = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(watcher.getInputStream(),
                    StandardCharsets.ISO_8859_1))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("MapNotify")) {
                        maps.add(System.nanoTime());
                    }
                }
            } catch (IOException closed) {
                // the watcher was stopped
            }
        }, "startup-map-watcher");
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(300); // xev selects the root window's events before the app starts
        long start = System.nanoTime();
        Process app = pb.start();
        try {
            long deadline = start + (long) (timeoutSeconds * 1e9);
            while (System.nanoTime() < deadline && app.isAlive()) {
                Long at = maps.poll(1, TimeUnit.SECONDS);
                // a map that was another window, or none seen in a second (xev gone): ask directly
                if (mapped()) {
                    double seconds = ((at != null ? at : System.nanoTime()) - start) / 1e9;
                    double cpu = cpuSeconds(app.pid());
                    double[] ready = null;
                    while (ready == null && System.nanoTime() < deadline && app.isAlive()) {
                        ready = traced(output, ALL_SCREENS_READY);
                        Thread.sleep(POLL_MILLIS * 5);
                    }
                    double[] frame = traced(output, FIRST_FRAME);
                    return ready == null ? new Launch(seconds, cpu)
                            : new Launch(seconds, cpu, frame == null ? Double.NaN : frame[0], ready[0], ready[1]);
                }
            }
            return new Launch(Double.NaN, Double.NaN);
        } finally {
            watcher.destroy();
            app.descendants().forEach(ProcessHandle::destroy);
            app.destroy();
            if (!app.waitFor(10, TimeUnit.SECONDS)) {
                app.destroyForcibly();
                app.waitFor(5, TimeUnit.SECONDS);
            }
            deleteTree(workspace);
            Files.deleteIfExists(output);
        }
    }

    /**
     * Seconds since the process started and its CPU seconds at the trace line {@code milestone}
     * ({@code startup-trace <ms> <cpu ms> <thread cpu ms> <milestone>}), or null when not there yet.
     */
    static double[] traced(Path output, String milestone) throws IOException {
        for (String line : Files.readAllLines(output, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("startup-trace ") && line.endsWith(" " + milestone)) {
                String[] f = line.split(" ");
                return new double[] {Long.parseLong(f[1]) / 1e3, Long.parseLong(f[2]) / 1e3};
            }
        }
        return null;
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

    /** The one-minute load average, NaN where the system does not say. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
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
                    log.accept(String.format(java.util.Locale.ROOT, "round %d: %s window after %.2f s (%.2f CPU s),"
                            + " first frame on it after %.2f s, every screen built after %.2f s (%.2f CPU s), load average %.2f",
                            r + 1, e.getKey(), l.seconds(), l.cpuSeconds(), l.firstFrameSeconds(), l.allScreensSeconds(),
                            l.allScreensCpuSeconds(), loadAverage()));
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
