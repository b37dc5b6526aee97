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
 * <p>A layer computes its pre-activation ({@link #preActivation}) and the gradients of its weights
 * ({@link #backward}); its activation is applied by the model's one forward pass ({@link Pass}). At inference the
 * layer allocates its outputs and only reads the weights, so any number of threads may run it at once; in training it
 * reuses buffers it owns and keeps what the backward pass needs (one training thread at a time).
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
     * the place its backward pass writes their gradients; {@code owner} keeps a Java copy of all weights, in which
     * this layer's start at {@code offset}. The model calls this to pack every weight into one flat buffer.
     */
    abstract void bind(List<INDArray> views, List<INDArray> gradients, ModelWeights owner, int offset);

    /** Keras's {@code layer(x)} at inference: a new array {@code [n, outputSize]}; thread-safe. */
    public final INDArray call(INDArray input) {
        ModelWeights owner = weightsOwner();
        List<INDArray> weights = weights();
        DataType type = weights.isEmpty() ? input.dataType() : weights.get(0).dataType();
        Batch batch = new Batch.Dense(input.dataType() == type ? input : input.castTo(type));
        return owner == null ? Pass.infer(List.of(this), batch, false).output()
                : owner.read(() -> Pass.infer(List.of(this), batch, false).output());
    }

    /** The model weights this layer's weights belong to (for their lock), or null for a layer without weights. */
    ModelWeights weightsOwner() {
        return null;
    }

    /** Whether the layer computes in float32 (the Java kernels for few rows need it); true without weights. */
    boolean computesInFloat() {
        return weights().stream().allMatch(w -> w.dataType() == DataType.FLOAT);
    }

    /**
     * The pre-activation for {@code input}. At inference ({@code training} false) a new batch the caller owns; in
     * training the layer's own buffer, valid until the next training call, and the layer keeps what
     * {@link #backward} needs.
     */
    abstract Batch preActivation(Batch input, boolean training);

    /**
     * The pre-activation at inference on a few rows held in Java (layers that {@link #computesInFloat}): reads
     * {@code rows} rows of {@code inputSize} values from {@code x[xFrom]} and writes {@code rows * outputSize} values
     * to {@code z[0]}, allocating nothing.
     */
    abstract void preActivationInJava(float[] x, int xFrom, int rows, float[] z, InferenceScratch scratch);

    /**
     * Backward pass from the gradient with respect to the last training pre-activation: writes the weight gradients
     * and returns the gradient with respect to the input (null when {@code needInputGradient} is false).
     */
    abstract INDArray backward(INDArray gradPreActivation, boolean needInputGradient);

    /** The error for a batch whose width is not this layer's input width. */
    final IllegalArgumentException widthError(Batch input) {
        return new IllegalArgumentException(className() + " '" + name + "' expects " + inputSize
                + " input columns, got [" + input.rows() + ", " + input.columns() + "].");
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
