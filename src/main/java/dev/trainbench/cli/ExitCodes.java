package dev.trainbench.cli;

/** Exit codes, documented in the README. */
final class ExitCodes {
    /** Trained to the end (or early-stopped), or the command succeeded. */
    static final int OK = 0;
    /** The run failed, diverged or was stopped. */
    static final int RUN_FAILED = 1;
    /** Bad input: usage, spec, data or a run that does not exist. */
    static final int BAD_INPUT = 2;
    /** Something unexpected; the message says what. */
    static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
