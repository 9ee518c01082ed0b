package dev.trainbench.model;

/** An architecture smell: where (layer position), what and why, and what to try. */
public record LintWarning(String position, String code, String message, String fix) {
}
