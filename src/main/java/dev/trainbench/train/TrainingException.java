package dev.trainbench.train;

/** A run that cannot start or continue, with a message for the user naming the problem and the fix. */
public class TrainingException extends RuntimeException {
    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
