package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Losses;
import dev.lamina.core.loss.Reduction;
import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.layers.Sequential;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code compile_config} of a Keras 3 model config, as Keras 3.10 serializes {@code model.compile(...)}: the
 * optimizer as {@code keras.optimizers.<Class>} with Keras's full config (the base optimizer's keys with Keras's
 * defaults unless Lamina's config sets them, booleans as booleans), the loss as its name when it has Keras's defaults
 * and else as a {@code keras.losses} object, metrics as names or {@code keras.metrics} objects, and Keras's
 * remaining compile arguments with their defaults.
 *
 * <pre>{@code
 * ObjectNode compile = KerasCompileConfig.of(model);   // {"optimizer": {"module": "keras.optimizers", ...}, ...}
 * }</pre>
 */
final class KerasCompileConfig {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Keras's optimizer classes and, as Keras 3.10 names them by default, their {@code name}. */
    static final Map<String, String> OPTIMIZER_CLASSES = Map.of(
            "sgd", "SGD", "rmsprop", "RMSprop", "adam", "Adam", "adamw", "AdamW", "adagrad", "Adagrad",
            "nadam", "Nadam", "adamax", "Adamax", "adadelta", "Adadelta", "lion", "Lion", "ftrl", "Ftrl");

    private static final Set<String> BOOLEAN_KEYS = Set.of("centered", "amsgrad", "nesterov", "use_ema",
            "from_logits", "apply_class_balancing");
    private static final Set<String> INTEGER_KEYS = Set.of("ema_overwrite_frequency", "gradient_accumulation_steps",
            "axis");

    static final Map<String, String> LOSS_CLASSES = Map.ofEntries(
            Map.entry("binary_crossentropy", "BinaryCrossentropy"),
            Map.entry("categorical_crossentropy", "CategoricalCrossentropy"),
            Map.entry("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy"),
            Map.entry("binary_focal_crossentropy", "BinaryFocalCrossentropy"),
            Map.entry("categorical_focal_crossentropy", "CategoricalFocalCrossentropy"),
            Map.entry("mean_squared_error", "MeanSquaredError"),
            Map.entry("mean_absolute_error", "MeanAbsoluteError"),
            Map.entry("mean_absolute_percentage_error", "MeanAbsolutePercentageError"),
            Map.entry("mean_squared_logarithmic_error", "MeanSquaredLogarithmicError"),
            Map.entry("huber", "Huber"), Map.entry("log_cosh", "LogCosh"), Map.entry("hinge", "Hinge"),
            Map.entry("squared_hinge", "SquaredHinge"), Map.entry("categorical_hinge", "CategoricalHinge"),
            Map.entry("kl_divergence", "KLDivergence"), Map.entry("poisson", "Poisson"),
            Map.entry("cosine_similarity", "CosineSimilarity"));

    private KerasCompileConfig() {
    }

    /** The compile config of a compiled {@code model}. */
    static ObjectNode of(Sequential model) {
        ObjectNode node = JSON.objectNode();
        node.set("optimizer", optimizer(model.optimizer()));
        node.set("loss", loss(model.loss()));
        node.putNull("loss_weights");
        ArrayNode laminaMetrics = JSON.arrayNode();
        model.metrics().forEach(metric -> MetricJson.write(laminaMetrics, metric));
        if (laminaMetrics.isEmpty()) {
            node.putNull("metrics");
        } else {
            ArrayNode metrics = node.putArray("metrics");
            for (JsonNode metric : laminaMetrics) {
                if (metric.isTextual()) {
                    metrics.add(metric);
                } else {
                    ObjectNode config = (ObjectNode) metric.path("config").deepCopy();
                    if (!config.has("dtype")) {
                        config.put("dtype", "float32");
                    }
                    metrics.add(Keras3Config.kerasObject("keras.metrics", metric.path("class_name").asText(), config));
                }
            }
        }
        node.putNull("weighted_metrics");
        node.put("run_eagerly", false);
        node.put("steps_per_execution", 1);
        node.put("jit_compile", false);
        return node;
    }

    private static ObjectNode optimizer(Optimizer optimizer) {
        String className = OPTIMIZER_CLASSES.get(optimizer.name());
        if (className == null) {
            throw new IllegalArgumentException("Optimizer '" + optimizer.name() + "' has no Keras class; Keras 3 has "
                    + String.join(", ", OPTIMIZER_CLASSES.keySet()) + ".");
        }
        ObjectNode config = JSON.objectNode();
        config.put("name", className.equals("SGD") ? "SGD" : optimizer.name());
        Map<String, Double> values = optimizer.config();
        if (optimizer.learningRateSchedule() != null) {
            ScheduleJson.write(config.putObject("learning_rate"), optimizer.learningRateSchedule());
        } else {
            config.put("learning_rate", values.get("learning_rate"));
        }
        // the base optimizer's keys, each with Keras's default unless Lamina's config sets it
        for (String key : List.of("weight_decay", "clipnorm", "global_clipnorm", "clipvalue")) {
            putNumber(config, key, values.get(key));
        }
        config.put("use_ema", values.getOrDefault("use_ema", 0.0) != 0.0);
        config.put("ema_momentum", values.getOrDefault("ema_momentum", 0.99));
        putNumber(config, "ema_overwrite_frequency", values.get("ema_overwrite_frequency"));
        config.putNull("loss_scale_factor");
        putNumber(config, "gradient_accumulation_steps", values.get("gradient_accumulation_steps"));
        Set<String> base = Set.of("learning_rate", "weight_decay", "clipnorm", "global_clipnorm", "clipvalue",
                "use_ema", "ema_momentum", "ema_overwrite_frequency", "gradient_accumulation_steps");
        values.forEach((key, value) -> {
            if (!base.contains(key)) {
                putNumber(config, key, value);
            }
        });
        return Keras3Config.kerasObject("keras.optimizers", className, config);
    }

    /** A loss as Keras writes it: its name when compiled with Keras's defaults, else the loss object. */
    private static JsonNode loss(Loss loss) {
        boolean plain = loss.reduction() == Reduction.SUM_OVER_BATCH_SIZE
                && Losses.get(loss.name()).config().equals(loss.config());
        if (plain) {
            return JSON.textNode(loss.name());
        }
        String className = LOSS_CLASSES.get(loss.name());
        if (className == null) {
            throw new IllegalArgumentException("Loss '" + loss.name() + "' has no Keras class to write its "
                    + "parameters with; compile with its default parameters to save a .keras file.");
        }
        ObjectNode config = JSON.objectNode();
        config.put("name", loss.name());
        config.put("reduction", loss.reduction().kerasName());
        loss.config().forEach((key, value) -> putNumber(config, key, value));
        return Keras3Config.kerasObject("keras.losses", className, config);
    }

    /** A number from a Lamina config (where booleans are 1/0) as Keras types it; null stays null. */
    private static void putNumber(ObjectNode config, String key, Double value) {
        if (value == null) {
            config.putNull(key);
        } else if (BOOLEAN_KEYS.contains(key)) {
            config.put(key, value != 0.0);
        } else if (INTEGER_KEYS.contains(key) && value == Math.rint(value)) {
            config.put(key, value.longValue());
        } else {
            config.put(key, value);
        }
    }
}
