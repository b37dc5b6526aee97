package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import dev.lamina.core.activation.UnknownActivationException;
import dev.lamina.core.init.Initializer;
import dev.lamina.layers.Activation;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Sequential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Reads a Keras-shaped model config into layer specs, validating everything first: layer types come from an explicit
 * allow-list (never from Java class names in the file), activations and initializers from their registries, and sizes
 * are bounded by what the file could hold before anything is allocated. Shared by Lamina files and the Keras and
 * TensorFlow.js importers.
 *
 * <pre>{@code
 * ArchitectureReader.Architecture architecture = ArchitectureReader.read(modelConfig, fileBytes);
 * }</pre>
 */
final class ArchitectureReader {

    static final int MAX_LAYERS = 10_000;
    private static final Set<String> COMMON_LAYER_FIELDS = Set.of("name", "trainable", "dtype", "batch_input_shape",
            "batch_shape", "input_dim");
    private static final Set<String> DENSE_FIELDS = Set.of("units", "activation", "use_bias", "kernel_initializer",
            "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
            "bias_constraint", "lora_rank", "lora_alpha", "quantization_config");

    /** A layer description, validated but not yet built. */
    record LayerSpec(String className, String name, long inputSize, int units, ActivationFunction activation,
                     boolean useBias, Initializer kernelInitializer, Initializer biasInitializer, double rate) {
        Layer create() {
            return switch (className) {
                case "Dense" -> new Dense(units, activation, inputSize > 0 ? inputSize : -1)
                        .useBias(useBias).kernelInitializer(kernelInitializer).biasInitializer(biasInitializer)
                        .name(name);
                case "Activation" -> new Activation(activation).name(name);
                case "Dropout" -> new Dropout(rate).name(name);
                default -> throw new IllegalStateException(className);
            };
        }
    }

    /** What the architecture says: model name, input width (or -1), data type and layers. */
    record Architecture(String name, long inputSize, DataType dataType, List<LayerSpec> layers) {
    }

    private ArchitectureReader() {
    }

    static Sequential build(Architecture architecture) {
        return build(architecture, null);
    }

    /** The model the architecture describes, its weights drawn from {@code seed} (or a random seed when null). */
    static Sequential build(Architecture architecture, Long seed) {
        Sequential model = new Sequential(architecture.name());
        if (seed != null) {
            model.seed(seed);
        }
        model.dataType(architecture.dataType());
        for (LayerSpec spec : architecture.layers()) {
            model.add(spec.create());
        }
        if (!model.isBuilt() && architecture.inputSize() > 0) {
            model.build(architecture.inputSize());
        }
        return model;
    }

    /** Parses a Keras-shaped {@code {"class_name": "Sequential", "config": {...}}} and checks sizes. */
    static Architecture read(JsonCursor modelConfig, long sourceBytes) throws ModelFormatException {
        String className = modelConfig.text("class_name");
        if (!className.equals("Sequential")) {
            throw modelConfig.child("class_name").error("only Sequential models are supported, found '"
                    + className + "'");
        }
        JsonCursor config = modelConfig.object("config");
        String name = config.textOr("name", "sequential");
        if (name.isBlank()) {
            throw config.child("name").error("a model name must be non-blank");
        }
        List<JsonCursor> layerNodes = config.array("layers");
        if (layerNodes.size() > MAX_LAYERS) {
            throw config.child("layers").error(layerNodes.size() + " layers is more than the limit of " + MAX_LAYERS);
        }
        List<LayerSpec> layers = new ArrayList<>();
        long inputSize = -1;
        DataType dataType = DataType.FLOAT;
        Set<String> names = new java.util.HashSet<>();
        for (JsonCursor layerNode : layerNodes) {
            if (layerNode.node() == null || !layerNode.node().isObject()) {
                throw layerNode.error("expected a layer object, found " + JsonCursor.describe(layerNode.node()));
            }
            String layerClass = layerNode.text("class_name");
            JsonCursor layerConfig = layerNode.object("config");
            long declared = declaredInput(layerConfig);
            if (layerClass.equals("InputLayer")) {
                if (!layers.isEmpty() || declared <= 0) {
                    throw layerNode.error("an InputLayer must come first and give batch_shape [null, n]");
                }
                inputSize = declared;
                continue;
            }
            if (layers.isEmpty() && declared > 0) {
                inputSize = declared;
            }
            if (layers.isEmpty()) {
                dataType = dataType(layerConfig);
            }
            LayerSpec spec = layer(layerClass, layerConfig, layers.isEmpty() ? inputSize : -1);
            if (!names.add(spec.name())) {
                throw layerConfig.child("name").error("layer name '" + spec.name() + "' is used twice");
            }
            layers.add(spec);
        }
        checkSizes(layers, inputSize, dataType, sourceBytes, config.child("layers"));
        return new Architecture(name, inputSize, dataType, layers);
    }

