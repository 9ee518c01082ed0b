package dev.trainbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JavaFX's rendering pipeline, chosen before the toolkit starts. By default JavaFX first tries
 * OpenGL (es2) and falls back to software rendering; on a Linux machine with no graphics device
 * (a server, a container, Xvfb in CI) that probe loads Mesa's software OpenGL (LLVM included),
 * creates a context and is then refused by JavaFX's hardware check, every start. There the
 * software pipeline is chosen directly. Anywhere a GPU could be used (a device node under
 * {@code /dev/dri}, NVIDIA's or WSL's device, a remote X display, or another OS) JavaFX's own order
 * stays, and {@code -Dprism.order=...} always wins.
 */
final class RenderingPipeline {
    /** Device nodes through which an X client can reach a GPU (Mesa's DRI, NVIDIA's driver, WSL2's GPU). */
    private static final List<String> GPU_DEVICES = List.of("/dev/dri", "/dev/nvidiactl", "/dev/nvidia0", "/dev/dxg");

    private RenderingPipeline() {
    }

    /** Sets {@code prism.order=sw} when OpenGL cannot be hardware-accelerated here (see the class comment). */
    static void chooseBeforeStart() {
        if (System.getProperty("prism.order") != null) {
            return;
        }
        if (softwareOnly(System.getProperty("os.name", ""), System.getenv(), RenderingPipeline::exists)) {
            System.setProperty("prism.order", "sw");
        }
    }

    /**
     * Whether JavaFX's OpenGL probe would certainly fail: Linux, a local X display (or none), and
     * no GPU device node.
     */
    static boolean softwareOnly(String osName, Map<String, String> env, java.util.function.Predicate<String> exists) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return false;
        }
        String display = env.get("DISPLAY");
        // host:0 is a remote display (ssh -X): its GL may be the remote machine's GPU
        if (display != null && !display.isBlank() && !display.startsWith(":") && !display.startsWith("unix:")) {
            return false;
        }
        return GPU_DEVICES.stream().noneMatch(exists);
    }

    private static boolean exists(String path) {
        Path p = Path.of(path);
        if (!Files.isDirectory(p)) {
            return Files.exists(p);
        }
        try (var entries = Files.list(p)) {
            return entries.findAny().isPresent(); // an empty /dev/dri (a container without the GPU passed through) has none
        } catch (java.io.IOException e) {
            return true; // cannot tell: keep JavaFX's own probe
        }
    }
}
