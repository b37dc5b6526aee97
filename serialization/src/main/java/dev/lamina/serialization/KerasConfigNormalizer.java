package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns every model config Keras has written for a dense model into the one shape {@link ArchitectureReader} reads:
 * {@code {"class_name": "Sequential", "config": {"name", "layers": [InputLayer?, layers...]}}}. It accepts
 * <ul>
 * <li>a Sequential whose config is a bare list of layers (Keras 1.2 to 2.2.2) or {@code {name, layers}};</li>
 * <li>a Functional model (Keras 2.0's {@code "Model"}) that is a single chain from one input to one output, followed
 *     through {@code inbound_nodes} in the Keras 2 form {@code [[["dense", 0, 0, {}]]]} and the Keras 3 form
 *     {@code [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["dense", 0, 0]}}]}]};</li>
 * <li>Keras 3's {@code module}/{@code registered_name}/{@code build_config} wrappers, a {@code DTypePolicy} object as
 *     {@code dtype}, InputLayer with {@code batch_input_shape} or {@code batch_shape}, and Keras 1.2's Dense
 *     ({@code output_dim}, {@code init}, {@code bias}, {@code W_regularizer}, ...) and Dropout ({@code p}).</li>
 * </ul>
 * Regularizers and constraints ({@code *_regularizer}, {@code *_constraint}) are kept, so that {@code fit} goes on
 * training the loaded model as Keras would; {@link ArchitectureReader} reads them or refuses the unknown ones. Anything
 * else (nested
 * models, branches, several inputs, a layer called on other arguments) is refused with the layer's name and
 * position; unknown layer classes are refused by {@link ArchitectureReader}.
 *
 * <pre>{@code
 * KerasConfigNormalizer.Normalized n = KerasConfigNormalizer.normalize(parsedToJson, "model.json", null);
 * ArchitectureReader.Architecture a = ArchitectureReader.read(n.cursor(), -1);
 * }</pre>
 */
final class KerasConfigNormalizer {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");
    /** Keras 1.2 Dense keys and their Keras 2 names. */
    private static final Map<String, String> KERAS1_DENSE = Map.of("output_dim", "units", "init", "kernel_initializer",
            "bias", "use_bias", "W_regularizer", "kernel_regularizer", "b_regularizer", "bias_regularizer",
            "W_constraint", "kernel_constraint", "b_constraint", "bias_constraint");

    /** One layer as Keras counts it for weight files: its class name and config name, in Keras's model order. */
    record KerasLayer(String className, String name) {
    }

    /**
     * The normalised config, where it came from (for messages), the layers in Keras's {@code model.layers} order
     * (a Functional model's InputLayer included, a Sequential's not), and whether the model was Functional.
     */
    record Normalized(ObjectNode modelConfig, String source, List<KerasLayer> kerasLayers, boolean functional) {
        JsonCursor cursor() {
            return new JsonCursor(modelConfig, source);
        }
    }

    private KerasConfigNormalizer() {
    }

    /**
     * Normalises a parsed Keras model config: the root of {@code to_json()} or {@code config.json}, the value of the
     * HDF5 attribute {@code model_config}, or an object holding {@code model_config}. {@code source} names the file.
     */
    static Normalized normalize(JsonNode root, String source) throws ModelFormatException {
        return normalize(root, source, null);
    }

