package dev.lamina.core.schedule;

import java.util.List;
import java.util.Map;

/**
 * Learning-rate schedules by Keras class name, from a saved config (the keys Keras writes; missing optional keys take
 * Keras's defaults).
 *
 * <pre>{@code
 * LearningRateSchedule s = LearningRateSchedules.get("ExponentialDecay",
 *         Map.of("initial_learning_rate", 0.1, "decay_steps", 1000, "decay_rate", 0.96));
 * }</pre>
 */
public final class LearningRateSchedules {

    private static final List<String> NAMES = List.of("ExponentialDecay", "InverseTimeDecay", "PiecewiseConstantDecay",
            "PolynomialDecay", "CosineDecay", "CosineDecayRestarts");

    private LearningRateSchedules() {
    }

    /** The schedule {@code className} with {@code config}; an unknown name or a missing key is an error. */
    public static LearningRateSchedule get(String className, Map<String, ?> config) {
        return switch (className) {
            case "ExponentialDecay" -> new ExponentialDecay(number(config, "initial_learning_rate"),
                    steps(config, "decay_steps"), number(config, "decay_rate"), flag(config, "staircase", false));
            case "InverseTimeDecay" -> new InverseTimeDecay(number(config, "initial_learning_rate"),
                    steps(config, "decay_steps"), number(config, "decay_rate"), flag(config, "staircase", false));
            case "PiecewiseConstantDecay" -> new PiecewiseConstantDecay(
                    numbers(config, "boundaries").stream().mapToLong(Number::longValue).toArray(),
                    numbers(config, "values").stream().mapToDouble(Number::doubleValue).toArray());
            case "PolynomialDecay" -> new PolynomialDecay(number(config, "initial_learning_rate"),
                    steps(config, "decay_steps"), optional(config, "end_learning_rate", 0.0001),
                    optional(config, "power", 1.0), flag(config, "cycle", false));
            case "CosineDecay" -> new CosineDecay(number(config, "initial_learning_rate"),
                    steps(config, "decay_steps"), optional(config, "alpha", 0.0),
                    config.get("warmup_target") == null ? null : number(config, "warmup_target"),
                    config.get("warmup_steps") == null ? 0 : steps(config, "warmup_steps"));
            case "CosineDecayRestarts" -> new CosineDecayRestarts(number(config, "initial_learning_rate"),
                    steps(config, "first_decay_steps"), optional(config, "t_mul", 2.0), optional(config, "m_mul", 1.0),
                    optional(config, "alpha", 0.0));
            default -> throw new IllegalArgumentException("Unknown learning rate schedule '" + className + "'. Known: "
                    + NAMES);
        };
    }

    static void requireRate(String schedule, String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(schedule + ": " + key + " must be a finite number >= 0. Received: "
                    + value);
        }
    }

    static void requirePositive(String schedule, String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(schedule + ": " + key + " must be > 0. Received: " + value);
        }
    }

    private static double number(Map<String, ?> config, String key) {
        if (!(config.get(key) instanceof Number value)) {
            throw new IllegalArgumentException("learning rate schedule config: '" + key + "' must be a number. "
                    + "Received: " + config.get(key));
        }
        return value.doubleValue();
    }

    private static long steps(Map<String, ?> config, String key) {
        double value = number(config, key);
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException("learning rate schedule config: '" + key + "' must be a whole number "
                    + "of steps. Received: " + value);
        }
        return (long) value;
    }

    private static double optional(Map<String, ?> config, String key, double fallback) {
        return config.get(key) == null ? fallback : number(config, key);
    }

    private static boolean flag(Map<String, ?> config, String key, boolean fallback) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException("learning rate schedule config: '" + key + "' must be true or false. "
                    + "Received: " + value);
        }
        return b;
    }

    private static List<Number> numbers(Map<String, ?> config, String key) {
        if (!(config.get(key) instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof Number)) {
            throw new IllegalArgumentException("learning rate schedule config: '" + key + "' must be a list of "
                    + "numbers. Received: " + config.get(key));
        }
        return list.stream().map(v -> (Number) v).toList();
    }
}
