package dev.trainbench.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names for numbered classes (IDX labels 0..k, or a CSV target of integers): name {@code i} goes to
 * the class numbered {@code i}. The names define the classes, so a data set that lacks the last
 * classes (a small test file) still has the model's full set of outputs.
 */
public final class ClassNames {

    /** A names file longer than this is not a list of class names. */
    static final int MAX_NAMES = 10_000;

    private ClassNames() {
    }

    /** {@code d} with classes renamed and renumbered by {@code names}; {@code role} says which section (data, test...). */
    static Dataset apply(Dataset d, List<String> names, String role) {
        String field = "data." + (role.equals("data") ? "" : role + ".") + "classNames";
        if (!d.isClassification()) {
            throw new DataException(d.name() + ": " + field + " names classes, but this data holds regression targets"
                    + " (numbers to predict, not classes). Fix: remove " + field + ", or set data.task to classification.");
        }
        int[] map = new int[d.numClasses()];
        for (int c = 0; c < d.numClasses(); c++) {
            String label = d.classNames().get(c);
            int k;
            try {
                k = Integer.parseInt(label);
            } catch (NumberFormatException e) {
                throw new DataException(d.name() + ": " + field + " names numbered classes (0, 1, 2, ...), but the class"
                        + " label '" + CsvLoader.clip(label) + "' is text, so it names itself. Fix: remove " + field + ".");
            }
            if (k < 0 || k >= names.size()) {
                throw new DataException(d.name() + ": has the class label " + label + " but " + field + " gives "
                        + names.size() + " names, for labels 0.." + (names.size() - 1) + ". Fix: give one name per class,"
                        + " in label order (the name of label 0 first).");
            }
            map[c] = k;
        }
        int[] labels = new int[d.size()];
        int[] old = d.labels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = map[old[i]];
        }
        return Dataset.classification(d.name(), d.features(), d.sampleShape(), labels, names, d.featureNames());
    }

    /** One class name per line (UTF-8; blank lines and surrounding spaces ignored), label 0 first. */
    static List<String> read(Path file, String role) {
        String field = "data." + (role.equals("data") ? "" : role + ".") + "classNamesPath";
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataException(file + ": file not found. Fix: set " + field + " to a text file with one class name"
                    + " per line (the name of label 0 first).");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DataException(file + ": is not UTF-8 text. Fix: " + field + " must be a text file with one class"
                    + " name per line.", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read (" + e.getMessage() + "). Check the path (" + field
                    + ") and the file's permissions.", e);
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).replace("\uFEFF", "").strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!seen.add(name)) {
                throw new DataException(file.getFileName() + ", line " + (i + 1) + ": the class name '" + CsvLoader.clip(name)
                        + "' appears twice. Fix: class names must differ; one per line, the name of label 0 first.");
            }
            names.add(name);
            if (names.size() > MAX_NAMES) {
                throw new DataException(file.getFileName() + ": has more than " + MAX_NAMES + " lines, which is not a list of"
                        + " class names. Fix: set " + field + " to a file with one class name per line.");
            }
        }
        if (names.size() < 2) {
            throw new DataException(file.getFileName() + ": has " + names.size() + " class name" + (names.size() == 1 ? "" : "s")
                    + "; a classifier needs at least two. Fix: one class name per line, the name of label 0 first.");
        }
        return names;
    }
}
