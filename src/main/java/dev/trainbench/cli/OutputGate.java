package dev.trainbench.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a shutdown hook (Ctrl-C, SIGTERM) wait until the command has printed everything it has to
 * say (the summary, the {@code --json} line, or the error): the JVM exits as soon as its hooks
 * return, and output still being written then is lost. {@link Cli#execute} releases it.
 */
final class OutputGate {
    private static volatile CountDownLatch latch = new CountDownLatch(0);

    private OutputGate() {
    }

    /** From now on, {@link #awaitOutput} waits for {@link #release}. */
    static void hold() {
        latch = new CountDownLatch(1);
    }

    static void release() {
        latch.countDown();
    }

    static void awaitOutput(long seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