    private static DataType dataType(JsonCursor layerConfig) throws ModelFormatException {
        if (layerConfig.has("dtype") && layerConfig.node().get("dtype").isTextual()) {
            String dtype = layerConfig.text("dtype");
            return switch (dtype) {
                case "float32" -> DataType.FLOAT;
                case "float64" -> DataType.DOUBLE;
                default -> throw layerConfig.child("dtype").error("supported dtypes are float32 and float64, found '"
                        + dtype + "'");
            };
        }
        return DataType.FLOAT; // Keras 3 writes a DTypePolicy object; Lamina computes in float32
    }

    private static long declaredInput(JsonCursor config) throws ModelFormatException {
        for (String field : List.of("batch_input_shape", "batch_shape")) {
            if (config.has(field)) {
                List<JsonCursor> shape = config.array(field);
                if (shape.size() != 2 || (shape.get(0).node() != null && !shape.get(0).node().isNull()
                        && !shape.get(0).node().isIntegralNumber())) {
                    throw config.child(field).error("expected [null, features] for a dense model, found "
                            + config.node().get(field));
                }
                return shape.get(1).asInteger(1, Integer.MAX_VALUE);
            }
        }
        if (config.has("input_dim")) {
            return config.integer("input_dim", 1, Integer.MAX_VALUE);
        }
        return -1;
    }

