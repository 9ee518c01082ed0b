package dev.trainbench.ui;

import dev.trainbench.data.DataException;
import dev.trainbench.runs.ModelFileException;
import dev.trainbench.runs.RunStoreException;
import dev.trainbench.spec.SpecException;
import dev.trainbench.train.TrainingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What went wrong and what to do, in words for the user: the text of an error dialog. Never a
 * stack trace; the core's exceptions already carry user-facing messages.
 */
public record UserMessage(String title, String whatHappened, String whatToDo) {

    public static UserMessage of(String action, Throwable error) {
        Throwable e = unwrap(error);
        // the core's messages name spec fields; the GUI names its labels
        String message = e.getMessage() == null || e.getMessage().isBlank() ? null : GuiWords.of(e.getMessage());
        if (e instanceof DataException) {
            return new UserMessage(action + " failed", message,
                    "Check the file or settings named above, or pick a shipped sample to continue.");
        }
        if (e instanceof SpecException) {
            return new UserMessage(action + " failed", message, "Change the setting named above and try again.");
        }
        if (e instanceof TrainingException) {
            return new UserMessage(action + " failed", message,
                    "Adjust the model or training settings (the message says which) and start a new run.");
        }
        if (e instanceof ModelFileException) {
            return new UserMessage(action + " failed", message,
                    "Export the model again from its run (Runs, Export model...), or choose another file.");
        }
        if (e instanceof RunStoreException) {
            return new UserMessage(action + " failed", message,
                    "Check that the workspace folder exists and is writable, then try again.");
        }
        if (e instanceof NoSuchFileException) {
            return new UserMessage(action + " failed", "The file " + message + " does not exist.",
                    "Choose an existing file.");
        }
        if (e instanceof AccessDeniedException) {
            return new UserMessage(action + " failed", "Permission denied: " + message + ".",
                    "Choose a file or folder you can read and write.");
        }
        if (e instanceof IOException) {
            return new UserMessage(action + " failed", "Reading or writing a file failed: " + message,
                    "Check the path and the disk, then try again.");
        }
        if (e instanceof OutOfMemoryError) {
            return new UserMessage(action + " failed", "TrainBench ran out of memory.",
                    "Use a subset of the data, a smaller model or a smaller batch size.");
        }
        String what = message != null ? message : "An unexpected " + e.getClass().getSimpleName() + " occurred.";
        return new UserMessage(action + " failed", what,
                "Try again; if it keeps happening, report it with the steps that led here.");
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public String text() {
        return whatHappened + "\n\nWhat to do: " + whatToDo;
    }
}
