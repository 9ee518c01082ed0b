package dev.trainbench.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * How a raw input became one sample when the training data was read, so that an input given
 * later (an image file, a CSV row) is turned into a sample exactly the same way. Stored with a
 * run (in {@code run.json}'s {@code preprocessing.input}) and in an exported model. Exactly one
 * of {@code image} and {@code table} is set. Plain values only: it is written as JSON.
 *
 * @param image an image input of {@code channels x height x width} pixel values 0..255
 * @param table a row of named columns, numeric or categorical (one-hot)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputEncoding(ImageInput image, TableInput table) {

    /** Pixels were resized to the model's size with bilinear filtering (image folders): any size is accepted. */
    public static final String RESIZE_BILINEAR = "bilinear";
    /** Pixels were taken as they are (IDX files): an image must already have the model's size. */
    public static final String RESIZE_NONE = "none";

    public InputEncoding {
        if ((image == null) == (table == null)) {
            throw new IllegalArgumentException("an input encoding is either an image or a table");
        }
    }

    /**
     * An image: {@code channels} 1 (grey: luma 0.299R + 0.587G + 0.114B) or 3 (RGB), drawn over
     * white (transparent pixels become white), values 0..255.
     *
     * @param resize {@link #RESIZE_BILINEAR} or {@link #RESIZE_NONE}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageInput(int channels, int height, int width, String resize) {
        public ImageInput {
            if (channels < 1 || height < 1 || width < 1) {
                throw new IllegalArgumentException("an image input needs channels, height and width >= 1, was "
                        + channels + "x" + height + "x" + width);
            }
            resize = resize == null ? RESIZE_NONE : resize;
        }

        /** Whether any image size is accepted (and resized as the training images were). */
        public boolean resizes() {
            return RESIZE_BILINEAR.equals(resize);
        }
    }

    /**
     * A row of a table: the feature columns in file order (numeric as they are, categorical
     * one-hot in the order of {@code categories}), and where the target column was.
     *
     * @param target      the target column's name in the training file (null: not from a CSV file)
     * @param targetIndex its 0-based position among all columns of the training file
     * @param header      whether the training file had a header row (without one, columns are named col0, col1, ...)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TableInput(List<Column> columns, String target, Integer targetIndex, Boolean header) {
        public TableInput {
            if (columns == null || columns.isEmpty()) {
                throw new IllegalArgumentException("a table input needs at least one column");
            }
            columns = List.copyOf(columns);
        }

        /** Values one row becomes: one per numeric column, one per category of a categorical column. */
        public int width() {
            int w = 0;
            for (Column c : columns) {
                w += c.categories() == null ? 1 : c.categories().size();
            }
            return w;
        }

        public List<String> names() {
            List<String> out = new ArrayList<>();
            columns.forEach(c -> out.add(c.name()));
            return out;
        }
    }

    /** One feature column; {@code categories} null for a numeric column, else its values in one-hot order. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Column(String name, List<String> categories) {
        public Column {
            if (name == null) {
                throw new IllegalArgumentException("a column needs a name");
            }
            categories = categories == null ? null : List.copyOf(categories);
        }
    }

    public static InputEncoding image(int channels, int height, int width, String resize) {
        return new InputEncoding(new ImageInput(channels, height, width, resize), null);
    }

    public static InputEncoding table(List<Column> columns, String target, Integer targetIndex, Boolean header) {
        return new InputEncoding(null, new TableInput(columns, target, targetIndex, header));
    }

    /** The target column's name for tables that did not come from a CSV file (toy sets, IDX features). */
    public static final String PLAIN_TARGET = "label";

    /**
     * What a data set of this sample shape was read as when its loader said nothing more: images
     * taken as they are, tables of numeric columns named {@code featureNames} (f0, f1, ... if
     * none) followed by the target column {@value #PLAIN_TARGET}.
     */
    static InputEncoding plain(int[] sampleShape, List<String> featureNames) {
        if (sampleShape.length == 3) {
            return image(sampleShape[0], sampleShape[1], sampleShape[2], RESIZE_NONE);
        }
        int d = 1;
        for (int s : sampleShape) {
            d *= s;
        }
        List<Column> columns = new ArrayList<>();
        for (int k = 0; k < d; k++) {
            columns.add(new Column(featureNames != null && k < featureNames.size() ? featureNames.get(k) : "f" + k, null));
        }
        return table(columns, PLAIN_TARGET, d, null);
    }

    /** Checks that this encoding produces samples of {@code sampleShape}; throws a DataException naming the mismatch. */
    public void checkShape(int[] sampleShape, String what) {
        if (image != null) {
            if (sampleShape.length != 3 || sampleShape[0] != image.channels() || sampleShape[1] != image.height()
                    || sampleShape[2] != image.width()) {
                throw new DataException(what + ": the input is described as " + image.channels() + "x" + image.height()
                        + "x" + image.width() + " images, but the model takes samples of shape "
                        + java.util.Arrays.toString(sampleShape) + ". Fix: export the model again.");
            }
        } else {
            int d = 1;
            for (int s : sampleShape) {
                d *= s;
            }
            if (sampleShape.length != 1 || d != table.width()) {
                throw new DataException(what + ": the input is described as rows of " + table.width() + " values, but the"
                        + " model takes samples of shape " + java.util.Arrays.toString(sampleShape)
                        + ". Fix: export the model again.");
            }
        }
    }
}
