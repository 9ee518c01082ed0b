package dev.trainbench.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the data comes from. Which fields matter depends on {@code source}:
 * <ul>
 *   <li>{@code sample}: {@code name} is {@code mnist} or {@code iris} (shipped in sample-datasets/)</li>
 *   <li>{@code toy}: {@code name} is moons, circles, spiral, xor or blobs; {@code samples}, {@code noise},
 *       {@code classes}</li>
 *   <li>{@code csv}: {@code path} (plain or gzip), {@code targetColumn} (default: last), {@code header}
 *       (default: detect), {@code skipLines} (default 0), {@code delimiter} (default: detect),
 *       {@code task} (default: detect), {@code categoricalColumns}, {@code classNames}</li>
 *   <li>{@code idx}: {@code path} of the images/features file, {@code labelsPath} of the labels file,
 *       {@code classNames} or {@code classNamesPath}</li>
 *   <li>{@code images}: {@code path} of a folder with one sub-folder per class; {@code imageSize},
 *       {@code grayscale}</li>
 * </ul>
 * {@code validation} and {@code test} give a split its own files (csv, idx or images), used as they
 * are: never reshuffled into training. They take the same fields; what they leave out (the source,
 * the CSV options, the class names, the image size) is taken from this section, so a test set in
 * the training file's format needs only its path(s). The split percentages then divide
 * {@code path} alone, and the percentage of a split that has its own files must be 0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSpec(
        Source source,
        String name,
        String path,
        String labelsPath,
        String targetColumn,
        Task task,
        Boolean header,
        Integer skipLines,
        Delimiter delimiter,
        List<String> categoricalColumns,
        List<String> classNames,
        String classNamesPath,
        Integer samples,
        Double noise,
        Integer classes,
        Integer imageSize,
        Boolean grayscale,
        TargetScaling targetScaling,
        DataSpec validation,
        DataSpec test) {

    /** Lines a CSV may skip before its header: more is a typo (a preamble is a few lines). */
    public static final int MAX_SKIP_LINES = 1_000_000;

    public enum Source {
        @JsonProperty("sample") SAMPLE,
        @JsonProperty("toy") TOY,
        @JsonProperty("csv") CSV,
        @JsonProperty("idx") IDX,
        @JsonProperty("images") IMAGES
    }

    public enum Task {
        @JsonProperty("classification") CLASSIFICATION,
        @JsonProperty("regression") REGRESSION
    }

    /** The CSV cell separator; {@code auto} (or leaving it out) detects it from the first lines. */
    public enum Delimiter {
        @JsonProperty("auto") AUTO,
        @JsonProperty(",") COMMA,
        @JsonProperty(";") SEMICOLON,
        @JsonProperty("tab") TAB,
        /** Any run of spaces and tabs, as in whitespace-aligned text tables. */
        @JsonProperty("whitespace") WHITESPACE
    }

    /**
     * Scaling of regression targets, fitted on the training split; metrics (RMSE, MAE, R²) are still
     * reported in the targets' own units. {@code none} (or leaving it out) trains on the targets as they are.
     */
    public enum TargetScaling {
        @JsonProperty("none") NONE,
        /** Zero mean and unit variance per target column. */
        @JsonProperty("standardize") STANDARDIZE
    }

    /**
     * Validates what one section can say on its own. A {@code validation}/{@code test} section may
     * leave {@code source} out (it inherits it); it is validated again once merged with its parent.
     */
    public DataSpec {
        categoricalColumns = categoricalColumns == null ? null : List.copyOf(categoricalColumns);
        classNames = classNames == null ? null : List.copyOf(classNames);
        if (source != null) {
            switch (source) {
                case SAMPLE, TOY -> SpecException.require(name != null && !name.isBlank(),
                        "data.name is missing: a " + source.name().toLowerCase(Locale.ROOT) + " source needs a name, e.g. "
                                + (source == Source.SAMPLE ? "\"mnist\" or \"iris\"" : "\"spiral\""));
                case CSV, IDX, IMAGES -> SpecException.require(path != null && !path.isBlank(),
                        "data.path is missing: a " + source.name().toLowerCase(Locale.ROOT)
                                + " source needs the path of its file or folder");
            }
        }
        SpecException.require(samples == null || samples > 0, "data.samples must be positive, was " + samples);
        SpecException.require(noise == null || (noise >= 0 && Double.isFinite(noise)), "data.noise must be >= 0, was " + noise);
        SpecException.require(classes == null || classes >= 2, "data.classes must be at least 2, was " + classes);
        SpecException.require(imageSize == null || (imageSize >= 4 && imageSize <= 512),
                "data.imageSize must be between 4 and 512 pixels, was " + imageSize);
        SpecException.require(skipLines == null || (skipLines >= 0 && skipLines <= MAX_SKIP_LINES),
                "data.skipLines must be between 0 and " + MAX_SKIP_LINES + " (the lines before the header), was " + skipLines);
        if (categoricalColumns != null) {
            for (String c : categoricalColumns) {
                SpecException.require(c != null && !c.isBlank(),
                        "data.categoricalColumns has an empty entry: give column names or 0-based indices, e.g. [\"color\", \"3\"]");
            }
        }
        if (classNames != null) {
            SpecException.require(classNames.size() >= 2, "data.classNames needs at least two names, had " + classNames.size());
            Set<String> seen = new HashSet<>();
            for (String c : classNames) {
                SpecException.require(c != null && !c.isBlank(), "data.classNames has an empty name: every class needs one");
                SpecException.require(seen.add(c.strip()), "data.classNames names \"" + c.strip() + "\" twice: class names must differ");
            }
        }
        SpecException.require(classNames == null || classNamesPath == null,
                "data.classNames and data.classNamesPath are both set: give the names in the spec or in a file, not both");
        SpecException.require(classNamesPath == null || !classNamesPath.isBlank(), "data.classNamesPath is empty: give the names file's path or leave it out");
        // the fields are not assigned yet inside the compact constructor: the parent, as a value, without its splits
        DataSpec parent = validation == null && test == null ? null : new DataSpec(source, name, path, labelsPath,
                targetColumn, task, header, skipLines, delimiter, categoricalColumns, classNames, classNamesPath, samples,
                noise, classes, imageSize, grayscale, targetScaling, null, null);
        for (String role : new String[] {"validation", "test"}) {
            DataSpec own = role.equals("test") ? test : validation;
            if (own == null) {
                continue;
            }
            SpecException.require(source != null,
                    "a validation or test section cannot have its own validation or test section: those belong to \"data\"");
            SpecException.require(own.validation == null && own.test == null,
                    "data." + role + " cannot have its own validation or test section: those belong to \"data\"");
            Source effective = own.source != null ? own.source : source;
            SpecException.require(effective == Source.CSV || effective == Source.IDX || effective == Source.IMAGES,
                    "data." + role + " must be files: set its source to csv, idx or images (a "
                            + effective.name().toLowerCase(Locale.ROOT) + " source has no " + role + " files)");
            own.inheritFrom(parent, role);
        }
    }

    public static DataSpec sample(String name) {
        return new DataSpec(Source.SAMPLE, name, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    public static DataSpec toy(String name, int samples, double noise, Integer classes) {
        return new DataSpec(Source.TOY, name, null, null, null, null, null, null, null, null, null, null, samples, noise,
                classes, null, null, null, null, null);
    }

    /** A generated set with every setting at its default. */
    public static DataSpec toy(String name) {
        return new DataSpec(Source.TOY, name, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    public static DataSpec csv(String path, String targetColumn) {
        return new DataSpec(Source.CSV, null, path, null, targetColumn, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    public static DataSpec idx(String path, String labelsPath) {
        return new DataSpec(Source.IDX, null, path, labelsPath, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    public static DataSpec images(String path, Integer imageSize, Boolean grayscale) {
        return new DataSpec(Source.IMAGES, null, path, null, null, null, null, null, null, null, null, null, null,
                null, null, imageSize, grayscale, null, null, null);
    }

    /** Files for a validation or test split: the source and format fields come from the parent section. */
    public static DataSpec files(String path, String labelsPath) {
        return new DataSpec(null, null, path, labelsPath, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    // ---------------------------------------------------------------------------------- with...

    public DataSpec withName(String v) {
        return new DataSpec(source, v, path, labelsPath, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, noise, classes, imageSize, grayscale, targetScaling, validation, test);
    }

    public DataSpec withPath(String v) {
        return new DataSpec(source, name, v, labelsPath, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, noise, classes, imageSize, grayscale, targetScaling, validation, test);
    }

    public DataSpec withLabelsPath(String v) {
        return new DataSpec(source, name, path, v, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, noise, classes, imageSize, grayscale, targetScaling, validation, test);
    }

    public DataSpec withTargetColumn(String v) {
        return new DataSpec(source, name, path, labelsPath, v, task, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, noise, classes, imageSize, grayscale, targetScaling, validation, test);
    }

    public DataSpec withTask(Task v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, v, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, noise, classes, imageSize, grayscale, targetScaling, validation, test);
    }

    /** true/false forces the header on or off; null detects it. */
    public DataSpec withHeader(Boolean v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, v, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, noise, classes, imageSize, grayscale, targetScaling, validation, test);
    }

    /** 0 or null: read from the first line. */
    public DataSpec withSkipLines(Integer v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, v == null || v == 0 ? null : v,
                delimiter, categoricalColumns, classNames, classNamesPath, samples, noise, classes, imageSize, grayscale, targetScaling,
                validation, test);
    }

    /** AUTO or null: detect. */
    public DataSpec withDelimiter(Delimiter v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, skipLines,
                v == Delimiter.AUTO ? null : v, categoricalColumns, classNames, classNamesPath, samples, noise, classes,
                imageSize, grayscale, targetScaling, validation, test);
    }

    /** Empty or null: only text columns are categorical. */
    public DataSpec withCategoricalColumns(List<String> v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, skipLines, delimiter,
                v == null || v.isEmpty() ? null : v, classNames, classNamesPath, samples, noise, classes, imageSize,
                grayscale, targetScaling, validation, test);
    }

    public DataSpec withClassNames(List<String> v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, v == null || v.isEmpty() ? null : v, classNamesPath, samples, noise, classes,
                imageSize, grayscale, targetScaling, validation, test);
    }

    public DataSpec withClassNamesPath(String v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, classNames, v == null || v.isBlank() ? null : v, samples, noise, classes, imageSize,
                grayscale, targetScaling, validation, test);
    }

    public DataSpec withSamples(Integer v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, v, noise, classes, imageSize, grayscale, targetScaling, validation, test);
    }

    public DataSpec withNoise(Double v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, v, classes, imageSize, grayscale, targetScaling, validation, test);
    }

    public DataSpec withClasses(Integer v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, noise, v, imageSize, grayscale, targetScaling, validation, test);
    }

    public DataSpec withImageSize(Integer v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, noise, classes, v, grayscale, targetScaling, validation, test);
    }

    public DataSpec withGrayscale(Boolean v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, noise, classes, imageSize, v, targetScaling, validation, test);
    }

    /** NONE or null: train on the targets as they are. */
    public DataSpec withTargetScaling(TargetScaling v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, noise, classes, imageSize, grayscale,
                v == TargetScaling.NONE ? null : v, validation, test);
    }

    /** The validation split's own files; null: split it from {@code path} by percentage. */
    public DataSpec withValidation(DataSpec v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, noise, classes, imageSize, grayscale, targetScaling, v, test);
    }

    /** The test split's own files; null: split it from {@code path} by percentage. */
    public DataSpec withTest(DataSpec v) {
        return new DataSpec(source, name, path, labelsPath, targetColumn, task, header, skipLines, delimiter,
                categoricalColumns, classNames, classNamesPath, samples, noise, classes, imageSize, grayscale, targetScaling, validation, v);
    }

    // ---------------------------------------------------------------------------------- splits

    /** The validation split's files, complete (fields it leaves out taken from this section); null if none. */
    public DataSpec resolvedValidation() {
        return validation == null ? null : validation.inheritFrom(this, "validation");
    }

    /** The test split's files, complete (fields it leaves out taken from this section); null if none. */
    public DataSpec resolvedTest() {
        return test == null ? null : test.inheritFrom(this, "test");
    }

    /** This section with {@code parent}'s fields where it has none (the format, when the source is the same). */
    private DataSpec inheritFrom(DataSpec parent, String role) {
        Source s = source != null ? source : parent.source;
        if (s != parent.source) {
            // another format: nothing of the parent's format applies
            return new DataSpec(s, name, need(path, role), labelsPath, targetColumn, task, header, skipLines, delimiter,
                    categoricalColumns, classNames, classNamesPath, null, null, null, imageSize, grayscale, targetScaling, null, null);
        }
        return new DataSpec(s, name, need(path, role), labelsPath,
                targetColumn != null ? targetColumn : parent.targetColumn,
                task != null ? task : parent.task,
                header != null ? header : parent.header,
                skipLines != null ? skipLines : parent.skipLines,
                delimiter != null ? delimiter : parent.delimiter,
                categoricalColumns != null ? categoricalColumns : parent.categoricalColumns,
                classNames != null || classNamesPath != null ? classNames : parent.classNames,
                classNames != null || classNamesPath != null ? classNamesPath : parent.classNamesPath,
                null, null, null,
                imageSize != null ? imageSize : parent.imageSize,
                grayscale != null ? grayscale : parent.grayscale, targetScaling,
                null, null);
    }

    private static String need(String path, String role) {
        SpecException.require(path != null && !path.isBlank(), "data." + role + ".path is missing: give the "
                + role + " split's file (or folder), e.g. \"" + (role.equals("test") ? "t10k-images-idx3-ubyte.gz" : "valid.csv") + "\"");
        return path;
    }

    /** The paths this section names (data, labels, class names), as written; no validation or test files. */
    public List<String> ownPaths() {
        List<String> out = new ArrayList<>();
        for (String p : new String[] {path, labelsPath, classNamesPath}) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** A short human label, e.g. "sample:mnist" or "csv:data.csv" (with "+ test files" when a split has its own). */
    public String label() {
        String what = switch (source) {
            case SAMPLE, TOY -> name;
            default -> java.nio.file.Path.of(path).getFileName().toString();
        };
        return source.name().toLowerCase(Locale.ROOT) + ":" + what;
    }
}
