package dev.lamina.core.constraint;

import java.util.Map;
import java.util.Set;

/**
 * Keras's constraints by name or config ({@code keras.constraints.get}): {@code max_norm} / {@code MaxNorm},
 * {@code non_neg} / {@code NonNeg}, {@code unit_norm} / {@code UnitNorm}, {@code min_max_norm} / {@code MinMaxNorm},
 * each with Keras's defaults for keys the config leaves out.
 *
 * <pre>{@code
 * Constraint c = Constraints.get("MaxNorm", Map.of("max_value", 3.0, "axis", 0.0));
 * }</pre>
 */
public final class Constraints {

    private Constraints() {
    }

    /** The constraint called {@code name} with Keras's defaults. */
    public static Constraint get(String name) {
        return get(name, Map.of());
    }

    /** The constraint called {@code name}, built from {@code config} (as {@link Constraint#config()} gives it). */
    public static Constraint get(String name, Map<String, Double> config) {
        if (name == null) {
            throw new IllegalArgumentException("Constraint name is null. Use \"max_norm\", \"non_neg\", \"unit_norm\" "
                    + "or \"min_max_norm\".");
        }
        return switch (name) {
            case "max_norm", "MaxNorm" -> {
                only(name, config, Set.of("max_value", "axis"));
                yield new MaxNorm(value(config, "max_value", 2.0), axis(config));
            }
            case "non_neg", "NonNeg" -> {
                only(name, config, Set.of());
                yield new NonNeg();
            }
            case "unit_norm", "UnitNorm" -> {
                only(name, config, Set.of("axis"));
                yield new UnitNorm(axis(config));
            }
            case "min_max_norm", "MinMaxNorm" -> {
                only(name, config, Set.of("min_value", "max_value", "rate", "axis"));
                yield new MinMaxNorm(value(config, "min_value", 0.0), value(config, "max_value", 1.0),
                        value(config, "rate", 1.0), axis(config));
            }
            default -> throw new IllegalArgumentException("Unknown constraint '" + name + "'. Known: max_norm, "
                    + "non_neg, unit_norm, min_max_norm (or Keras's class names MaxNorm, NonNeg, UnitNorm, "
                    + "MinMaxNorm).");
        };
    }

    private static double value(Map<String, Double> config, String key, double defaultValue) {
        Double value = config.get(key);
        return value == null ? defaultValue : value;
    }

    private static int axis(Map<String, Double> config) {
        double axis = value(config, "axis", 0.0);
        if (axis != Math.rint(axis)) {
            throw new IllegalArgumentException("A constraint's axis must be an integer. Received: axis=" + axis);
        }
        return (int) axis;
    }

    private static void only(String name, Map<String, Double> config, Set<String> keys) {
        for (String key : config.keySet()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException("Constraint '" + name + "' takes " + keys + "; received the key '"
                        + key + "'.");
            }
        }
    }
}
