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
        Label text = new Label(m.text());
        text.setWrapText(true);
        text.setMaxWidth(520);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setId("error-dialog");
        alert.show();
    }
}
