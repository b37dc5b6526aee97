package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Losses;
import dev.lamina.core.loss.Reduction;
import dev.lamina.core.metric.Metrics;
import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.core.optimizer.Optimizers;
import dev.lamina.core.schedule.LearningRateSchedule;
import dev.lamina.layers.Sequential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a loaded model as Keras's {@code load_model(path)} does (its {@code compile=True} default): from a Keras 3
 * {@code compile_config} (the inverse of {@link KerasCompileConfig}) or a legacy {@code .h5} file's
 * {@code training_config} (Keras 1.2 to 3: {@code optimizer_config}, Keras 1/2's {@code lr}, {@code decay} 0,
 * {@code Custom>Adam}, per-output metric lists). What Lamina lacks (an optimizer, loss or metric class or key it does
 * not have, {@code loss_weights}, {@code weighted_metrics}) leaves the model uncompiled with a logged warning that
 * names it, as Keras warns when it cannot compile.
 *
 * <pre>{@code
 * boolean compiled = KerasCompileReader.compile(model, config.get("compile_config"), "m.keras!config.json");
 * }</pre>
 */
final class KerasCompileReader {

    private static final System.Logger LOG = System.getLogger(KerasCompileReader.class.getName());

    /** Config keys that do not change the maths: Keras's bookkeeping. */
    private static final Set<String> IGNORED_OPTIMIZER_KEYS = Set.of("name", "jit_compile", "is_legacy_optimizer");
    private static final Set<String> BASE_OPTIMIZER_KEYS = Set.of("learning_rate", "weight_decay", "clipnorm",
            "global_clipnorm", "clipvalue", "use_ema", "ema_momentum", "ema_overwrite_frequency",
            "gradient_accumulation_steps");
    private static final Set<String> IGNORED_COMPILE_KEYS = Set.of("run_eagerly", "steps_per_execution",
            "jit_compile", "auto_scale_loss", "sample_weight_mode");

    /**
     * Keras metric keys whose Keras default is what Lamina's metric classes compute (AUC's interpolated sum, labels
     * given as probabilities): dropped when they hold that default, refused otherwise.
     */
    private static final Map<String, JsonNode> KERAS_METRIC_DEFAULTS = Map.of(
            "summation_method", JsonNodeFactory.instance.textNode("interpolation"),
            "from_logits", JsonNodeFactory.instance.booleanNode(false));

    private KerasCompileReader() {
    }

    /** Why a compile config cannot be followed: becomes the warning. */
    private static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Compiles {@code model} from a Keras 3 {@code compile_config} ({@code legacy} false) or a legacy
     * {@code training_config} ({@code legacy} true); null or {@code {}} means not compiled. Returns whether it did.
     */
    static boolean compile(Sequential model, JsonNode config, boolean legacy, String where) {
        if (config == null || config.isNull() || (config.isObject() && config.isEmpty())) {
            return false;
        }
        try {
            if (!config.isObject()) {
                throw new Unsupported("expected an object, found " + JsonCursor.describe(config));
            }
            String optimizerKey = legacy ? "optimizer_config" : "optimizer";
            for (Iterator<String> keys = config.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                JsonNode value = config.get(key);
                boolean empty = value.isNull() || (value.isContainerNode() && value.isEmpty());
                switch (key) {
                    case "optimizer", "optimizer_config", "loss", "metrics" -> {
                        if (!key.equals(optimizerKey) && key.startsWith("optimizer")) {
                            throw new Unsupported("unexpected key '" + key + "'");
                        }
                    }
                    case "loss_weights", "weighted_metrics" -> {
                        if (!empty) {
                            throw new Unsupported(key + " " + value + ", which Lamina's compile does not take");
                        }
                    }
                    default -> {
                        if (!IGNORED_COMPILE_KEYS.contains(key)) {
                            throw new Unsupported("unknown compile argument '" + key + "'");
                        }
                        if (key.equals("sample_weight_mode") && !value.isNull()) {
                            throw new Unsupported("sample_weight_mode " + value);
                        }
                    }
                }
            }
            Optimizer optimizer = optimizer(config.get(optimizerKey));
            Loss loss = loss(config.get("loss"));
            List<Object> metrics = metrics(config.get("metrics"), where);
            try {
                model.compile(optimizer, loss, metrics.toArray());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new Unsupported(e.getMessage());
            }
            return true;
        } catch (Unsupported e) {
            LOG.log(System.Logger.Level.WARNING, where + ": the model's " + (legacy ? "training_config" : "compile_config")
                    + " cannot be followed (" + e.getMessage() + "), so the model was *not* compiled; compile it "
                    + "before fit");
            return false;
        }
    }

