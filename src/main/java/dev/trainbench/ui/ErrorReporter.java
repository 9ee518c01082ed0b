package dev.trainbench.ui;

/** Tells the user that an action failed (a dialog in the app, a list in tests). */
public interface ErrorReporter {
    void report(String action, Throwable error);
}
