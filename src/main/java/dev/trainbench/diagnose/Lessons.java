package dev.trainbench.diagnose;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The guided lessons (examples/lessons/, shipped in the jar under {@code /lessons/}): each
 * reproduces one tip as a pair of runs, a failing spec and its fix, with a short narration, the
 * rule the failing run must be diagnosed with (and the fixed one must not), and the chart to watch.
 */
public final class Lessons {

    /**
     * One lesson.
     *
     * @param chart {@link Evidence}'s chart name to watch ("loss", "accuracy", "heatmap")
     */
    public record Lesson(String id, String title, String tip, String narration, String failingFile, String fixedFile,
                         String rule, String chart, ExperimentSpec failing, ExperimentSpec fixed) {
    }

    private static final ObjectMapper LENIENT = SpecJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Lessons() {
    }

    /** The lessons shipped with TrainBench, in order. */
    public static List<Lesson> all() {
        JsonNode index = readTree("lessons.json");
        List<Lesson> out = new ArrayList<>();
        for (JsonNode l : index.get("lessons")) {
            String failing = l.get("failing").asText();
            String fixed = l.get("fixed").asText();
            out.add(new Lesson(l.get("id").asText(), l.get("title").asText(), l.get("tip").asText(),
                    l.get("narration").asText(), failing, fixed, l.get("rule").asText(), l.path("chart").asText("loss"),
                    SpecJson.parse(text(failing)), SpecJson.parse(text(fixed))));
        }
        return List.copyOf(out);
    }

    public static Lesson get(String id) {
        return all().stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lesson '" + id + "'"));
    }

    private static JsonNode readTree(String name) {
        try {
            return LENIENT.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException("lesson index " + name + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static String text(String name) {
        try (InputStream in = Lessons.class.getResourceAsStream("/lessons/" + name)) {
            if (in == null) {
                throw new IllegalStateException("lesson file /lessons/" + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
