package dev.trainbench.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainbench.data.DataException;
import dev.trainbench.data.TargetScaler;
import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * An exported model: one zip file holding {@code model.json} ({@link ModelManifest}), the DJL
 * parameters ({@code parameters.params}) and the run's per-epoch metrics ({@code epochs.csv}).
 *
 * <p>Reading never runs code from the file: the manifest is plain JSON data binding, the network
 * is rebuilt from the spec's layer list, and the parameters are numbers. Every entry is read with
 * a size limit (the bytes actually inflated are counted, the sizes the zip declares are not
 * trusted), entry names that could point outside a folder ({@code ../x}, {@code /x}, {@code C:x})
 * are refused, and CRC-32 and the parameters' SHA-256 are checked, so a truncated, damaged or
 * doctored archive is an error naming the problem, never a half-loaded model.
 *
 * <p>{@code formatVersion} is raised only by a change an older reader would misread; fields added
 * without raising it are ignored by older readers. An archive from a newer version is refused. Each
 * archive is written with the lowest version that describes it ({@link #versionFor}): version 2 adds
 * {@code output.targetScaling}, which a version-1 reader would ignore and so predict in scaled
 * units, so only archives holding it are version 2, and version-1 readers refuse them; models
 * without target scaling stay version 1, readable by every TrainBench that reads models.
 */
public final class ModelArchive {
    public static final String FORMAT = "trainbench-model";
    /** The newest format version this TrainBench reads and writes. */
    public static final int FORMAT_VERSION = 2;
    /** The first version with {@code output.targetScaling}. */
    public static final int TARGET_SCALING_VERSION = 2;
    public static final String MANIFEST = "model.json";
    public static final String PARAMETERS = "parameters.params";
    public static final String EPOCHS = "epochs.csv";
    /** The DJL parameter stream of the whole network ({@code Block.saveParameters}). */
    public static final String PARAMETER_FORMAT = "djl-block-parameters";
    /** The conventional file name ending; any name is read. */
    public static final String EXTENSION = ".tbmodel.zip";

    static final long MAX_MANIFEST_BYTES = 16L << 20;
    static final long MAX_PARAMETER_BYTES = 1L << 30;
    static final long MAX_EPOCHS_BYTES = 16L << 20;
    static final int MAX_ENTRIES = 64;

    /** Lenient on unknown fields (a newer writer's additions); everything else as strict as specs. */
    private static final ObjectMapper READER = SpecJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    /** A model read from an archive: its manifest, its parameter bytes, and the run's epochs.csv (empty if absent). */
    public record Contents(ModelManifest manifest, byte[] parameters, byte[] epochs) {
    }

    private ModelArchive() {
    }

    /**
     * Writes the archive atomically: a reader sees no file or the whole one, and a failure leaves
     * nothing behind. The manifest's {@code parameters} entry is filled in here (size, SHA-256).
     */
    public static ModelManifest write(Path out, ModelManifest manifest, byte[] parameters, byte[] epochs) {
        int version = versionFor(manifest);
        ModelManifest complete = new ModelManifest(FORMAT, version, manifest.createdAt(), manifest.createdBy(),
                manifest.run(), manifest.checkpoint(), manifest.input(), manifest.output(), manifest.metrics(),
                manifest.dataFingerprint(), new ModelManifest.Parameters(PARAMETERS, PARAMETER_FORMAT, parameters.length,
                sha256(parameters)), manifest.spec());
        try {
            RunFiles.writeAtomically(out.toAbsolutePath(), stream -> {
                try (ZipOutputStream zip = new ZipOutputStream(stream)) {
                    zip.setComment("TrainBench model, format " + version + ": see model.json");
                    entry(zip, MANIFEST, SpecJson.mapper().writeValueAsBytes(complete));
                    entry(zip, PARAMETERS, parameters);
                    if (epochs != null && epochs.length > 0) {
                        entry(zip, EPOCHS, epochs);
                    }
                }
            });
        } catch (IOException e) {
            throw new ModelFileException("cannot write " + out + ": " + e.getMessage() + ". Fix: choose a folder you can"
                    + " write to, with free space.", e);
        }
        return complete;
    }

    /**
     * The lowest format version that describes {@code m}: 2 when it holds target scaling (a reader
     * of version 1 would ignore it and answer in scaled units, so it must refuse the file), else 1.
     */
    public static int versionFor(ModelManifest m) {
        return m.output() != null && m.output().targetScaling() != null ? TARGET_SCALING_VERSION : 1;
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Reads and checks an archive; a {@link ModelFileException} says what is wrong with it and what to do. */
    public static Contents read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw new ModelFileException(name + ": is a folder, not a model file. Fix: give the .zip file that"
                    + " 'trainbench export' wrote.");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": file not found. Fix: check the path; 'trainbench export RUN FILE'"
                    + " writes a model file.");
        } catch (IOException e) {
            throw new ModelFileException(name + ": cannot be read (" + e.getMessage() + "). Check its permissions.", e);
        }
        if (head.length < 4 || head[0] != 'P' || head[1] != 'K') {
            throw new ModelFileException(name + ": is not a TrainBench model (not a zip file"
                    + (head.length == 0 ? ": it is empty" : "") + "). Fix: give the file 'trainbench export' wrote.");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Map<String, ZipEntry> entries = entries(zip, name);
            ZipEntry manifestEntry = entries.get(MANIFEST);
            if (manifestEntry == null) {
                throw new ModelFileException(name + ": is a zip file without " + MANIFEST + ", so not a TrainBench model."
                        + " Fix: give the file 'trainbench export' wrote.");
            }
            byte[] manifestBytes = bounded(zip, manifestEntry, MAX_MANIFEST_BYTES, name);
            ModelManifest manifest = manifest(manifestBytes, name);
            ModelManifest.Parameters p = manifest.parameters();
            String paramName = p.file() == null ? PARAMETERS : p.file();
            ZipEntry paramEntry = entries.get(paramName);
            if (paramEntry == null) {
                throw damaged(name, "it has no " + paramName);
            }
            byte[] params = bounded(zip, paramEntry, MAX_PARAMETER_BYTES, name);
            if (params.length != p.bytes() || !sha256(params).equalsIgnoreCase(String.valueOf(p.sha256()))) {
                throw damaged(name, "the parameters do not match the checksum in " + MANIFEST);
            }
            ZipEntry epochsEntry = entries.get(EPOCHS);
            byte[] epochs = epochsEntry == null ? new byte[0] : bounded(zip, epochsEntry, MAX_EPOCHS_BYTES, name);
            return new Contents(manifest, params, epochs);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ModelFileException(name + ": cannot be read (permission denied). Check its permissions.", e);
        } catch (IOException e) {
            // ZipException, EOFException and friends: whatever the zip reader trips over is a broken file
            throw damaged(name, "the zip structure is broken (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + "); the file is truncated or corrupted");
        }
    }

    private static Map<String, ZipEntry> entries(ZipFile zip, String name) {
        Map<String, ZipEntry> out = new HashMap<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        int count = 0;
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            if (++count > MAX_ENTRIES) {
                throw new ModelFileException(name + ": holds more than " + MAX_ENTRIES + " entries; a TrainBench model has"
                        + " three. Fix: give the file 'trainbench export' wrote.");
            }
            String entryName = e.getName();
            if (!safeName(entryName)) {
                throw new ModelFileException(name + ": holds an entry named '" + printable(entryName) + "', which points"
                        + " outside the archive's folder; refused (a damaged or malicious archive). Fix: export the model"
                        + " again.");
            }
            if (out.put(entryName, e) != null) {
                throw new ModelFileException(name + ": holds two entries named '" + printable(entryName) + "'; refused"
                        + " (a damaged or malicious archive). Fix: export the model again.");
            }
        }
        return out;
    }

    /** A plain relative name: no parent references, no absolute paths, no drive letters or backslashes, no control characters. */
    static boolean safeName(String n) {
        if (n.isEmpty() || n.length() > 255 || n.startsWith("/") || n.contains("\\") || n.contains(":")) {
            return false;
        }
        for (char c : n.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return Arrays.stream(n.split("/")).noneMatch(part -> part.equals("..") || part.equals("."));
    }

    private static String printable(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 60 ? clean : clean.substring(0, 57) + "...";
    }

    /** The entry's bytes, inflating at most {@code limit}; checks the CRC-32 the zip recorded. */
    private static byte[] bounded(ZipFile zip, ZipEntry entry, long limit, String name) throws IOException {
        if (entry.getSize() > limit) {
            throw tooLarge(name, entry.getName(), limit);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge(name, entry.getName(), limit);
            }
            if (entry.getSize() >= 0 && bytes.length != entry.getSize()) {
                throw damaged(name, entry.getName() + " holds " + bytes.length + " bytes, but the zip says " + entry.getSize());
            }
            CRC32 crc = new CRC32();
            crc.update(bytes);
            if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
                throw damaged(name, entry.getName() + " fails its CRC-32 check");
            }
            return bytes;
        } catch (OutOfMemoryError e) {
            throw new ModelFileException(name + ": " + entry.getName() + " is too large to load with this much memory. Fix:"
                    + " give TrainBench more memory (-Xmx).");
        }
    }

    private static ModelFileException tooLarge(String name, String entry, long limit) {
        return new ModelFileException(name + ": " + entry + " expands to more than " + (limit >> 20) + " MiB, more than"
                + " any TrainBench model holds; refused (a damaged archive or a zip bomb). Fix: export the model again.");
    }

    private static ModelFileException damaged(String name, String why) {
        return new ModelFileException(name + ": the model file is damaged: " + why + ". Fix: copy or export it again.");
    }

    private static ModelManifest manifest(byte[] bytes, String name) {
        JsonNode tree;
        try {
            tree = READER.readTree(bytes);
        } catch (IOException e) {
            throw damaged(name, MANIFEST + " is not valid JSON (" + firstLine(e) + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw damaged(name, MANIFEST + " is not a JSON object");
        }
        if (!FORMAT.equals(tree.path("format").asText(null))) {
            throw new ModelFileException(name + ": " + MANIFEST + " does not say \"format\": \"" + FORMAT + "\", so this is"
                    + " not a TrainBench model. Fix: give the file 'trainbench export' wrote.");
        }
        JsonNode v = tree.get("formatVersion");
        if (v == null || !v.canConvertToInt()) {
            throw damaged(name, MANIFEST + " has no formatVersion");
        }
        if (v.asInt() > FORMAT_VERSION) {
            throw new ModelFileException(name + ": was written by a newer TrainBench (model format " + v.asInt()
                    + "); this one reads formats up to " + FORMAT_VERSION + ". Fix: update TrainBench, or export the model"
                    + " again with this version.");
        }
        if (v.asInt() < 1) {
            throw damaged(name, MANIFEST + " has formatVersion " + v.asInt());
        }
        ModelManifest m;
        try {
            m = READER.treeToValue(tree, ModelManifest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw damaged(name, MANIFEST + " does not describe a model (" + firstLine(e) + ")");
        }
        check(m, name);
        return m;
    }

    /** The manifest describes a usable model: everything prediction needs is there and consistent. */
    private static void check(ModelManifest m, String name) {
        String missing = m.spec() == null ? "spec" : m.input() == null ? "input" : m.input().sampleShape() == null
                ? "input.sampleShape" : m.input().encoding() == null ? "input.encoding" : m.input().scaling() == null
                ? "input.scaling" : m.output() == null ? "output" : m.parameters() == null ? "parameters" : null;
        if (missing != null) {
            throw damaged(name, MANIFEST + " has no " + missing);
        }
        int[] shape = m.input().sampleShape();
        long size = 1;
        for (int s : shape) {
            if (s < 1) {
                throw damaged(name, "input.sampleShape " + Arrays.toString(shape) + " has a dimension below 1");
            }
            size *= s;
        }
        if ((shape.length != 1 && shape.length != 3) || size > (1 << 28)) {
            throw damaged(name, "input.sampleShape " + Arrays.toString(shape) + " is not [features] or [channels, height, width]");
        }
        ModelManifest.Scaling sc = m.input().scaling();
        int groups = shape[0];
        if (sc.offsets() == null || sc.scales() == null || sc.offsets().length != groups || sc.scales().length != groups) {
            throw damaged(name, "input.scaling needs " + groups + " offsets and scales (one per "
                    + (shape.length == 3 ? "channel" : "feature") + ")");
        }
        try {
            m.input().encoding().checkShape(shape, name);
        } catch (DataException e) {
            throw damaged(name, "input.encoding does not fit input.sampleShape");
        }
        ModelManifest.Output out = m.output();
        if (out.classifies() ? out.classNames() == null || out.classNames().size() < 2
                : !ModelManifest.Output.REGRESSION.equals(out.task()) || out.width() < 1) {
            throw damaged(name, "output must be a classification with two or more classNames or a regression with width >= 1");
        }
        ModelManifest.TargetScaling ts = out.targetScaling();
        if (ts != null) {
            if (out.classifies()) {
                throw damaged(name, "output.targetScaling belongs to regression models, but this one classifies");
            }
            try {
                TargetScaler scaler = TargetScaler.of(ts.offsets(), ts.scales());
                if (scaler.width() != out.width()) {
                    throw new IllegalArgumentException(scaler.width() + " offsets and scales for " + out.width()
                            + " output value" + (out.width() == 1 ? "" : "s"));
                }
            } catch (IllegalArgumentException e) {
                throw damaged(name, "output.targetScaling is unusable (" + e.getMessage() + "), so predictions could not"
                        + " be put back in the target's units");
            }
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
