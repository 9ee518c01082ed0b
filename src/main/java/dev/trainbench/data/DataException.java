package dev.trainbench.data;

/**
 * Data that cannot be used. The message names the file (and line, column or entry where there
 * is one), what is wrong and what to do; it is shown to the user as is, so no stack trace is needed.
 */
public class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
