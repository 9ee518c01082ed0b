package dev.trainbench.data;

import java.util.Locale;

/** Limits every loader applies alike, with one message each. */
public final class DataLimits {
    /**
     * The most classes a data set may have, whatever its format: more is almost always a continuous
     * target read as classes, or a corrupt labels file, and would build an output layer of that size.
     */
    public static final int MAX_CLASSES = 1000;

    private DataLimits() {
    }

    /**
     * The message for a data set with more than {@link #MAX_CLASSES} classes: {@code where} names the
     * file (and column or entry), {@code found} what was seen, {@code fix} what the user can do there.
     */
    public static String tooManyClasses(String where, String found, String fix) {
        return String.format(Locale.ROOT, "%s: %s, more classes than the %,d TrainBench can classify. %s", where, found,
                MAX_CLASSES, fix);
    }
}
