package dev.trainbench.runs;

/**
 * An exported model archive that cannot be written or read: not a TrainBench model, from a newer
 * TrainBench, truncated, damaged or oversized. The message names the file, the problem and the fix.
 */
public class ModelFileException extends RuntimeException {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