    private static Optimizer optimizer(JsonNode node) throws Unsupported {
        if (node == null || node.isNull()) {
            throw new Unsupported("no optimizer");
        }
        if (node.isTextual()) {
            return optimizer(node.textValue(), Map.of(), null);
        }
        if (!node.isObject() || !node.path("class_name").isTextual()) {
            throw new Unsupported("optimizer: expected {\"class_name\": ..., \"config\": {...}}, found "
                    + JsonCursor.describe(node));
        }
        String module = node.path("module").asText("keras.optimizers");
        if (!module.equals("keras.optimizers") && !module.equals("null")) {
            throw new Unsupported("optimizer module '" + module + "'");
        }
        String className = node.get("class_name").textValue();
        if (className.startsWith("Custom>")) { // tf.keras 2.11-2.15 name their new optimizers so
            className = className.substring("Custom>".length());
        }
        String name = className.toLowerCase(Locale.ROOT);
        if (!KerasCompileConfig.OPTIMIZER_CLASSES.containsKey(name)) {
            throw new Unsupported("optimizer class '" + className + "', which Lamina does not have (it has "
                    + String.join(", ", KerasCompileConfig.OPTIMIZER_CLASSES.values()) + ")");
        }
        JsonNode config = node.path("config");
        Map<String, Double> values = new HashMap<>();
        LearningRateSchedule schedule = null;
        Set<String> known = new HashSet<>(BASE_OPTIMIZER_KEYS);
        known.addAll(Optimizers.get(name).config().keySet());
        for (Iterator<String> keys = config.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            JsonNode value = config.get(key);
            String target = key.equals("lr") ? "learning_rate" : key; // Keras 1 and 2's name
            if (IGNORED_OPTIMIZER_KEYS.contains(key) || value.isNull()) {
                continue;
            }
            if (key.equals("decay")) { // Keras 1/2's time-based decay: only its default 0 means nothing
                if (!value.isNumber() || value.doubleValue() != 0.0) {
                    throw new Unsupported("optimizer decay " + value + " (Keras 2's time-based decay; Lamina uses "
                            + "a learning-rate schedule instead)");
                }
                continue;
            }
            if (target.equals("learning_rate") && value.isObject()) {
                try {
                    schedule = ScheduleJson.read(new JsonCursor(value, "optimizer.config.learning_rate"));
                } catch (ModelFormatException e) {
                    throw new Unsupported("learning-rate schedule: " + e.getMessage());
                }
                values.put(target, schedule.at(0));
                continue;
            }
            if (!known.contains(target)) {
                throw new Unsupported(className + " config key '" + key + "' = " + value + ", which Lamina's "
                        + name + " does not take");
            }
            if (value.isBoolean()) {
                values.put(target, value.booleanValue() ? 1.0 : 0.0);
            } else if (value.isNumber()) {
                values.put(target, value.doubleValue());
            } else {
                throw new Unsupported(className + " config key '" + key + "': expected a number, found "
                        + JsonCursor.describe(value));
            }
        }
        if (values.getOrDefault("use_ema", 0.0) == 0.0) {
            values.remove("ema_momentum"); // Keras writes it with use_ema off; it means nothing then
            values.remove("ema_overwrite_frequency");
        }
        return optimizer(name, values, schedule);
    }

    private static Optimizer optimizer(String name, Map<String, Double> values, LearningRateSchedule schedule)
            throws Unsupported {
        try {
            Optimizer optimizer = Optimizers.get(name, values);
            optimizer.learningRateSchedule(schedule);
            return optimizer;
        } catch (IllegalArgumentException e) {
            throw new Unsupported(e.getMessage());
        }
    }

