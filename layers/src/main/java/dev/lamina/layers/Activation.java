package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
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
public final class Activation extends Layer {

    private final ActivationFunction function;
    private INDArray lastInput;
    private INDArray lastOutput;

    /** A built-in or registered activation by name. */
    public Activation(String name) {
        this(Activations.get(name));
    }

    /** An activation object. */
    public Activation(ActivationFunction function) {
        super(null);
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
        if (isBuilt()) {
            throw new IllegalStateException("Activation '" + name() + "' is already built; name it before adding it.");
        }
        assignName(name);
        return this;
    }

    @Override
    public String className() {
        return "Activation";
    }

    @Override
    public long outputSize() {
        return inputSize();
    }

    @Override
    public ActivationFunction activation() {
        return function;
    }

    @Override
    protected void createWeights(long inputSize, Random random, DataType dataType) {
        // no weights
    }

    @Override
    public List<INDArray> weights() {
        return List.of();
    }

    @Override
    public List<String> weightNames() {
        return List.of();
    }

    @Override
    void bind(List<INDArray> views, List<INDArray> gradients) {
        // no weights
    }

    @Override
    public INDArray call(INDArray input) {
        if (input.size(1) != inputSize()) {
            throw new IllegalArgumentException("Activation '" + name() + "' expects " + inputSize()
                    + " input columns, got " + java.util.Arrays.toString(input.shape()) + ".");
        }
        return function.apply(input);
    }

    @Override
    public INDArray callPreActivation(INDArray input) {
        return input.dup();
    }

    @Override
    INDArray forward(INDArray input) {
        lastInput = input;
        lastOutput = function.apply(input);
        return lastOutput;
    }

    @Override
    INDArray preActivation() {
        return lastInput;
    }

    @Override
    INDArray backwardFromPreActivation(INDArray gradPreActivation, boolean needInputGradient) {
        return gradPreActivation;
    }

    @Override
    public String toString() {
        return "Activation[" + name() + ", " + function.name() + "]";
    }
}