    /**
     * As {@link #normalize(JsonNode, String)}, knowing the Keras version that wrote the file (from the HDF5 attribute
     * or {@code metadata.json}; null when unknown, in which case the config's own {@code keras_version} is used).
     */
    static Normalized normalize(JsonNode root, String source, String kerasVersion)
            throws ModelFormatException {
        JsonCursor at = new JsonCursor(root, source);
        if (kerasVersion == null && root != null && root.has("keras_version") && root.get("keras_version").isTextual()) {
            kerasVersion = root.get("keras_version").textValue();
        }
        boolean beforeKeras3 = kerasVersion != null && (kerasVersion.startsWith("1.") || kerasVersion.startsWith("2."));
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(source, "expected a Keras model config object, found "
                    + JsonCursor.describe(root));
        }
        if (!root.has("class_name") && root.has("model_config")) {
            at = at.object("model_config");
        }
        String className = at.text("class_name");
        if (!MODEL_CLASSES.contains(className)) {
            throw at.child("class_name").error("Lamina reads Sequential models and Functional models that are a "
                    + "single chain of layers, found '" + className + "'");
        }
        JsonNode config = at.node().get("config");
        String name;
        List<JsonCursor> layers;
        JsonNode buildConfig = at.node().get("build_config");
        if (config != null && config.isArray()) { // Keras 1.2 - 2.2.2 Sequential: the config is the layer list
            name = className.equals("Sequential") ? "sequential" : "model";
            layers = at.array("config");
        } else {
            JsonCursor configAt = at.object("config");
            name = configAt.textOr("name", className.equals("Sequential") ? "sequential" : "model");
            layers = configAt.array("layers");
            if (buildConfig == null && configAt.has("build_input_shape")) {
                buildConfig = JSON.objectNode().set("input_shape", configAt.node().get("build_input_shape"));
            }
        }
        if (layers.size() > ArchitectureReader.MAX_LAYERS) {
            throw at.error(layers.size() + " layers is more than the limit of " + ArchitectureReader.MAX_LAYERS);
        }
        boolean functional = !className.equals("Sequential");
        List<JsonCursor> ordered = functional ? chain(at.object("config"), layers) : layers;
        ArrayNode normalized = JSON.arrayNode();
        List<KerasLayer> kerasLayers = new ArrayList<>();
        for (JsonCursor layer : layers) {
            String layerClass = layerClass(layer);
            if (functional || !layerClass.equals("InputLayer")) {
                kerasLayers.add(new KerasLayer(layerClass, layerName(layer)));
            }
        }
        refuseNonTabularInput(ordered);
        for (JsonCursor layer : ordered) {
            normalized.add(layer(layer));
            if (beforeKeras3) {
                refuseOldHardSigmoid(layer, kerasVersion);
            }
        }
        addInputShape(normalized, buildConfig, layers.isEmpty() ? null : layers.get(0));
        ObjectNode modelConfig = JSON.objectNode();
        modelConfig.put("class_name", "Sequential");
        ObjectNode body = modelConfig.putObject("config");
        body.put("name", name);
        body.set("layers", normalized);
        return new Normalized(modelConfig, source, kerasLayers, functional);
    }

    /**
     * Refuses a model whose input is not rows of features ({@code [null, n]}), such as images for Conv2D or sequences
     * for LSTM, naming its layers, before the shape error would hide which layers need it.
     */
    private static void refuseNonTabularInput(List<JsonCursor> layers) throws ModelFormatException {
        if (layers.isEmpty()) {
            return;
        }
        JsonCursor first = layers.get(0);
        JsonNode config = first.node() != null && first.node().isObject() ? first.node().get("config") : null;
        if (config == null || !config.isObject()) {
            return;
        }
        for (String field : List.of("batch_shape", "batch_input_shape")) {
            JsonNode shape = config.get(field);
            if (shape != null && shape.isArray() && shape.size() != 2) {
                List<String> described = new ArrayList<>();
                for (int i = 0; i < layers.size() && described.size() < 8; i++) {
                    JsonNode layer = layers.get(i).node();
                    if (layer != null && layer.isObject() && layer.has("class_name")) {
                        described.add(layer.get("class_name").asText() + " '" + layerName(layers.get(i)) + "' ("
                                + "position " + i + ")");
                    }
                }
                throw first.child("config").child(field).error("the model takes input of shape " + shape + "; Lamina "
                        + "reads dense models on rows of features ([null, n]) built from Dense, Activation, Dropout "
                        + "and the layers listed in docs/model-format.md; this model's layers are " + described);
            }
        }
    }

    /** A layer's class name, refusing nested models. */
    private static String layerClass(JsonCursor layer) throws ModelFormatException {
        if (layer.node() == null || !layer.node().isObject()) {
            throw layer.error("expected a layer object, found " + JsonCursor.describe(layer.node()));
        }
        String className = layer.text("class_name");
        if (MODEL_CLASSES.contains(className)) {
            throw layer.child("class_name").error("layer '" + layerName(layer) + "' is a nested " + className
                    + " model, which Lamina does not read; flatten it into one Sequential before saving");
        }
        return className;
    }

    private static String layerName(JsonCursor layer) {
        JsonNode config = layer.node().get("config");
        if (config != null && config.has("name") && config.get("name").isTextual()) {
            return config.get("name").textValue();
        }
        JsonNode name = layer.node().get("name");
        return name != null && name.isTextual() ? name.textValue() : null;
    }

    /** {@code {"class_name", "config"}} with the config rewritten to the keys ArchitectureReader knows. */
    private static ObjectNode layer(JsonCursor layer) throws ModelFormatException {
        String className = layerClass(layer);
        JsonCursor configAt = layer.object("config");
        ObjectNode config = ((ObjectNode) configAt.node()).deepCopy();
        if (!config.has("name") && layer.node().has("name")) {
            config.set("name", layer.node().get("name"));
        }
        if (config.has("dtype") && config.get("dtype").isNull()) {
            config.remove("dtype"); // the default policy
        }
        if (config.has("dtype")) {
            config.put("dtype", dtype(configAt.child("dtype"), layerName(layer)));
        } else if (config.has("input_dtype")) { // Keras 1.2
            config.set("dtype", config.get("input_dtype"));
        }
        config.remove("input_dtype");
        switch (className) {
            case "InputLayer" -> {
                for (String flag : List.of("sparse", "ragged")) {
                    if (config.has(flag) && config.get(flag).asBoolean(false)) {
                        String name = layerName(layer);
                        throw configAt.child(flag).error("InputLayer" + (name == null ? "" : " '" + name + "'")
                                + " takes " + flag + " tensors, which Lamina does not read");
                    }
                } // its other keys go on to ArchitectureReader, which refuses the unknown ones
            }
            case "Dense" -> {
                for (Map.Entry<String, String> rename : KERAS1_DENSE.entrySet()) {
                    if (config.has(rename.getKey()) && !config.has(rename.getValue())) {
                        config.set(rename.getValue(), config.get(rename.getKey()));
                    }
                    config.remove(rename.getKey());
                }
            }
            case "Dropout" -> {
                if (config.has("p") && !config.has("rate")) { // Keras 1.2
                    config.set("rate", config.get("p"));
                }
                config.remove("p");
            }
            default -> {
                // other layers keep their config as written; ArchitectureReader reads or refuses them
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = config.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().endsWith("_initializer") && field.getValue().isObject()
                    && field.getValue().get("config") instanceof ObjectNode initializerConfig) {
                initializerConfig.remove("dtype"); // tf.keras 2 writes the dtype the initializer was called with
            }
        }
        ObjectNode out = JSON.objectNode();
        out.put("class_name", className);
        out.set("config", config);
        return out;
    }

    /**
     * Keras 1 and 2 define {@code hard_sigmoid} as {@code clip(0.2x + 0.5, 0, 1)}; Keras 3, and Lamina, as
     * {@code relu6(x + 3) / 6}. Loading such a file silently would change its predictions, so it is refused.
     */
    private static void refuseOldHardSigmoid(JsonCursor layer, String kerasVersion) throws ModelFormatException {
        JsonNode activation = layer.node().get("config").get("activation");
        String name = activation == null ? null : activation.isTextual() ? activation.textValue()
                : activation.isObject() && activation.has("class_name") ? activation.get("class_name").asText() : null;
        if ("hard_sigmoid".equals(name)) {
            throw layer.child("config").child("activation").error("layer '" + layerName(layer) + "' uses Keras "
                    + kerasVersion + "'s hard_sigmoid, clip(0.2x + 0.5, 0, 1), which differs from the relu6(x + 3) / 6 "
                    + "of Keras 3 and Lamina; re-save the model with Keras 3, or register the Keras 2 formula under "
                    + "another name and edit the file to use it");
        }
    }

    /** A dtype string, or the name inside a Keras 3 {@code DTypePolicy} (tf.keras {@code Policy}) object. */
    private static String dtype(JsonCursor at, String layerName) throws ModelFormatException {
        String dtype;
        if (at.node().isTextual()) {
            dtype = at.node().textValue();
        } else if (at.node().isObject() && at.has("config") && at.node().get("config").isObject()) {
            dtype = at.object("config").text("name");
        } else {
            throw at.error("expected a dtype name or a DTypePolicy object, found " + JsonCursor.describe(at.node()));
        }
        if (!dtype.equals("float32") && !dtype.equals("float64")) {
            throw at.error("layer '" + layerName + "' computes in " + dtype + "; Lamina computes in float32 or "
                    + "float64 (re-save the model with the float32 policy)");
        }
        return dtype;
    }

    /** Gives the first layer the input width from Keras 3's build_config when no layer declares one. */
    private static void addInputShape(ArrayNode layers, JsonNode buildConfig, JsonCursor firstLayer) {
        for (JsonNode layer : layers) {
            JsonNode config = layer.get("config");
            if (config.has("batch_input_shape") || config.has("batch_shape") || config.has("input_dim")) {
                return;
            }
        }
        JsonNode shape = buildConfig == null ? null : buildConfig.get("input_shape");
        if ((shape == null || !shape.isArray()) && firstLayer != null && firstLayer.node().has("build_config")) {
            shape = firstLayer.node().get("build_config").get("input_shape");
        }
        if (shape != null && shape.isArray() && !layers.isEmpty()) {
            ((ObjectNode) layers.get(0).get("config")).set("batch_input_shape", shape);
        }
    }

    /** The layers of a Functional config in call order, checking that they form one chain from input to output. */
    private static List<JsonCursor> chain(JsonCursor config, List<JsonCursor> layers) throws ModelFormatException {
        Map<String, JsonCursor> byName = new LinkedHashMap<>();
        Map<String, String> consumerOf = new HashMap<>();
        for (JsonCursor layer : layers) {
            layerClass(layer);
            String name = layerName(layer);
            if (name == null) {
                throw layer.error("a Functional model's layer needs a name");
            }
            if (byName.put(name, layer) != null) {
                throw layer.error("layer name '" + name + "' is used twice");
            }
        }
        for (JsonCursor layer : layers) {
            String name = layerName(layer);
            String source = inbound(layer, name);
            if (source == null) {
                continue;
            }
            if (!byName.containsKey(source)) {
                throw layer.child("inbound_nodes").error("layer '" + name + "' is called on '" + source
                        + "', which is not a layer of this model");
            }
            String other = consumerOf.put(source, name);
            if (other != null) {
                throw layer.child("inbound_nodes").error("the output of '" + source + "' feeds both '" + other
                        + "' and '" + name + "'; Lamina reads only models that are a single chain of layers");
            }
        }
        String input = endpoint(config, "input_layers");
        String output = endpoint(config, "output_layers");
        if (!byName.containsKey(input) || !"InputLayer".equals(byName.get(input).node().get("class_name").asText())) {
            throw config.child("input_layers").error("the model input '" + input + "' is not an InputLayer of the "
                    + "model");
        }
        List<JsonCursor> ordered = new ArrayList<>();
        String current = input;
        while (current != null) {
            ordered.add(byName.get(current));
            if (current.equals(output)) {
                break;
            }
            current = consumerOf.get(current);
        }
        if (current == null) {
            throw config.child("output_layers").error("the output '" + output + "' is not reached from the input '"
                    + input + "' through a single chain of layers");
        }
        if (ordered.size() != layers.size()) {
            List<String> unused = new ArrayList<>(byName.keySet());
            ordered.forEach(layer -> unused.remove(layerName(layer)));
            throw config.child("layers").error("layers " + unused + " are not on the chain from '" + input + "' to '"
                    + output + "'; Lamina reads only models that are a single chain of layers");
        }
        return ordered;
    }

    /** The one input or output layer name of a Functional config: {@code [["x", 0, 0]]} or Keras 3's {@code ["x", 0, 0]}. */
    private static String endpoint(JsonCursor config, String field) throws ModelFormatException {
        List<JsonCursor> entries = config.array(field);
        if (!entries.isEmpty() && entries.get(0).node() != null && entries.get(0).node().isTextual()) {
            return tensorSource(config.child(field), field);
        }
        if (entries.size() != 1) {
            throw config.child(field).error("Lamina reads models with one input and one output, found "
                    + entries.size() + " " + field.replace('_', ' '));
        }
        return tensorSource(entries.get(0), field);
    }

    /** The source layer of a {@code [name, node_index, tensor_index, kwargs?]} reference, checking the indices. */
    private static String tensorSource(JsonCursor ref, String what) throws ModelFormatException {
        JsonNode node = ref.node();
        if (node == null || !node.isArray() || node.size() < 3 || node.size() > 4 || !node.get(0).isTextual()) {
            throw ref.error("expected [layer_name, node_index, tensor_index] in " + what + ", found "
                    + JsonCursor.describe(node));
        }
        if (!node.get(1).isIntegralNumber() || node.get(1).asLong() != 0 || !node.get(2).isIntegralNumber()
                || node.get(2).asLong() != 0) {
            throw ref.error("'" + node.get(0).textValue() + "' is used through node " + node.get(1) + ", tensor "
                    + node.get(2) + "; Lamina reads only layers called once on one tensor");
        }
        if (node.size() == 4 && !(node.get(3).isObject() && callKwargsAreDefaults(node.get(3)))) {
            throw ref.error("the layer is called with arguments " + node.get(3) + ", which Lamina does not read");
        }
        return node.get(0).textValue();
    }

    /** The layer that feeds {@code layer} (null for an InputLayer), checking it is called once on one tensor. */
    private static String inbound(JsonCursor layer, String name) throws ModelFormatException {
        JsonCursor nodesAt = layer.child("inbound_nodes");
        JsonNode nodes = nodesAt.node();
        if (nodes == null || nodes.isNull() || (nodes.isArray() && nodes.isEmpty())) {
            if (!"InputLayer".equals(layer.node().get("class_name").asText())) {
                throw nodesAt.error("layer '" + name + "' is not connected to any input");
            }
            return null;
        }
        if (!nodes.isArray() || nodes.size() != 1) {
            throw nodesAt.error("layer '" + name + "' is called " + (nodes.isArray() ? nodes.size() : "?")
                    + " times; Lamina reads only layers called once");
        }
        JsonCursor call = new JsonCursor(nodes.get(0), nodesAt.path() + "[0]");
        if (call.node().isArray()) { // Keras 1 and 2: [["source", 0, 0, {kwargs}]]
            if (call.node().size() != 1) {
                throw call.error("layer '" + name + "' takes " + call.node().size() + " inputs; Lamina reads only "
                        + "layers with one input");
            }
            return tensorSource(new JsonCursor(call.node().get(0), call.path() + "[0]"), "inbound_nodes");
        }
        if (!call.node().isObject()) { // Keras 3: {"args": [keras_tensor], "kwargs": {...}}
            throw call.error("expected an inbound node, found " + JsonCursor.describe(call.node()));
        }
        List<JsonCursor> args = call.array("args");
        if (args.size() != 1 || args.get(0).node() == null || !args.get(0).node().isObject()) {
            throw call.child("args").error("layer '" + name + "' is called on " + args.size() + " arguments; Lamina "
                    + "reads only layers called on one tensor");
        }
        JsonCursor tensor = args.get(0);
        if (!"__keras_tensor__".equals(tensor.textOr("class_name", ""))) {
            throw tensor.error("expected a __keras_tensor__ argument, found " + JsonCursor.describe(tensor.node()));
        }
        if (call.has("kwargs") && !callKwargsAreDefaults(call.node().get("kwargs"))) {
            throw call.child("kwargs").error("layer '" + name + "' is called with arguments "
                    + call.node().get("kwargs") + ", which Lamina does not read");
        }
        return tensorSource(tensor.object("config").child("keras_history"), "keras_history");
    }

    /** Call arguments that change nothing at inference: {@code training} false or null, and a null {@code mask}. */
    private static boolean callKwargsAreDefaults(JsonNode kwargs) {
        if (!kwargs.isObject()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = kwargs.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            boolean ok = switch (field.getKey()) {
                case "training" -> field.getValue().isNull()
                        || (field.getValue().isBoolean() && !field.getValue().booleanValue());
                case "mask" -> field.getValue().isNull();
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
