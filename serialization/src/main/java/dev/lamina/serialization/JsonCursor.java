package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A JSON node together with its path, whose typed getters raise {@link ModelFormatException} naming that path. */
record JsonCursor(JsonNode node, String path) {

    JsonCursor child(String field) {
        return new JsonCursor(node.get(field), path.isEmpty() ? field : path + "." + field);
    }

    boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    JsonCursor object(String field) throws ModelFormatException {
        JsonCursor child = child(field);
        if (child.node == null || !child.node.isObject()) {
            throw child.error("expected an object, found " + describe(child.node));
        }
        return child;
    }

    List<JsonCursor> array(String field) throws ModelFormatException {
        JsonCursor child = child(field);
        if (child.node == null || !child.node.isArray()) {
            throw child.error("expected an array, found " + describe(child.node));
        }
        List<JsonCursor> items = new ArrayList<>();
        for (int i = 0; i < child.node.size(); i++) {
            items.add(new JsonCursor(child.node.get(i), child.path + "[" + i + "]"));
        }
        return items;
    }

    String text(String field) throws ModelFormatException {
        JsonCursor child = child(field);
        if (child.node == null || !child.node.isTextual()) {
            throw child.error("expected a string, found " + describe(child.node));
        }
        return child.node.textValue();
    }

    String textOr(String field, String defaultValue) throws ModelFormatException {
        return has(field) ? text(field) : defaultValue;
    }

    boolean bool(String field, boolean defaultValue) throws ModelFormatException {
        if (!has(field)) {
            return defaultValue;
        }
        JsonCursor child = child(field);
        if (!child.node.isBoolean()) {
            throw child.error("expected true or false, found " + describe(child.node));
        }
        return child.node.booleanValue();
    }

    double number(String field) throws ModelFormatException {
        JsonCursor child = child(field);
        if (child.node == null || !child.node.isNumber()) {
            throw child.error("expected a number, found " + describe(child.node));
        }
        double value = child.node.doubleValue();
        if (!Double.isFinite(value)) {
            throw child.error("expected a finite number, found " + child.node);
        }
        return value;
    }

    /** An integer in [min, max]. */
    long integer(String field, long min, long max) throws ModelFormatException {
        JsonCursor child = child(field);
        return child.asInteger(min, max);
    }

    long asInteger(long min, long max) throws ModelFormatException {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("expected an integer, found " + describe(node));
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw error("expected an integer in [" + min + ", " + max + "], found " + value);
        }
        return value;
    }

    /** A flat map of numbers (nulls kept as null); booleans count as 1/0, as activation configs store them. */
    Map<String, Double> numbers(String field) throws ModelFormatException {
        return numbers(field, Set.of());
    }

    /** As {@link #numbers(String)}, leaving out the keys in {@code except}. */
    Map<String, Double> numbers(String field, Set<String> except) throws ModelFormatException {
        Map<String, Double> values = new LinkedHashMap<>();
        if (!has(field)) {
            return values;
        }
        JsonCursor object = object(field);
        Iterator<Map.Entry<String, JsonNode>> fields = object.node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (except.contains(entry.getKey())) {
                continue;
            }
            JsonNode value = entry.getValue();
            JsonCursor at = object.child(entry.getKey());
            if (value.isNull()) {
                values.put(entry.getKey(), null);
            } else if (value.isBoolean()) {
                values.put(entry.getKey(), value.booleanValue() ? 1.0 : 0.0);
            } else if (value.isNumber() && Double.isFinite(value.doubleValue())) {
                values.put(entry.getKey(), value.doubleValue());
            } else {
                throw at.error("expected a finite number, true/false or null, found " + describe(value));
            }
        }
        return values;
    }

    /** Fails on any field not in {@code allowed}. */
    void onlyFields(Set<String> allowed) throws ModelFormatException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw child(name).error("unexpected field; allowed here: " + allowed);
            }
        }
    }

    /** This object's fields as {@link #plainValue} values, in file order. */
    Map<String, Object> plainFields() throws ModelFormatException {
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            String key = fields.next().getKey();
            values.put(key, child(key).plainValue());
        }
        return values;
    }

    /**
     * A config value as Java: null, a string, true/false, a whole number (long), a finite number, or a list of finite
     * numbers.
     */
    Object plainValue() throws ModelFormatException {
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber() && Double.isFinite(node.doubleValue())) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<Double> items = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isNumber() || !Double.isFinite(item.doubleValue())) {
                    throw error("expected a list of finite numbers, found " + describe(node));
                }
                items.add(item.doubleValue());
            }
            return items;
        }
        throw error("expected a string, a finite number, true/false, null or a list of numbers, found "
                + describe(node));
    }

    ModelFormatException error(String message) {
        return new ModelFormatException(path, message);
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing (the field is missing)";
        }
        if (node.isNull()) {
            return "null";
        }
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
