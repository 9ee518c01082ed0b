package dev.trainbench.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Start-up milestones for measuring where the time to the window goes: with the environment
 * variable {@code TRAINBENCH_STARTUP_TRACE=1} (or {@code -Dtrainbench.startup.trace=true}) each
 * milestone prints one line to standard error,
 * {@code startup-trace <ms since the process started> <process CPU ms> <calling thread's CPU ms> <milestone>}, which
 * {@code trainbench bench startup} reads (e.g. when every screen was ready). Off, it costs one
 * boolean test per milestone.
 */
public final class StartupTrace {
    /** The milestone printed when every screen is built (the bench looks for it). */
    public static final String ALL_SCREENS_READY = "all screens ready";
    /** The milestone printed once the main window's first frame is rendered and on the screen. */
    public static final String FIRST_FRAME = "first frame";

    private static final boolean ON = "1".equals(System.getenv("TRAINBENCH_STARTUP_TRACE"))
            || Boolean.getBoolean("trainbench.startup.trace");

    private StartupTrace() {
    }

    public static boolean enabled() {
        return ON;
    }

    /** Prints the milestone when tracing is on. */
    public static void mark(String milestone) {
        if (!ON) {
            return;
        }
        long sinceStart = ProcessHandle.current().info().startInstant()
                .map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
        System.err.printf(Locale.ROOT, "startup-trace %d %d %d %s%n", sinceStart, cpuMillis("/proc/self/stat"),
                cpuMillis("/proc/thread-self/stat"), milestone);
    }

    /** User plus system CPU time of this process (all threads) or thread from /proc; -1 off Linux. */
    private static long cpuMillis(String statFile) {
        try {
            String stat = Files.readString(Path.of(statFile));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // USER_HZ is 100
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
