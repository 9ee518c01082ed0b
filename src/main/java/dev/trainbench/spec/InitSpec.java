package dev.trainbench.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How weights start; {@code zeros} is there to show the failure it causes. Biases start at zero. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InitSpec(Type type, Double sigma) {

    public enum Type {
        @JsonProperty("default") DEFAULT,
        @JsonProperty("xavier") XAVIER,
        @JsonProperty("he") HE,
        @JsonProperty("normal") NORMAL,
        @JsonProperty("zeros") ZEROS
    }

    public InitSpec {
        type = type == null ? Type.DEFAULT : type;
        if (type == Type.NORMAL) {
            sigma = sigma == null ? 0.01 : sigma;
            SpecException.require(sigma > 0 && Double.isFinite(sigma), "init.sigma must be > 0, was " + sigma);
        }
    }

    public static InitSpec defaults() {
        return new InitSpec(Type.DEFAULT, null);
    }

    public InitSpec withType(Type value) {
        return new InitSpec(value, sigma);
    }

    public InitSpec withSigma(Double value) {
        return new InitSpec(type, value);
    }
}
