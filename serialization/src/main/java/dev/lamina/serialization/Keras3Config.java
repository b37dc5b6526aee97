package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.activation.Activations;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Sequential;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code config.json} of a Keras 3 {@code .keras} archive, made from Lamina's model config (the Keras-2-shaped
 * {@code model_config} of {@link ModelWriter}) by one transformation, so that each layer's settings are written in
 * one place. It follows what Keras {@value #KERAS_VERSION} writes: every object as {@code {"module", "class_name",
 * "config", "registered_name"}}, dtypes as {@code DTypePolicy} objects, an {@code InputLayer} with {@code batch_shape}
 * first, {@code build_config} on the layers that have a {@code build} step, and Keras's {@code compile_config}.
 *
 * <pre>{@code
 * ObjectNode config = Keras3Config.of(model);   // {"module": "keras", "class_name": "Sequential", ...}
 * }</pre>
 *
 * <p>Activations: a built-in with Keras's default parameters is its name; relu, leaky_relu, elu and softmax with
 * other parameters become the equivalent Keras layer object (Keras accepts a layer wherever it takes an activation);
 * a registered custom activation is the function reference Keras writes for a function registered with
 * {@code @keras.saving.register_keras_serializable()}: {@code "Custom>name"}. What Keras cannot express (gelu's
 * {@code approximate}, a custom activation with parameters) is refused with the reason.
 */
final class Keras3Config {

    /** The Keras version whose {@code .keras} format this class follows (written to {@code metadata.json}). */
    static final String KERAS_VERSION = "3.10.0";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * Layers that Keras builds from their input shape, so it writes their {@code build_config}: those with a
     * {@code build} step, and Flatten, which is not marked built at construction as the activation and noise layers
     * are ({@code _build_at_init}).
     */
    private static final Set<String> BUILT_FROM_SHAPE = Set.of("Dense", "BatchNormalization", "Normalization", "PReLU",
            "Flatten");

    /** Keys Keras 3 writes for a layer that Lamina's config leaves out, with the values Lamina always has. */
    private static final Map<String, Map<String, Object>> ADDED_KEYS = Map.of(
            "Dropout", Map.of("seed", JSON.nullNode(), "noise_shape", JSON.nullNode()),
            "AlphaDropout", Map.of("seed", JSON.nullNode(), "noise_shape", JSON.nullNode()),
            "GaussianDropout", Map.of("seed", JSON.nullNode()),
            "GaussianNoise", Map.of("seed", JSON.nullNode()));

    /** Config keys Keras 2 named differently (Lamina's configs are Keras-2-shaped). */
    private static final Map<String, Map<String, String>> RENAMED_KEYS = Map.of(
            "LeakyReLU", Map.of("alpha", "negative_slope"));

    /** Keys that Keras 3 no longer writes on a layer (the input shape moves to the InputLayer). */
    private static final Set<String> DROPPED_KEYS = Set.of("batch_input_shape", "input_dim", "input_shape");

    /**
     * Keys of Lamina's config that Keras {@value #KERAS_VERSION} does not know, so that its {@code from_config} would
     * refuse them: BatchNormalization's batch renormalization arrived in Keras 3.14, whose {@code renorm=False}
     * default is what Lamina always has.
     */
    private static final Map<String, Set<String>> NEWER_KEYS = Map.of(
            "BatchNormalization", Set.of("renorm", "renorm_clipping", "renorm_momentum"));

    /** The module of a nested object, by the suffix of the key that holds it. */
    private static final Map<String, String> MODULE_BY_SUFFIX = Map.of(
            "_initializer", "keras.initializers",
            "_regularizer", "keras.regularizers",
            "_constraint", "keras.constraints");

    private Keras3Config() {
    }

