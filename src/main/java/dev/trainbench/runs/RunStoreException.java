package dev.trainbench.runs;

/** A run folder that cannot be created, read or changed; the message says which and why. */
public class RunStoreException extends RuntimeException {
    public RunStoreException(String message) {
        super(message);
    }

    public RunStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
