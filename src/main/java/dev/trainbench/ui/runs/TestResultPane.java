package dev.trainbench.ui.runs;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.TestResult;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * A run's final test result (T7): accuracy, loss, sample count, and for classification the
 * confusion matrix as a grid (rows: true class, columns: predicted class; cells shaded by their
 * share of the row, the diagonal in blue and mistakes in red) with each class's accuracy.
 */
public final class TestResultPane extends VBox {
    private static final int MAX_CLASSES_SHOWN = 40;
    private final GridPane matrix = new GridPane();

    private final TestResult test;

    public TestResultPane(RunRecord run) {
        this(run.test(), run.test() == null ? "Not tested yet" : summary(run.test()), "held-back test samples");
    }

    /**
     * A result from anywhere, e.g. an exported model's predictions on labelled data, under
     * {@code heading}; {@code samples} says what was evaluated ("labelled samples").
     */
    public TestResultPane(TestResult t, String heading, String samples) {
        this.test = t;
        setId("test-result");
        setSpacing(8);
        setPadding(new Insets(10));
        Label title = new Label(heading);
        title.getStyleClass().add("test-summary");
        title.setId("test-summary");
        title.setWrapText(true);
        getChildren().add(title);
        if (t == null) {
            return;
        }
        Label detail = new Label(String.format(Locale.ROOT, "%,d %s, %s checkpoint, evaluated %s",
                t.samples(), samples, t.checkpoint() == null ? "best" : t.checkpoint(), shortTime(t.evaluatedAt())));
        detail.getStyleClass().add("hint");
        detail.setWrapText(true);
        getChildren().add(detail);
        if (t.confusion() != null && t.confusion().length > 0) {
            Label caption = new Label("Confusion matrix: rows are the true class, columns the predicted class");
            caption.getStyleClass().add("section-title");
            caption.setWrapText(true);
            caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            buildMatrix(t);
            ScrollPane scroll = new ScrollPane(matrix);
            scroll.setFitToWidth(false);
            scroll.getStyleClass().add("edge-to-edge");
            VBox.setVgrow(scroll, Priority.ALWAYS);
            getChildren().addAll(caption, scroll);
        }
    }

    public static String summary(TestResult t) {
        return t.accuracy() != null
                ? String.format(Locale.ROOT, "Test accuracy %.2f%%, test loss %.4g", 100 * t.accuracy(), t.loss())
                : t.rmse() != null
                ? String.format(Locale.ROOT, "Test RMSE %.4g, MAE %.4g, R\u00b2 %s (target's units); test loss %.4g",
                        t.rmse(), t.mae(), t.r2() == null ? "-" : String.format(Locale.ROOT, "%.4f", t.r2()), t.loss())
                : String.format(Locale.ROOT, "Test loss %.4g", t.loss());
    }

    private static String shortTime(String iso) {
        if (iso == null) {
            return "?";
        }
        String s = iso.replace('T', ' ');
        int dot = s.indexOf('.');
        return (dot > 0 ? s.substring(0, dot) : s.replace("Z", "")) + " UTC";
    }

    private void buildMatrix(TestResult t) {
        int[][] c = t.confusion();
        int n = Math.min(c.length, MAX_CLASSES_SHOWN);
        List<String> names = t.classNames();
        matrix.setId("confusion-matrix");
        matrix.setHgap(0);
        matrix.setVgap(0);
        double cell = n <= 10 ? 46 : n <= 20 ? 34 : 26;
        Label corner = header("true \\ pred", 84, cell);
        matrix.add(corner, 0, 0);
        for (int j = 0; j < n; j++) {
            matrix.add(header(name(names, j), cell, cell), j + 1, 0);
        }
        matrix.add(header("accuracy", 76, cell), n + 1, 0);
        for (int i = 0; i < n; i++) {
            matrix.add(header(name(names, i), 84, cell), 0, i + 1);
            long rowTotal = 0;
            for (int j = 0; j < c[i].length; j++) {
                rowTotal += c[i][j];
            }
            for (int j = 0; j < n; j++) {
                int count = c[i][j];
                double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                Label l = new Label(Integer.toString(count));
                l.getStyleClass().add("confusion-cell");
                l.setMinSize(cell, cell);
                l.setPrefSize(cell, cell);
                l.setAlignment(Pos.CENTER);
                Color fill = shade(i == j, share);
                l.setStyle(String.format(Locale.ROOT, "-fx-background-color: %s; -fx-text-fill: %s;", web(fill),
                        share > 0.45 ? "white" : "#1d2330"));
                l.setTooltip(dev.trainbench.ui.Tips.of(String.format(Locale.ROOT, "true %s, predicted %s: %,d of %,d (%.1f%%)",
                        name(names, i), name(names, j), count, rowTotal, 100 * share)));
                matrix.add(l, j + 1, i + 1);
            }
            double acc = t.perClassAccuracy() != null && i < t.perClassAccuracy().length ? t.perClassAccuracy()[i] : Double.NaN;
            Label a = atLeast(Double.isNaN(acc) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * acc), 76);
            a.getStyleClass().add("confusion-cell");
            a.setMinHeight(cell);
            a.setPrefHeight(cell);
            a.setAlignment(Pos.CENTER);
            a.setStyle("-fx-font-weight: bold;");
            matrix.add(a, n + 1, i + 1);
        }
        if (c.length > n) {
            matrix.add(new Label("(first " + n + " of " + c.length + " classes shown)"), 0, n + 1, n + 2, 1);
        }
    }

    /** White to blue (diagonal: right answers) or white to red (mistakes), by share of the row; a sqrt keeps few mistakes visible. */
    static Color shade(boolean diagonal, double share) {
        double s = Math.sqrt(Math.max(0, Math.min(1, share)));
        Color full = diagonal ? Color.web("#2f6fd6") : Color.web("#d62728");
        return Color.WHITE.interpolate(full, s * (diagonal ? 1.0 : 0.95));
    }

    private static String name(List<String> names, int i) {
        String s = names != null && i < names.size() ? names.get(i) : Integer.toString(i);
        return s.length() > 9 ? s.substring(0, 8) + "\u2026" : s;
    }

    private static Label header(String text, double width, double height) {
        Label l = atLeast(text, width);
        l.getStyleClass().add("confusion-header");
        l.setMinHeight(height);
        l.setPrefHeight(height);
        l.setAlignment(Pos.CENTER);
        return l;
    }

    /** A label at least {@code width} wide, wider when its text needs it at the current font (presentation mode). */
    private static Label atLeast(String text, double width) {
        Label l = new Label(text) {
            @Override
            protected double computePrefWidth(double height) {
                return Math.max(width, super.computePrefWidth(height));
            }
        };
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255));
    }

    /** Width and height that show the whole matrix without scrolling (before CSS has run). */
    public double[] idealSize() {
        TestResult t = test;
        if (t == null || t.confusion() == null) {
            return new double[] {560, 200};
        }
        int n = Math.min(t.confusion().length, MAX_CLASSES_SHOWN);
        double cell = n <= 10 ? 46 : n <= 20 ? 34 : 26;
        return new double[] {Math.max(560, 84 + n * cell + 76 + 44), Math.min(900, 150 + (n + 1) * cell)};
    }

    /** The number of confusion-matrix cells shown (for tests). */
    public int cellCount() {
        return (int) matrix.getChildren().stream().filter(n -> n.getStyleClass().contains("confusion-cell")).count();
    }
}
