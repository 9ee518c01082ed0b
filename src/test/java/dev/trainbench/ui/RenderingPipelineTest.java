package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** JavaFX's OpenGL probe is skipped only where it must fail: Linux, a local display, no GPU device node. */
class RenderingPipelineTest {
    private static boolean softwareOnly(String os, String display, String... devices) {
        Set<String> present = Set.of(devices);
        return RenderingPipeline.softwareOnly(os, display == null ? Map.of() : Map.of("DISPLAY", display), present::contains);
    }

    @Test
    void aLinuxServerOrXvfbWithoutAGpuDeviceRendersInSoftwareFromTheStart() {
        assertTrue(softwareOnly("Linux", ":99"));
        assertTrue(softwareOnly("Linux", "unix:0"));
        assertTrue(softwareOnly("Linux", null), "headless: no display at all");
    }

    @Test
    void anyGpuDeviceKeepsJavaFxsOwnProbe() {
        assertFalse(softwareOnly("Linux", ":0", "/dev/dri"), "Mesa's DRI (Intel, AMD, nouveau)");
        assertFalse(softwareOnly("Linux", ":0", "/dev/nvidiactl"), "NVIDIA's driver");
        assertFalse(softwareOnly("Linux", ":0", "/dev/dxg"), "WSL2's GPU");
    }

    @Test
    void aRemoteDisplayOrAnotherSystemKeepsJavaFxsOwnProbe() {
        assertFalse(softwareOnly("Linux", "localhost:10.0"), "ssh -X: the GPU may be the remote machine's");
        assertFalse(softwareOnly("Mac OS X", null));
        assertFalse(softwareOnly("Windows 11", null));
    }
}