    private static Loss loss(JsonNode node) throws Unsupported {
        if (node == null || node.isNull()) {
            throw new Unsupported("no loss");
        }
        try {
            if (node.isTextual()) {
                return Losses.get(node.textValue());
            }
            if (!node.isObject() || !node.path("class_name").isTextual()) {
                throw new Unsupported("loss " + JsonCursor.describe(node) + " (one loss per output?); Lamina's "
                        + "models have one output");
            }
            String className = node.get("class_name").textValue();
            JsonNode config = node.path("config");
            if (className.equals("function") && config.isTextual()) { // a loss function as Keras 3 serializes it
                return Losses.get(config.textValue());
            }
            String name = null;
            for (Map.Entry<String, String> entry : KerasCompileConfig.LOSS_CLASSES.entrySet()) {
                if (entry.getValue().equals(className)) {
                    name = entry.getKey();
                }
            }
            if (name == null) {
                throw new Unsupported("loss class '" + className + "', which Lamina does not have");
            }
            Set<String> takes = Losses.get(name).config().keySet();
            Map<String, Double> values = new HashMap<>();
            Reduction reduction = Reduction.SUM_OVER_BATCH_SIZE;
            for (Iterator<String> keys = config.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                JsonNode value = config.get(key);
                if (key.equals("name") || value.isNull()
                        || (key.equals("axis") && !takes.contains(key) && value.asInt(0) == -1)) {
                    continue; // the name is a label; axis -1 is the only axis of a Lamina output
                }
                if (key.equals("reduction")) {
                    reduction = Reduction.of(value.asText());
                } else if (value.isBoolean()) {
                    values.put(key, value.booleanValue() ? 1.0 : 0.0);
                } else if (value.isNumber()) {
                    values.put(key, value.doubleValue());
                } else {
                    throw new Unsupported(className + " config key '" + key + "': " + value);
                }
            }
            Loss loss = Losses.get(name, values);
            return reduction == loss.reduction() ? loss : loss.withReduction(reduction);
        } catch (IllegalArgumentException e) {
            throw new Unsupported(e.getMessage());
        }
    }

    private static List<Object> metrics(JsonNode node, String where) throws Unsupported {
        List<Object> metrics = new ArrayList<>();
        if (node == null || node.isNull()) {
            return metrics;
        }
        if (!node.isArray()) {
            throw new Unsupported("metrics " + JsonCursor.describe(node) + " (per output?); Lamina's models have one "
                    + "output");
        }
        if (node.size() == 1 && node.get(0).isArray()) {
            node = node.get(0); // tf.keras 2's per-output lists, of a one-output model
        }
        for (int i = 0; i < node.size(); i++) {
            metrics.add(metric(node.get(i), where + " metrics[" + i + "]"));
        }
        return metrics;
    }

    private static Object metric(JsonNode node, String where) throws Unsupported {
        try {
            if (node.isObject()) {
                String className = node.path("class_name").asText();
                JsonNode config = node.path("config");
                if (className.equals("MeanMetricWrapper") && config.path("fn").isTextual()) {
                    return name(config.get("fn").textValue()); // tf.keras 2: "accuracy" as binary_accuracy, ...
                }
                if (className.equals("function") && config.isTextual()) {
                    return name(config.textValue());
                }
                ObjectNode plain = ((ObjectNode) node).deepCopy();
                plain.remove(List.of("module", "registered_name"));
                if (plain.get("config") instanceof ObjectNode values) {
                    List<String> takes = Metrics.CONFIG_KEYS.getOrDefault(className, List.of());
                    values.properties().removeIf(entry -> !takes.contains(entry.getKey())
                            && (entry.getKey().equals("name") || entry.getValue().isNull()
                            || entry.getValue().equals(KERAS_METRIC_DEFAULTS.get(entry.getKey()))));
                }
                return MetricJson.read(new JsonCursor(plain, where));
            }
            if (node.isTextual()) {
                return name(node.textValue());
            }
            throw new Unsupported("metric " + JsonCursor.describe(node));
        } catch (ModelFormatException e) {
            throw new Unsupported(e.getMessage());
        }
    }

    private static String name(String metric) throws Unsupported {
        try {
            Metrics.check(metric);
            return metric;
        } catch (IllegalArgumentException e) {
            throw new Unsupported(e.getMessage());
        }
    }
}