    private static LayerSpec layer(String className, JsonCursor config, long inputSize) throws ModelFormatException {
        String name = config.has("name") ? config.text("name") : null;
        if (name != null && name.isBlank()) {
            throw config.child("name").error("a layer name must be non-blank");
        }
        if (config.has("trainable") && !config.bool("trainable", true)) {
            throw config.child("trainable").error("frozen (non-trainable) layers are not supported");
        }
        switch (className) {
            case "Dense" -> {
                config.onlyFields(union(COMMON_LAYER_FIELDS, DENSE_FIELDS));
                for (String unsupported : List.of("kernel_regularizer", "bias_regularizer", "activity_regularizer",
                        "kernel_constraint", "bias_constraint", "lora_rank", "quantization_config")) {
                    if (config.has(unsupported)) {
                        throw config.child(unsupported).error("is not supported by Lamina (only null is accepted)");
                    }
                }
                int units = (int) config.integer("units", 1, Integer.MAX_VALUE);
                ActivationFunction activation = config.has("activation")
                        ? activation(config.child("activation"), name) : Activations.get("linear");
                return new LayerSpec("Dense", name, inputSize, units, activation, config.bool("use_bias", true),
                        initializer(config, "kernel_initializer", "glorot_uniform"),
                        initializer(config, "bias_initializer", "zeros"), 0);
            }
            case "Activation" -> {
                config.onlyFields(union(COMMON_LAYER_FIELDS, Set.of("activation")));
                if (!config.has("activation")) {
                    throw config.child("activation").error("an Activation layer needs an activation");
                }
                return new LayerSpec("Activation", name, inputSize, 0, activation(config.child("activation"), name),
                        true, null, null, 0);
            }
            case "Dropout" -> {
                config.onlyFields(union(COMMON_LAYER_FIELDS, Set.of("rate", "seed", "noise_shape")));
                double rate = config.number("rate");
                if (!(rate >= 0 && rate < 1)) {
                    throw config.child("rate").error("expected a rate in [0, 1), found " + rate);
                }
                if (config.has("noise_shape")) {
                    throw config.child("noise_shape").error("is not supported by Lamina (only null is accepted)");
                }
                return new LayerSpec("Dropout", name, inputSize, 0, null, true, null, null, rate);
            }
            default -> throw new ModelFormatException(config.path().replaceAll("\\.config$", ".class_name"),
                    "unknown layer class_name '" + className + "'" + (name == null ? "" : " (layer '" + name + "')")
                    + "; Lamina reads Dense, Activation, Dropout and InputLayer");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** An activation written as a name, as {@code {"class_name", "config"}}, or as Keras 3's function wrapper. */
    static ActivationFunction activation(JsonCursor at, String layerName) throws ModelFormatException {
        JsonNode node = at.node();
        String name;
        Map<String, Double> config = new LinkedHashMap<>();
        if (node.isTextual()) {
            name = node.textValue();
        } else if (node.isObject()) {
            JsonCursor object = new JsonCursor(node, at.path());
            object.onlyFields(Set.of("class_name", "config", "module", "registered_name"));
            name = object.text("class_name");
            if (name.equals("function") && object.has("config") && node.get("config").isTextual()) {
                name = object.text("config"); // Keras 3: {"class_name": "function", "config": "my_act"}
            } else {
                config = object.numbers("config");
            }
        } else {
            throw at.error("expected an activation name or object, found " + JsonCursor.describe(node));
        }
        if (name.isBlank()) {
            throw at.error("an activation name must be non-blank");
        }
        ActivationFunction activation;
        try {
            activation = Activations.get(name, config);
        } catch (UnknownActivationException e) {
            throw new UnknownActivationException(name, at.path() + ": activation '" + name + "'"
                    + (layerName == null ? "" : " (used by layer '" + layerName + "')") + " is not registered. "
                    + "Register it before loading: Activations.register(\"" + name + "\", fn)"
                    + (config.isEmpty() ? "" : " or, for its parameters " + config + ", Activations.registerFactory(\""
                    + name + "\", config -> ...)") + ".");
        } catch (IllegalArgumentException e) {
            throw at.error("invalid activation parameters: " + e.getMessage());
        }
        if (!Activations.isBuiltIn(name) && !sameConfig(activation.config(), config)) {
            throw at.error("the registered activation '" + name + "' has parameters " + activation.config()
                    + " but the file needs " + config + "; register it with Activations.registerFactory(\"" + name
                    + "\", config -> ...) so that it receives them");
        }
        return activation;
    }

    private static boolean sameConfig(Map<String, Double> a, Map<String, Double> b) {
        return a.equals(b);
    }

    private static Initializer initializer(JsonCursor config, String field, String defaultName)
            throws ModelFormatException {
        if (!config.has(field)) {
            return dev.lamina.core.init.Initializers.get(defaultName);
        }
        JsonCursor at = config.child(field);
        String className;
        Map<String, Double> numbers = new LinkedHashMap<>();
        if (at.node().isTextual()) {
            className = at.node().textValue();
        } else if (at.node().isObject()) {
            at.onlyFields(Set.of("class_name", "config", "module", "registered_name"));
            className = at.text("class_name");
            if (at.has("config")) {
                JsonCursor cfg = at.object("config");
                java.util.Iterator<Map.Entry<String, JsonNode>> fields = cfg.node().fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> entry = fields.next();
                    String key = entry.getKey();
                    JsonNode value = entry.getValue();
                    if (key.equals("seed") || value.isNull()) {
                        continue; // Lamina seeds initialisation from the model; the weights are loaded anyway
                    }
                    if (key.equals("mode") || key.equals("distribution")) {
                        numbers.put(key, enumIndex(cfg.child(key), key));
                    } else if (value.isNumber() && Double.isFinite(value.doubleValue())) {
                        numbers.put(key, value.doubleValue());
                    } else {
                        throw cfg.child(key).error("expected a number, found " + JsonCursor.describe(value));
                    }
                }
            }
        } else {
            throw at.error("expected an initializer name or object, found " + JsonCursor.describe(at.node()));
        }
        String laminaName = KerasNames.laminaName(className);
        if (laminaName == null) {
            throw at.error("unknown initializer '" + className + "'");
        }
        try {
            return dev.lamina.core.init.Initializers.get(laminaName, numbers);
        } catch (IllegalArgumentException e) {
            throw at.error(e.getMessage());
        }
    }

    private static double enumIndex(JsonCursor at, String key) throws ModelFormatException {
        if (!at.node().isTextual()) {
            throw at.error("expected a string");
        }
        String value = at.node().textValue().toUpperCase(java.util.Locale.ROOT);
        try {
            return key.equals("mode") ? dev.lamina.core.init.VarianceScaling.Mode.valueOf(value).ordinal()
                    : dev.lamina.core.init.VarianceScaling.Distribution.valueOf(value.equals("NORMAL")
                    ? "TRUNCATED_NORMAL" : value).ordinal();
        } catch (IllegalArgumentException e) {
            throw at.error("unknown " + key + " '" + at.node().textValue() + "'");
        }
    }

    /** Refuses architectures whose weights could not fit in the file (or in one array) before allocating them. */
    private static void checkSizes(List<LayerSpec> layers, long inputSize, DataType dataType, long sourceBytes,
                                   JsonCursor at) throws ModelFormatException {
        if (layers.isEmpty()) {
            throw at.error("a model needs at least one layer");
        }
        if (inputSize <= 0) {
            return; // unbuilt: no weights are allocated
        }
        long width = inputSize;
        double total = 0;
        int bytesPerValue = dataType == DataType.DOUBLE ? 8 : 4;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec spec = layers.get(i);
            if (spec.className().equals("Dense")) {
                double kernel = (double) width * spec.units();
                if (kernel > Integer.MAX_VALUE) {
                    throw new ModelFormatException(at.path() + "[" + i + "].config.units", "a kernel of " + width
                            + " x " + spec.units() + " = " + (long) kernel + " weights is more than one array holds");
                }
                total += kernel + (spec.useBias() ? spec.units() : 0);
                width = spec.units();
            }
        }
        // base64 stores 3 bytes in 4 characters: a file of N bytes holds at most 3N/4 bytes of weights
        if (sourceBytes >= 0 && total * bytesPerValue > sourceBytes * 0.75 + 16) {
            throw at.error("the architecture needs " + (long) total + " weights but the file is only " + sourceBytes
                    + " bytes; it is corrupt or truncated");
        }
    }

}
