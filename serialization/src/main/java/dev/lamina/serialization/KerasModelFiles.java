package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.core.activation.UnknownActivationException;
import dev.lamina.layers.Sequential;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a model file whatever Keras or Lamina wrote it, recognising the format from its content rather than its
 * name: a zip is a Keras 3 {@code .keras} archive, HDF5 (signature at offset 0, 512, 1024, ...) a legacy full-model
 * {@code .h5}, JSON a Lamina model file, read as before (a TensorFlow.js {@code model.json} goes to
 * {@link ModelJson#loadTfjs}; Keras's weightless architecture JSON is refused with the call that reads it with its
 * weights), and a directory holding {@code config.json} an unzipped
 * {@code .keras} archive. {@code Sequential.load(path)} and
 * {@code Sequential.load(json, weights)} come here through {@link JsonModelStore}.
 *
 * <pre>{@code
 * Sequential a = KerasModelFiles.load(Path.of("model.keras"));
 * Sequential b = KerasModelFiles.load(Path.of("model.json"), Path.of("model.weights.h5"));
 * }</pre>
 */
final class KerasModelFiles {

    private KerasModelFiles() {
    }

    /** A Lamina JSON, Keras {@code .keras} or Keras {@code .h5} model file, with its weights. */
    static Sequential load(Path path) throws IOException {
        if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(KerasArchiveReader.CONFIG))) {
            return unzippedArchive(path);
        }
        byte[] bytes = ModelJson.readLimited(path, Hdf5Limits.MAX_FILE_BYTES);
        String name = path.toString();
        if (KerasArchiveReader.isZip(bytes)) {
            return guarded(() -> KerasArchiveReader.read(bytes, name), name);
        }
        if (Hdf5Reader.isHdf5(bytes)) {
            return guarded(() -> LegacyH5Reader.read(bytes, name), name);
        }
        if (looksLikeJson(bytes)) {
            JsonNode root = ModelJson.parse(bytes, Hdf5Limits.MAX_FILE_BYTES);
            if (root.isObject() && root.has("modelTopology")) {
                return ModelJson.loadTfjs(path); // TensorFlow.js model.json, its weight files beside it
            }
            if (root.isObject() && !root.has("format") && (root.has("class_name") || root.has("model_config"))) {
                throw new ModelFormatException(name, "this is Keras's architecture JSON (model.to_json() or a .keras "
                        + "archive's config.json), which holds no weights: load it with Sequential.load(Path.of(\""
                        + name + "\"), Path.of(\"model.weights.h5\")) and the weights file save_weights wrote, or "
                        + "with ModelJson.fromKerasJson(json, seed) for fresh weights");
            }
            return ModelJson.fromTree(root, bytes.length);
        }
        throw new ModelFormatException(name, "not a model file Lamina reads: expected a Lamina JSON file, a Keras "
                + ".keras archive (zip) or a Keras .h5 file (HDF5), found " + bytes.length + " bytes starting "
                + start(bytes));
    }

    /**
     * A Keras architecture JSON ({@code model.to_json()}, or a {@code .keras} archive's {@code config.json}) with the
     * weights {@code save_weights} wrote: a Keras 3 {@code .weights.h5}, a Keras 1/2 weights {@code .h5}, a full-model
     * {@code .h5} or a {@code .keras} archive.
     */
    static Sequential load(Path architecture, Path weights) throws IOException {
        byte[] json = ModelJson.readLimited(architecture, Hdf5Limits.MAX_JSON_ENTRY_BYTES);
        byte[] bytes = ModelJson.readLimited(weights, Hdf5Limits.MAX_FILE_BYTES);
        String weightsName = weights.toString();
        return guarded(() -> {
            JsonNode root = ModelJson.parse(json, Hdf5Limits.MAX_JSON_ENTRY_BYTES);
            KerasConfigNormalizer.Normalized normalized = KerasConfigNormalizer.normalize(root,
                    architecture.toString(), null);
            if (KerasArchiveReader.isZip(bytes)) {
                return withWeights(normalized, KerasArchiveReader.weights(bytes, weightsName),
                        weightsName + "!" + KerasArchiveReader.WEIGHTS);
            }
            if (!Hdf5Reader.isHdf5(bytes)) {
                throw new ModelFormatException(weightsName, "expected a Keras weights file (HDF5, as save_weights "
                        + "writes), found " + bytes.length + " bytes starting " + start(bytes));
            }
            return withWeights(normalized, bytes, weightsName);
        }, weightsName);
    }

    /** A {@code .keras} archive Keras 3 saved unzipped ({@code model.save(path, zipped=False)}): a directory. */
    private static Sequential unzippedArchive(Path directory) throws IOException {
        byte[] config = ModelJson.readLimited(directory.resolve(KerasArchiveReader.CONFIG),
                Hdf5Limits.MAX_JSON_ENTRY_BYTES);
        Path weightsFile = directory.resolve(KerasArchiveReader.WEIGHTS);
        if (!Files.isRegularFile(weightsFile)) {
            throw new ModelFormatException(directory.toString(), "an unzipped .keras directory must hold "
                    + KerasArchiveReader.WEIGHTS + " beside " + KerasArchiveReader.CONFIG);
        }
        byte[] weights = ModelJson.readLimited(weightsFile, Hdf5Limits.MAX_FILE_BYTES);
        return guarded(() -> {
            JsonNode root = ModelJson.parse(config, Hdf5Limits.MAX_JSON_ENTRY_BYTES);
            KerasConfigNormalizer.Normalized normalized = KerasConfigNormalizer.normalize(root,
                    directory.resolve(KerasArchiveReader.CONFIG).toString(), null);
            return withWeights(normalized, weights, weightsFile.toString(), root.get("compile_config"));
        }, directory.toString());
    }

    /** Builds the normalised architecture and loads its weights from the HDF5 {@code weights}, uncompiled. */
    static Sequential withWeights(KerasConfigNormalizer.Normalized normalized, byte[] weights, String weightsName)
            throws ModelFormatException {
        return withWeights(normalized, weights, weightsName, null);
    }

    /**
     * As {@link #withWeights(KerasConfigNormalizer.Normalized, byte[], String)}; with a Keras 3
     * {@code compileConfig} (a {@code .keras} archive's, null for {@code load(json, weights)}), compiles the model
     * and restores its optimizer from {@code optimizer/vars}, as Keras's {@code load_model} does.
     */
    static Sequential withWeights(KerasConfigNormalizer.Normalized normalized, byte[] weights, String weightsName,
                                  JsonNode compileConfig) throws ModelFormatException {
        try (Hdf5Reader h5 = Hdf5Reader.open(weights, weightsName)) {
            Group group = h5.root();
            if (!h5.hasNames(group, "layer_names") && KerasWeightsReader.layersGroup(h5, group) == null
                    && h5.childGroup(group, "model_weights") != null) {
                group = h5.childGroup(group, "model_weights"); // a full-model .h5 given as weights, as Keras allows
            }
            Sequential model = build(normalized, weights.length);
            KerasWeightsReader.load(model, normalized.kerasLayers(), h5, group);
            if (KerasCompileReader.compile(model, compileConfig, false, normalized.source())) {
                Node optimizer = h5.resolve(group, "optimizer/vars");
                if (optimizer instanceof Group vars) {
                    List<String> names = h5.childNames(vars);
                    List<Node> variables = new ArrayList<>();
                    for (int i = 0; names.contains(Integer.toString(i)); i++) { // 0, 1, ...: Keras's order
                        variables.add(h5.child(vars, Integer.toString(i)));
                    }
                    KerasOptimizerVars.restore(model, h5, variables, weightsName + ":/optimizer/vars");
                }
            }
            return model;
        }
    }

    /**
     * The model a normalised config describes, its weights not yet loaded; {@code weightBytes} (the size of the file
     * that must hold the weights) bounds the architecture before anything is allocated.
     */
    static Sequential build(KerasConfigNormalizer.Normalized normalized, long weightBytes)
            throws ModelFormatException {
        // ArchitectureReader bounds the weights by 3/4 of a file's bytes (base64); HDF5 stores them raw
        ArchitectureReader.Architecture architecture = ArchitectureReader.read(normalized.cursor(),
                (weightBytes * 4 + 2) / 3);
        if (architecture.inputSize() <= 0) {
            throw new ModelFormatException(normalized.source(), "the architecture does not give the input width (no "
                    + "InputLayer, batch_input_shape or build_config), so its weights cannot be placed; add "
                    + "keras.Input(shape=(n,)) to the model before saving it");
        }
        try {
            return ArchitectureReader.build(architecture);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(normalized.source(), "the model described by the file is invalid: "
                    + e.getMessage(), e);
        }
    }

    private interface Reading {
        Sequential read() throws ModelFormatException;
    }

    /** Runs a reading, turning a stray runtime failure on a corrupt file into a {@link ModelFormatException}. */
    private static Sequential guarded(Reading reading, String name) throws ModelFormatException {
        try {
            return reading.read();
        } catch (ModelFormatException | UnknownActivationException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new ModelFormatException(name, "the file is corrupt or not one Keras writes: " + e, e);
        }
    }

    private static boolean looksLikeJson(byte[] bytes) {
        int i = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        return i == bytes.length || bytes[i] == '{' || bytes[i] == '[';
    }

    private static String start(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            hex.append(String.format("%02x ", bytes[i] & 0xff));
        }
        return hex.toString().trim();
    }
}