    /** The whole {@code config.json} of {@code model}, which must be built. */
    static ObjectNode of(Sequential model) {
        if (!model.isBuilt()) {
            throw new IllegalStateException("Model '" + model.name() + "' is not built, so Keras could not read its "
                    + "weights. Give the first layer its input width (new Dense(16, \"relu\", 10000)) or call "
                    + "model.build(inputWidth) before saving a .keras file.");
        }
        String dtype = WeightCodec.dtypeName(model.dataType());
        JsonNode lamina = ModelWriter.modelConfig(model);
        List<Layer> layers = model.layers();

        ObjectNode root = JSON.objectNode();
        root.put("module", "keras");
        root.put("class_name", "Sequential");
        ObjectNode config = root.putObject("config");
        config.put("name", model.name());
        config.put("trainable", true);
        config.set("dtype", dtypePolicy(dtype));
        ArrayNode out = config.putArray("layers");
        Iterator<JsonNode> in = lamina.path("config").path("layers").iterator();
        Set<String> names = new HashSet<>();
        layers.forEach(layer -> names.add(layer.name()));
        for (int i = 0; in.hasNext(); i++) {
            JsonNode layer = in.next();
            if (i == 0 && !"InputLayer".equals(layer.path("class_name").asText())) {
                out.add(inputLayer(uniqueName("input_layer", names), model.inputSize(), dtype));
            }
            out.add(layer(layer, layers.get(i), dtype, "layers[" + i + "]"));
        }
        config.set("build_input_shape", shape(model.inputSize()));
        root.putNull("registered_name");
        root.putObject("build_config").set("input_shape", shape(model.inputSize()));
        // Keras writes an empty compile_config for a model that is not compiled
        root.set("compile_config", model.isCompiled() ? KerasCompileConfig.of(model) : JSON.objectNode());
        return root;
    }

