package dev.trainbench.ui;

import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.stage.Window;

/** Shows a failed action as a dialog: what went wrong and what to do. No stack traces. */
public final class FxErrorReporter implements ErrorReporter {
    private final Supplier<Window> owner;

    public FxErrorReporter(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void report(String action, Throwable error) {
        UserMessage m = UserMessage.of(action, error);
        Alert alert = new Alert(Alert.AlertType.ERROR);
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        alert.setTitle("TrainBench");
        alert.setHeaderText(m.title());
        Label text = Windows.wrapped(m.text());
        text.setId("error-text");
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setId("error-dialog");
        // wrapped at a readable width the screen can hold, and placed on the owner's screen
        Windows.fit(alert, w);
        alert.show();
    }
}
