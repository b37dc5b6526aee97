package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras activation layer with fixed parameters ({@link LeakyReLU}, {@link ReLU}, {@link ELU}, {@link Softmax}): no
 * weights, and its activation is one of core's functions, so that each formula and its derivative exist once. The
 * model's pass applies the activation (in training, and at inference in ND4J or in Java on few rows) exactly as it
 * applies a {@link Dense} layer's.
 *
 * <pre>{@code
 * model.add(new Dense(16, "linear", 100));
 * model.add(new LeakyReLU());          // an ActivationLayer: leaky_relu with negative_slope 0.3
 * }</pre>
 */
abstract class ActivationLayer extends WeightlessLayer {

    private final ActivationFunction function;

    ActivationLayer(ActivationFunction function) {
        this.function = Objects.requireNonNull(function, "activation");
    }

    @Override
    public final ActivationFunction activation() {
        return function;
    }

    @Override
    final Batch preActivation(Batch input, boolean training) {
        if (input.columns() != inputSize()) {
            throw widthError(input);
        }
        return training ? input : input.copy(); // in training the pass applies the activation into its own buffer
    }

    @Override
    final INDArray backward(INDArray gradPreActivation, boolean needInputGradient) {
        return gradPreActivation; // the pass has applied the activation's backward already
    }
}
