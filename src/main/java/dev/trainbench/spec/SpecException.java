package dev.trainbench.spec;

/** A spec that cannot be used; the message names the field, the problem and the fix. */
public class SpecException extends RuntimeException {
    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new SpecException(message);
        }
    }
}
