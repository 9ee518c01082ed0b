package dev.trainbench.ui.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * Runs work off the UI thread and hands the result (or the failure) back on it. Views and view
 * models never start threads themselves: they go through this, so that tests can swap in
 * {@link SameThreadTaskRunner} and a progress indicator can show whatever is running.
 */
public interface TaskRunner {

    /**
     * Runs {@code work} in the background; {@code onSuccess} or {@code onFailure} is called on the
     * UI thread afterwards. {@code description} is shown while it runs ("Loading MNIST...").
     */
    <T> void run(String description, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    /** True while at least one task is running. */
    ReadOnlyBooleanProperty busyProperty();

    /** Description of the most recent running task, empty when idle. */
    ReadOnlyStringProperty messageProperty();
}
