package dev.trainbench.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the data comes from. Which fields matter depends on {@code source}:
 * <ul>
 *   <li>{@code sample}: {@code name} is {@code mnist} or {@code iris} (shipped in sample-datasets/)</li>
 *   <li>{@code toy}: {@code name} is moons, circles, spiral, xor or blobs; {@code samples}, {@code noise},
 *       {@code classes}</li>
 *   <li>{@code csv}: {@code path}, {@code targetColumn} (default: last), {@code header} (default: detect),
 *       {@code task} (default: detect)</li>
 *   <li>{@code idx}: {@code path} of the images/features file, {@code labelsPath} of the labels file</li>
 *   <li>{@code images}: {@code path} of a folder with one sub-folder per class; {@code imageSize},
 *       {@code grayscale}</li>
 * </ul>
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
        Integer samples,
        Double noise,
        Integer classes,
        Integer imageSize,
        Boolean grayscale) {

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

    public DataSpec {
        SpecException.require(source != null,
                "data.source is missing: use one of sample, toy, csv, idx, images");
        switch (source) {
            case SAMPLE, TOY -> SpecException.require(name != null && !name.isBlank(),
                    "data.name is missing: a " + source.name().toLowerCase() + " source needs a name, e.g. "
                            + (source == Source.SAMPLE ? "\"mnist\" or \"iris\"" : "\"spiral\""));
            case CSV, IDX, IMAGES -> SpecException.require(path != null && !path.isBlank(),
                    "data.path is missing: a " + source.name().toLowerCase() + " source needs the path of its file or folder");
        }
        SpecException.require(samples == null || samples > 0, "data.samples must be positive, was " + samples);
        SpecException.require(noise == null || (noise >= 0 && Double.isFinite(noise)), "data.noise must be >= 0, was " + noise);
        SpecException.require(classes == null || classes >= 2, "data.classes must be at least 2, was " + classes);
        SpecException.require(imageSize == null || (imageSize >= 4 && imageSize <= 512),
                "data.imageSize must be between 4 and 512 pixels, was " + imageSize);
    }

    public static DataSpec sample(String name) {
        return new DataSpec(Source.SAMPLE, name, null, null, null, null, null, null, null, null, null, null);
    }

    public static DataSpec toy(String name, int samples, double noise, Integer classes) {
        return new DataSpec(Source.TOY, name, null, null, null, null, null, samples, noise, classes, null, null);
    }

    public static DataSpec csv(String path, String targetColumn) {
        return new DataSpec(Source.CSV, null, path, null, targetColumn, null, null, null, null, null, null, null);
    }

    public static DataSpec idx(String path, String labelsPath) {
        return new DataSpec(Source.IDX, null, path, labelsPath, null, null, null, null, null, null, null, null);
    }

    public static DataSpec images(String path, int imageSize, boolean grayscale) {
        return new DataSpec(Source.IMAGES, null, path, null, null, null, null, null, null, null, imageSize, grayscale);
    }

    /** A short human label, e.g. "sample:mnist" or "csv:data.csv". */
    public String label() {
        String what = switch (source) {
            case SAMPLE, TOY -> name;
            default -> java.nio.file.Path.of(path).getFileName().toString();
        };
        return source.name().toLowerCase() + ":" + what;
    }
}
