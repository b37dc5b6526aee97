package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.constraint.Constraint;
import dev.lamina.core.constraint.Constraints;
import dev.lamina.core.regularizer.Regularizer;
import dev.lamina.core.regularizer.Regularizers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Regularizers and constraints in a layer config, as Keras writes them: {@code null} for none,
 * {@code {"class_name": "L2", "config": {"l2": 0.0001}}} (Keras 3 adds {@code module} and {@code registered_name},
 * accepted on reading), or a name ({@code "l2"}, {@code "l1_l2"}, {@code "max_norm"}) with Keras's defaults. Only the
 * built-ins are read (an allow-list, nothing by reflection).
 *
 * <pre>{@code
 * Regularizer r = RegularizerJson.regularizer(config, "kernel_regularizer");   // null when absent or null
 * config.set("kernel_regularizer", RegularizerJson.write(dense.kernelRegularizer()));
 * }</pre>
 */
final class RegularizerJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> OBJECT_FIELDS = Set.of("class_name", "config", "module", "registered_name");

    private RegularizerJson() {
    }

    /** The regularizer at {@code config.field}, or null when it is absent or null. */
    static Regularizer regularizer(JsonCursor config, String field) throws ModelFormatException {
        if (!config.has(field)) {
            return null;
        }
        JsonCursor at = config.child(field);
        Named named = named(at, "regularizer");
        try {
            return Regularizers.get(named.name(), named.config());
        } catch (IllegalArgumentException e) {
            throw at.error(e.getMessage());
        }
    }

    /** The constraint at {@code config.field}, or null when it is absent or null. */
    static Constraint constraint(JsonCursor config, String field) throws ModelFormatException {
        if (!config.has(field)) {
            return null;
        }
        JsonCursor at = config.child(field);
        Named named = named(at, "constraint");
        try {
            return Constraints.get(named.name(), named.config());
        } catch (IllegalArgumentException e) {
            throw at.error(e.getMessage());
        }
    }

    private record Named(String name, Map<String, Double> config) {
    }

    private static Named named(JsonCursor at, String what) throws ModelFormatException {
        JsonNode node = at.node();
        if (node.isTextual()) {
            return new Named(node.textValue(), Map.of());
        }
        if (!node.isObject()) {
            throw at.error("expected a " + what + " name, object or null, found " + JsonCursor.describe(node));
        }
        at.onlyFields(OBJECT_FIELDS);
        Map<String, Double> config = new LinkedHashMap<>();
        if (at.has("config")) {
            JsonCursor values = at.object("config");
            java.util.Iterator<String> keys = values.node().fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                JsonCursor value = values.child(key);
                if (key.equals("axis") && value.node().isArray() && value.node().size() == 1) {
                    value = new JsonCursor(value.node().get(0), value.path() + "[0]"); // Keras 2: axis [0]
                }
                if (value.node().isNull()) {
                    continue; // Keras: None takes the default
                }
                if (!value.node().isNumber() || !Double.isFinite(value.node().doubleValue())) {
                    throw value.error("expected a finite number, found " + JsonCursor.describe(value.node()));
                }
                config.put(key, value.node().doubleValue());
            }
        }
        return new Named(at.text("class_name"), config);
    }

    /** {@code {"class_name": ..., "config": {...}}}, or JSON null for none. */
    static JsonNode write(Regularizer regularizer) {
        return regularizer == null ? JSON.nullNode() : object(regularizer.className(), regularizer.config(), Set.of());
    }

    /** {@code {"class_name": ..., "config": {...}}} with {@code axis} as an integer, or JSON null for none. */
    static JsonNode write(Constraint constraint) {
        return constraint == null ? JSON.nullNode()
                : object(constraint.className(), constraint.config(), Set.of("axis"));
    }

    private static ObjectNode object(String className, Map<String, Double> config, Set<String> integers) {
        ObjectNode node = JSON.objectNode();
        node.put("class_name", className);
        ObjectNode values = node.putObject("config");
        config.forEach((key, value) -> {
            if (integers.contains(key)) {
                values.put(key, value.intValue());
            } else {
                values.put(key, value);
            }
        });
        return node;
    }
}
