package dev.lamina.serialization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a model as Keras 3's {@code .keras} archive, which {@code keras.models.load_model} opens: a zip of
 * {@code metadata.json} ({@code keras_version}, {@code date_saved}), {@code config.json} ({@link Keras3Config}) and
 * {@code model.weights.h5} ({@link KerasWeightsWriter}), in that order, all STORED (uncompressed) as Keras writes
 * them. Also writes the weights alone, as Keras's {@code save_weights} does.
 *
 * <pre>{@code
 * KerasArchiveWriter.save(model, Path.of("reviews.keras"));        // model.save(...) does this for .keras
 * KerasArchiveWriter.saveWeights(model, Path.of("reviews.weights.h5"));
 * }</pre>
 *
 * <p>In Python, with the same custom activations registered ({@code @keras.saving.register_keras_serializable()}):
 * {@code keras.models.load_model("reviews.keras")}. Both files are written atomically ({@link AtomicFiles}): a
 * failure leaves any previous file untouched. The whole archive is built in memory first (weights up to 2 GiB).
 */
public final class KerasArchiveWriter {

    /** Keras's {@code date_saved} format: {@code 2025-07-28@18:23:35}, local time. */
    private static final DateTimeFormatter DATE_SAVED = DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss");
    /** The date Python's zipfile gives the entries Keras writes through {@code ZipFile.open(name, "w")}. */
    private static final LocalDateTime ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private KerasArchiveWriter() {
    }

    /** Saves {@code model} as a {@code .keras} archive at {@code path}. */
    public static void save(Sequential model, Path path) throws IOException {
        ObjectNode config = Keras3Config.of(model);
        byte[] weights = KerasWeightsWriter.write(model, config);
        LocalDateTime now = LocalDateTime.now().withNano(0);
        ObjectNode metadata = ModelJson.mapper(ModelJson.DEFAULT_MAX_BYTES).createObjectNode();
        metadata.put("keras_version", Keras3Config.KERAS_VERSION);
        metadata.put("date_saved", DATE_SAVED.format(now));
        byte[] metadataBytes = compact(metadata);
        byte[] configBytes = compact(config);
        AtomicFiles.write(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            stored(zip, "metadata.json", metadataBytes, ZIP_EPOCH);
            stored(zip, "config.json", configBytes, ZIP_EPOCH);
            stored(zip, "model.weights.h5", weights, now);
            zip.finish();
        });
    }

    /**
     * Saves the weights alone as Keras 3's {@code save_weights} writes them; like Keras, the file name must end in
     * {@code .weights.h5}.
     */
    public static void saveWeights(Sequential model, Path path) throws IOException {
        String fileName = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!fileName.endsWith(".weights.h5")) {
            throw new IllegalArgumentException("A Keras weights file name must end in .weights.h5, as Keras's "
                    + "load_weights requires. Received: " + path + ". Use e.g. " + fileName.replaceFirst(
                    "(\\.weights)?(\\.h5)?$", "") + ".weights.h5");
        }
        byte[] weights = KerasWeightsWriter.write(model, Keras3Config.of(model));
        AtomicFiles.write(path, out -> out.write(weights));
    }

    private static byte[] compact(ObjectNode node) {
        ObjectMapper mapper = new ObjectMapper();
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the Keras config as JSON", e);
        }
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes, LocalDateTime time)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(time);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Whether {@code path} names a Keras archive ({@code .keras}), which {@code model.save} writes in this format. */
    static boolean isArchive(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".keras");
    }
}
