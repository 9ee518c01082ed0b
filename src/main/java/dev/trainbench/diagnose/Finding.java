package dev.trainbench.diagnose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One diagnosis: which rule found it, how much it matters, what is wrong in one line
 * ({@code title}) and in full with the numbers ({@code message}), the evidence and the chart to
 * look at, the training advice it comes from ({@code tip}, a line of TIPS.md), and what to try as
 * one spec change ({@code tryThis}, null when no single field fixes it) with other one-field
 * changes worth trying one at a time ({@code alternatives}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"rule", "severity", "title", "message", "tip", "tryThis", "alternatives", "evidence"})
public record Finding(String rule, Severity severity, String title, String message, Evidence evidence, String tip,
                      TryThis tryThis, List<TryThis> alternatives) {

    public Finding {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /** "warning lr-too-high: title" */
    public String headline() {
        return severity.label() + " " + rule + ": " + title;
    }

    /** Every one-field change this finding offers, the main one first. */
    public List<TryThis> changes() {
        if (tryThis == null) {
            return alternatives;
        }
        List<TryThis> all = new java.util.ArrayList<>();
        all.add(tryThis);
        all.addAll(alternatives);
        return List.copyOf(all);
    }
}
