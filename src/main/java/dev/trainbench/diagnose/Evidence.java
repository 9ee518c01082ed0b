package dev.trainbench.diagnose;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finding rests on: named numbers, where in the run (step, epoch; null when the finding is
 * about the spec or the data), and the chart to look at.
 *
 * @param chart  one of the {@code CHART_*} names: the view that shows the evidence
 * @param step   the training step the evidence points at, or null
 * @param epoch  the epoch (from 1), or null
 * @param values the numbers, in the order they are best read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String chart, Long step, Integer epoch, Map<String, Double> values) {
    public static final String CHART_LOSS = "loss";
    public static final String CHART_ACCURACY = "accuracy";
    public static final String CHART_GRADIENTS = "gradients";
    public static final String CHART_HEATMAP = "heatmap";
    public static final String CHART_UPDATE_RATIO = "update-ratio";
    public static final String CHART_DATA = "data";
    public static final String CHART_MODEL = "model";

    public Evidence {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Evidence on {@code chart} with numbers given as name, value, name, value... */
    public static Evidence of(String chart, Long step, Integer epoch, Object... nameValuePairs) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            Object v = nameValuePairs[i + 1];
            if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                values.put((String) nameValuePairs[i], n.doubleValue());
            }
        }
        return new Evidence(chart, step, epoch, values);
    }

    /** The chart in words, for "look at ...". */
    public String chartLabel() {
        return switch (chart == null ? "" : chart) {
            case CHART_LOSS -> "the loss chart";
            case CHART_ACCURACY -> "the accuracy chart";
            case CHART_GRADIENTS -> "the gradient-norm chart";
            case CHART_HEATMAP -> "the gradient heat map";
            case CHART_UPDATE_RATIO -> "the update/weight ratio chart";
            case CHART_DATA -> "the data profile (Data screen, trainbench profile)";
            case CHART_MODEL -> "the model's layer stack (Model screen)";
            default -> "the run's charts";
        };
    }
}
