package dev.trainbench.ui.diagnose;

import dev.trainbench.diagnose.Evidence;
import dev.trainbench.diagnose.Finding;
import dev.trainbench.diagnose.Severity;
import dev.trainbench.diagnose.TryThis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A run's findings, most severe first: for each, its severity and rule, what is wrong, the
 * evidence (numbers, and a link to the chart that shows it), the tip it comes from, and a
 * <em>Try this</em> button with the one spec change to try (other single changes in a menu).
 * Pressing it hands the finding and the change to the owner, which clones the run with exactly
 * that change and starts it.
 */
public final class DiagnosisPanel extends BorderPane {
    private final Label title = new Label();
    private final VBox list = new VBox(8);
    private final ScrollPane scroll = new ScrollPane(list);
    private BiConsumer<Finding, TryThis> onTry = (f, t) -> { };
    private Consumer<Evidence> onLook = e -> { };
    private boolean tryEnabled = true;
    private String tryDisabledReason;
    private List<Finding> shown = List.of();
    private String emptyText = "No findings: nothing in this run matches a known problem (yet).";

    public DiagnosisPanel() {
        getStyleClass().add("diagnosis-panel");
        setId("diagnosis-panel");
        title.getStyleClass().add("diagnosis-title");
        title.setId("diagnosis-title");
        title.setWrapText(true);
        list.setPadding(new Insets(4, 6, 6, 2));
        list.setFillWidth(true);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("diagnosis-scroll");
        BorderPane.setMargin(title, new Insets(6, 8, 4, 8));
        setTop(title);
        setCenter(scroll);
        setFindings(List.of());
    }

    /** Called with the finding and the change when a Try-this button (or a menu entry) is pressed. */
    public void setOnTry(BiConsumer<Finding, TryThis> handler) {
        this.onTry = handler == null ? (f, t) -> { } : handler;
    }

    /** Called when the "look at" link of a finding is pressed (to point at the chart). */
    public void setOnLook(Consumer<Evidence> handler) {
        this.onLook = handler == null ? e -> { } : handler;
    }

    /** Enables or disables the Try-this buttons, with the reason shown as their tooltip. */
    public void setTryEnabled(boolean enabled, String reason) {
        this.tryEnabled = enabled;
        this.tryDisabledReason = reason;
        rebuild();
    }

    /** What the panel says while there are no findings. */
    public void setEmptyText(String text) {
        this.emptyText = text;
        rebuild();
    }

    public void setFindings(List<Finding> findings) {
        shown = findings == null ? List.of() : List.copyOf(findings);
        rebuild();
    }

    public List<Finding> findings() {
        return shown;
    }

    public String titleText() {
        return title.getText();
    }

    private void rebuild() {
        list.getChildren().clear();
        long warnings = shown.stream().filter(f -> f.severity().atLeast(Severity.WARNING)).count();
        title.setText(shown.isEmpty() ? "Diagnosis" : "Diagnosis: " + (warnings == 0 ? "no problems, "
                + shown.size() + (shown.size() == 1 ? " note" : " notes") : warnings + (warnings == 1 ? " problem" : " problems")
                + (shown.size() > warnings ? " and " + (shown.size() - warnings) + " more" : "")));
        if (shown.isEmpty()) {
            Label empty = new Label(emptyText);
            empty.getStyleClass().add("hint");
            empty.setWrapText(true);
            empty.setId("diagnosis-empty");
            list.getChildren().add(empty);
            return;
        }
        for (Finding f : shown) {
            list.getChildren().add(card(f));
        }
    }

    private VBox card(Finding f) {
        Label severity = new Label(f.severity().label().toUpperCase(Locale.ROOT));
        severity.getStyleClass().addAll("severity-badge", "severity-" + f.severity().label());
        severity.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label rule = new Label(f.rule());
        rule.getStyleClass().add("finding-rule");
        rule.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox head = new HBox(6, severity, rule);
        head.setAlignment(Pos.CENTER_LEFT);
        Label what = new Label(capitalize(f.title()));
        what.getStyleClass().add("finding-title");
        what.setWrapText(true);
        Label message = new Label(capitalize(f.message()) + ".");
        message.getStyleClass().add("finding-message");
        message.setWrapText(true);
        VBox card = new VBox(4, head, what, message);
        card.getStyleClass().addAll("finding-card", "finding-card-" + f.severity().label());
        card.setMinWidth(0);
        card.setId("finding-" + f.rule());
        card.setUserData(f);
        Evidence ev = f.evidence();
        if (ev != null) {
            Hyperlink look = new Hyperlink("Look at " + ev.chartLabel() + where(ev));
            look.getStyleClass().add("finding-look");
            look.setWrapText(true);
            look.setOnAction(e -> onLook.accept(ev));
            card.getChildren().add(look);
            String numbers = numbers(ev.values());
            if (!numbers.isEmpty()) {
                Label n = new Label(numbers);
                n.getStyleClass().add("finding-numbers");
                n.setWrapText(true);
                card.getChildren().add(n);
            }
        }
        Label tip = new Label("Tip: " + f.tip());
        tip.getStyleClass().add("finding-tip");
        tip.setWrapText(true);
        card.getChildren().add(tip);
        List<TryThis> changes = f.changes();
        if (!changes.isEmpty()) {
            TryThis main = changes.get(0);
            Button tryThis = new Button("Try this: " + main.label());
            tryThis.setId("try-this-" + f.rule());
            tryThis.getStyleClass().addAll("accent", "try-this");
            tryThis.setWrapText(true);
            tryThis.setMaxWidth(Double.MAX_VALUE);
            tryThis.setTooltip(dev.trainbench.ui.Tips.of("Clone the run with exactly this one change (" + main.assignment()
                    + "), record it as the clone's parent, and start the clone"));
            tryThis.setDisable(!tryEnabled);
            if (!tryEnabled && tryDisabledReason != null) {
                tryThis.setTooltip(dev.trainbench.ui.Tips.of(tryDisabledReason));
            }
            tryThis.setOnAction(e -> onTry.accept(f, main));
            // the button wraps its text rather than widen the card: in a narrow panel nothing may be cut off
            tryThis.setMinWidth(0);
            VBox actions = new VBox(4, tryThis);
            actions.setFillWidth(true);
            actions.setMinWidth(0);
            if (changes.size() > 1) {
                MenuButton more = new MenuButton("Other fixes");
                more.setId("other-fixes-" + f.rule());
                more.getStyleClass().add("small-button");
                for (TryThis t : changes.subList(1, changes.size())) {
                    MenuItem item = new MenuItem(t.label());
                    item.setOnAction(e -> onTry.accept(f, t));
                    more.getItems().add(item);
                }
                more.setDisable(!tryEnabled);
                actions.getChildren().add(more);
            }
            card.getChildren().add(actions);
        }
        return card;
    }

    private static String where(Evidence ev) {
        List<String> parts = new ArrayList<>();
        if (ev.step() != null) {
            parts.add("step " + ev.step());
        }
        if (ev.epoch() != null) {
            parts.add("epoch " + ev.epoch());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    static String numbers(Map<String, Double> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k + " " + num(v)));
        return String.join(" \u00b7 ", parts);
    }

    static String num(double v) {
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e6) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return a != 0 && (a >= 1e4 || a < 1e-3) ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
