package dev.trainbench.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Runs test code on the JavaFX thread (headless Monocle in tests), starting the toolkit once. */
public final class FxThread {
    private static volatile boolean started;

    private FxThread() {
    }

    public static synchronized void start() {
        if (started) {
            return;
        }
        try {
            // Started the way TestFX starts it: a toolkit started with Platform.startup before a TestFX
            // test class ran left that class's robot clicks and drags undelivered (test order decides).
            org.testfx.api.FxToolkit.registerPrimaryStage();
        } catch (Exception e) {
            throw new IllegalStateException("JavaFX did not start", e);
        }
        Platform.setImplicitExit(false);
        started = true;
    }

    public static <T> T call(Callable<T> work) {
        start();
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Waits until {@code condition} holds (polled by TestFX), failing with "timed out waiting for {@code what}". */
    public static void waitUntil(String what, int seconds, java.util.function.BooleanSupplier condition) {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }
}
