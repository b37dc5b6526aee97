package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One stage of a {@link Sequential} model: maps {@code [n, inputSize]} to {@code [n, outputSize]}, holds its own
 * weights, and computes its backward pass beside its forward pass.
 *
 * <p>Inference ({@link #call}) allocates its outputs and only reads the weights, so any number of threads may call it
 * at once. Training ({@link #forward}, {@link #backward}) reuses buffers the layer owns and is single-threaded.
 *
 * <pre>{@code
 * Layer hidden = new Dense(16, "relu");
 * }</pre>
 */
public abstract class Layer {

    private String name;
    private long inputSize = -1;

    protected Layer(String name) {
        this.name = name;
    }

    /** The layer's name ({@code dense}, {@code dense_1}, ... when the model assigns it). */
    public String name() {
        return name;
    }

    /** Gives the layer a name; only before it is added to a model. */
    void assignName(String name) {
        this.name = name;
    }

    /** Keras's class name ({@code Dense}, {@code Activation}). */
    public abstract String className();

    /** Width of the output, known once the input width is. */
    public abstract long outputSize();

    /** The input width this layer was declared or built with, or -1 if not yet known. */
    public long inputSize() {
        return inputSize;
    }

    /** Whether the layer has its input width and weights. */
    public boolean isBuilt() {
        return inputSize >= 0;
    }

    /** Creates the weights for {@code inputSize} input columns, drawing random values from {@code random}. */
    final void build(long inputSize, Random random, DataType dataType) {
        if (inputSize <= 0) {
            throw new IllegalArgumentException(className() + " '" + name + "' needs a positive input size. Received: "
                    + inputSize);
        }
        createWeights(inputSize, random, dataType);
        this.inputSize = inputSize;
    }

    protected abstract void createWeights(long inputSize, Random random, DataType dataType);

    /** The activation applied last by this layer, if any (used to fuse it with the loss). */
    public abstract ActivationFunction activation();

    /** The weight tensors, in Keras's order (kernel, bias); empty for layers without weights. */
    public abstract List<INDArray> weights();

    /** Names of {@link #weights()} ({@code kernel}, {@code bias}). */
    public abstract List<String> weightNames();

    /**
     * Makes the layer use {@code views} (same shapes as {@link #weights()}) as its weights and {@code gradients} as
     * the place its backward pass writes their gradients. The model calls this to pack every weight into one flat
     * buffer.
     */
    abstract void bind(List<INDArray> views, List<INDArray> gradients);

    /** Inference: a new array {@code [n, outputSize]}; thread-safe. */
    public abstract INDArray call(INDArray input);

    /** Inference up to the activation: the pre-activation (logits) as a new array; thread-safe. */
    public abstract INDArray callPreActivation(INDArray input);

    /** Training forward pass; remembers what the backward pass needs. The result is owned by the layer. */
    abstract INDArray forward(INDArray input);

    /** The pre-activation of the last {@link #forward} (the logits when the activation is fused with the loss). */
    abstract INDArray preActivation();

    /**
     * Backward pass from the gradient with respect to the pre-activation: writes the weight gradients and returns the
     * gradient with respect to the input (or null when {@code needInputGradient} is false).
     */
    abstract INDArray backwardFromPreActivation(INDArray gradPreActivation, boolean needInputGradient);

    /** Backward pass from the gradient with respect to the output. */
    final INDArray backward(INDArray gradOutput, INDArray output, boolean needInputGradient) {
        INDArray z = preActivation();
        INDArray gradPre = activation().backprop(z, output, gradOutput);
        return backwardFromPreActivation(gradPre, needInputGradient);
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        long count = 0;
        for (INDArray w : weights()) {
            count += w.length();
        }
        return count;
    }
}
