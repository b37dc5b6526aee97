package dev.lamina.core.init;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import dev.lamina.core.init.VarianceScaling.Distribution;
import dev.lamina.core.init.VarianceScaling.Mode;

/**
 * Keras's initializers by name.
 *
 * <pre>{@code
 * Initializer init = Initializers.get("lecun_normal");
 * }</pre>
 *
 * <p>Names: {@code glorot_uniform} (the Dense default), {@code glorot_normal}, {@code he_normal}, {@code he_uniform},
 * {@code lecun_normal}, {@code lecun_uniform}, {@code random_normal}, {@code random_uniform},
 * {@code truncated_normal}, {@code zeros}, {@code ones}, {@code constant}, {@code variance_scaling}.
 */
public final class Initializers {

    private Initializers() {
    }

    /** The initializer called {@code name}, with Keras's defaults. */
    public static Initializer get(String name) {
        return get(name, Map.of());
    }

    /** The initializer called {@code name}, built from {@code config} (as {@link Initializer#config()} gives it). */
    public static Initializer get(String name, Map<String, Double> config) {
        if (name == null) {
            throw new IllegalArgumentException("Initializer name is null. Use e.g. \"glorot_uniform\".");
        }
        return switch (name) {
            case "glorot_uniform" -> new VarianceScaling(1.0, Mode.FAN_AVG, Distribution.UNIFORM);
            case "glorot_normal" -> new VarianceScaling(1.0, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL);
            case "he_normal" -> new VarianceScaling(2.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
            case "he_uniform" -> new VarianceScaling(2.0, Mode.FAN_IN, Distribution.UNIFORM);
            case "lecun_normal" -> new VarianceScaling(1.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
            case "lecun_uniform" -> new VarianceScaling(1.0, Mode.FAN_IN, Distribution.UNIFORM);
            case "variance_scaling" -> new VarianceScaling(config.getOrDefault("scale", 1.0),
                    Mode.values()[index(config, "mode", Mode.values().length)],
                    Distribution.values()[index(config, "distribution", Distribution.values().length)]);
            case "random_normal" -> new RandomNormal(config.getOrDefault("mean", 0.0),
                    config.getOrDefault("stddev", 0.05));
            case "random_uniform" -> new RandomUniform(config.getOrDefault("minval", -0.05),
                    config.getOrDefault("maxval", 0.05));
            case "truncated_normal" -> new TruncatedNormal(config.getOrDefault("mean", 0.0),
                    config.getOrDefault("stddev", 0.05));
            case "zeros" -> Constant.ZEROS;
            case "ones" -> Constant.ONES;
            case "constant" -> new Constant(config.getOrDefault("value", 0.0));
            default -> throw new IllegalArgumentException("Unknown initializer '" + name + "'. Known: "
                    + String.join(", ", names()) + ".");
        };
    }

    private static int index(Map<String, Double> config, String key, int size) {
        double value = config.getOrDefault(key, 0.0);
        if (value != Math.rint(value) || value < 0 || value >= size) {
            throw new IllegalArgumentException("variance_scaling: " + key + " must be an index below " + size
                    + ". Received: " + value);
        }
        return (int) value;
    }

    /** Every known name, sorted. */
    public static List<String> names() {
        return List.copyOf(new TreeSet<>(List.of("glorot_uniform", "glorot_normal", "he_normal", "he_uniform",
                "lecun_normal", "lecun_uniform", "variance_scaling", "random_normal", "random_uniform",
                "truncated_normal", "zeros", "ones", "constant")));
    }
}
