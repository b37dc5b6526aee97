package dev.lamina.core.loss;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keras's losses by name (and Keras's aliases).
 *
 * <pre>{@code
 * Loss loss = Losses.get("binary_crossentropy");
 * Loss smoothed = Losses.get("categorical_crossentropy", Map.of("label_smoothing", 0.1));
 * }</pre>
 *
 * <p>Names: {@code binary_crossentropy} ({@code bce}), {@code categorical_crossentropy},
 * {@code sparse_categorical_crossentropy}, {@code binary_focal_crossentropy}, {@code categorical_focal_crossentropy},
 * {@code mean_squared_error} ({@code mse}), {@code mean_absolute_error} ({@code mae}),
 * {@code mean_absolute_percentage_error} ({@code mape}), {@code mean_squared_logarithmic_error} ({@code msle}),
 * {@code huber}, {@code log_cosh} ({@code logcosh}), {@code hinge}, {@code squared_hinge}, {@code categorical_hinge},
 * {@code kl_divergence} ({@code kld}, {@code kullback_leibler_divergence}), {@code poisson},
 * {@code cosine_similarity}. Booleans in a config are 1 or 0; a key the loss does not take is an error.
 */
public final class Losses {

    private static final List<String> NAMES = List.of("binary_crossentropy (bce)", "categorical_crossentropy",
            "sparse_categorical_crossentropy", "binary_focal_crossentropy", "categorical_focal_crossentropy",
            "mean_squared_error (mse)", "mean_absolute_error (mae)", "mean_absolute_percentage_error (mape)",
            "mean_squared_logarithmic_error (msle)", "huber", "log_cosh (logcosh)", "hinge", "squared_hinge",
            "categorical_hinge", "kl_divergence (kld)", "poisson", "cosine_similarity");

    private static final Set<String> CROSSENTROPY = Set.of("from_logits", "label_smoothing");

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
        boolean logits = flag(config, "from_logits");
        double smoothing = config.getOrDefault("label_smoothing", 0.0);
        return switch (name) {
            case "binary_crossentropy", "bce" -> takes(name, config, CROSSENTROPY,
                    new BinaryCrossentropy(logits, smoothing));
            case "categorical_crossentropy" -> takes(name, config, CROSSENTROPY,
                    new CategoricalCrossentropy(logits, smoothing));
            case "sparse_categorical_crossentropy" -> takes(name, config, Set.of("from_logits"),
                    new SparseCategoricalCrossentropy(logits));
            case "binary_focal_crossentropy" -> takes(name, config,
                    Set.of("apply_class_balancing", "alpha", "gamma", "from_logits", "label_smoothing"),
                    new BinaryFocalCrossentropy(flag(config, "apply_class_balancing"),
                            config.getOrDefault("alpha", 0.25), config.getOrDefault("gamma", 2.0), logits,
                            smoothing));
            case "categorical_focal_crossentropy" -> takes(name, config,
                    Set.of("alpha", "gamma", "from_logits", "label_smoothing"),
                    new CategoricalFocalCrossentropy(config.getOrDefault("alpha", 0.25),
                            config.getOrDefault("gamma", 2.0), logits, smoothing));
            case "mean_squared_error", "mse" -> takes(name, config, Set.of(), new MeanSquaredError());
            case "mean_absolute_error", "mae" -> takes(name, config, Set.of(), new MeanAbsoluteError());
            case "mean_absolute_percentage_error", "mape" -> takes(name, config, Set.of(),
                    new MeanAbsolutePercentageError());
            case "mean_squared_logarithmic_error", "msle" -> takes(name, config, Set.of(),
                    new MeanSquaredLogarithmicError());
            case "huber", "huber_loss" -> takes(name, config, Set.of("delta"),
                    new Huber(config.getOrDefault("delta", 1.0)));
            case "log_cosh", "logcosh" -> takes(name, config, Set.of(), new LogCosh());
            case "hinge" -> takes(name, config, Set.of(), new Hinge());
            case "squared_hinge" -> takes(name, config, Set.of(), new SquaredHinge());
            case "categorical_hinge" -> takes(name, config, Set.of(), new CategoricalHinge());
            case "kl_divergence", "kld", "kullback_leibler_divergence" -> takes(name, config, Set.of(),
                    new KLDivergence());
            case "poisson" -> takes(name, config, Set.of(), new Poisson());
            case "cosine_similarity" -> takes(name, config, Set.of(), new CosineSimilarity());
            default -> throw new IllegalArgumentException("Unknown loss '" + name + "'. Known: "
                    + String.join(", ", NAMES) + ".");
        };
    }

    private static boolean flag(Map<String, Double> config, String key) {
        return config.getOrDefault(key, 0.0) != 0.0;
    }

    /** {@code loss}, after checking that {@code config} has no key besides {@code keys}. */
    private static Loss takes(String name, Map<String, Double> config, Set<String> keys, Loss loss) {
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(keys);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Loss '" + name + "' does not take " + unknown + "; it takes "
                    + (keys.isEmpty() ? "no parameters" : new TreeSet<>(keys)) + ".");
        }
        return loss;
    }
}
