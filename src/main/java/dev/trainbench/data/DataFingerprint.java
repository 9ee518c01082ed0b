package dev.trainbench.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The identity of the data a run trained on, stored in its {@code run.json} (made by
 * {@link DataFingerprinter}): what the data came from ({@link #sources()}: every file, folder,
 * shipped sample file or generator, each with a SHA-256 of its content) and the settings that
 * change what the model sees from those same sources ({@link #settings()}: split, split seed,
 * subset, preprocessing, augmentation, parsing options), keyed by their spec paths.
 *
 * <p>{@link #hash()} covers both; {@link #contentHash()} only the sources, so two runs can be told
 * apart as "same data", "same files, different split seed" or "different data: the labels file
 * differs" ({@link #differences}). Paths are shown, never hashed: the same bytes in another folder
 * are the same data. Plain Java (no JSON annotations): the run store writes it with the record's
 * components and reads it leniently (format {@value #VERSION}).
 *
 * @param version     format version of the fingerprint
 * @param hash        SHA-256 (hex) of the content hash and the settings
 * @param contentHash SHA-256 (hex) over the sources' roles and hashes
 * @param sources     where the data came from, in a fixed order
 * @param settings    spec path to value, for the settings that change the data seen from the same sources
 */
public record DataFingerprint(int version, String hash, String contentHash, List<Source> sources,
                              Map<String, String> settings) {

    public static final int VERSION = 1;
    /** Hex digits of {@link #shortHash()}. */
    public static final int SHORT = 12;

    /**
     * One thing the data came from.
     *
     * @param role       what it holds: {@code data} (a CSV table or an image folder), {@code images} and
     *                   {@code labels} (IDX), {@code generator} (toy sets); a spec with separate
     *                   validation or test files adds roles such as {@code test images}
     * @param kind       {@code file}, {@code folder}, {@code sample} (a file shipped with TrainBench) or {@code generated}
     * @param location   the path as the spec gave it, resolved (informative only: never part of a hash)
     * @param bytes      total size in bytes (files, folders, samples)
     * @param files      number of files hashed (folders)
     * @param sha256     SHA-256 (hex) of the content: the file's bytes; for a folder, of every image
     *                   file's relative path and bytes in sorted order; for a generator, of its parameters
     * @param parameters generator parameters (toy sets), else null
     */
            public record Source(String role, String kind, String location, Long bytes, Integer files, String sha256,
                         Map<String, String> parameters) {
        public Source {
            parameters = parameters == null ? null : Map.copyOf(new LinkedHashMap<>(parameters));
        }

        /** e.g. "images file digits-images-idx3-ubyte.gz (1.6 MB)". */
        public String describe() {
            String name = location == null ? "?" : location.replace('\\', '/');
            int slash = name.lastIndexOf('/');
            String shortName = slash >= 0 && slash < name.length() - 1 ? name.substring(slash + 1) : name;
            return switch (kind == null ? "" : kind) {
                case "generated" -> "generated " + shortName + " " + parameters;
                case "folder" -> role + " folder " + shortName + " (" + files + " files, " + size(bytes) + ")";
                default -> role + " file " + shortName + " (" + size(bytes) + ")";
            };
        }
    }

    /** How two fingerprints relate, and why. */
    public enum Verdict { SAME, SAME_SOURCES_DIFFERENT_SETTINGS, DIFFERENT_SOURCES }

    /**
     * The result of {@link #differences}.
     *
     * @param verdict what is the same
     * @param reasons one phrase per difference, e.g. "split seed 42 vs 43", "labels file differs
     *                (sha256 1f3a... vs 9b0c...)"; empty when the same
     */
    public record Difference(Verdict verdict, List<String> reasons) {
        public Difference {
            reasons = List.copyOf(reasons);
        }

        /** "same data", "same files, different split seed (42 vs 43)", "different data: ..." */
        public String statement() {
            return switch (verdict) {
                case SAME -> "same data";
                case SAME_SOURCES_DIFFERENT_SETTINGS -> "same files, different " + String.join(", ", reasons);
                case DIFFERENT_SOURCES -> "different data: " + String.join(", ", reasons);
            };
        }
    }

    public DataFingerprint {
        sources = sources == null ? List.of() : List.copyOf(sources);
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The first {@value #SHORT} hex digits of {@link #hash()}, enough to tell runs apart at a glance. */
    public String shortHash() {
        return hash == null ? "?" : hash.substring(0, Math.min(SHORT, hash.length()));
    }

    /** One line: the sources and the split, e.g. "images file digits-...gz (1.6 MB), labels file ... ; split 80/10/10, seed 42". */
    public String summary() {
        List<String> parts = new ArrayList<>();
        for (Source s : sources) {
            parts.add(s.describe());
        }
        String split = settings.get("split.train") == null ? "" : "; split " + settings.get("split.train") + "/"
                + settings.get("split.validation") + "/" + settings.get("split.test")
                + (settings.get("split.subset") == null || settings.get("split.subset").equals("all") ? ""
                        : ", subset " + settings.get("split.subset"))
                + ", seed " + settings.get("seed");
        return String.join(", ", parts) + split;
    }

    /** What differs between this fingerprint (the reference) and {@code other}, in words. */
    public Difference differences(DataFingerprint other) {
        Objects.requireNonNull(other, "other");
        List<String> content = new ArrayList<>();
        Set<String> roles = new LinkedHashSet<>();
        sources.forEach(s -> roles.add(s.role()));
        other.sources.forEach(s -> roles.add(s.role()));
        for (String role : roles) {
            Source a = source(role);
            Source b = other.source(role);
            if (a == null || b == null) {
                content.add((a == null ? "only the second has " : "only the first has ") + (a == null ? b : a).describe());
            } else if ("generated".equals(a.kind()) != "generated".equals(b.kind())) {
                content.add(role + " is " + a.kind() + " vs " + b.kind());
            } else if ("generated".equals(a.kind())) {
                if (!Objects.equals(a.location(), b.location())) {
                    content.add("generated " + a.location() + " vs " + b.location());
                }
                Map<String, String> pa = a.parameters() == null ? Map.of() : a.parameters();
                Map<String, String> pb = b.parameters() == null ? Map.of() : b.parameters();
                Set<String> keys = new LinkedHashSet<>(pa.keySet());
                keys.addAll(pb.keySet());
                for (String k : keys.stream().sorted().toList()) {
                    if (!Objects.equals(pa.get(k), pb.get(k))) {
                        content.add("generator " + k + " " + pa.get(k) + " vs " + pb.get(k));
                    }
                }
            } else if (!Objects.equals(a.sha256(), b.sha256())) {
                content.add(role + " " + a.kind() + " differs (" + name(a) + " " + size(a.bytes()) + ", sha256 " + prefix(a.sha256())
                        + " vs " + name(b) + " " + size(b.bytes()) + ", sha256 " + prefix(b.sha256()) + ")");
            }
        }
        List<String> settingsDiff = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(settings.keySet());
        keys.addAll(other.settings.keySet());
        for (String k : keys) {
            String va = settings.get(k);
            String vb = other.settings.get(k);
            if (!Objects.equals(va, vb)) {
                settingsDiff.add(settingName(k) + " (" + (va == null ? "not recorded" : va) + " vs "
                        + (vb == null ? "not recorded" : vb) + ")");
            }
        }
        if (!content.isEmpty()) {
            List<String> all = new ArrayList<>(content);
            settingsDiff.forEach(s -> all.add("also " + s));
            return new Difference(Verdict.DIFFERENT_SOURCES, all);
        }
        if (!settingsDiff.isEmpty()) {
            return new Difference(Verdict.SAME_SOURCES_DIFFERENT_SETTINGS, settingsDiff);
        }
        return new Difference(Verdict.SAME, List.of());
    }

    /**
     * As {@link #differences}, leaving the run seed out (the split seed and a generator's seed):
     * for comparing seed groups, whose runs vary the seed by design.
     */
    public Difference differencesIgnoringSeed(DataFingerprint other) {
        return withoutSeed().differences(other.withoutSeed());
    }

    private DataFingerprint withoutSeed() {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.remove("seed");
        List<Source> src = new ArrayList<>();
        for (Source x : sources) {
            Map<String, String> p = x.parameters() == null ? null : new LinkedHashMap<>(x.parameters());
            if (p != null) {
                p.remove("seed");
            }
            src.add(new Source(x.role(), x.kind(), x.location(), x.bytes(), x.files(),
                    "generated".equals(x.kind()) ? null : x.sha256(), p));
        }
        return new DataFingerprint(version, null, null, src, s);
    }

    private Source source(String role) {
        return sources.stream().filter(s -> s.role().equals(role)).findFirst().orElse(null);
    }

    private static String settingName(String key) {
        return switch (key) {
            case "seed" -> "split seed";
            case "preprocessing" -> "preprocessing";
            default -> key;
        };
    }

    private static String name(Source s) {
        String n = s.location() == null ? "?" : s.location().replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }

    private static String prefix(String sha) {
        return sha == null ? "unknown" : sha.substring(0, Math.min(8, sha.length()));
    }

    static String size(Long bytes) {
        if (bytes == null) {
            return "? bytes";
        }
        if (bytes >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        if (bytes >= 1_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return bytes + " bytes";
    }
}
