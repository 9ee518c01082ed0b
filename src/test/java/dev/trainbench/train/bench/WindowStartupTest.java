package dev.trainbench.train.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench reads the app's start-up trace (ui.StartupTrace's lines) among whatever else the app printed. */
class WindowStartupTest {
    @TempDir
    Path dir;

    @Test
    void readsAMilestonesSecondsAndCpuSecondsFromTheAppsOutput() throws Exception {
        Path out = dir.resolve("app.log");
        Files.writeString(out, String.join("\n",
                "startup-trace 310 220 150 main",
                "WARNING: Unsupported JavaFX configuration",
                "startup-trace 2480 2950 1200 first frame",
                "startup-trace 5120 7010 2300 all screens ready", ""));
        assertArrayEquals(new double[] {2.48, 2.95}, WindowStartup.traced(out, WindowStartup.FIRST_FRAME), 1e-9);
        assertArrayEquals(new double[] {5.12, 7.01}, WindowStartup.traced(out, WindowStartup.ALL_SCREENS_READY), 1e-9);
    }

    @Test
    void aMilestoneNotReachedYetIsNull() throws Exception {
        Path out = dir.resolve("app.log");
        Files.writeString(out, "startup-trace 310 220 150 main\nstartup-trace 2480 2950 1200 first fra");
        assertNull(WindowStartup.traced(out, WindowStartup.FIRST_FRAME), "a line still being written is not read");
        assertNull(WindowStartup.traced(out, WindowStartup.ALL_SCREENS_READY));
    }
}
