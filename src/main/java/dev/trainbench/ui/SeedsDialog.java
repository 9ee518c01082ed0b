package dev.trainbench.ui;

/** The "Repeat with seeds..." question, shared by the Train and Runs screens. */
public final class SeedsDialog {
    private SeedsDialog() {
    }

    /** Asks how many seeds (2 to 100, 3 suggested), then hands the number on. */
    public static void ask(javafx.scene.Node owner, String what, java.util.function.IntConsumer onChosen,
                                dev.trainbench.ui.ErrorReporter errors) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog("3");
        if (owner != null && owner.getScene() != null) {
            d.initOwner(owner.getScene().getWindow());
            Windows.fit(d, owner.getScene().getWindow());
        }
        d.setTitle("Repeat with seeds");
        d.setHeaderText("Train \"" + what + "\" how many times, each with the next seed?");
        d.setContentText("Seeds (2 to " + dev.trainbench.train.SeedGroup.MAX_SEEDS + "):");
        d.getDialogPane().setId("repeat-seeds-dialog");
        d.showAndWait().ifPresent(text -> {
            int n;
            try {
                n = Integer.parseInt(text.strip());
            } catch (NumberFormatException ex) {
                errors.report("Repeating with seeds", new IllegalArgumentException(
                        "\"" + text + "\" is not a number of seeds; give a whole number such as 3"));
                return;
            }
            onChosen.accept(n);
        });
    }

}
