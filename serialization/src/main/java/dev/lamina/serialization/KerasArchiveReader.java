package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.layers.Sequential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a Keras 3 {@code .keras} archive (also written by tf.keras 2.13+): a zip holding {@code config.json} (the
 * model config), {@code metadata.json} ({@code keras_version}) and {@code model.weights.h5} (weights in the Keras 3
 * layout), all read in memory. The zip is treated as hostile: at most {@link Hdf5Limits#MAX_ZIP_ENTRIES} entries,
 * names must be plain relative paths (no {@code ..}, no absolute path, no backslash) and unique, declared sizes within
 * limits and deflated entries at most {@link Hdf5Limits#MAX_COMPRESSION_RATIO} times their compressed size, all checked
 * in the central directory before anything is inflated; an entry is then inflated no further than its declared size.
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
        KerasConfigNormalizer.Normalized normalized = KerasConfigNormalizer.normalize(root, fileName + "!" + CONFIG,
                version);
        return KerasModelFiles.withWeights(normalized, weights, fileName + "!" + WEIGHTS, root.get("compile_config"));
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

    /** One entry of the zip's central directory: name, compression method and the sizes it declares. */
    private record CentralEntry(String name, int method, long compressedSize, long size) {
    }

    /**
     * The entries Lamina reads ({@code config.json}, {@code metadata.json}, {@code model.weights.h5}). The central
     * directory is checked first (entry count, names, duplicates, declared sizes and compression ratios), so nothing
     * is inflated from an archive that fails; then each entry is inflated no further than its declared size.
     */
    static Map<String, byte[]> entries(byte[] zip, String fileName) throws ModelFormatException {
        List<CentralEntry> central = centralDirectory(zip, fileName);
        Set<String> seen = new HashSet<>();
        for (CentralEntry entry : central) {
            checkName(entry.name(), fileName);
            if (!seen.add(entry.name())) {
                throw new ModelFormatException(fileName + "!" + entry.name(), "the zip holds this entry twice");
            }
            long limit = limit(entry.name());
            if (limit < 0) {
                continue; // assets and other entries: never inflated
            }
            String where = fileName + "!" + entry.name();
            if (entry.method() != ZipEntry.STORED && entry.method() != ZipEntry.DEFLATED) {
                throw new ModelFormatException(where, "compression method " + entry.method() + " is not read; Keras "
                        + "stores or deflates its entries");
            }
            if (entry.size() > limit) {
                throw new ModelFormatException(where, "the entry declares " + entry.size() + " bytes, over the limit "
                        + "of " + limit);
            }
            if (entry.method() == ZipEntry.DEFLATED && entry.size() > 1L << 20
                    && entry.size() > Hdf5Limits.MAX_COMPRESSION_RATIO * entry.compressedSize()) {
                throw new ModelFormatException(where, "the entry inflates " + entry.compressedSize() + " bytes to "
                        + entry.size() + ", more than " + Hdf5Limits.MAX_COMPRESSION_RATIO + " times; refused as a "
                        + "possible zip bomb");
            }
        }
        Map<String, byte[]> wanted = new HashMap<>();
        int index = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (index >= central.size() || !central.get(index).name().equals(entry.getName())) {
                    throw new ModelFormatException(fileName, "the zip's entries do not match its central directory "
                            + "(entry " + index + " is '" + abbreviate(entry.getName()) + "'); the archive is corrupt "
                            + "or hostile");
                }
                CentralEntry declared = central.get(index++);
                if (limit(declared.name()) >= 0) {
                    byte[] bytes = readBounded(in, declared.size(), fileName + "!" + declared.name());
                    if (bytes.length != declared.size()) {
                        throw new ModelFormatException(fileName + "!" + declared.name(), "the zip declares "
                                + declared.size() + " bytes for this entry but it holds " + bytes.length);
                    }
                    wanted.put(declared.name(), bytes);
                }
            }
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(fileName, "not a valid zip (.keras) archive, or a truncated one: "
                    + e.getMessage() + "; re-save the model with Keras", e);
        }
        if (index != central.size()) {
            throw new ModelFormatException(fileName, "the zip's central directory lists " + central.size()
                    + " entries but only " + index + " are there; the archive is corrupt or truncated");
        }
        return wanted;
    }

    /** How many bytes an entry Lamina reads may hold, or -1 for an entry it does not read. */
    private static long limit(String name) {
        return switch (name) {
            case CONFIG, METADATA -> Hdf5Limits.MAX_JSON_ENTRY_BYTES;
            case WEIGHTS -> Hdf5Limits.MAX_FILE_BYTES;
            default -> -1;
        };
    }

    /**
     * The zip's central directory (what Python's zipfile, and so Keras, reads), after checking that the
     * end-of-central-directory record is there and consistent: a truncated archive has none.
     */
    private static List<CentralEntry> centralDirectory(byte[] zip, String fileName) throws ModelFormatException {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = -1;
        for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xFFFF); i--) {
            if (buffer.getInt(i) == 0x06054b50 && i + 22 + (buffer.getShort(i + 20) & 0xFFFF) == zip.length) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new ModelFormatException(fileName, "the zip (.keras) archive is truncated or not a zip: it has no "
                    + "end of central directory record; copy or download it again");
        }
        int entries = buffer.getShort(end + 10) & 0xFFFF;
        long size = buffer.getInt(end + 12) & 0xFFFFFFFFL;
        long offset = buffer.getInt(end + 16) & 0xFFFFFFFFL;
        if (entries > Hdf5Limits.MAX_ZIP_ENTRIES) {
            throw new ModelFormatException(fileName, entries + " zip entries is more than the limit of "
                    + Hdf5Limits.MAX_ZIP_ENTRIES + "; a .keras archive of a dense model holds three");
        }
        if (entries == 0) {
            throw new ModelFormatException(fileName, "the zip (.keras) archive is empty");
        }
        if (offset + size != end) {
            throw new ModelFormatException(fileName, "the zip's central directory (" + entries + " entries at byte "
                    + offset + ", " + size + " bytes) does not end where its end record starts (byte " + end
                    + "); the archive is corrupt or truncated");
        }
        List<CentralEntry> list = new ArrayList<>();
        int at = (int) offset;
        for (int i = 0; i < entries; i++) {
            if (at + 46 > end || buffer.getInt(at) != 0x02014b50) {
                throw new ModelFormatException(fileName, "central directory entry " + i + " is corrupt");
            }
            int method = buffer.getShort(at + 10) & 0xFFFF;
            long compressed = buffer.getInt(at + 20) & 0xFFFFFFFFL;
            long uncompressed = buffer.getInt(at + 24) & 0xFFFFFFFFL;
            int nameLength = buffer.getShort(at + 28) & 0xFFFF;
            int extra = buffer.getShort(at + 30) & 0xFFFF;
            int comment = buffer.getShort(at + 32) & 0xFFFF;
            if (at + 46 + nameLength > end) {
                throw new ModelFormatException(fileName, "central directory entry " + i + " is corrupt");
            }
            list.add(new CentralEntry(new String(zip, at + 46, nameLength, StandardCharsets.UTF_8), method,
                    compressed, uncompressed));
            at += 46 + nameLength + extra + comment;
        }
        return list;
    }

    private static String abbreviate(String name) {
        return name.length() > 100 ? name.substring(0, 100) + "..." : name;
    }

    private static void checkName(String name, String fileName) throws ModelFormatException {
        boolean bad = name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0
                || (name.length() > 1 && name.charAt(1) == ':') || name.length() > 1024;
        for (String part : name.split("/")) {
            bad |= part.equals("..");
        }
        if (bad) {
            throw new ModelFormatException(fileName, "the zip entry '" + abbreviate(name) + "' is not a plain "
                    + "relative path; the archive is corrupt or hostile");
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
                throw new ModelFormatException(where, "the entry inflates to more than the " + limit + " bytes its "
                        + "central directory declares; refused as corrupt or a possible zip bomb");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
