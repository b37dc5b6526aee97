package dev.lamina.core.loss;

import java.util.Map;

/**
 * Keras's losses by name (and the usual short aliases).
 *
 * <pre>{@code
 * Loss loss = Losses.get("binary_crossentropy");
 * }</pre>
 *
 * <p>Names: {@code binary_crossentropy}, {@code categorical_crossentropy}, {@code sparse_categorical_crossentropy},
 * {@code mean_squared_error} ({@code mse}), {@code mean_absolute_error} ({@code mae}), {@code huber}.
 */
public final class Losses {

    private Losses() {
    }

    /** The loss called {@code name}, with Keras's defaults. */
    public static Loss get(String name) {
        return get(name, Map.of());
    }

    /** The loss called {@code name}, built from {@code config} (as {@link Loss#config()} gives it). */
    public static Loss get(String name, Map<String, Double> config) {
        if (name == null) {
            throw new IllegalArgumentException("Loss name is null. Use e.g. \"binary_crossentropy\".");
        }
        boolean logits = config.getOrDefault("from_logits", 0.0) != 0.0;
        return switch (name) {
            case "binary_crossentropy" -> new BinaryCrossentropy(logits);
            case "categorical_crossentropy" -> new CategoricalCrossentropy(logits);
            case "sparse_categorical_crossentropy" -> new SparseCategoricalCrossentropy(logits);
            case "mean_squared_error", "mse" -> new MeanSquaredError();
            case "mean_absolute_error", "mae" -> new MeanAbsoluteError();
            case "huber", "huber_loss" -> new Huber(config.getOrDefault("delta", 1.0));
            default -> throw new IllegalArgumentException("Unknown loss '" + name + "'. Known: binary_crossentropy, "
                    + "categorical_crossentropy, sparse_categorical_crossentropy, mean_squared_error (mse), "
                    + "mean_absolute_error (mae), huber.");
        };
    }
}
