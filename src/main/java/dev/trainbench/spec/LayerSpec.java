package dev.trainbench.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One layer of a stack. A flat record (rather than one class per layer type) so that a spec file
 * is easy to write by hand and a property sheet can edit any layer; which fields a type uses:
 * <ul>
 *   <li>dense: units</li>
 *   <li>conv2d: filters, kernel, stride (1), padding (0)</li>
 *   <li>maxpool, avgpool: kernel, stride (= kernel)</li>
 *   <li>dropout: rate</li>
 *   <li>leakyrelu: alpha (0.01)</li>
 *   <li>residual: body, a stack whose output shape equals its input shape; output = input + body(input)</li>
 *   <li>flatten, batchnorm, relu, gelu, tanh, sigmoid: nothing</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerSpec(
        Type type,
        Integer units,
        Integer filters,
        Integer kernel,
        Integer stride,
        Integer padding,
        Double rate,
        Double alpha,
        List<LayerSpec> body) {

    public enum Type {
        @JsonProperty("dense") DENSE(true),
        @JsonProperty("conv2d") CONV2D(true),
        @JsonProperty("maxpool") MAXPOOL(false),
        @JsonProperty("avgpool") AVGPOOL(false),
        @JsonProperty("flatten") FLATTEN(false),
        @JsonProperty("dropout") DROPOUT(false),
        @JsonProperty("batchnorm") BATCHNORM(true),
        @JsonProperty("relu") RELU(false),
        @JsonProperty("leakyrelu") LEAKYRELU(false),
        @JsonProperty("gelu") GELU(false),
        @JsonProperty("tanh") TANH(false),
        @JsonProperty("sigmoid") SIGMOID(false),
        @JsonProperty("residual") RESIDUAL(true);

        private final boolean hasParameters;

        Type(boolean hasParameters) {
            this.hasParameters = hasParameters;
        }

        public boolean hasParameters() {
            return hasParameters;
        }

        public boolean isActivation() {
            return this == RELU || this == LEAKYRELU || this == GELU || this == TANH || this == SIGMOID;
        }

        public boolean isSaturating() {
            return this == TANH || this == SIGMOID;
        }

        public String jsonName() {
            return name().toLowerCase();
        }
    }

    public LayerSpec {
        SpecException.require(type != null, "a layer has no \"type\": use one of dense, conv2d, maxpool, avgpool, "
                + "flatten, dropout, batchnorm, relu, leakyrelu, gelu, tanh, sigmoid, residual");
        body = body == null ? null : List.copyOf(body);
        switch (type) {
            case DENSE -> SpecException.require(units != null && units > 0,
                    "a dense layer needs \"units\" > 0, was " + units);
            case CONV2D -> {
                SpecException.require(filters != null && filters > 0, "a conv2d layer needs \"filters\" > 0, was " + filters);
                SpecException.require(kernel != null && kernel > 0, "a conv2d layer needs \"kernel\" > 0, was " + kernel);
            }
            case MAXPOOL, AVGPOOL -> SpecException.require(kernel != null && kernel > 0,
                    "a " + type.jsonName() + " layer needs \"kernel\" > 0, was " + kernel);
            case DROPOUT -> SpecException.require(rate != null && rate >= 0 && rate < 1,
                    "a dropout layer needs \"rate\" in [0, 1), was " + rate);
            case RESIDUAL -> SpecException.require(body != null && !body.isEmpty(),
                    "a residual layer needs a non-empty \"body\" stack");
            default -> { }
        }
        SpecException.require(stride == null || stride > 0, "\"stride\" must be > 0, was " + stride);
        SpecException.require(padding == null || padding >= 0, "\"padding\" must be >= 0, was " + padding);
        SpecException.require(alpha == null || (alpha >= 0 && alpha < 1), "\"alpha\" must be in [0, 1), was " + alpha);
    }

    public static LayerSpec dense(int units) {
        return new LayerSpec(Type.DENSE, units, null, null, null, null, null, null, null);
    }

    public static LayerSpec conv2d(int filters, int kernel, int stride, int padding) {
        return new LayerSpec(Type.CONV2D, null, filters, kernel, stride, padding, null, null, null);
    }

    public static LayerSpec maxPool(int kernel) {
        return new LayerSpec(Type.MAXPOOL, null, null, kernel, null, null, null, null, null);
    }

    public static LayerSpec avgPool(int kernel) {
        return new LayerSpec(Type.AVGPOOL, null, null, kernel, null, null, null, null, null);
    }

    public static LayerSpec dropout(double rate) {
        return new LayerSpec(Type.DROPOUT, null, null, null, null, null, rate, null, null);
    }

    public static LayerSpec leakyRelu(double alpha) {
        return new LayerSpec(Type.LEAKYRELU, null, null, null, null, null, null, alpha, null);
    }

    public static LayerSpec residual(List<LayerSpec> body) {
        return new LayerSpec(Type.RESIDUAL, null, null, null, null, null, null, null, body);
    }

    /** A layer that needs no settings (flatten, batchnorm and the activations). */
    public static LayerSpec of(Type type) {
        return new LayerSpec(type, null, null, null, null, null, null, null, null);
    }

    public int strideOrDefault() {
        if (stride != null) {
            return stride;
        }
        return type == Type.MAXPOOL || type == Type.AVGPOOL ? kernel : 1;
    }

    public int paddingOrDefault() {
        return padding == null ? 0 : padding;
    }

    public double alphaOrDefault() {
        return alpha == null ? 0.01 : alpha;
    }

    /** A short label such as "dense 128" or "conv2d 32@3x3". */
    public String label() {
        return switch (type) {
            case DENSE -> "dense " + units;
            case CONV2D -> "conv2d " + filters + "@" + kernel + "x" + kernel
                    + (strideOrDefault() != 1 ? " s" + strideOrDefault() : "")
                    + (paddingOrDefault() != 0 ? " p" + paddingOrDefault() : "");
            case MAXPOOL, AVGPOOL -> type.jsonName() + " " + kernel + "x" + kernel;
            case DROPOUT -> "dropout " + rate;
            case LEAKYRELU -> "leakyrelu " + alphaOrDefault();
            case RESIDUAL -> "residual(" + body.size() + " layers)";
            default -> type.jsonName();
        };
    }

    public LayerSpec withUnits(Integer value) {
        return new LayerSpec(type, value, filters, kernel, stride, padding, rate, alpha, body);
    }

    public LayerSpec withFilters(Integer value) {
        return new LayerSpec(type, units, value, kernel, stride, padding, rate, alpha, body);
    }

    public LayerSpec withKernel(Integer value) {
        return new LayerSpec(type, units, filters, value, stride, padding, rate, alpha, body);
    }

    public LayerSpec withStride(Integer value) {
        return new LayerSpec(type, units, filters, kernel, value, padding, rate, alpha, body);
    }

    public LayerSpec withPadding(Integer value) {
        return new LayerSpec(type, units, filters, kernel, stride, value, rate, alpha, body);
    }

    public LayerSpec withRate(Double value) {
        return new LayerSpec(type, units, filters, kernel, stride, padding, value, alpha, body);
    }

    public LayerSpec withAlpha(Double value) {
        return new LayerSpec(type, units, filters, kernel, stride, padding, rate, value, body);
    }
}
