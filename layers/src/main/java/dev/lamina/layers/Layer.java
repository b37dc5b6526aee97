package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.regularizer.Regularizer;
import java.util.ArrayList;
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
 * <p>Weights are trainable (stepped by the optimizer) or not (Keras's non-trainable weights, such as
 * {@link BatchNormalization}'s moving statistics, which the layer updates itself); {@link #trainable(boolean)} false
 * freezes all of a layer's weights, as Keras's {@code layer.trainable = False}. {@link #weights()} lists every weight
 * in Keras's order whatever its trainability.
 *
 * <pre>{@code
 * Layer hidden = new Dense(16, "relu");
 * hidden.trainable(false);   // frozen: fit leaves its weights as they are
 * }</pre>
 */
public abstract class Layer {

    private String name;
    private long inputSize = -1;
    private boolean trainable = true;
    private Regularizer activityRegularizer;
    /** The model weights this layer's weights are packed into, and each weight's position in them. */
    private ModelWeights packedBy;
    private int[] hostOffsets = new int[0];

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

    /** Names the layer before it joins a model (each layer's chainable {@code name}); the name must be non-blank. */
    protected final void setName(String name) {
        checkNotBuilt("name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A layer name must be non-blank");
        }
        assignName(name);
    }

    /** Throws if the layer is built: {@code what} (a setting) can only be set before the layer joins a model. */
    protected final void checkNotBuilt(String what) {
        if (isBuilt()) {
            throw new IllegalStateException(className() + " '" + name + "' is already built; set " + what
                    + " before adding it to a model.");
        }
    }

    /** Keras's class name ({@code Dense}, {@code Activation}). */
    public abstract String className();

    /** Width of the output, known once the input width is. */
    public abstract long outputSize();

    /** The input width declared before building (Keras's {@code input_dim}), or -1 when inferred. */
    public long declaredInputSize() {
        return -1;
    }

    /** Whether the optimizer trains this layer's weights (Keras's {@code layer.trainable}; default true). */
    public boolean trainable() {
        return trainable;
    }

    /**
     * Freezes ({@code false}) or unfreezes the layer, as Keras's {@code layer.trainable = value}: a frozen layer's
     * weights are all non-trainable (the optimizer neither steps, decays, clips nor constrains them, and their
     * regularizers add nothing), and a frozen {@link BatchNormalization} normalizes with its moving statistics in
     * training too. In a built model the weights are repacked (trainable ones first); set it before {@code fit}, and
     * after changing it on a model that has trained, compile again with a fresh optimizer (as Keras asks), since the
     * optimizer's slots follow the trainable weights.
     */
    public Layer trainable(boolean trainable) {
        if (this.trainable != trainable) {
            this.trainable = trainable;
            if (packedBy != null) {
                packedBy.repack();
            }
        }
        return this;
    }

    /** The regularizer of this layer's output (Keras's {@code activity_regularizer}), or null. */
    public Regularizer activityRegularizer() {
        return activityRegularizer;
    }

    /** Sets the activity regularizer (subclasses expose it with their own chainable setter). */
    protected void setActivityRegularizer(Regularizer regularizer) {
        this.activityRegularizer = regularizer;
    }

    /**
     * Whether weight {@code index} of {@link #weights()} is trainable while the layer is (Keras's
     * {@code add_weight(trainable=...)}); moving statistics are not.
     */
    boolean trainableWeight(int index) {
        return true;
    }

    /** Whether weight {@code index} of {@link #weights()} is trained now: the layer and the weight are trainable. */
    public final boolean isTrainableWeight(int index) {
        return trainable && trainableWeight(index);
    }

    /** The trainable weights, in {@link #weights()} order (Keras's {@code trainable_weights}). */
    public final List<INDArray> trainableWeights() {
        return select(true);
    }

    /** The non-trainable weights, in {@link #weights()} order (Keras's {@code non_trainable_weights}). */
    public final List<INDArray> nonTrainableWeights() {
        return select(false);
    }

    private List<INDArray> select(boolean trained) {
        List<INDArray> all = weights();
        List<INDArray> selected = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (isTrainableWeight(i) == trained) {
                selected.add(all.get(i));
            }
        }
        return selected;
    }

    /** Number of trainable scalars. */
    public final long trainableParameterCount() {
        long count = 0;
        for (INDArray w : trainableWeights()) {
            count += w.length();
        }
        return count;
    }

    /**
     * The penalty of this layer's weight regularizers on its trainable weights (Keras's weight part of
     * {@code layer.losses}); 0 without regularizers.
     */
    double regularizationLoss() {
        return 0;
    }

    /**
     * Writes updates of non-trainable weights computed by the last training forward pass (moving statistics) into the
     * weights, and into {@code hostCopy} (the model's Java copy, or null) at their {@link #hostOffset}s. Called under
     * the model's write lock, before the optimizer step.
     */
    void commitStatistics(float[] hostCopy) {
        // no statistics
    }

    /** Applies the weight constraints after an optimizer step (Keras's optimizer does), keeping {@code hostCopy}. */
    void applyConstraints(float[] hostCopy) {
        // no constraints
    }

    /** Records where the model packed this layer's weights (one offset per weight, in {@link #weights()} order). */
    final void packedInto(ModelWeights owner, int[] offsets) {
        this.packedBy = owner;
        this.hostOffsets = offsets.clone();
    }

    /** The position of weight {@code index} in the model's flat weights and their Java copy. */
    final int hostOffset(int index) {
        return hostOffsets[index];
    }

    /** The model weights this layer was packed into, or null. */
    final ModelWeights packedBy() {
        return packedBy;
    }

    /** Copies {@code weight} (a contiguous float32 view) into {@code hostCopy} at weight {@code index}'s offset. */
    final void copyToHost(int index, INDArray weight, float[] hostCopy) {
        if (hostCopy != null) {
            dev.lamina.core.HostFloats.buffer(weight).get(0, hostCopy, hostOffset(index), (int) weight.length());
        }
    }

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

    /** Number of scalars in all weights, trainable or not (Keras's {@code count_params()}). */
    public long parameterCount() {
        long count = 0;
        for (INDArray w : weights()) {
            count += w.length();
        }
        return count;
    }
}
