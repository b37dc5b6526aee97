package dev.lamina.core.regularizer;

import java.util.Map;
import java.util.Set;

/**
 * Keras's regularizers by name or config ({@code keras.regularizers.get}).
 *
 * <p>Names: {@code l1} / {@code L1} (default 0.01), {@code l2} / {@code L2} (default 0.01), {@code l1_l2} /
 * {@code l1l2} / {@code L1L2} (defaults 0 and 0, as Keras 3's {@code L1L2()}; tf.keras 2's {@code l1_l2} function
 * defaulted to 0.01 each, so give the factors).
 *
 * <pre>{@code
 * Regularizer r = Regularizers.get("L2", Map.of("l2", 1e-4));   // {"class_name": "L2", "config": {"l2": 0.0001}}
 * Regularizer s = Regularizers.l1l2(1e-5, 1e-4);
 * }</pre>
 */
public final class Regularizers {

    private Regularizers() {
    }

    public static Regularizer l1(double l1) {
        return new L1(l1);
    }

    public static Regularizer l2(double l2) {
        return new L2(l2);
    }

    public static Regularizer l1l2(double l1, double l2) {
        return new L1L2(l1, l2);
    }

    /** The regularizer called {@code name} with Keras's defaults. */
    public static Regularizer get(String name) {
        return get(name, Map.of());
    }

    /** The regularizer called {@code name} (a Keras class name or its snake_case alias), built from {@code config}. */
    public static Regularizer get(String name, Map<String, Double> config) {
        if (name == null) {
            throw new IllegalArgumentException("Regularizer name is null. Use \"l1\", \"l2\" or \"l1_l2\".");
        }
        return switch (name) {
            case "l1", "L1" -> {
                only(name, config, Set.of("l1"));
                yield new L1(factor(config, "l1", 0.01));
            }
            case "l2", "L2" -> {
                only(name, config, Set.of("l2"));
                yield new L2(factor(config, "l2", 0.01));
            }
            case "l1_l2", "l1l2", "L1L2" -> {
                only(name, config, Set.of("l1", "l2"));
                yield new L1L2(factor(config, "l1", 0.0), factor(config, "l2", 0.0));
            }
            default -> throw new IllegalArgumentException("Unknown regularizer '" + name + "'. Known: l1, l2, l1_l2 "
                    + "(or Keras's class names L1, L2, L1L2).");
        };
    }

    private static double factor(Map<String, Double> config, String key, double defaultValue) {
        Double value = config.get(key);
        return value == null ? defaultValue : value;
    }

    private static void only(String name, Map<String, Double> config, Set<String> keys) {
        for (String key : config.keySet()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException("Regularizer '" + name + "' takes " + keys + "; received the key '"
                        + key + "'.");
            }
        }
    }

    static void checkFactor(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Regularizer factor " + name + " must be a finite number >= 0. "
                    + "Received: " + name + "=" + value);
        }
    }
}
