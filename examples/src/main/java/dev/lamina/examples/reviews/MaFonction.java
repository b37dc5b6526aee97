package dev.lamina.examples.reviews;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import java.util.Map;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The seed article's custom activation, {@code maFonction(x) = x * sigmoid(beta * x)}, with its parameter
 * {@code beta} saved in the model file. A program must call {@link #register()} before loading a model that uses it.
 *
 * <pre>{@code
 * MaFonction.register();
 * Sequential model = Sequential.load(Path.of("out/movie-reviews/model.json"));
 * }</pre>
 */
public final class MaFonction {

    public static final String NAME = "maFonction";

    private MaFonction() {
    }

    /** The activation with a given beta. */
    public static ActivationFunction withBeta(double beta) {
        return ActivationFunction.named(NAME, Map.of("beta", beta),
                x -> x.mul(Transforms.sigmoid(x.mul(beta), false)));
    }

    /** Registers {@code maFonction} so that models using it (with any beta) can be loaded. Idempotent. */
    public static void register() {
        if (!Activations.isRegistered(NAME)) {
            Activations.registerFactory(NAME, config -> withBeta(config.getOrDefault("beta", 1.0)));
        }
    }
}
