package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code Activation} layer: applies an activation (by name or as an object) to the previous layer's output;
 * it has no weights.
 *
 * <pre>{@code
 * model.add(new Dense(16));
 * model.add(new Activation(x -> x.mul(Transforms.sigmoid(x.mul(1.5)))));
 * model.add(new Activation("softmax"));
 * }</pre>
 */
public final class Activation extends WeightlessLayer {

    private final ActivationFunction function;

    /** A built-in or registered activation by name. */
    public Activation(String name) {
        this(Activations.get(name));
    }

    /** An activation object. */
    public Activation(ActivationFunction function) {
        this.function = Objects.requireNonNull(function, "activation is null");
    }

    /**
     * An anonymous custom function; it is named {@code custom}. To save the model, use
     * {@link ActivationFunction#named(String, java.util.function.UnaryOperator)} instead.
     */
    public Activation(java.util.function.UnaryOperator<INDArray> function) {
        this(ActivationFunction.named("custom", function));
    }

    /** Names the layer (otherwise {@code activation}, {@code activation_1}, ...). */
    public Activation name(String name) {
        rename(name);
        return this;
    }

    /** Keras's {@code trainable} flag (no weights here, so it changes nothing but the saved config). */
    @Override
    public Activation trainable(boolean trainable) {
        super.trainable(trainable);
        return this;
    }

    @Override
    public String className() {
        return "Activation";
    }

    @Override
    public ActivationFunction activation() {
        return function;
    }

    @Override
    Batch preActivation(Batch input, boolean training) {
        if (input.columns() != inputSize()) {
            throw widthError(input);
        }
        if (training) {
            return input; // the pass applies the activation into its own buffer
        }
        return input.copy();
    }

    @Override
    INDArray backward(INDArray gradPreActivation, boolean needInputGradient) {
        return gradPreActivation;
    }

    @Override
    public String toString() {
        return "Activation[" + name() + ", " + function.name() + "]";
    }
}
