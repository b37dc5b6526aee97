package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.layers.Sequential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a Keras 3 {@code .keras} archive (also written by tf.keras 2.13+): a zip holding {@code config.json} (the
 * model config), {@code metadata.json} ({@code keras_version}) and {@code model.weights.h5} (weights in the Keras 3
 * layout), all read in memory. The zip is treated as hostile: at most {@link Hdf5Limits#MAX_ZIP_ENTRIES} entries,
 * names must be plain relative paths (no {@code ..}, no absolute path, no backslash) and unique, and each entry is
 * inflated only up to its size limit and {@link Hdf5Limits#MAX_COMPRESSION_RATIO} times the archive, so a zip bomb is
 * refused after reading at most that much.
 *
 * <pre>{@code
 * Sequential model = KerasArchiveReader.read(Files.readAllBytes(path), "model.keras");
 * }</pre>
 */
final class KerasArchiveReader {

    static final String CONFIG = "config.json";
    static final String METADATA = "metadata.json";
    static final String WEIGHTS = "model.weights.h5";

    private KerasArchiveReader() {
    }

    /** Whether {@code bytes} start as a zip file ({@code PK\3\4}, or {@code PK\5\6} for an empty one). */
    static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K'
                && ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6));
    }

    /** The model of a {@code .keras} archive, with its weights. */
    static Sequential read(byte[] zip, String fileName) throws ModelFormatException {
        Map<String, byte[]> entries = entries(zip, fileName);
        byte[] config = entries.get(CONFIG);
        byte[] weights = entries.get(WEIGHTS);
        if (config == null) {
            throw new ModelFormatException(fileName, "a .keras archive must hold " + CONFIG + "; found "
                    + entries.keySet());
        }
        String version = kerasVersion(entries.get(METADATA), fileName);
        if (weights == null) {
            throw new ModelFormatException(fileName, "a .keras archive must hold " + WEIGHTS + "; found "
                    + entries.keySet() + (version == null ? "" : " (written by Keras " + version + ")")
                    + (entries.containsKey("model.weights.npz") ? "; weights saved as .npz are not read" : ""));
        }
        JsonNode root = ModelJson.parse(config, Hdf5Limits.MAX_JSON_ENTRY_BYTES);
        KerasConfigNormalizer.Normalized normalized = KerasConfigNormalizer.normalize(root, fileName + "!" + CONFIG);
        return KerasModelFiles.withWeights(normalized, weights, fileName + "!" + WEIGHTS);
    }

    /** The weights file of an archive given as the weights of {@code Sequential.load(json, weights)}. */
    static byte[] weights(byte[] zip, String fileName) throws ModelFormatException {
        byte[] weights = entries(zip, fileName).get(WEIGHTS);
        if (weights == null) {
            throw new ModelFormatException(fileName, "a .keras archive must hold " + WEIGHTS);
        }
        return weights;
    }

    private static String kerasVersion(byte[] metadata, String fileName) {
        if (metadata == null) {
            return null;
        }
        try {
            JsonNode version = ModelJson.parse(metadata, Hdf5Limits.MAX_JSON_ENTRY_BYTES).get("keras_version");
            return version != null && version.isTextual() ? version.textValue() : null;
        } catch (ModelFormatException e) {
            return null; // metadata only improves messages
        }
    }

    /** The entries Lamina reads ({@code config.json}, {@code metadata.json}, {@code model.weights.h5}), validated. */
    static Map<String, byte[]> entries(byte[] zip, String fileName) throws ModelFormatException {
        Map<String, byte[]> wanted = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int count = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++count > Hdf5Limits.MAX_ZIP_ENTRIES) {
                    throw new ModelFormatException(fileName, "more than " + Hdf5Limits.MAX_ZIP_ENTRIES + " zip entries; "
                            + "a .keras archive of a dense model holds three");
                }
                String name = entry.getName();
                checkName(name, fileName);
                if (!seen.add(name)) {
                    throw new ModelFormatException(fileName + "!" + name, "the zip holds this entry twice");
                }
                long limit = switch (name) {
                    case CONFIG, METADATA -> Hdf5Limits.MAX_JSON_ENTRY_BYTES;
                    case WEIGHTS -> Hdf5Limits.MAX_FILE_BYTES;
                    default -> -1;
                };
                if (limit < 0) {
                    continue; // assets and other entries: not inflated
                }
                long ratioLimit = Math.max(1L << 20, Hdf5Limits.MAX_COMPRESSION_RATIO * zip.length);
                byte[] bytes = readBounded(in, Math.min(limit, ratioLimit), fileName + "!" + name);
                if (entry.getSize() >= 0 && entry.getSize() != bytes.length) {
                    throw new ModelFormatException(fileName + "!" + name, "the zip declares " + entry.getSize()
                            + " bytes for this entry but it holds " + bytes.length);
                }
                wanted.put(name, bytes);
            }
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(fileName, "not a valid zip (.keras) archive: " + e.getMessage()
                    + "; re-save the model with Keras", e);
        }
        if (count == 0) {
            throw new ModelFormatException(fileName, "the zip (.keras) archive is empty or truncated");
        }
        return wanted;
    }

    private static void checkName(String name, String fileName) throws ModelFormatException {
        boolean bad = name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0
                || (name.length() > 1 && name.charAt(1) == ':') || name.length() > 1024;
        for (String part : name.split("/")) {
            bad |= part.equals("..");
        }
        if (bad) {
            throw new ModelFormatException(fileName, "the zip entry '" + (name.length() > 100 ? name.substring(0, 100)
                    + "..." : name) + "' is not a plain relative path; the archive is corrupt or hostile");
        }
    }

    private static byte[] readBounded(ZipInputStream in, long limit, String where) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw new ModelFormatException(where, "the entry inflates to more than " + limit + " bytes (the "
                        + "limit for it, or " + Hdf5Limits.MAX_COMPRESSION_RATIO + " times the archive); refused as a "
                        + "possible zip bomb");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
