package dev.trainbench.cli;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages make the same small Fashion-MNIST-style IDX pairs. */
public final class CliDataFilesTestAccess {
    private CliDataFilesTestAccess() {
    }

    public static void fashionPair(Path dir, String prefix, int n, int side, int classes, long seed) throws IOException {
        CliDataFilesTest.fashionPair(dir, prefix, n, side, classes, seed);
    }
}
