package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.metric.Metric;
import dev.lamina.core.metric.Metrics;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of {@code compile_config.metrics}: a name ({@code "accuracy"}, {@code "mae"}) for a name given to compile
 * or a built-in with its default settings, else Keras's {@code {"class_name": "Precision", "config": {"name": ...,
 * "top_k": 2, ...}}}. Read back through {@link Metrics#fromConfig}'s allow-list: an unknown class or key is an error
 * naming its JSON path.
 *
 * <pre>{@code
 * MetricJson.write(metricsArray, new Precision(null, 2, null));
 * Object metric = MetricJson.read(cursor);   // a String or a Metric, for compile
 * }</pre>
 */
final class MetricJson {

    /** The most AUC thresholds a file may ask for (Keras's default is 200). */
    static final int MAX_AUC_THRESHOLDS = 100_000;

    private MetricJson() {
    }

    /** Adds {@code metric} (a name or a {@link Metric}) to {@code metrics}. */
    static void write(ArrayNode metrics, Object metric) {
        if (metric instanceof String name) {
            metrics.add(name);
            return;
        }
        Metric object = (Metric) metric;
        String name = Metrics.nameOf(object);
        if (name != null) {
            metrics.add(name);
            return;
        }
        if (object.className() == null) {
            throw new IllegalArgumentException("The model file holds built-in metrics only; metric '" + object.name()
                    + "' is a " + object.getClass().getName() + ". Compile with built-in metrics (names or "
                    + "Metrics.CONFIG_KEYS classes) before saving, and compute this one on predict's output.");
        }
        ObjectNode node = metrics.addObject();
        node.put("class_name", object.className());
        ObjectNode config = node.putObject("config");
        for (Map.Entry<String, Object> entry : object.config().entrySet()) {
            Object value = entry.getValue();
            String key = entry.getKey();
            if (value == null) {
                config.putNull(key);
            } else if (value instanceof String text) {
                config.put(key, text);
            } else if (value instanceof Boolean flag) {
                config.put(key, flag);
            } else if (value instanceof Integer || value instanceof Long) {
                config.put(key, ((Number) value).longValue());
            } else if (value instanceof Number number) {
                config.put(key, number.doubleValue());
            } else {
                ArrayNode array = config.putArray(key);
                for (Object item : (List<?>) value) {
                    array.add(((Number) item).doubleValue());
                }
            }
        }
    }

    /** A name (checked to exist) or the metric a class-and-config object describes. */
    static Object read(JsonCursor metric) throws ModelFormatException {
        JsonNode node = metric.node();
        if (node != null && node.isTextual()) {
            try {
                Metrics.check(node.textValue());
            } catch (IllegalArgumentException e) {
                throw metric.error(e.getMessage());
            }
            return node.textValue();
        }
        if (node == null || !node.isObject()) {
            throw metric.error("expected a metric name or {\"class_name\": ..., \"config\": {...}}, found "
                    + JsonCursor.describe(node));
        }
        metric.onlyFields(Set.of("class_name", "config"));
        String className = metric.text("class_name");
        List<String> keys = Metrics.CONFIG_KEYS.get(className);
        if (keys == null) {
            throw metric.child("class_name").error("'" + className + "' is not a metric class Lamina reads. Known: "
                    + String.join(", ", Metrics.CONFIG_KEYS.keySet()) + ".");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        JsonCursor at = metric;
        if (metric.has("config")) {
            JsonCursor config = metric.object("config");
            Set<String> allowed = new HashSet<>(keys);
            allowed.add("dtype");
            config.onlyFields(allowed);
            values.putAll(config.plainFields());
            at = config;
            JsonNode thresholds = config.node().get("num_thresholds");
            if ("AUC".equals(className) && thresholds != null && thresholds.isNumber()
                    && thresholds.doubleValue() > MAX_AUC_THRESHOLDS) { // each costs memory: a hostile file's guard
                throw config.child("num_thresholds").error("at most " + MAX_AUC_THRESHOLDS + " in a model file, found "
                        + thresholds);
            }
        }
        try {
            return Metrics.fromConfig(className, values);
        } catch (IllegalArgumentException e) {
            throw at.error(e.getMessage());
        }
    }
}
