package dev.trainbench.ui;

import java.util.Locale;
import java.util.Map;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;

/** Enum choices in readable lower-case words ("adam", "standardize", "he", "min-max"), not ADAM / MINMAX. */
public final class EnumNames {
    private static final Map<String, String> SPECIAL = Map.of(
            "MINMAX", "min-max",
            "CROSS_ENTROPY", "cross-entropy",
            "GPU", "gpu (cuda)",
            "DEFAULT", "framework default");

    private EnumNames() {
    }

    /** The readable word for an enum constant; null for null. */
    public static String label(Enum<?> value) {
        if (value == null) {
            return null;
        }
        String special = SPECIAL.get(value.name());
        return special != null ? special : value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A converter that shows constants of {@code type} by {@link #label}. */
    public static <E extends Enum<E>> StringConverter<E> converter(Class<E> type) {
        return new StringConverter<>() {
            @Override
            public String toString(E value) {
                return label(value);
            }

            @Override
            public E fromString(String text) {
                if (text == null) {
                    return null;
                }
                for (E e : type.getEnumConstants()) {
                    if (text.equals(label(e)) || text.equalsIgnoreCase(e.name())) {
                        return e;
                    }
                }
                return null;
            }
        };
    }

    /** A choice box of every constant of {@code type}, shown in readable words. */
    public static <E extends Enum<E>> ChoiceBox<E> choiceBox(Class<E> type) {
        ChoiceBox<E> box = new ChoiceBox<>();
        box.setConverter(converter(type));
        box.getItems().setAll(type.getEnumConstants());
        return box;
    }

    /** Installs the readable converter on an existing combo box. */
    public static <E extends Enum<E>> void install(ComboBox<E> box, Class<E> type) {
        box.setConverter(converter(type));
    }
}
