package dev.trainbench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian package {@code chromium}, installed by {@code .ci/run}) for tests that
 * must see a page as a browser shows it. Started with a fresh profile and nothing that reaches the
 * network. A machine without it fails the test with the reason, never skips it silently.
 */
final class Chromium {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/snap/bin/chromium");

    private final Path binary;
    private final Path profile;

    private Chromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    /** Chromium with a fresh profile under {@code tmp}; an {@link AssertionError} with the fix when it is missing. */
    static Chromium find(Path tmp) throws IOException {
        for (String c : CANDIDATES) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return new Chromium(p, Files.createDirectories(tmp.resolve("chromium-profile")));
            }
        }
        throw new AssertionError("headless Chromium is needed to check the HTML report but is not installed (looked for "
                + CANDIDATES + "); install it with 'apt-get update && apt-get install -y chromium' (.ci/run does this)");
    }

    /** The DOM after the page (and its frames) loaded and ran, as Chromium serialises it. */
    String dumpDom(Path page, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--dump-dom", "--virtual-time-budget=10000"));
        args.addAll(List.of(extra));
        args.add(page.toUri().toString());
        return run(args);
    }

    /** A PNG of the page at the given window size. */
    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", "--virtual-time-budget=5000", page.toUri().toString()));
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        cmd.addAll(args);
        Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish in 90 s: " + cmd);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("Chromium exited " + p.exitValue() + ": " + Files.readString(err, StandardCharsets.UTF_8));
        }
        return stdout;
    }
}
