package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.layers.Sequential;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a legacy full-model HDF5 file, as {@code model.save("x.h5")} writes it in Keras 1.2, tf.keras 2 and Keras 3:
 * the architecture in the root attribute {@code model_config} (a JSON string) and the weights in the group
 * {@code model_weights} ({@code layer_names}, {@code weight_names}; see {@link KerasWeightsReader}). A weights-only
 * HDF5 file is refused with the call that reads it.
 *
 * <pre>{@code
 * Sequential model = LegacyH5Reader.read(Files.readAllBytes(path), "model.h5");
 * }</pre>
 */
final class LegacyH5Reader {

    private LegacyH5Reader() {
    }

    static Sequential read(byte[] bytes, String fileName) throws ModelFormatException {
        try (Hdf5Reader h5 = Hdf5Reader.open(bytes, fileName)) {
            String config = h5.stringAttribute(h5.root(), "model_config");
            if (config == null) {
                boolean weightsOnly = h5.hasNames(h5.root(), "layer_names")
                        || KerasWeightsReader.layersGroup(h5, h5.root()) != null;
                throw h5.error("/", weightsOnly
                        ? "this is a weights-only file (save_weights) without the architecture; load it with "
                        + "Sequential.load(Path.of(\"model.json\"), Path.of(\"" + fileName + "\")), giving the JSON of "
                        + "model.to_json()"
                        : "no root attribute model_config: not a Keras model file (model.save(\"x.h5\") writes one)");
            }
            JsonNode root = ModelJson.parse(config.getBytes(StandardCharsets.UTF_8), Hdf5Limits.MAX_STRING_BYTES);
            KerasConfigNormalizer.Normalized normalized = KerasConfigNormalizer.normalize(root,
                    fileName + "@model_config", h5.stringAttribute(h5.root(), "keras_version"));
            Group weights = h5.childGroup(h5.root(), "model_weights");
            if (weights == null) {
                throw h5.error("/model_weights", "the file holds the architecture but no model_weights group (saved "
                        + "with include_optimizer only?); re-save the model with model.save(\"x.h5\")");
            }
            Sequential model = KerasModelFiles.build(normalized, bytes.length);
            KerasWeightsReader.load(model, normalized.kerasLayers(), h5, weights);
            compile(model, h5, fileName);
            return model;
        }
    }

    /**
     * Compiles the model from the root attribute {@code training_config}, as Keras's {@code load_model} does, and
     * restores its optimizer from {@code optimizer_weights} when Keras 3 wrote them (its {@code weight_names} list
     * the optimizer's variables in Keras 3's order, as in a {@code .keras} archive); Keras 1 and 2 name and order
     * their optimizer weights otherwise (a {@code training/Adam/Variable_3:0} cannot be placed), so their optimizer
     * starts afresh, with a warning.
     */
    private static void compile(Sequential model, Hdf5Reader h5, String fileName) throws ModelFormatException {
        String training = h5.stringAttribute(h5.root(), "training_config");
        if (training == null) {
            return;
        }
        JsonNode config = ModelJson.parse(training.getBytes(StandardCharsets.UTF_8), Hdf5Limits.MAX_STRING_BYTES);
        if (!KerasCompileReader.compile(model, config, true, fileName + "@training_config")) {
            return;
        }
        Group weights = h5.childGroup(h5.root(), "optimizer_weights");
        if (weights == null) {
            return;
        }
        String where = fileName + ":/optimizer_weights";
        String version = h5.stringAttribute(h5.root(), "keras_version");
        if (version == null || !version.startsWith("3.")) {
            KerasOptimizerVars.skip(model.optimizer(), where, "Keras " + (version == null ? "before 3" : version)
                    + " names and orders its optimizer weights in a way Lamina does not map to its slots");
            return;
        }
        List<Node> variables = new ArrayList<>();
        for (String name : h5.names(weights, "weight_names")) {
            Node node = h5.resolve(weights, name);
            if (node == null) {
                throw h5.error(weights.getPath() + "/" + name, "listed in weight_names but absent");
            }
            variables.add(node);
        }
        KerasOptimizerVars.restore(model, h5, variables, where);
    }
}