    /** One layer: Lamina's {@code {"class_name", "config"}} in Keras 3's form. */
    private static ObjectNode layer(JsonNode lamina, Layer layer, String dtype, String where) {
        String className = lamina.path("class_name").asText();
        if (className.equals("InputLayer")) {
            return inputLayer(layer.name(), layer.outputSize(), dtype);
        }
        Map<String, String> renamed = RENAMED_KEYS.getOrDefault(className, Map.of());
        Set<String> newer = NEWER_KEYS.getOrDefault(className, Set.of());
        ObjectNode config = JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = lamina.path("config").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = renamed.getOrDefault(entry.getKey(), entry.getKey());
            JsonNode value = entry.getValue();
            if (DROPPED_KEYS.contains(key) || newer.contains(key)
                    || (key.equals("activity_regularizer") && value.isNull())) {
                continue;
            }
            if (key.equals("dtype")) {
                config.set(key, dtypePolicy(value.asText()));
            } else if (key.equals("activation")) {
                config.set(key, activation(value, dtype, where + " '" + layer.name() + "'"));
            } else if (value.isObject() && value.has("class_name")) {
                config.set(key, kerasObject(moduleFor(key, className), value));
            } else {
                config.set(key, value.deepCopy());
            }
        }
        ADDED_KEYS.getOrDefault(className, Map.of()).forEach((key, value) -> {
            if (!config.has(key)) {
                config.set(key, (JsonNode) value);
            }
        });
        ObjectNode node = kerasObject("keras.layers", className, config);
        if (BUILT_FROM_SHAPE.contains(className)) {
            node.putObject("build_config").set("input_shape", shape(layer.inputSize()));
        }
        return node;
    }

    private static ObjectNode inputLayer(String name, long width, String dtype) {
        ObjectNode config = JSON.objectNode();
        config.set("batch_shape", shape(width));
        config.put("dtype", dtype);
        config.put("sparse", false);
        config.put("ragged", false);
        config.put("name", name);
        return kerasObject("keras.layers", "InputLayer", config);
    }

    /**
     * An activation in Keras 3's form, from Lamina's: a name, or {@code {"class_name": name, "config": {...}}} for a
     * built-in with other parameters or a custom activation with parameters.
     */
    static JsonNode activation(JsonNode lamina, String dtype, String where) {
        if (lamina.isTextual()) {
            String name = lamina.textValue();
            if (Activations.isBuiltIn(name)) {
                return lamina.deepCopy();
            }
            ObjectNode function = JSON.objectNode();
            function.put("module", "builtins");
            function.put("class_name", "function");
            function.put("config", name.contains(">") ? name : "Custom>" + name);
            function.put("registered_name", "function");
            return function;
        }
        String name = lamina.path("class_name").asText();
        JsonNode params = lamina.path("config");
        ObjectNode config = JSON.objectNode();
        String layerClass;
        switch (name) {
            case "relu" -> {
                layerClass = "ReLU";
                config.put("name", "re_lu");
                layerBase(config, dtype);
                config.set("max_value", params.path("max_value").isNumber() ? params.get("max_value")
                        : JSON.nullNode());
                config.put("negative_slope", params.path("alpha").asDouble(0.0));
                config.put("threshold", params.path("threshold").asDouble(0.0));
            }
            case "leaky_relu" -> {
                layerClass = "LeakyReLU";
                config.put("name", "leaky_re_lu");
                layerBase(config, dtype);
                config.put("negative_slope", params.path("negative_slope").asDouble(0.2));
            }
            case "elu" -> {
                layerClass = "ELU";
                config.put("name", "elu");
                layerBase(config, dtype);
                config.put("alpha", params.path("alpha").asDouble(1.0));
            }
            case "softmax" -> {
                layerClass = "Softmax";
                config.put("name", "softmax");
                layerBase(config, dtype);
                config.put("axis", params.path("axis").asInt(-1));
            }
            default -> throw new IllegalArgumentException(where + ": activation '" + name + "' with " + params
                    + " has no Keras 3 form. Keras stores an activation as a function name without parameters "
                    + "(only relu, leaky_relu, elu and softmax have layer equivalents)"
                    + (Activations.isBuiltIn(name) ? ". Use its default parameters"
                    : ". Register a parameterless function under its own name on both sides")
                    + ", or save to a .json file, which keeps them.");
        }
        return kerasObject("keras.layers", layerClass, config);
    }

    private static void layerBase(ObjectNode config, String dtype) {
        config.put("trainable", true);
        config.set("dtype", dtypePolicy(dtype));
    }


    private static String moduleFor(String key, String layerClass) {
        for (Map.Entry<String, String> suffix : MODULE_BY_SUFFIX.entrySet()) {
            if (key.endsWith(suffix.getKey())) {
                return suffix.getValue();
            }
        }
        throw new IllegalArgumentException(layerClass + " config key '" + key + "' holds an object of unknown kind; "
                + "Keras3Config knows initializers, regularizers and constraints.");
    }

    /** {@code {"module", "class_name", "config", "registered_name": null}} from Lamina's class-and-config pair. */
    private static ObjectNode kerasObject(String module, JsonNode lamina) {
        return kerasObject(module, lamina.path("class_name").asText(), lamina.path("config").deepCopy());
    }

    static ObjectNode kerasObject(String module, String className, JsonNode config) {
        ObjectNode node = JSON.objectNode();
        node.put("module", module);
        node.put("class_name", className);
        node.set("config", config.isMissingNode() ? JSON.objectNode() : config);
        node.putNull("registered_name");
        return node;
    }

    static ObjectNode dtypePolicy(String dtype) {
        ObjectNode policy = JSON.objectNode();
        policy.put("module", "keras");
        policy.put("class_name", "DTypePolicy");
        policy.putObject("config").put("name", dtype);
        policy.putNull("registered_name");
        return policy;
    }

    private static ArrayNode shape(long width) {
        return JSON.arrayNode().addNull().add(width);
    }

    private static String uniqueName(String base, Set<String> taken) {
        String name = base;
        for (int i = 1; taken.contains(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }
}
