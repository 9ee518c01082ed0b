package dev.trainbench.ui;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages from the core name the spec's fields ({@code data.targetColumn}), which is right for a
 * spec file or the command line; in the GUI the user sees labels, so the fields are replaced by
 * the labels of the controls that set them ("choose the target column (CSV option 'Target')").
 */
public final class GuiWords {
    /** Longest names first, so that {@code data.classNamesPath} is not read as {@code data.classNames}. */
    private static final String[][] WORDS = {
        {"set data.targetColumn to", "choose as the target column (CSV option 'Target')"},
        {"set data.targetColumn", "choose the target column (CSV option 'Target')"},
        {"data.header to false", "the CSV option 'Header' to no"},
        {"data.targetColumn", "the target column (CSV option 'Target')"},
        {"data.skipLines", "the CSV option 'Skip lines'"},
        {"data.header", "the CSV option 'Header'"},
        {"data.delimiter", "the CSV option 'Delimiter'"},
        {"data.task", "the CSV option 'Task'"},
        {"data.categoricalColumns", "the CSV option 'Categorical'"},
        {"data.classNamesPath", "'Class names' (Data screen)"},
        {"data.classNames", "'Class names' (Data screen)"},
        {"data.labelsPath", "'Labels' (Data screen)"},
        {"data.path", "'Path' (Data screen)"},
        {"data.name", "the data set (Data screen, Source)"},
        {"data.imageSize", "'Image size' (Data screen)"},
        {"data.grayscale", "the grey option (Data screen)"},
        {"data.targetScaling", "'Targets' (Data screen, Preprocessing)"},
        {"data.classes", "'Classes' (Data screen)"},
        {"data.samples", "'Samples' (Data screen)"},
        {"data.noise", "'Noise' (Data screen)"},
        {"data.validation", "'Validation data' (Data screen)"},
        {"data.test", "'Test data' (Data screen)"},
        {"training.optimizer.learningRate", "'Learning rate' (Train screen)"},
        {"training.optimizer", "'Optimizer' (Train screen)"},
        {"training.batchSize", "'Batch size' (Train screen)"},
        {"training.epochs", "'Epochs' (Train screen)"},
        {"training.clipNorm", "'Clip grad norm' (Train screen)"},
        {"training.earlyStopping", "'Early stopping' (Train screen)"},
        {"training.schedule", "'Schedule' (Train screen)"},
        {"training.device", "'Device' (Train screen)"},
        {"training.initializer", "'Init' (Model screen)"},
        {"training.loss", "the loss (a spec file's training.loss; the GUI picks it from the data)"},
        {"model.layers", "the layers (Model screen)"},
    };
    /** "data.skipLines (CSV option 'Skip lines')": the option's label alone. */
    private static final Pattern FIELD_WITH_OPTION = Pattern.compile("(?:data|model|training)\\.[A-Za-z.]+ \\(CSV option '([^']*)'\\)");
    /** "(data.delimiter, CSV option 'Delimiter')": the option alone. */
    private static final Pattern FIELD_IN_PARENS = Pattern.compile("\\((?:data|model|training)\\.[A-Za-z.]+, ");
    /** "(data.targetColumn)" after a phrase that already names the control. */
    private static final Pattern FIELD_ALONE_IN_PARENS = Pattern.compile(" \\((?:data|model|training)\\.[A-Za-z.]+\\)");

    private GuiWords() {
    }

    /** {@code message} with spec field names replaced by GUI labels (null stays null). */
    public static String of(String message) {
        if (message == null) {
            return null;
        }
        String m = message;
        m = FIELD_WITH_OPTION.matcher(m).replaceAll(r -> Matcher.quoteReplacement("the CSV option '" + r.group(1) + "'"));
        m = FIELD_IN_PARENS.matcher(m).replaceAll("(");
        m = FIELD_ALONE_IN_PARENS.matcher(m).replaceAll("");
        for (String[] w : WORDS) {
            m = m.replace(w[0], w[1]);
        }
        return m;
    }
}
