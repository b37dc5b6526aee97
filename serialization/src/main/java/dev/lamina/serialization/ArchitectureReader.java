package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import dev.lamina.core.activation.UnknownActivationException;
import dev.lamina.core.init.Initializer;
import dev.lamina.core.constraint.Constraint;
import dev.lamina.core.regularizer.Regularizer;
import dev.lamina.layers.Activation;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Normalization;
import dev.lamina.layers.Sequential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
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

    private static final Set<String> BATCH_NORMALIZATION_FIELDS = Set.of("axis", "momentum", "epsilon", "center",
            "scale", "beta_initializer", "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
            "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint", "synchronized", "renorm",
            "renorm_clipping", "renorm_momentum", "fused", "virtual_batch_size", "adjustment");
    private static final Set<String> NORMALIZATION_FIELDS = Set.of("axis", "mean", "variance", "invert");

    /**
     * A layer description, validated but not yet built: the fields the size check reads, whether it is trainable,
     * and, for layers with more settings, the {@code factory} that creates it (else {@link #create} does).
     */
    record LayerSpec(String className, String name, long inputSize, int units, ActivationFunction activation,
                     boolean useBias, Initializer kernelInitializer, Initializer biasInitializer, double rate,
                     boolean trainable, Supplier<Layer> factory) {
        Layer create() {
            Layer layer = factory != null ? factory.get() : switch (className) {
                case "Activation" -> new Activation(activation).name(name);
                case "Dropout" -> new Dropout(rate).name(name);
                default -> throw new IllegalStateException(className);
            };
            return layer.trainable(trainable);
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
                inputLayer(layerConfig);
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

    /** Keras 3's InputLayer keys and tf.keras 2's ({@code batch_input_shape}); ragged rows are refused. */
    private static void inputLayer(JsonCursor config) throws ModelFormatException {
        config.onlyFields(Set.of("batch_shape", "batch_input_shape", "dtype", "sparse", "ragged", "name",
                "optional"));
        if (config.bool("ragged", false)) {
            throw config.child("ragged").error("ragged inputs are not supported by Lamina (rows of one width only)");
        }
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
        boolean trainable = config.bool("trainable", true);
        switch (className) {
            case "Dense" -> {
                config.onlyFields(union(COMMON_LAYER_FIELDS, DENSE_FIELDS));
                for (String unsupported : List.of("lora_rank", "quantization_config")) {
                    if (config.has(unsupported)) {
                        throw config.child(unsupported).error("is not supported by Lamina (only null is accepted)");
                    }
                }
                int units = (int) config.integer("units", 1, Integer.MAX_VALUE);
                ActivationFunction activation = config.has("activation")
                        ? activation(config.child("activation"), name) : Activations.get("linear");
                boolean useBias = config.bool("use_bias", true);
                Initializer kernelInitializer = initializer(config, "kernel_initializer", "glorot_uniform");
                Initializer biasInitializer = initializer(config, "bias_initializer", "zeros");
                Regularizer kernelRegularizer = RegularizerJson.regularizer(config, "kernel_regularizer");
                Regularizer biasRegularizer = RegularizerJson.regularizer(config, "bias_regularizer");
                Regularizer activityRegularizer = RegularizerJson.regularizer(config, "activity_regularizer");
                Constraint kernelConstraint = RegularizerJson.constraint(config, "kernel_constraint");
                Constraint biasConstraint = RegularizerJson.constraint(config, "bias_constraint");
                return new LayerSpec("Dense", name, inputSize, units, activation, useBias, kernelInitializer,
                        biasInitializer, 0, trainable, () -> new Dense(units, activation, inputSize > 0 ? inputSize : -1)
                        .useBias(useBias).kernelInitializer(kernelInitializer).biasInitializer(biasInitializer)
                        .kernelRegularizer(kernelRegularizer).biasRegularizer(biasRegularizer)
                        .activityRegularizer(activityRegularizer).kernelConstraint(kernelConstraint)
                        .biasConstraint(biasConstraint).name(name));
            }
            case "BatchNormalization" -> {
                return batchNormalization(config, name, inputSize, trainable);
            }
            case "Normalization" -> {
                return normalization(config, name, inputSize, trainable);
            }
            case "Activation" -> {
                config.onlyFields(union(COMMON_LAYER_FIELDS, Set.of("activation")));
                if (!config.has("activation")) {
                    throw config.child("activation").error("an Activation layer needs an activation");
                }
                return new LayerSpec("Activation", name, inputSize, 0, activation(config.child("activation"), name),
                        true, null, null, 0, trainable, null);
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
                return new LayerSpec("Dropout", name, inputSize, 0, null, true, null, null, rate, trainable, null);
            }
            default -> {
                if (ElementwiseLayerJson.CLASS_NAMES.contains(className)) {
                    return new LayerSpec(className, name, inputSize, 0, null, true, null, null, 0, trainable,
                            ElementwiseLayerJson.read(className, config, name, COMMON_LAYER_FIELDS));
                }
                throw new ModelFormatException(config.path().replaceAll("\\.config$", ".class_name"),
                        "unknown layer class_name '" + className + "'"
                        + (name == null ? "" : " (layer '" + name + "')") + "; Lamina reads Dense, Activation, Dropout, "
                        + "BatchNormalization, Normalization, InputLayer, "
                        + String.join(", ", new java.util.TreeSet<>(ElementwiseLayerJson.CLASS_NAMES)));
            }
        }
    }

    /**
     * Keras's {@code BatchNormalization} config (Keras 3's keys; Keras 2's {@code fused}, {@code virtual_batch_size} and
     * {@code adjustment} too): only the last axis of 2-D rows, and no renormalization, virtual batches, adjustment or
     * synchronization.
     */
    private static LayerSpec batchNormalization(JsonCursor config, String name, long inputSize, boolean trainable)
            throws ModelFormatException {
        config.onlyFields(union(COMMON_LAYER_FIELDS, BATCH_NORMALIZATION_FIELDS));
        lastAxis(config, "BatchNormalization");
        if (config.bool("renorm", false)) {
            throw config.child("renorm").error("batch renormalization is not supported by Lamina (only false)");
        }
        if (config.has("fused")) {
            config.bool("fused", false); // Keras 2's choice of kernel: the same result either way
        }
        if (config.bool("synchronized", false)) {
            throw config.child("synchronized").error("synchronized batch statistics are not supported (only false)");
        }
        for (String unsupported : List.of("renorm_clipping", "virtual_batch_size", "adjustment")) {
            if (config.has(unsupported)) {
                throw config.child(unsupported).error("is not supported by Lamina (only null is accepted)");
            }
        }
        if (config.has("renorm_momentum")) {
            config.number("renorm_momentum"); // unused without renorm, as in Keras
        }
        double momentum = config.has("momentum") ? config.number("momentum") : 0.99;
        double epsilon = config.has("epsilon") ? config.number("epsilon") : 1e-3;
        boolean center = config.bool("center", true);
        boolean scale = config.bool("scale", true);
        Initializer beta = initializer(config, "beta_initializer", "zeros");
        Initializer gamma = initializer(config, "gamma_initializer", "ones");
        Initializer movingMean = initializer(config, "moving_mean_initializer", "zeros");
        Initializer movingVariance = initializer(config, "moving_variance_initializer", "ones");
        Regularizer betaRegularizer = RegularizerJson.regularizer(config, "beta_regularizer");
        Regularizer gammaRegularizer = RegularizerJson.regularizer(config, "gamma_regularizer");
        Constraint betaConstraint = RegularizerJson.constraint(config, "beta_constraint");
        Constraint gammaConstraint = RegularizerJson.constraint(config, "gamma_constraint");
        try {
            new BatchNormalization().momentum(momentum).epsilon(epsilon); // the checks, with their messages
        } catch (IllegalArgumentException e) {
            throw config.error(e.getMessage());
        }
        return new LayerSpec("BatchNormalization", name, inputSize, 0, null, false, null, null, 0, trainable, () -> {
            BatchNormalization layer = new BatchNormalization().momentum(momentum).epsilon(epsilon).center(center)
                    .scale(scale).betaInitializer(beta).gammaInitializer(gamma).movingMeanInitializer(movingMean)
                    .movingVarianceInitializer(movingVariance).betaRegularizer(betaRegularizer)
                    .gammaRegularizer(gammaRegularizer).betaConstraint(betaConstraint)
                    .gammaConstraint(gammaConstraint);
            if (inputSize > 0) {
                layer.inputDim(inputSize);
            }
            return name == null ? layer : layer.name(name);
        });
    }

    /**
     * Keras's {@code Normalization} config: the last axis, {@code invert}, and {@code mean}/{@code variance} either
     * null (the statistics are then the weights {@code mean}, {@code variance}, {@code count}) or numbers (one, or one
     * per feature) that are config values.
     */
    private static LayerSpec normalization(JsonCursor config, String name, long inputSize, boolean trainable)
            throws ModelFormatException {
        config.onlyFields(union(COMMON_LAYER_FIELDS, NORMALIZATION_FIELDS));
        lastAxis(config, "Normalization");
        boolean invert = config.bool("invert", false);
        double[] mean = statistics(config, "mean");
        double[] variance = statistics(config, "variance");
        if ((mean == null) != (variance == null) || (mean != null && mean.length != variance.length)) {
            throw config.error("mean and variance must both be null or both hold the same number of values; found "
                    + config.node().get("mean") + " and " + config.node().get("variance"));
        }
        Normalization check;
        try {
            check = mean == null ? new Normalization() : new Normalization(mean, variance);
            if (inputSize > 0) {
                check.inputDim(inputSize);
            }
        } catch (IllegalArgumentException e) {
            throw config.error(e.getMessage());
        }
        return new LayerSpec("Normalization", name, inputSize, 0, null, false, null, null, 0, trainable, () -> {
            Normalization layer = (mean == null ? new Normalization() : new Normalization(mean, variance))
                    .invert(invert);
            if (inputSize > 0) {
                layer.inputDim(inputSize);
            }
            return name == null ? layer : layer.name(name);
        });
    }

    private static double[] statistics(JsonCursor config, String field) throws ModelFormatException {
        if (!config.has(field)) {
            return null;
        }
        JsonCursor at = config.child(field);
        if (at.node().isNumber()) {
            return new double[] {at.node().doubleValue()};
        }
        List<JsonCursor> items = config.array(field);
        if (items.isEmpty()) {
            throw at.error("expected one number or a list of numbers, found []");
        }
        double[] values = new double[items.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode item = items.get(i).node();
            if (item == null || !item.isNumber() || !Double.isFinite(item.doubleValue())) {
                throw items.get(i).error("expected a finite number, found " + JsonCursor.describe(item));
            }
            values[i] = item.doubleValue();
        }
        return values;
    }

    /** Checks that {@code axis} is the last axis of 2-D rows: -1 or 1, or Keras 2's / Keras 3's list of it. */
    private static void lastAxis(JsonCursor config, String layer) throws ModelFormatException {
        if (!config.has("axis")) {
            return;
        }
        JsonCursor at = config.child("axis");
        JsonCursor axis = at;
        if (at.node().isArray()) {
            if (at.node().size() != 1) {
                throw at.error(layer + " normalizes the last axis of [n, features] rows only (axis -1); found "
                        + at.node());
            }
            axis = new JsonCursor(at.node().get(0), at.path() + "[0]");
        }
        long value = axis.asInteger(-2, 1);
        if (value != -1 && value != 1) {
            throw axis.error(layer + " normalizes the last axis of [n, features] rows only (axis -1 or 1); found "
                    + value);
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
            } else if (LAYER_ACTIVATIONS.containsKey(name)) {
                config = layerActivation(object.object("config"), name);
                name = LAYER_ACTIVATIONS.get(name);
            } else {
                config = object.numbers("config");
            }
        } else {
            throw at.error("expected an activation name or object, found " + JsonCursor.describe(node));
        }
        if (name.isBlank()) {
            throw at.error("an activation name must be non-blank");
        }
        if (name.contains(">") && !Activations.isRegistered(name)) {
            name = name.substring(name.lastIndexOf('>') + 1); // Keras's registered name "Custom>my_act": the function
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

    /** Keras's activation layers, which Keras accepts (and writes) where it takes an activation, by Lamina's name. */
    private static final Map<String, String> LAYER_ACTIVATIONS = Map.of("ReLU", "relu", "LeakyReLU", "leaky_relu",
            "ELU", "elu", "Softmax", "softmax");

    /** The parameters of an activation layer in an activation's place, under the names Lamina's activations take. */
    private static Map<String, Double> layerActivation(JsonCursor config, String layerClass)
            throws ModelFormatException {
        Map<String, String> keys = switch (layerClass) {
            case "ReLU" -> Map.of("negative_slope", "alpha", "max_value", "max_value", "threshold", "threshold");
            case "LeakyReLU" -> Map.of("negative_slope", "negative_slope");
            case "ELU" -> Map.of("alpha", "alpha");
            default -> Map.of("axis", "axis");
        };
        Set<String> allowed = new java.util.HashSet<>(keys.keySet());
        allowed.addAll(Set.of("name", "trainable", "dtype"));
        config.onlyFields(allowed);
        Map<String, Double> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> key : keys.entrySet()) {
            if (config.has(key.getKey()) && !config.node().get(key.getKey()).isNull()) {
                parameters.put(key.getValue(), config.number(key.getKey()));
            }
        }
        return parameters;
    }

    private static boolean sameConfig(Map<String, Double> a, Map<String, Double> b) {
        return a.equals(b);
    }

    static Initializer initializer(JsonCursor config, String field, String defaultName)
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
            } else if (spec.className().equals("PReLU")) {
                total += width; // alpha: one slope per column
            } else if (spec.className().equals("BatchNormalization")) {
                total += 2.0 * width; // the moving statistics, at least (gamma and beta are optional)
            }
        }
        // base64 stores 3 bytes in 4 characters: a file of N bytes holds at most 3N/4 bytes of weights
        if (sourceBytes >= 0 && total * bytesPerValue > sourceBytes * 0.75 + 16) {
            throw at.error("the architecture needs " + (long) total + " weights but the file is only " + sourceBytes
                    + " bytes; it is corrupt or truncated");
        }
    }

}
