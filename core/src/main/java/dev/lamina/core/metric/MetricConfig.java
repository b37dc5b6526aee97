package dev.lamina.core.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A metric's config map being read back ({@link Metrics#fromConfig}): every key must be one the class takes, and each
 * typed getter names the class and key in its error. Keras's {@code dtype} is accepted as {@code "float32"} or null.
 *
 * <pre>{@code
 * MetricConfig c = new MetricConfig("Precision", config, List.of("name", "thresholds", "top_k", "class_id"));
 * Integer topK = c.integerOrNull("top_k");
 * }</pre>
 */
final class MetricConfig {

    private final String className;
    private final Map<String, Object> values;

    MetricConfig(String className, Map<String, Object> values, List<String> keys) {
        this.className = className;
        this.values = values;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String key = entry.getKey();
            if ("dtype".equals(key)) {
                if (entry.getValue() != null && !"float32".equals(entry.getValue())) {
                    throw error(key, "Lamina's metrics compute in float64 and accept dtype \"float32\" or null",
                            entry.getValue());
                }
            } else if (!keys.contains(key)) {
                throw new IllegalArgumentException(className + " has no config key '" + key + "'. Its keys: "
                        + String.join(", ", keys) + ".");
            }
        }
    }

    String name(String defaultName) {
        Object value = values.get("name");
        if (value == null) {
            return defaultName;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw error("name", "expected a non-blank string", value);
        }
        return text;
    }

    String text(String key, String defaultValue) {
        if (!values.containsKey(key)) {
            return defaultValue;
        }
        Object value = values.get(key);
        if (value != null && !(value instanceof String)) {
            throw error(key, "expected a string or null", value);
        }
        return (String) value;
    }

    double number(String key, double defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number number)) {
            throw error(key, "expected a number", value);
        }
        return number.doubleValue();
    }

    Double numberOrNull(String key) {
        Object value = values.get(key);
        return value == null ? null : number(key, 0);
    }

    Integer integerOrNull(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || Math.abs(number.doubleValue()) > Integer.MAX_VALUE) {
            throw error(key, "expected an integer or null", value);
        }
        return number.intValue();
    }

    int integer(String key, int defaultValue) {
        Integer value = integerOrNull(key);
        return value == null ? defaultValue : value;
    }

    boolean bool(String key, boolean defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean flag)) {
            throw error(key, "expected true or false", value);
        }
        return flag;
    }

    /** A number or a list of numbers (Keras writes {@code thresholds} either way), or null. */
    double[] numbersOrNull(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return new double[] {number.doubleValue()};
        }
        if (value instanceof double[] array) {
            return array.clone();
        }
        if (value instanceof List<?> list) {
            double[] numbers = new double[list.size()];
            for (int i = 0; i < numbers.length; i++) {
                if (!(list.get(i) instanceof Number number)) {
                    throw error(key, "expected a list of numbers", value);
                }
                numbers[i] = number.doubleValue();
            }
            return numbers;
        }
        throw error(key, "expected a number, a list of numbers or null", value);
    }

    /** {@code values} as the list a config holds (so that configs compare with {@code equals}), or null. */
    static List<Double> list(double[] values) {
        if (values == null) {
            return null;
        }
        List<Double> list = new ArrayList<>();
        Arrays.stream(values).forEach(list::add);
        return list;
    }

    private IllegalArgumentException error(String key, String expected, Object value) {
        String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        return new IllegalArgumentException(className + " config '" + key + "': " + expected + ". Received: " + shown);
    }
}
