package dev.trainbench.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The data of a spec as loaded: {@code data.path}, and the validation and test sets where the
 * spec gives them their own files (null otherwise), already checked against the training data.
 * {@code files} lists what each section was read from ("data", "validation", "test"): absolute
 * paths, or a label such as {@code sample:mnist} for data that is not a file.
 */
public record LoadedData(Dataset data, Dataset validation, Dataset test, Map<String, List<String>> files) {

    public LoadedData {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        files.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        files = java.util.Collections.unmodifiableMap(copy);
    }

    /** What each split ("train", "validation", "test") comes from: its own files, or data.path's. */
    public Map<String, List<String>> filesBySplit() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("train", files.get("data"));
        out.put("validation", validation != null ? files.get("validation") : files.get("data"));
        out.put("test", test != null ? files.get("test") : files.get("data"));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Every file the data came from, each once, in the order data, validation, test. */
    public List<String> allFiles() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        files.values().forEach(all::addAll);
        return List.copyOf(new ArrayList<>(all));
    }
}
