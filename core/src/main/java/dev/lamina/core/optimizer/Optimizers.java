package dev.lamina.core.optimizer;

import java.util.Map;

/**
 * Keras's optimizers by name, with Keras's defaults or a saved config.
 *
 * <pre>{@code
 * Optimizer rmsprop = Optimizers.get("rmsprop");
 * }</pre>
 *
 * <p>Names (Keras's, case-insensitive): {@code sgd}, {@code rmsprop}, {@code adam}, {@code adamw}, {@code adagrad},
 * {@code nadam}, {@code adamax}, {@code adadelta}, {@code lion}, {@code ftrl}.
 */
public final class Optimizers {

    private Optimizers() {
    }

    /** The optimizer called {@code name} with Keras's defaults. */
    public static Optimizer get(String name) {
        return get(name, Map.of());
    }

    /** The optimizer called {@code name}, built from {@code config} (as {@link Optimizer#config()} gives it). */
    public static Optimizer get(String name, Map<String, Double> config) {
        if (name == null) {
            throw new IllegalArgumentException("Optimizer name is null. Use e.g. \"rmsprop\" or \"adam\".");
        }
        Optimizer optimizer = switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "sgd" -> new SGD(value(config, "learning_rate", 0.01), value(config, "momentum", 0.0),
                    value(config, "nesterov", 0.0) != 0.0);
            case "rmsprop" -> new RMSprop(value(config, "learning_rate", 0.001), value(config, "rho", 0.9),
                    value(config, "momentum", 0.0), value(config, "epsilon", 1e-7),
                    value(config, "centered", 0.0) != 0.0);
            case "adam" -> new Adam(value(config, "learning_rate", 0.001), value(config, "beta_1", 0.9),
                    value(config, "beta_2", 0.999), value(config, "epsilon", 1e-7),
                    value(config, "amsgrad", 0.0) != 0.0);
            case "adamw" -> new AdamW(value(config, "learning_rate", 0.001), value(config, "weight_decay", 0.004),
                    value(config, "beta_1", 0.9), value(config, "beta_2", 0.999), value(config, "epsilon", 1e-7),
                    value(config, "amsgrad", 0.0) != 0.0);
            case "adagrad" -> new Adagrad(value(config, "learning_rate", 0.001),
                    value(config, "initial_accumulator_value", 0.1), value(config, "epsilon", 1e-7));
            case "nadam" -> new Nadam(value(config, "learning_rate", 0.001), value(config, "beta_1", 0.9),
                    value(config, "beta_2", 0.999), value(config, "epsilon", 1e-7));
            case "adamax" -> new Adamax(value(config, "learning_rate", 0.001), value(config, "beta_1", 0.9),
                    value(config, "beta_2", 0.999), value(config, "epsilon", 1e-7));
            case "adadelta" -> new Adadelta(value(config, "learning_rate", 0.001), value(config, "rho", 0.95),
                    value(config, "epsilon", 1e-7));
            case "lion" -> new Lion(value(config, "learning_rate", 0.001), value(config, "beta_1", 0.9),
                    value(config, "beta_2", 0.99));
            case "ftrl" -> new Ftrl(value(config, "learning_rate", 0.001), value(config, "learning_rate_power", -0.5),
                    value(config, "initial_accumulator_value", 0.1), value(config, "l1_regularization_strength", 0.0),
                    value(config, "l2_regularization_strength", 0.0),
                    value(config, "l2_shrinkage_regularization_strength", 0.0), value(config, "beta", 0.0));
            default -> throw new IllegalArgumentException("Unknown optimizer '" + name
                    + "'. Known: sgd, rmsprop, adam, adamw, adagrad, nadam, adamax, adadelta, lion, ftrl.");
        };
        return optimizer.withCommonOptions(config);
    }

    private static double value(Map<String, Double> config, String key, double defaultValue) {
        Double value = config.get(key);
        return value == null ? defaultValue : value;
    }
}
