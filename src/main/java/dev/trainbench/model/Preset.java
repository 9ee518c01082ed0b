package dev.trainbench.model;

import dev.trainbench.spec.ModelSpec;

/** A named starting point; {@code forImages} says whether it needs [channels x height x width] input. */
public record Preset(String name, String title, String description, boolean forImages, ModelSpec model) {
}
