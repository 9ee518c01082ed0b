package dev.trainbench.sweep;

/** A sweep that cannot be made, found, read, submitted or controlled; the message says why and what to do. */
public final class SweepException extends RuntimeException {
    public SweepException(String message) {
        super(message);
    }

    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}
