package dev.lamina.examples.reviews;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Sequential;
import java.util.Arrays;
import java.util.Map;

/**
 * The model the {@code train} commands build: hidden {@link Dense} layers over the vocabulary's columns, then one
 * sigmoid unit, compiled for binary cross-entropy with accuracy; and the options that shape it ({@code --units},
 * default {@code 16,16}; {@code --learning-rate}, else the optimizer's default).
 *
 * <pre>{@code
 * Sequential model = ReviewModel.compiled(ReviewModel.units(options), Activations.get("relu"), 10_000, 1,
 *         Optimizers.get("rmsprop", ReviewModel.optimizerConfig(options)));
 * }</pre>
 */
final class ReviewModel {

    private ReviewModel() {
    }

    /** {@code --units 16,16}: the sizes of the hidden layers, each positive. */
    static int[] units(Options options) {
        return Arrays.stream(options.text("--units", "16,16").split(",")).mapToInt(s -> {
            try {
                int u = Integer.parseInt(s.trim());
                if (u > 0) {
                    return u;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--units takes positive layer sizes separated by commas, e.g. 16,16");
        }).toArray();
    }

    /** The optimizer's config: {@code learning_rate} from {@code --learning-rate}, or empty for its default. */
    static Map<String, Double> optimizerConfig(Options options) {
        return options.text("--learning-rate", null) == null ? Map.of()
                : Map.of("learning_rate", options.number("--learning-rate", 1e-3));
    }

    /** Hidden layers of {@code units} with {@code hidden}, over {@code inputs} columns, then one sigmoid unit. */
    static Sequential compiled(int[] units, ActivationFunction hidden, int inputs, long seed, Optimizer optimizer) {
        Sequential model = new Sequential("movie_reviews").seed(seed);
        model.add(new Dense(units[0], hidden, inputs));
        for (int i = 1; i < units.length; i++) {
            model.add(new Dense(units[i], hidden));
        }
        model.add(new Dense(1, "sigmoid"));
        model.compile(optimizer, "binary_crossentropy", "accuracy");
        return model;
    }
}
