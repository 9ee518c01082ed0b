package dev.trainbench.ui;

import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Windows and dialogs that fit the screen their owner is on and look like their owner: the same
 * theme, presentation mode's larger fonts, a size that never reaches past the screen (a window
 * asks for its ideal size, gets at most the screen's visible area) and a place on that screen.
 */
public final class Windows {
    /** The style classes of the main window's root that other windows copy (presentation mode). */
    public static final String PRESENTATION = "presentation";
    /** The widest a dialog's text runs before it wraps, in normal mode (presentation scales it). */
    private static final double DIALOG_TEXT_WIDTH = 560;

    private Windows() {
    }

    /** The visible area (without task bars) of the screen {@code owner} is on; the primary screen's without an owner. */
    public static Rectangle2D screenOf(Window owner) {
        if (owner != null && owner.getWidth() > 0) {
            var screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight());
            if (!screens.isEmpty()) {
                return screens.get(0).getVisualBounds();
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }

    /** True when {@code owner}'s scene is in presentation mode. */
    public static boolean presentation(Window owner) {
        return owner != null && owner.getScene() != null && owner.getScene().getRoot() != null
                && owner.getScene().getRoot().getStyleClass().contains(PRESENTATION);
    }

    /**
     * A new window showing {@code root}, owned by and styled like {@code owner}, asking for
     * {@code width} x {@code height} but never larger than 96% of the owner's screen, centred on
     * that screen. Not shown yet.
     */
    public static Stage create(Window owner, String title, Parent root, double width, double height) {
        Stage stage = new Stage();
        stage.setTitle(title);
        if (owner != null) {
            stage.initOwner(owner);
        }
        Rectangle2D screen = screenOf(owner);
        double scale = presentation(owner) ? 1.35 : 1.0;
        double w = Math.min(width * scale, screen.getWidth() * 0.96);
        double h = Math.min(height * scale, screen.getHeight() * 0.96);
        Scene scene = new Scene(root, w, h);
        styleLike(scene, owner);
        stage.setScene(scene);
        stage.setX(screen.getMinX() + (screen.getWidth() - w) / 2);
        stage.setY(screen.getMinY() + (screen.getHeight() - h) / 2);
        return stage;
    }

    /** Gives {@code scene} the owner's style sheets (theme) and presentation mode. */
    public static void styleLike(Scene scene, Window owner) {
        if (owner == null || owner.getScene() == null) {
            return;
        }
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        if (presentation(owner) && !scene.getRoot().getStyleClass().contains(PRESENTATION)) {
            scene.getRoot().getStyleClass().add(PRESENTATION);
        }
    }

    /**
     * Makes a dialog fit: styled like its owner, its text wrapped at a readable width that the
     * screen can hold, and placed on the owner's screen when shown (never partly off it).
     */
    public static void fit(Dialog<?> dialog, Window owner) {
        DialogPane pane = dialog.getDialogPane();
        if (owner != null && owner.getScene() != null) {
            pane.getStylesheets().setAll(owner.getScene().getStylesheets());
            if (presentation(owner)) {
                pane.getStyleClass().add(PRESENTATION);
            }
        }
        Rectangle2D screen = screenOf(owner);
        double scale = presentation(owner) ? 1.35 : 1.0;
        double width = Math.min(DIALOG_TEXT_WIDTH * scale, screen.getWidth() * 0.9);
        if (pane.getContent() == null && pane.getContentText() != null && !pane.getContentText().isEmpty()) {
            pane.setContent(wrapped(pane.getContentText()));
        }
        if (pane.getContent() instanceof Label l) {
            l.setWrapText(true);
        }
        pane.setPrefWidth(width);
        pane.setMaxWidth(screen.getWidth() * 0.96);
        pane.setMaxHeight(screen.getHeight() * 0.96);
        dialog.setResizable(true);
        dialog.setOnShown(e -> keepOnScreen(dialog, screen));
    }

    /** A label that wraps its text and asks for the height the wrapped text needs. */
    public static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        return l;
    }

    private static void keepOnScreen(Dialog<?> d, Rectangle2D screen) {
        double w = Math.min(d.getWidth(), screen.getWidth());
        double h = Math.min(d.getHeight(), screen.getHeight());
        if (w != d.getWidth()) {
            d.setWidth(w);
        }
        if (h != d.getHeight()) {
            d.setHeight(h);
        }
        d.setX(Math.max(screen.getMinX(), Math.min(d.getX(), screen.getMaxX() - w)));
        d.setY(Math.max(screen.getMinY(), Math.min(d.getY(), screen.getMaxY() - h)));
    }
}
